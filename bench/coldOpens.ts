import { LspClient } from '../test/server/lspClient';
import { editorCapabilities } from './editorCapabilities';
import { median, timeAsync, type Figure } from './stats';
import { serverEnv, serverExecArgv } from '../server/src/serverProcess';

/**
 * didOpen → diagnostics on fresh servers, one open each: the first open of a session is the
 * slow one (nothing is compiled by V8 yet), and one sample of it on a shared machine varies by
 * ±20%, so the benches print the median of several.
 */
export async function coldOpens(uri: string, languageId: string, text: string, count: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const client = await LspClient.start({ capabilities: editorCapabilities, nodeOptions: serverExecArgv, env: serverEnv });
    try {
      times.push((await timeAsync(() => client.open(uri, languageId, text)))[0]);
    } finally {
      await client.stop();
    }
  }
  return times;
}

/** The open figures both LSP benches print: the median against the goal, and the spread. */
export function openFigures(opens: readonly number[], baseline: Figure['baseline']): Figure[] {
  return [
    {
      name: `full open (didOpen → diagnostics), median of ${opens.length} fresh servers`,
      value: median(opens),
      unit: 'ms',
      goal: '≤ 300',
      baseline,
    },
    {
      name: '  fastest / slowest of those opens',
      value: Math.min(...opens),
      unit: 'ms',
      baseline: { name: 'slowest', value: Math.max(...opens) },
    },
  ];
}
