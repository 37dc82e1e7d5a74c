import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { validatePromQL } from '../../../server/src/service/promql/validate';
import { promqlRulesByCode } from '../../../server/src/service/promql/codes';

// Real rule files from public projects (see /work/shared/corpus/README.md); read in place.
const corpus = join(__dirname, '..', '..', '..', '..', 'shared', 'corpus', 'rules');

interface RuleExpr {
  file: string;
  expr: string;
  context: 'alert' | 'record';
}

function collect(): RuleExpr[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.ya?ml$/.test(name)) files.push(path);
    }
  };
  walk(corpus);
  const out: RuleExpr[] = [];
  const visit = (value: unknown, file: string): void => {
    if (Array.isArray(value)) return value.forEach((v) => visit(v, file));
    if (!value || typeof value !== 'object') return;
    const rule = value as Record<string, unknown>;
    if (typeof rule.expr === 'string' && (rule.record || rule.alert)) {
      out.push({ file: file.slice(corpus.length + 1), expr: rule.expr, context: rule.alert ? 'alert' : 'record' });
    }
    for (const v of Object.values(rule)) visit(v, file);
  };
  for (const file of files) {
    for (const doc of parseAllDocuments(readFileSync(file, 'utf8'))) visit(doc.toJS(), file);
  }
  return out;
}

// promtool (and Prometheus 3.x) reject exactly the expressions in the deliberately bad test files.
const isBadFile = (file: string) => /bad/.test(file);

test(
  'rule expressions of the corpus get no error except where Prometheus rejects them too',
  { skip: !existsSync(corpus) && 'corpus not present' },
  () => {
    const exprs = collect();
    assert.ok(exprs.length > 1000, `only ${exprs.length} expressions found`);
    const unexpected: string[] = [];
    const badFiles = new Map<string, boolean>();
    for (const { file, expr, context } of exprs) {
      const errors = validatePromQL(expr, { context, experimentalFeaturesEnabled: false }).problems.filter(
        (p) => (p.severity ?? promqlRulesByCode.get(p.code)?.severity) === 'error',
      );
      if (isBadFile(file)) badFiles.set(file, (badFiles.get(file) ?? false) || errors.length > 0);
      else if (errors.length > 0) unexpected.push(`${file}: ${expr}\n  ${errors.map((e) => `${e.code} ${e.message}`).join('\n  ')}`);
    }
    assert.deepEqual(unexpected, []);
    assert.ok(badFiles.size >= 2);
    for (const [file, flagged] of badFiles) {
      if (/bad-rules-syntax|bad_expr/.test(file)) assert.ok(flagged, `${file} should be flagged`);
    }
  },
);
