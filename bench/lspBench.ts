import { readFileSync } from 'node:fs';
import { LspClient } from '../test/server/lspClient';
import { generateRuleFile } from './generateRules';
import { percentile, printFigures, timeAsync } from './stats';

interface Position {
  line: number;
  character: number;
}

/** Positions just after `needle` on every line containing it (up to `limit`). */
function positionsAfter(lines: readonly string[], needle: string, limit: number): Position[] {
  const out: Position[] = [];
  lines.forEach((line, index) => {
    const at = line.indexOf(needle);
    if (at >= 0 && out.length < limit) out.push({ line: index, character: at + needle.length });
  });
  return out;
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

/** Completion, hover, edit-to-diagnostics and open latency through the LSP over stdio. */
export async function lspBench(): Promise<void> {
  const text = generateRuleFile(10_000);
  const lines = text.split('\n');
  const uri = 'file:///bench/generated.rules.yaml';
  const client = await LspClient.start();
  try {
    const idleRss = rssMb(client.child.pid!);
    const [openMs, opened] = await timeAsync(() => client.open(uri, 'yaml', text));
    const request = (method: string, position: Position) => client.request(method, { textDocument: { uri }, position });

    // Baseline: a request the server answers without work (cursor on `groups:`).
    const baseline: number[] = [];
    for (let i = 0; i < 200; i++) baseline.push((await timeAsync(() => request('textDocument/hover', { line: 0, character: 1 })))[0]);

    const completionAt = [
      ...positionsAfter(lines, 'sum by (job) (rate(', 100),
      ...positionsAfter(lines, 'http_requests_total{', 100),
      ...positionsAfter(lines, 'kube_pod_container_status_waiting_reason{namespace=\\"', 50),
    ];
    const completion: number[] = [];
    let items = 0;
    for (const position of completionAt) {
      const [ms, result] = await timeAsync(() => request('textDocument/completion', position));
      completion.push(ms);
      items += (result as { items?: unknown[] } | null)?.items?.length ?? 0;
    }

    const hoverAt = [...positionsAfter(lines, 'histogram_quantile', 100).map((p) => ({ ...p, character: p.character - 5 })), ...positionsAfter(lines, 'rate(http_requests_tot', 100)];
    const hover: number[] = [];
    for (const position of hoverAt) hover.push((await timeAsync(() => request('textDocument/hover', position)))[0]);

    // One-character edits inside an expression in the middle of the file, typed and undone.
    const editLine = positionsAfter(lines, 'expr: sum by (job, namespace)', 1000)[200] ?? { line: 5, character: 10 };
    const edits: number[] = [];
    for (let i = 0; i < 40; i++) {
      const at = { line: editLine.line, character: editLine.character };
      const range = i % 2 === 0 ? { start: at, end: at } : { start: at, end: { ...at, character: at.character + 1 } };
      edits.push((await timeAsync(() => client.edit(uri, range, i % 2 === 0 ? 'x' : '')))[0]);
    }
    const busyRss = rssMb(client.child.pid!);

    const base = { name: 'no-op request p95', value: percentile(baseline, 95) };
    printFigures(`LSP over stdio, generated rule file of ${lines.length} lines (${opened.diagnostics.length} diagnostics)`, [
      { name: `completion p95 (${completion.length} requests, ${Math.round(items / completion.length)} items avg)`, value: percentile(completion, 95), unit: 'ms', goal: '≤ 10', baseline: base },
      { name: `hover p95 (${hover.length} requests)`, value: percentile(hover, 95), unit: 'ms', goal: '≤ 10', baseline: base },
      { name: `diagnostics after a 1-char edit, p95 (${edits.length})`, value: percentile(edits, 95), unit: 'ms', goal: '≤ 50', baseline: base },
      { name: 'full open (didOpen → diagnostics)', value: openMs, unit: 'ms', goal: '≤ 300', baseline: base },
      { name: 'server RSS after the run', value: busyRss, unit: 'MB', goal: '≤ 150', baseline: { name: 'idle server', value: idleRss } },
    ]);
  } finally {
    await client.stop();
  }
}
