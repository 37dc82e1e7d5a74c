import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliPath } from '../test/server/lspClient';
import { corpusExpressions } from './corpus';

/** Deterministic mutations that usually break an expression, to compare on invalid input too. */
function mutations(expr: string): string[] {
  const out: string[] = [];
  const lastParen = expr.lastIndexOf(')');
  if (lastParen >= 0) out.push(expr.slice(0, lastParen) + expr.slice(lastParen + 1));
  const call = /\b([a-z_]+)\(/.exec(expr);
  if (call) out.push(expr.slice(0, call.index) + call[1].slice(0, -1) + expr.slice(call.index + call[1].length));
  const range = /\[(\d+)([smhdwy])\]/.exec(expr);
  if (range) out.push(expr.replace(range[0], `[${range[1]}x]`));
  const matcher = /=~?"/.exec(expr);
  if (matcher) out.push(expr.slice(0, matcher.index) + '==' + expr.slice(matcher.index + 1));
  out.push(expr + ' +');
  return out.filter((mutated) => mutated !== expr);
}

function ruleFile(expr: string): string {
  return `groups:\n  - name: bench\n    rules:\n      - record: bench:expr\n        expr: ${JSON.stringify(expr)}\n`;
}

function promtool(file: string): Promise<{ valid: boolean; message: string }> {
  return new Promise((resolve) => {
    const child = spawn('promtool', ['check', 'rules', file], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (code) => resolve({ valid: code === 0, message: output.replace(/\s+/g, ' ').trim() }));
  });
}

async function mapLimit<T, R>(items: readonly T[], limit: number, run: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await run(items[index]);
      }
    }),
  );
  return results;
}

/**
 * Syntax Debian's promtool (Prometheus 2.42) does not know, so a disagreement there is
 * expected: Prometheus 3.x is the reference.
 */
const newerThanPromtool =
  /unknown function with name "(info|sort_by_label|sort_by_label_desc|double_exponential_smoothing|mad_over_time|ts_of_\w+|start_timestamp|histogram_(avg|stddev|stdvar|quantiles)|limitk|limit_ratio|first_over_time)"|unexpected character inside braces: '"'|anchored|smoothed|fill/;
/** Duration expressions (`[1m * 2]`, `offset (1h + 5m)`) arrived in Prometheus 3.x. */
const durationExpression = /\[[^\]]*[*+/%^()][^\]]*\]|offset\s*\(/;
/** Syntax 3.x removed (holt_winters became double_exponential_smoothing). */
const removedSince = /\bholt_winters\(/;

export interface AgreementResult {
  label: string;
  total: number;
  bothValid: number;
  bothInvalid: number;
  disagreements: Array<{ expr: string; promtool: string; alertsmith: string; newer: boolean }>;
}

async function compare(label: string, expressions: readonly string[]): Promise<AgreementResult> {
  const dir = mkdtempSync(join(tmpdir(), 'alertsmith-agreement-'));
  try {
    const files = expressions.map((expr, index) => {
      const file = join(dir, `e${String(index).padStart(5, '0')}.yaml`);
      writeFileSync(file, ruleFile(expr));
      return file;
    });
    const promtoolResults = await mapLimit(files, 4, promtool);
    const checked = spawnSync(process.execPath, [cliPath, 'check', '--format', 'json', dir], {
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    });
    const reports = JSON.parse(checked.stdout) as Array<{
      file: string;
      diagnostics: Array<{ severity: string; code: string; message: string }>;
    }>;
    const errorsByFile = new Map(reports.map((report) => [report.file, report.diagnostics.filter((d) => d.severity === 'error')]));
    const result: AgreementResult = { label, total: expressions.length, bothValid: 0, bothInvalid: 0, disagreements: [] };
    files.forEach((file, index) => {
      const errors = errorsByFile.get(file) ?? [];
      const ours = errors.length === 0;
      const theirs = promtoolResults[index].valid;
      if (ours && theirs) result.bothValid++;
      else if (!ours && !theirs) result.bothInvalid++;
      else {
        const expr = expressions[index];
        const message = promtoolResults[index].message;
        const newer =
          (!theirs && (newerThanPromtool.test(message) || durationExpression.test(expr))) || (theirs && removedSince.test(expr));
        result.disagreements.push({
          expr,
          promtool: theirs ? 'valid' : message.slice(0, 160),
          alertsmith: ours
            ? 'valid'
            : errors
                .map((e) => `${e.code}: ${e.message}`)
                .join('; ')
                .slice(0, 160),
          newer,
        });
      }
    });
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function promtoolAgreement(): Promise<AgreementResult[]> {
  const expressions = corpusExpressions();
  const mutated = [...new Set(expressions.flatMap(mutations))];
  return [await compare('corpus expressions', expressions), await compare('mutated corpus expressions', mutated)];
}

export function printAgreement(results: readonly AgreementResult[]): void {
  console.log('\n## Agreement with promtool 2.42 (valid vs invalid, each expression as a recording rule)');
  for (const result of results) {
    const real = result.disagreements.filter((d) => !d.newer);
    const newer = result.disagreements.filter((d) => d.newer);
    console.log(
      `${result.label}: ${result.total} — both valid ${result.bothValid}, both invalid ${result.bothInvalid}, disagree ${real.length} (goal 0), newer/removed syntax ${newer.length}`,
    );
    for (const d of real.slice(0, 15))
      console.log(`  DISAGREE ${JSON.stringify(d.expr).slice(0, 140)}\n    promtool: ${d.promtool}\n    alertsmith: ${d.alertsmith}`);
    if (real.length > 15) console.log(`  … and ${real.length - 15} more`);
    for (const d of newer.slice(0, 5))
      console.log(`  newer syntax ${JSON.stringify(d.expr).slice(0, 120)} — promtool: ${d.promtool.slice(0, 100)}`);
  }
}
