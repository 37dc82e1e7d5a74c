import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cliPath } from '../test/server/lspClient';
import { corpusRoot, filesUnder } from './corpus';
import { median, printFigures } from './stats';

/** CPU time of this process's waited-for children so far (user + system), in ms. */
function childrenCpuMs(): number {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
  return (Number(fields[13]) + Number(fields[14])) * 10; // cutime, cstime in clock ticks of 10 ms
}

/** Wall time and CPU time of one run: on a shared machine the CPU time is the steadier figure. */
function timeCommand(command: string, args: readonly string[]): { wall: number; cpu: number } {
  const cpu = childrenCpuMs();
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, { stdio: 'ignore' });
  if (result.error) throw result.error;
  return { wall: Number(process.hrtime.bigint() - start) / 1e6, cpu: childrenCpuMs() - cpu };
}

/** Wall time of `alertsmith check` vs `promtool check rules` on the same real rule files. */
export function checkVsPromtool(): void {
  const files = ['kube-prometheus-plain', 'node-exporter', 'prometheus-operator-example-plain'].flatMap((folder) =>
    filesUnder(join(corpusRoot, 'rules', folder)),
  );
  const ours: Array<{ wall: number; cpu: number }> = [];
  const theirs: Array<{ wall: number; cpu: number }> = [];
  timeCommand(process.execPath, [cliPath, 'check', ...files]); // warm the page cache
  for (let i = 0; i < 15; i++) {
    theirs.push(timeCommand('promtool', ['check', 'rules', ...files]));
    ours.push(timeCommand(process.execPath, [cliPath, 'check', ...files]));
  }
  const wall = (runs: typeof ours) => median(runs.map((r) => r.wall));
  const cpu = (runs: typeof ours) => median(runs.map((r) => r.cpu));
  printFigures(`alertsmith check vs promtool check rules, ${files.length} real rule files (median of 15)`, [
    {
      name: 'alertsmith check',
      value: wall(ours),
      unit: 'ms',
      goal: 'ratio ≤ 1.0',
      baseline: { name: 'promtool check rules', value: wall(theirs) },
    },
    { name: '  CPU time', value: cpu(ours), unit: 'ms', baseline: { name: 'promtool', value: cpu(theirs) } },
    {
      name: '  node itself (`node -e 0`)',
      value: cpu(Array.from({ length: 5 }, () => timeCommand(process.execPath, ['-e', '0']))),
      unit: 'ms',
    },
  ]);
}
