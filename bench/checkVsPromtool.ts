import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cliPath } from '../test/server/lspClient';
import { corpusRoot, filesUnder } from './corpus';
import { ParserFloor, readAll, ruleExpressions } from './parserFloor';
import { median, printFigures, type Figure } from './stats';

/** CPU time of this process's waited-for children so far (user + system), in ms. */
function childrenCpuMs(): number {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
  return (Number(fields[13]) + Number(fields[14])) * 10; // cutime, cstime in clock ticks of 10 ms
}

interface Run {
  wall: number;
  cpu: number;
}

/** Wall time and CPU time of one run: on a shared machine the CPU time is the steadier figure. */
function timeCommand(command: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): Run {
  const cpu = childrenCpuMs();
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, { stdio: 'ignore', env });
  if (result.error) throw result.error;
  return { wall: Number(process.hrtime.bigint() - start) / 1e6, cpu: childrenCpuMs() - cpu };
}

const wall = (runs: readonly Run[]) => median(runs.map((r) => r.wall));
const cpu = (runs: readonly Run[]) => median(runs.map((r) => r.cpu));

/**
 * Wall time of `alertsmith check` vs `promtool check rules` on the same real rule files, with
 * two floors measured in the same minutes: Node starting and doing nothing, and Node parsing
 * the files' expressions with @prometheus-io/lezer-promql alone (the grammar the service is
 * built on), with no YAML and no checks.
 */
export function checkVsPromtool(): void {
  const files = ['kube-prometheus-plain', 'node-exporter', 'prometheus-operator-example-plain'].flatMap((folder) =>
    filesUnder(join(corpusRoot, 'rules', folder)),
  );
  const floor = new ParserFloor('promql', ruleExpressions(readAll(files)));
  const ours: Run[] = [];
  const theirs: Run[] = [];
  const parserOnly: Run[] = [];
  const nodeAlone: Run[] = [];
  timeCommand(process.execPath, [cliPath, 'check', ...files]); // warm the page cache
  for (let i = 0; i < 15; i++) {
    theirs.push(timeCommand('promtool', ['check', 'rules', ...files]));
    ours.push(timeCommand(process.execPath, [cliPath, 'check', ...files]));
    parserOnly.push(timeCommand(process.execPath, floor.command));
    nodeAlone.push(timeCommand(process.execPath, ['-e', '0']));
  }
  floor.dispose();
  const promtool = { name: 'promtool check rules', value: wall(theirs) };
  const figures: Figure[] = [
    { name: 'alertsmith check', value: wall(ours), unit: 'ms', goal: 'ratio ≤ 1.0', baseline: promtool },
    { name: '  CPU time', value: cpu(ours), unit: 'ms', baseline: { name: 'promtool', value: cpu(theirs) } },
    {
      name: `  floor: node + lezer-promql alone, ${floor.expressions.length} exprs`,
      value: wall(parserOnly),
      unit: 'ms',
      baseline: promtool,
    },
    { name: '  floor: node itself (`node -e 0`)', value: wall(nodeAlone), unit: 'ms', baseline: promtool },
  ];
  // Node 20 reads and parses the whole CA bundle named by NODE_EXTRA_CA_CERTS at every start,
  // before any script runs (later Node versions load it on first use).
  if (process.env.NODE_EXTRA_CA_CERTS) {
    const env = { ...process.env };
    delete env.NODE_EXTRA_CA_CERTS;
    const bare = Array.from({ length: 15 }, () => timeCommand(process.execPath, ['-e', '0'], env));
    figures.push({ name: '  of which NODE_EXTRA_CA_CERTS (set here)', value: wall(nodeAlone) - wall(bare), unit: 'ms' });
  }
  printFigures(`alertsmith check vs promtool check rules, ${files.length} real rule files (median of 15)`, figures);
}
