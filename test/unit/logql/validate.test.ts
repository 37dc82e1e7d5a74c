import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateLogQL, validateLogQLWithTokenPass } from '../../../server/src/service/logql/validate';
import { logqlRules } from '../../../server/src/service/logql/codes';
import type { ExprContext } from '../../../server/src/service/types';
import { validLogQL } from './validQueries';

/**
 * Each case marks the expected problem ranges with ⟦…⟧ and lists their codes in the same
 * order. Context is 'query' unless given.
 */
interface Case {
  expr: string;
  codes: string[];
  context?: ExprContext;
  message?: RegExp;
}

function run({ expr, codes, context = 'query', message }: Case): void {
  const ranges: { from: number; to: number }[] = [];
  let text = '';
  const starts: number[] = [];
  for (const ch of expr) {
    if (ch === '⟦') starts.push(text.length);
    else if (ch === '⟧') ranges.push({ from: starts.pop()!, to: text.length });
    else text += ch;
  }
  ranges.sort((a, b) => a.from - b.from || a.to - b.to);
  const result = validateLogQL(text, { context });
  const got = result.problems.map((p) => ({ code: p.code, from: p.from, to: p.to }));
  const want = codes.map((code, i) => ({ code, from: ranges[i]?.from ?? -1, to: ranges[i]?.to ?? -1 }));
  assert.deepEqual(got, want, `${text}\n${result.problems.map((p) => `${p.code} ${p.from}-${p.to} ${p.message}`).join('\n')}`);
  if (message) assert.match(result.problems[0]?.message ?? '', message);
}

/** Real-world queries Loki accepts; none may be flagged. */

test('valid LogQL queries are not flagged', () => {
  for (const expr of validLogQL) run({ expr, codes: [] });
});

