import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { cliPath } from '../test/server/lspClient';
import { corpusRoot, filesUnder } from './corpus';
import { median, printFigures } from './stats';

function timeCommand(command: string, args: readonly string[]): number {
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, { stdio: 'ignore' });
  if (result.error) throw result.error;
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** Wall time of `alertsmith check` vs `promtool check rules` on the same real rule files. */
export function checkVsPromtool(): void {
  const files = ['kube-prometheus-plain', 'node-exporter', 'prometheus-operator-example-plain'].flatMap((folder) => filesUnder(join(corpusRoot, 'rules', folder)));
  const ours: number[] = [];
  const theirs: number[] = [];
  timeCommand(process.execPath, [cliPath, 'check', ...files]); // warm the page cache
  for (let i = 0; i < 15; i++) {
    theirs.push(timeCommand('promtool', ['check', 'rules', ...files]));
    ours.push(timeCommand(process.execPath, [cliPath, 'check', ...files]));
  }
  const promtool = { name: 'promtool check rules', value: median(theirs) };
  printFigures(`alertsmith check vs promtool check rules, ${files.length} real rule files (median of 15)`, [
    { name: 'alertsmith check', value: median(ours), unit: 'ms', goal: 'ratio ≤ 1.0', baseline: promtool },
  ]);
}
