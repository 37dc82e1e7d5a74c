import { LspClient } from '../test/server/lspClient';
import { editorCapabilities } from './editorCapabilities';
import type { ParserFloor } from './parserFloor';
import { median, timeAsync, type Figure } from './stats';
import { serverEnv, serverExecArgv } from '../server/src/serverProcess';

/** Fresh servers each bench opens its file on, besides its first (long-lived) one. */
export const freshServerOpens = 8;

/**
 * didOpen → diagnostics on fresh servers, one open each: the first open of a session is the
 * slow one (nothing is compiled by V8 yet), and one sample of it on a shared machine varies by
 * ±20%, so the benches print the median of several (nine: the median of five moved by
 * 20% between two runs of one build, 293 and 357 ms). After each open, the parser floor runs
 * once (a fresh process parsing the same expressions with the upstream grammar alone), so both
 * are measured under the same load.
 */
export async function coldOpens(
  uri: string,
  languageId: string,
  text: string,
  count: number,
  floor?: ParserFloor,
): Promise<{ opens: number[]; floors: number[] }> {
  const opens: number[] = [];
  const floors: number[] = [];
  for (let i = 0; i < count; i++) {
    const client = await LspClient.start({ capabilities: editorCapabilities, nodeOptions: serverExecArgv, env: serverEnv });
    try {
      opens.push((await timeAsync(() => client.open(uri, languageId, text)))[0]);
    } finally {
      await client.stop();
    }
    if (floor) floors.push(floor.parseMs());
  }
  return { opens, floors };
}

/** The open figures both LSP benches print: the median against the goal, the spread, and the floor. */
export function openFigures(opens: readonly number[], floor: ParserFloor, floors: readonly number[]): Figure[] {
  const floorMs = median(floors);
  return [
    {
      name: `full open (didOpen → diagnostics), median of ${opens.length} fresh servers`,
      value: median(opens),
      unit: 'ms',
      goal: '≤ 300',
      baseline: { name: 'parser floor', value: floorMs },
    },
    {
      name: '  fastest / slowest of those opens',
      value: Math.min(...opens),
      unit: 'ms',
      baseline: { name: 'slowest', value: Math.max(...opens) },
    },
    {
      name: `  parser floor: lezer alone, cold, the ${floor.expressions.length} expressions (median of ${floors.length})`,
      value: floorMs,
      unit: 'ms',
    },
  ];
}
