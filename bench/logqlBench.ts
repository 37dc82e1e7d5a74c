import { LspClient } from '../test/server/lspClient';
import { editorCapabilities } from './editorCapabilities';
import { generateLokiRuleFile } from './generateLokiRules';
import { coldOpens, freshServerOpens, openFigures } from './coldOpens';
import { ParserFloor, ruleExpressions } from './parserFloor';
import { percentile, printFigures, timeAsync } from './stats';
import { serverEnv, serverExecArgv } from '../server/src/serverProcess';

interface Position {
  line: number;
  character: number;
}

/** Positions just after `needle` on every line containing it (up to `limit`). */
function positionsAfter(lines: readonly string[], needle: RegExp, limit: number): Position[] {
  const out: Position[] = [];
  lines.forEach((line, index) => {
    const match = needle.exec(line);
    if (match && out.length < limit) out.push({ line: index, character: match.index + match[0].length });
  });
  return out;
}

/** LogQL rule file over the LSP on stdio: completion latency and diagnostics on open. */
export async function logqlBench(): Promise<void> {
  const text = generateLokiRuleFile(10_000);
  const lines = text.split('\n');
  const uri = 'file:///bench/loki.rules.yaml';
  const client = await LspClient.start({ capabilities: editorCapabilities, nodeOptions: serverExecArgv, env: serverEnv });
  try {
    const [openMs, opened] = await timeAsync(() => client.open(uri, 'yaml', text));
    const request = (method: string, position: Position) => client.request(method, { textDocument: { uri }, position });

    // Baseline: a request the server answers without work (cursor on `groups:`).
    const baseline: number[] = [];
    for (let i = 0; i < 200; i++) baseline.push((await timeAsync(() => request('textDocument/hover', { line: 0, character: 1 })))[0]);

    const completionAt = [
      ...positionsAfter(lines, /sum by \(app\) \(rate\(/, 60), // a log range aggregation's argument
      ...positionsAfter(lines, /\{namespace="/, 60), // a label value
      ...positionsAfter(lines, /\| json \| /, 40), // the next pipeline stage
      ...positionsAfter(lines, /unwrap /, 40), // the unwrapped label
    ];
    const completion: number[] = [];
    let items = 0;
    for (const position of completionAt) {
      const [ms, result] = await timeAsync(() => request('textDocument/completion', position));
      completion.push(ms);
      items += (result as { items?: unknown[] } | null)?.items?.length ?? 0;
    }

    // The same text under another name: the server is warm, its expression memos are not shared.
    const [warmOpenMs] = await timeAsync(() =>
      client.open('file:///bench/loki-copy.rules.yaml', 'yaml', text.replace(/_logs$/gm, '_logs_copy')),
    );

    const floor = new ParserFloor('logql', ruleExpressions([text]));
    const cold = await coldOpens(uri, 'yaml', text, freshServerOpens, floor);
    const opens = [openMs, ...cold.opens];
    const floors = [floor.parseMs(), ...cold.floors];
    floor.dispose();
    const base = { name: 'no-op hover p95', value: percentile(baseline, 95) };
    printFigures(`LogQL: generated Loki rule file of ${lines.length} lines over LSP stdio (${opened.diagnostics.length} diagnostics)`, [
      {
        name: `completion p95 (${completion.length} requests, ${Math.round(items / completion.length)} items avg)`,
        value: percentile(completion, 95),
        unit: 'ms',
        goal: '≤ 10',
        baseline: base,
      },
      ...openFigures(opens, floor, floors),
      { name: '  second file, warm server', value: warmOpenMs, unit: 'ms', goal: '≤ 300', baseline: base },
    ]);
  } finally {
    await client.stop();
  }
}
