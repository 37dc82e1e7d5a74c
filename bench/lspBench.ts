import { readFileSync } from 'node:fs';
import { LspClient } from '../test/server/lspClient';
import { editorCapabilities } from './editorCapabilities';
import { generateRuleFile } from './generateRules';
import { coldOpens, freshServerOpens, openFigures } from './coldOpens';
import { ParserFloor, ruleExpressions } from './parserFloor';
import { percentile, printFigures, timeAsync } from './stats';
import { serverEnv, serverExecArgv } from '../server/src/serverProcess';

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

/** CPU time (user + system, all threads) the process has used so far, in ms; the machine may be shared. */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10; // clock ticks of 10 ms
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
  const client = await LspClient.start({ capabilities: editorCapabilities, nodeOptions: serverExecArgv, env: serverEnv });
  try {
    const pid = client.child.pid!;
    const idleRss = rssMb(pid);
    const openCpu = cpuMs(pid);
    const [openMs, opened] = await timeAsync(() => client.open(uri, 'yaml', text));
    const openCpuMs = cpuMs(pid) - openCpu;
    const request = (method: string, position: Position) => client.request(method, { textDocument: { uri }, position });

    // Baseline: a request the server answers without work (cursor on `groups:`).
    const baseline: number[] = [];
    for (let i = 0; i < 200; i++) baseline.push((await timeAsync(() => request('textDocument/hover', { line: 0, character: 1 })))[0]);

    // Where completion is asked while typing: an empty metric slot (the longest list), a metric
    // name half typed, label names in a selector and in `by (…)`, a label value, a range.
    const completionKinds: Array<[string, Position[]]> = [
      ['metric, nothing typed', positionsAfter(lines, 'sum by (job) (rate(', 60)],
      ['metric, prefix typed', positionsAfter(lines, 'sum by (job) (rate(http_req', 60)],
      ['label name', [...positionsAfter(lines, 'http_requests_total{', 40), ...positionsAfter(lines, 'sum by (jo', 40)]],
      ['label value', positionsAfter(lines, 'kube_pod_container_status_waiting_reason{namespace=\\"', 40)],
      ['range', positionsAfter(lines, '}[', 40)],
    ];
    const completion: number[] = [];
    const completionByKind: Array<[string, number[]]> = [];
    let items = 0;
    for (const [kind, positions] of completionKinds) {
      const times: number[] = [];
      for (const position of positions) {
        const [ms, result] = await timeAsync(() => request('textDocument/completion', position));
        times.push(ms);
        items += (result as { items?: unknown[] } | null)?.items?.length ?? 0;
      }
      completion.push(...times);
      completionByKind.push([kind, times]);
    }

    const hoverAt = [
      ...positionsAfter(lines, 'histogram_quantile', 100).map((p) => ({ ...p, character: p.character - 5 })),
      ...positionsAfter(lines, 'rate(http_requests_tot', 100),
    ];
    const hover: number[] = [];
    for (const position of hoverAt) hover.push((await timeAsync(() => request('textDocument/hover', position)))[0]);

    // One-character edits inside expressions in the middle of the file (plain, `|` block,
    // double- and single-quoted scalars), typed and undone.
    const editAt = [
      positionsAfter(lines, 'expr: sum by (job, namespace)', 1000)[200],
      positionsAfter(lines, 'sum by (job) (rate(http_requests_total{job=', 1000)[400],
      positionsAfter(lines, 'max_over_time(kube_pod_container_status_waiting_reason{namespace=', 1000)[200],
      positionsAfter(lines, "expr: 'sum by (namespace, pod)", 1000)[200],
    ].filter((p): p is Position => p !== undefined);
    const edits: number[] = [];
    const editCpu = cpuMs(pid);
    for (let i = 0; i < 40; i++) {
      const at = editAt[Math.floor(i / 2) % editAt.length];
      const range = i % 2 === 0 ? { start: at, end: at } : { start: at, end: { ...at, character: at.character + 1 } };
      edits.push((await timeAsync(() => client.edit(uri, range, i % 2 === 0 ? 'x' : '')))[0]);
    }
    const editCpuMs = (cpuMs(pid) - editCpu) / edits.length;
    // Once typing pauses the server re-validates the whole file (pushed again, same version).
    const settleCpu = cpuMs(pid);
    const [settleMs] = await timeAsync(() => client.nextDiagnostics(uri, undefined, 10_000).catch(() => undefined));
    const settleCpuMs = cpuMs(pid) - settleCpu;
    const busyRss = rssMb(pid);
    const floor = new ParserFloor('promql', ruleExpressions([text]));
    const cold = await coldOpens(uri, 'yaml', text, freshServerOpens, floor);
    const opens = [openMs, ...cold.opens];
    const floors = [floor.parseMs(), ...cold.floors];
    floor.dispose();

    const base = { name: 'no-op request p95', value: percentile(baseline, 95) };
    printFigures(
      `LSP over stdio (node ${serverExecArgv.join(' ')}, ${Object.entries(serverEnv)
        .map(([k, v]) => `${k}=${v}`)
        .join(' ')}, as VS Code starts it), generated rule file of ${lines.length} lines (${opened.diagnostics.length} diagnostics)`,
      [
        {
          name: `completion p95 (${completion.length} requests, ${Math.round(items / completion.length)} items avg)`,
          value: percentile(completion, 95),
          unit: 'ms',
          goal: '≤ 10',
          baseline: base,
        },
        ...completionByKind.map(([kind, times]) => ({
          name: `  ${kind} p95 (${times.length})`,
          value: percentile(times, 95),
          unit: 'ms',
          baseline: base,
        })),
        { name: `hover p95 (${hover.length} requests)`, value: percentile(hover, 95), unit: 'ms', goal: '≤ 10', baseline: base },
        {
          name: `diagnostics after a 1-char edit, p95 (${edits.length})`,
          value: percentile(edits, 95),
          unit: 'ms',
          goal: '≤ 50',
          baseline: base,
        },
        { name: '  server CPU per edit, mean', value: editCpuMs, unit: 'ms' },
        { name: '  full re-validation once typing pauses (300 ms idle)', value: settleMs, unit: 'ms' },
        { name: '  server CPU of that re-validation', value: settleCpuMs, unit: 'ms' },
        ...openFigures(opens, floor, floors),
        { name: '  server CPU of the first open (all threads)', value: openCpuMs, unit: 'ms' },
        { name: 'server RSS after the run', value: busyRss, unit: 'MB', goal: '≤ 150', baseline: { name: 'idle server', value: idleRss } },
      ],
    );
  } finally {
    await client.stop();
  }
}