const cases: Case[] = [
  // Stream selectors
  { expr: '⟦{}⟧', codes: ['logql/empty-stream-selector'] },
  { expr: '⟦{app=~".*", env=""}⟧ |= "x"', codes: ['logql/empty-stream-selector'], message: /app=~"\.\+"/ },
  { expr: '⟦{app=~".*", env="", pod!="x"}⟧', codes: ['logql/empty-stream-selector'] },
  { expr: '{app=~⟦"(a"⟧}', codes: ['logql/invalid-regex'] },
  { expr: '{app="a⟦\\q⟧b"}', codes: ['logql/invalid-string'] },
  // Line filters (a Go string needs `\\w` or a backtick string for RE2 escapes)
  { expr: '{app="a"} |~ "⟦\\w⟧+"', codes: ['logql/invalid-string'] },
  { expr: '{app="a"} |~ ⟦"(?!x)"⟧', codes: ['logql/invalid-regex'] },
  { expr: '{app="a"} |= "x" or "y" !~ ⟦"["⟧', codes: ['logql/invalid-regex'] },
  { expr: '{app="a"} |> "⟦<verb>⟧ /api"', codes: ['logql/invalid-pattern'] },
  { expr: '{app="a"} |> "⟦<_><_>⟧"', codes: ['logql/invalid-pattern'] },
  { expr: '{app="a"} |~ ip(⟦"10.0.0.0/8"⟧)', codes: ['logql/invalid-line-filter'] },
  { expr: '{app="a"} |= ip(⟦"10.0.0.0/33"⟧)', codes: ['logql/invalid-parser-argument'] },
  { expr: '{app="a"} ⟦|=⟧', codes: ['logql/syntax-error'], message: /quoted string/ },
  // Parsers
  { expr: '{app="a"} | regexp ⟦"[0-9]+"⟧', codes: ['logql/invalid-parser-argument'], message: /named capture/ },
  { expr: '{app="a"} | regexp "(?P<x>a)(?P<⟦x⟧>b)"', codes: ['logql/invalid-parser-argument'], message: /duplicate/ },
  { expr: '{app="a"} | regexp ⟦"(?P<x>a"⟧', codes: ['logql/invalid-regex'] },
  { expr: '{app="a"} | pattern "⟦no captures⟧"', codes: ['logql/invalid-pattern'] },
  { expr: '{app="a"} | pattern "⟦<a><b>⟧"', codes: ['logql/invalid-pattern'] },
  { expr: '{app="a"} | pattern "<a> <⟦<a>⟧"', codes: ['logql/invalid-pattern'], message: /duplicate/ },
  { expr: '{app="a"} | json x="user⟦[⟧"', codes: ['logql/invalid-parser-argument'] },
  { expr: '{app="a"} | logfmt ⟦--strictly⟧', codes: ['logql/syntax-error'] },
  // Formatters
  { expr: '{app="a"} | line_format "⟦{{.msg⟧"', codes: ['logql/invalid-template'] },
  { expr: '{app="a"} | line_format "{{ ⟦nosuch⟧ .msg }}"', codes: ['logql/invalid-template'], message: /not defined/ },
  { expr: '{app="a"} | line_format "a\\n{{ ⟦nosuch⟧ }}"', codes: ['logql/invalid-template'] },
  { expr: '{app="a"} | label_format a=b, ⟦a⟧="{{.c}}"', codes: ['logql/invalid-label-format'] },
  { expr: '{app="a"} | label_format ⟦__error__⟧=b', codes: ['logql/invalid-label-format'] },
  { expr: '{app="a"} | label_format x="⟦{{⟧"', codes: ['logql/invalid-template'] },
  // Label filters
  { expr: '{app="a"} | logfmt | code ⟦==⟧ "200"', codes: ['logql/invalid-label-filter'] },
  { expr: '{app="a"} | logfmt | addr ⟦=~⟧ ip("10.0.0.0/8")', codes: ['logql/invalid-label-filter'] },
  { expr: '{app="a"} | logfmt | addr = ip(⟦"bogus"⟧)', codes: ['logql/invalid-parser-argument'] },
  { expr: '{app="a"} | logfmt | (addr != ip(⟦"bogus"⟧))', codes: ['logql/invalid-parser-argument'] },
  // Loki checks an ip() pattern only where the filter is a stage of its own; elsewhere it never matches.
  {
    expr: '{app="a"} | logfmt | addr = ip(⟦"bogus"⟧) or code="500"',
    codes: ['logql/ip-filter-never-matches'],
    message: /matches no line/,
  },
  { expr: '{app="a"} | logfmt | code="500", addr = ip(⟦""⟧)', codes: ['logql/ip-filter-never-matches'] },
  { expr: '{app="a"} | logfmt | code="500" and (addr = ip(⟦"10.0.0.0/33"⟧))', codes: ['logql/ip-filter-never-matches'] },
  { expr: 'sum_over_time({app="a"} | logfmt | unwrap v | addr = ip(⟦"x"⟧) [5m])', codes: ['logql/ip-filter-never-matches'] },
  // logfmt keys (log/logfmt: a key, or quoted strings)
  { expr: '{app="a"} | logfmt code="response⟦.⟧code"', codes: ['logql/invalid-parser-argument'], message: /unexpected character "\."/ },
  { expr: '{app="a"} | logfmt --strict x="a ⟦b⟧"', codes: ['logql/invalid-parser-argument'], message: /one key/ },
  { expr: '{app="a"} | logfmt x=⟦""⟧, y="ok"', codes: ['logql/invalid-parser-argument'], message: /empty/ },
  { expr: '{app="a"} | logfmt x="a⟦👌⟧"', codes: ['logql/invalid-parser-argument'] },
  { expr: '{app="a"} | logfmt x="\\"quoted\\"", y="with_1", z', codes: [] },
  { expr: '{app="a"} | logfmt | code > ⟦0x10⟧', codes: ['logql/invalid-number'] },
  { expr: '{app="a"} | json | level=~⟦"("⟧', codes: ['logql/invalid-regex'] },
  { expr: '{app="a"} | ⟦drop⟧', codes: ['logql/syntax-error'], message: /label names/ },
  // Unwrap and range aggregations
  { expr: '{app="a"} | json | ⟦unwrap⟧ latency', codes: ['logql/unwrap-outside-range-aggregation'] },
  { expr: '⟦avg_over_time⟧({app="a"}[5m])', codes: ['logql/unwrap-mismatch'], message: /without unwrap/ },
  { expr: '⟦count_over_time⟧({app="a"} | logfmt | unwrap v [5m])', codes: ['logql/unwrap-mismatch'], message: /with unwrap/ },
  { expr: '⟦count_over_time⟧({app="a"} | logfmt | UNWRAP v [5m])', codes: ['logql/unwrap-mismatch'], message: /with unwrap/ },
  // The word alone is no unwrap stage.
  { expr: '⟦avg_over_time⟧({app="a"} |= "unwrap" [5m])', codes: ['logql/unwrap-mismatch'], message: /without unwrap/ },
  { expr: 'rate({app="a"}[5m]) ⟦by (pod)⟧', codes: ['logql/grouping-not-allowed'] },
  { expr: '⟦quantile_over_time⟧({app="a"} | logfmt | unwrap v [5m])', codes: ['logql/aggregation-parameter'] },
  { expr: 'rate(⟦0.5⟧, {app="a"}[5m])', codes: ['logql/aggregation-parameter'] },
  { expr: 'rate({app="a"}[⟦1.5m⟧])', codes: ['logql/invalid-duration'] },
  { expr: 'rate({app="a"}[⟦5x⟧])', codes: ['logql/invalid-duration'] },
  // Loki parses everything between the brackets as the duration, spaces included.
  { expr: 'rate({app="a"}[ ⟦5m⟧ ])', codes: ['logql/invalid-duration'], message: /spaces inside the brackets/ },
  // A bare 0 is a duration to Loki (model.ParseDuration), with no unit; 00 is not.
  { expr: 'rate({app="a"}[0])', codes: [] },
  { expr: 'sum(sum_over_time({app="a"} | logfmt | unwrap v [0] offset 0s)) by (x) > 1', codes: [], context: 'alert' },
  { expr: 'rate({app="a"}[⟦00⟧])', codes: ['logql/invalid-duration'] },
  { expr: 'rate({app="a"}[ ⟦0⟧ ])', codes: ['logql/invalid-duration'] },
  // Problems after a zero range land where they are written.
  { expr: 'rate({app="a"}[0]) + rate({app="b"}[0]) ⟦by (pod)⟧', codes: ['logql/grouping-not-allowed'] },
  { expr: 'rate({app="a"}[0]) + ⟦rates⟧({app="b"}[0])', codes: ['logql/unknown-function'] },
  { expr: 'rate({app="a"}⟦)⟧', codes: ['logql/wrong-argument-type'], message: /\[5m\]/ },
  { expr: 'rate(⟦sum⟧(rate({app="a"}[5m])))', codes: ['logql/wrong-argument-type'] },
  { expr: 'rate({app="a"}[5m] offset 1h ⟦offset⟧ 2h)', codes: ['logql/syntax-error'] },
  { expr: 'sum(rate({app="a"}[5m])) ⟦offset⟧ 1h', codes: ['logql/syntax-error'], message: /right after a range/ },
  { expr: '{app="a"}⟦[⟧5m]', codes: ['logql/syntax-error'], message: /range aggregation around it/ },
  // Vector aggregations and functions
  { expr: 'sum(⟦{⟧app="a"} |= "x")', codes: ['logql/wrong-argument-type'] },
  { expr: '⟦topk⟧(sum(rate({app="a"}[5m])))', codes: ['logql/aggregation-parameter'] },
  { expr: 'topk(⟦1.5⟧, sum(rate({app="a"}[5m])))', codes: ['logql/aggregation-parameter'] },
  { expr: 'topk(⟦0⟧, sum(rate({app="a"}[5m])))', codes: ['logql/aggregation-parameter'] },
  { expr: 'sum(⟦2⟧, rate({app="a"}[5m]))', codes: ['logql/aggregation-parameter'] },
  { expr: 'approx_topk(5, sum by (a) (rate({app="a"}[5m]))) ⟦by (a)⟧', codes: ['logql/grouping-not-allowed'], context: 'record' },
  { expr: '⟦approx_topk⟧(5, sum by (a) (rate({app="a"}[5m])))', codes: ['logql/instant-query-only'] },
  { expr: 'sort ⟦by (a)⟧ (rate({app="a"}[5m]))', codes: ['logql/grouping-not-allowed'] },
  { expr: 'label_replace(rate({app="a"}[5m]), "a", "$1", "b", ⟦"("⟧)', codes: ['logql/invalid-regex'] },
  { expr: 'vector(⟦"a"⟧)', codes: ['logql/wrong-argument-type'] },
  { expr: '⟦rates⟧({app="a"}[5m])', codes: ['logql/unknown-function'], message: /did you mean "rate"/ },
  { expr: '⟦approx_count_distinct⟧(a, {app="a"}[5m])', codes: ['logql/unknown-function'] },
  // Binary operations
  { expr: '⟦{app="a"}⟧ > 1', codes: ['logql/operand-type'] },
  { expr: '⟦1⟧ and 2', codes: ['logql/operand-type'] },
  { expr: 'sum(rate({app="a"}[5m])) + ⟦bool⟧ 1', codes: ['logql/bool-modifier'] },
  { expr: 'sum(rate({app="a"}[5m])) ⟦bool⟧ > 1', codes: ['logql/syntax-error'] },
  { expr: '⟦-⟧count_over_time({app="a"}[5m])', codes: ['logql/syntax-error'] },
  // Rules
  { expr: '⟦{app="a"} |= "error"⟧', codes: ['logql/log-query-in-rule'], context: 'alert' },
  { expr: 'sum(count_over_time({app="a"} |= "error" [5m])) > 0', codes: [], context: 'alert' },
  { expr: '{app="a"} |= "error"', codes: [], context: 'query' },
];

