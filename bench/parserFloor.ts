import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { serverExecArgv } from '../server/src/serverProcess';

/**
 * What no implementation on the mandated grammars can beat: a fresh Node process that loads
 * only the upstream lezer parser (@prometheus-io/lezer-promql or @grafana/lezer-logql) and
 * parses the same expressions, nothing else — no YAML, no checks. Cold figures swing by a
 * third with this machine's load from minute to minute; measured next to ours, in the same
 * minutes, this floor tells how much of a figure is ours and how much is cold V8 itself.
 */
export type Grammar = 'promql' | 'logql';

const grammarModule: Record<Grammar, string> = {
  promql: require.resolve('@prometheus-io/lezer-promql'),
  logql: require.resolve('@grafana/lezer-logql'),
};

// Prints the time of the parse loop, or of the whole process when asked to do nothing else.
const floorScript = `
const start = performance.now();
const { parser } = require(process.argv[1]);
const expressions = JSON.parse(require('node:fs').readFileSync(process.argv[2], 'utf8'));
const parsing = performance.now();
for (const expression of expressions) parser.parse(expression);
process.stdout.write(String(performance.now() - parsing));
`;

/** The rule expressions (`groups[].rules[].expr`) of rule files. */
export function ruleExpressions(texts: readonly string[]): string[] {
  const found: string[] = [];
  for (const text of texts) {
    for (const document of parseAllDocuments(text)) {
      const groups = (document.toJS() as { groups?: Array<{ rules?: Array<{ expr?: unknown }> }> } | null)?.groups ?? [];
      for (const group of groups) for (const rule of group.rules ?? []) if (typeof rule.expr === 'string') found.push(rule.expr);
    }
  }
  return found;
}

/** A parser-only process on these expressions, ready to run again and again. */
export class ParserFloor {
  private readonly folder = mkdtempSync(join(tmpdir(), 'alertsmith-floor-'));
  private readonly input = join(this.folder, 'expressions.json');

  constructor(
    private readonly grammar: Grammar,
    readonly expressions: readonly string[],
  ) {
    writeFileSync(this.input, JSON.stringify(expressions));
  }

  /** The args of the whole process, for timing it as a command (`check` vs promtool). */
  get command(): string[] {
    return ['-e', floorScript, grammarModule[this.grammar], this.input];
  }

  /** Milliseconds the cold parse of every expression took, in a fresh process with the server's flags. */
  parseMs(): number {
    const result = spawnSync(process.execPath, [...serverExecArgv, ...this.command], { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`parser floor failed: ${result.stderr}`);
    return Number(result.stdout);
  }

  dispose(): void {
    rmSync(this.folder, { recursive: true, force: true });
  }
}

/** Reads files for ruleExpressions. */
export function readAll(files: readonly string[]): string[] {
  return files.map((file) => readFileSync(file, 'utf8'));
}