test('problems land on the offending token', () => {
  for (const c of cases) run(c);
});

test('every reported code is in the diagnostic table', () => {
  const known = new Set(logqlRules.map((rule) => rule.code));
  for (const c of cases) for (const code of c.codes) assert.ok(known.has(code), code);
});

test('the table examples trigger their own code', () => {
  for (const rule of logqlRules) {
    if (rule.example.includes('…')) continue;
    const context: ExprContext = rule.code === 'logql/log-query-in-rule' ? 'alert' : 'query';
    const codes = validateLogQL(rule.example, { context }).problems.map((p) => p.code);
    assert.ok(codes.includes(rule.code), `${rule.code}: ${rule.example} gave ${codes.join(', ')}`);
  }
});

test('absurd input never throws and deep nesting is guarded', () => {
  const deep = '('.repeat(10_000) + '{app="a"}' + ')'.repeat(10_000);
  assert.deepEqual(
    validateLogQL(deep, { context: 'query' }).problems.map((p) => p.code),
    ['logql/too-deeply-nested'],
  );
  for (const text of ['', ' ', '{', '}', '|', '"', '`', '[', '{a="b"} | line_format "{{', '\u0000', 'sum(((', '{a="b"}[']) {
    assert.doesNotThrow(() => validateLogQL(text, { context: 'query' }));
  }
});

test('the quick path (no token pass for queries lezer parses cleanly) answers as the token pass does', () => {
  // The queries here and variants with one token put in or a few characters taken out: the
  // variants reach escapes, flags, comments, `[0]`, `{}` and broken syntax in many places.
  const queries = [...validLogQL, ...cases.map((c) => c.expr.replace(/[⟦⟧]/g, ''))];
  const inserts = [
    '(',
    ')',
    '{',
    '}',
    '[0]',
    '"',
    '|',
    '=',
    ' ',
    'by',
    '# c\n',
    '\\q',
    '--strict',
    '`',
    ',',
    '!~',
    '> 1',
    '[5m]',
    ' unwrap x',
  ];
  let seed = 11;
  const next = (n: number) => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n;
  let compared = 0;
  for (const query of queries) {
    const variants = [query];
    for (let k = 0; k < 8; k++) {
      const at = next(query.length + 1);
      variants.push(
        k % 2 ? query.slice(0, at) + inserts[next(inserts.length)] + query.slice(at) : query.slice(0, at) + query.slice(at + 1 + next(3)),
      );
    }
    for (const text of variants) {
      for (const context of ['query', 'alert'] as const) {
        assert.deepEqual(validateLogQL(text, { context }), validateLogQLWithTokenPass(text, { context }), text);
        compared++;
      }
    }
  }
  assert.ok(compared > 2000, `compared ${compared}`);
});
