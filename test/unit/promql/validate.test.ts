import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parser } from '@prometheus-io/lezer-promql';
import { callsTheGrammarLacks } from '../../../server/src/service/promql/grammarCompat';
import { validatePromQL } from '../../../server/src/service/promql/validate';
import { functions } from '../../../server/src/service/catalog/functions';
import { treeHasErrors } from '../../../server/src/service/promql/tree';
import { promqlRules } from '../../../server/src/service/promql/codes';
import type { ExprContext } from '../../../server/src/service/types';

/**
 * Each case marks the expected problem ranges with ⟦…⟧ (in order of position) and lists
 * their codes in the same order. Context is 'query' unless given.
 */
interface Case {
  expr: string;
  codes: string[];
  context?: ExprContext;
  experimental?: boolean;
  message?: RegExp;
}

function run({ expr, codes, context = 'query', experimental = false, message }: Case): void {
  const ranges: { from: number; to: number }[] = [];
  let text = '';
  const starts: number[] = [];
  for (const ch of expr) {
    if (ch === '⟦') starts.push(text.length);
    else if (ch === '⟧') ranges.push({ from: starts.pop()!, to: text.length });
    else text += ch;
  }
  ranges.sort((a, b) => a.from - b.from || a.to - b.to);
  const result = validatePromQL(text, { context, experimentalFeaturesEnabled: experimental });
  const got = result.problems.map((p) => ({ code: p.code, from: p.from, to: p.to }));
  const want = codes.map((code, i) => ({ code, from: ranges[i]?.from ?? -1, to: ranges[i]?.to ?? -1 }));
  assert.deepEqual(got, want, `${text}\n${result.problems.map((p) => `${p.code} ${p.from}-${p.to} ${p.message}`).join('\n')}`);
  if (message) assert.match(result.problems[0]?.message ?? '', message);
}

const valid: string[] = [
  'up',
  'sum by (job) (rate(http_requests_total{code=~"5.."}[5m])) / sum by (job) (rate(http_requests_total[5m]))',
  'histogram_quantile(0.99, sum by (le, service) (rate(http_request_duration_seconds_bucket[5m])))',
  'absent(up{job="node"} == 1)',
  'predict_linear(node_filesystem_avail_bytes{fstype!="tmpfs"}[6h], 4 * 3600) < 0',
  'label_replace(up, "host", "$1", "instance", "([^:]+):.*")',
  'kube_pod_container_resource_requests{resource="cpu"} * on(namespace, pod) group_left(node) kube_pod_info',
  'sum(kube_pod_status_phase{phase="Running"}) by (namespace) > bool 0',
  'max_over_time(rate(http_requests_total[5m])[1h:1m])',
  'rate(http_requests_total[5m] offset 1d)',
  'http_requests_total offset -5m',
  'rate(http_requests_total[5m] @ 1700000000)',
  'http_requests_total @ start()',
  'sum(rate(foo[5m] @ end()))',
  '{"my.metric", job="x"}',
  'sum by ("service.name") (rate({"http.server.duration"}[5m]))',
  'rate(foo[step() * 2])',
  'foo offset (1h + step())',
  'max_over_time(foo[min_of(5m, range())])',
  '1 < bool 2',
  'time() - process_start_time_seconds > 3600',
  'count_values("version", build_info)',
  'topk(5, rate(foo[5m]))',
  'quantile(0.9, foo)',
  'up == 0 unless on(instance) maintenance_mode == 1',
  'foo and ignoring(le) bar or baz',
  'vector(1) + on() group_left sum(foo)',
  '0x1F + 1e3 + Inf - NaN + 1_000 + .5',
  'foo[5] ',
  'foo[1h30m]',
  'foo # trailing comment',
  'sort_desc(sum by (pod) (container_memory_working_set_bytes{container!=""}))',
  'clamp_min(round(foo, 0.5), 0)',
  'label_join(up, "foo", ",", "job", "instance")',
  'foo{job=~"(?i)API|web", path!~"/health(z)?"}',
  'foo{a=`raw\\string`}',
  "foo{a='single \\' quote'}",
  'abs(-foo)',
  'sum without (pod) (foo)',
  'count(up) by (job)',
  'deriv(foo[10m])',
  'info(up, {k8s_cluster_name=~".+"})',
  'group(up) by (job)',
  'foo / ignoring(code) group_left sum without(code) (foo)',
  // Modifiers bind tighter than operators: they apply to the right-most operand.
  'x_total - x_total offset 1d > 3',
  'sum by (job) (rate(errors_total[5m])) - sum by (job) (rate(errors_total[5m] offset 1w))',
  'a * on(x) group_left b offset 1h',
  'a > bool b offset 1h',
  'a and b offset 1h',
  '-b offset 1h',
  'a - b @ 100',
  '-b @ start()',
  'a - b offset 1h @ 100',
  'a ^ b ^ c offset 1h',
  // Numbers Prometheus reads and lezer-promql does not.
  'foo * 5.',
  '1.e2 + 5.e-3',
  '0x1_2_34 + 0X1F + 0X_1F',
  // Experimental functions the grammar has only inside durations (experimental features on here).
  'max_of(1, 2)',
  'foo * min_of(scalar(bar), 2)',
  // … which are duration functions after `offset`, as inside `[…]`.
  'up offset max_of(1m, 2m)',
  'up offset -min_of(step(), 1m)',
  'up offset (1h + max_of(step(), 1m))',
  'rate(up[5m] offset max_of(step(), 5m))',
  'a + b offset 1h * 2',
  'rate(up[0x0_1]) * rate(up[5m / 0x0_1])',
  // `offset` as a metric name, wherever no expression comes before it (metric_identifier).
  'offset{step="1s"}[5m]',
  'foo + offset',
  'sum by (job) (rate(OFFSET[5m]))',
  'a * on(x) group_left(y) offset',
  'a and offset offset 5m',
  '-offset{a="b"}',
  // Duration functions in any case, inside durations and after `offset` (the lexer lower-cases them there).
  'count_over_time(x[1 + (STep() - 5) * 2])',
  'x offset STEP()',
  'x offset (STEP() / 10)',
  'x[Min_Of(5m, RANGE())]',
  'x[5m:STEP()]',
];

test('valid real-world expressions have no problems', () => {
  for (const expr of valid) {
    const result = validatePromQL(expr, { context: 'query', experimentalFeaturesEnabled: true });
    assert.deepEqual(result.problems, [], expr);
  }
});

const cases: Case[] = [
  // Syntax: one diagnostic, on the spot.
  { expr: 'sum(rate(foo[5m])) ⟦+⟧', codes: ['promql/syntax-error'], message: /expected an expression after '\+'/ },
  { expr: 'sum⟦(⟧rate(foo[5m])', codes: ['promql/syntax-error'], message: /unclosed left parenthesis/ },
  { expr: 'foo{job="a"}⟦}⟧', codes: ['promql/syntax-error'], message: /unexpected character: "}"/ },
  { expr: 'rate(foo[5m⟦)⟧', codes: ['promql/syntax-error'], message: /missing '\]'/ },
  { expr: 'foo ⟦bar⟧', codes: ['promql/syntax-error'], message: /expected an operator/ },
  // After an expression `offset` is the modifier, so a metric named so cannot follow.
  { expr: 'foo offset ⟦offset⟧', codes: ['promql/syntax-error'] },
  // Seconds a Go time.Duration cannot hold (durationLiteralOutOfRange).
  { expr: 'foo offset ⟦9.5e10⟧', codes: ['promql/invalid-duration'], message: /out of range/ },
  { expr: 'foo[⟦9.5e10⟧]', codes: ['promql/invalid-duration'], message: /out of range/ },
  { expr: 'foo[5m:-⟦1e11⟧]', codes: ['promql/invalid-duration'], message: /out of range/ },
  { expr: 'foo[9e9] offset (9e9)', codes: [] },
  // U+FFFD: bytes that are not UTF-8, which Prometheus' lexer rejects in strings.
  { expr: 'foo{a="x⟦\uFFFD⟧"}', codes: ['promql/invalid-string'], message: /UTF-8/ },
  { expr: 'label_replace(up, "a", `⟦\uFFFD⟧`, "b", "c")', codes: ['promql/invalid-string'] },
  // No comment inside `[ ]` (Prometheus' lexDurationExpr); before it, one is fine.
  { expr: 'foo[5m ⟦#⟧ why\n]', codes: ['promql/syntax-error'], message: /comment/ },
  { expr: 'foo # why\n[5m]', codes: [] },
  // Function names are case-sensitive outside durations.
  { expr: '⟦STEP⟧()', codes: ['promql/unknown-function'] },
  { expr: 'rate(foo[5m]⟦,⟧)', codes: ['promql/syntax-error'], message: /trailing commas/ },
  { expr: '⟦"abc⟧', codes: ['promql/syntax-error'], message: /unterminated/ },
  { expr: '⟦⟧', codes: ['promql/syntax-error'], message: /no expression/ },
  { expr: 'foo{a=~"x", ⟦:⟧}', codes: ['promql/syntax-error'] },
  { expr: 'up ⟦offset⟧', codes: ['promql/syntax-error'] },
  { expr: 'sum by ⟦job⟧ (x)', codes: ['promql/syntax-error'] },
  { expr: 'foo{a=⟦}⟧', codes: ['promql/syntax-error'], message: /quoted label value/ },
  // Functions.
  { expr: '⟦rates⟧(foo[5m])', codes: ['promql/unknown-function'], message: /did you mean "rate"/ },
  { expr: '⟦rat⟧(foo[5m])', codes: ['promql/unknown-function'], message: /did you mean "rate"/ },
  { expr: '⟦Rate⟧(foo[5m])', codes: ['promql/unknown-function'] },
  { expr: '⟦nope⟧(rate(⟦foo⟧))', codes: ['promql/unknown-function', 'promql/wrong-argument-type'] },
  { expr: 'rate(⟦foo⟧)', codes: ['promql/wrong-argument-type'], message: /expected type range vector.*got instant vector; add a range/ },
  { expr: 'abs(⟦foo[5m]⟧)', codes: ['promql/wrong-argument-type'] },
  { expr: 'histogram_quantile(⟦"0.9"⟧, foo)', codes: ['promql/wrong-argument-type'] },
  { expr: '⟦histogram_quantile⟧(0.9)', codes: ['promql/wrong-argument-count'] },
  { expr: 'abs(foo, ⟦bar⟧)', codes: ['promql/wrong-argument-count'] },
  { expr: 'round(foo, 1, ⟦2⟧)', codes: ['promql/wrong-argument-count'] },
  { expr: 'label_replace(up, "a", "$1", "b", ⟦up⟧)', codes: ['promql/wrong-argument-type'] },
  { expr: 'vector(⟦up⟧)', codes: ['promql/wrong-argument-type'] },
  { expr: 'predict_linear(foo[1h], ⟦bar⟧)', codes: ['promql/wrong-argument-type'] },
  // Aggregations.
  { expr: '⟦topk⟧(foo)', codes: ['promql/aggregation-parameter'] },
  { expr: 'sum(⟦5⟧, foo)', codes: ['promql/aggregation-parameter'] },
  { expr: 'count_values(⟦5⟧, foo)', codes: ['promql/aggregation-parameter'] },
  { expr: 'quantile(⟦foo⟧, bar)', codes: ['promql/aggregation-parameter'] },
  { expr: 'sum(⟦foo[5m]⟧)', codes: ['promql/wrong-argument-type'] },
  { expr: '⟦sum⟧()', codes: ['promql/wrong-argument-count'] },
  { expr: 'topk(1, foo, ⟦bar⟧)', codes: ['promql/wrong-argument-count'] },
  // Binary operators.
  { expr: '1 ⟦>⟧ 2', codes: ['promql/bool-modifier'] },
  { expr: 'foo + ⟦bool⟧ bar', codes: ['promql/bool-modifier'] },
  { expr: 'foo ⟦and⟧ 1', codes: ['promql/set-operator-on-scalar'] },
  { expr: '⟦foo[5m]⟧ * 2', codes: ['promql/operand-type'] },
  { expr: '⟦-foo[5m]⟧', codes: ['promql/operand-type'] },
  { expr: '⟦"a"⟧ + 1', codes: ['promql/operand-type'] },
  { expr: 'foo + on(job) group_left(⟦job⟧) bar', codes: ['promql/vector-matching'] },
  { expr: 'foo and on(x) ⟦group_left⟧ bar', codes: ['promql/vector-matching'] },
  { expr: '1 + ⟦on(x)⟧ foo', codes: ['promql/vector-matching'] },
  // Selectors.
  { expr: '⟦{}⟧', codes: ['promql/empty-selector'] },
  { expr: '⟦{job=~".*"}⟧', codes: ['promql/empty-selector'] },
  { expr: '⟦{job=""}⟧', codes: ['promql/empty-selector'] },
  { expr: '{job!=""}', codes: [] },
  { expr: 'up{⟦__name__="up"⟧}', codes: ['promql/duplicate-metric-name'] },
  { expr: 'foo{job=~⟦"(?!node).*"⟧}', codes: ['promql/invalid-regex'], message: /lookahead/ },
  { expr: 'foo{job=~⟦"(a)\\\\1"⟧}', codes: ['promql/invalid-regex'], message: /backreference/ },
  { expr: 'foo{job!~⟦"[z-a]"⟧}', codes: ['promql/invalid-regex'] },
  { expr: 'foo{job=~"(?P<x>a)\\\\z"}', codes: [] },
  { expr: 'foo{job="a⟦\\q⟧"}', codes: ['promql/invalid-string'] },
  { expr: 'foo{job="⟦\\\'⟧"}', codes: ['promql/invalid-string'] },
  { expr: 'foo{job="\\u00e9\\x41\\101\\n"}', codes: [] },
  // Ranges, subqueries, durations.
  { expr: 'foo[⟦0s⟧]', codes: ['promql/invalid-duration'] },
  { expr: 'foo[⟦-5m⟧]', codes: ['promql/invalid-duration'] },
  { expr: 'foo[5m:⟦0s⟧]', codes: ['promql/invalid-duration'] },
  { expr: 'foo[⟦5m1h⟧]', codes: ['promql/invalid-duration'], message: /not a valid duration string/ },
  { expr: 'foo[⟦1.5m⟧]', codes: ['promql/invalid-duration'] },
  { expr: 'foo[5m ⟦/ 0⟧]', codes: ['promql/invalid-duration'], message: /division by zero/ },
  { expr: '(foo)⟦[5m]⟧', codes: ['promql/range-selector'] },
  { expr: 'rate(sum(foo)⟦[5m]⟧)', codes: ['promql/range-selector'] },
  { expr: 'foo offset 1h⟦[5m]⟧', codes: ['promql/offset'] },
  { expr: 'foo @ 100⟦[5m]⟧', codes: ['promql/at-modifier'] },
  { expr: 'foo[5m]⟦[1h:1m]⟧', codes: ['promql/subquery'] },
  { expr: 'rate(foo[5m]) ⟦offset 5m⟧', codes: ['promql/offset'] },
  { expr: 'foo offset 5m ⟦offset 1m⟧', codes: ['promql/offset'] },
  { expr: 'sum(foo) ⟦@ 100⟧', codes: ['promql/at-modifier'] },
  { expr: 'foo @ 1 ⟦@ 2⟧', codes: ['promql/at-modifier'] },
  // A chain's problem is said once, at the innermost modifier that has it.
  { expr: 'foo offset 1h ⟦offset 2h⟧ offset 3h', codes: ['promql/offset'], message: /multiple times/ },
  { expr: 'sum(foo) ⟦offset 1h⟧ @ 100', codes: ['promql/offset'] },
  { expr: 'foo @ ⟦1e30⟧', codes: ['promql/at-modifier'] },
  {
    expr: 'a - ⟦b[5m:1m]⟧',
    codes: ['promql/operand-type'],
    message: /binary expression must contain only scalar and instant vector types/,
  },
  {
    expr: '⟦-b[5m:1m]⟧',
    codes: ['promql/operand-type'],
    message: /unary expression only allowed on expressions of type scalar or instant vector/,
  },
  { expr: 'a - ⟦b[5m]⟧', codes: ['promql/operand-type'], message: /binary expression must contain only scalar and instant vector types/ },
  { expr: 'a - (b) ⟦offset 1h⟧', codes: ['promql/offset'] },
  { expr: '(a - b) ⟦offset 1h⟧', codes: ['promql/offset'] },
  // Numbers.
  { expr: '⟦0x⟧ + 1', codes: ['promql/invalid-number'] },
  { expr: '⟦1.2.3⟧', codes: ['promql/invalid-number'] },
  // Experimental features: warnings naming the flag, silent when enabled.
  { expr: '⟦mad_over_time⟧(foo[5m])', codes: ['promql/experimental-function'], message: /promql-experimental-functions/ },
  { expr: 'mad_over_time(foo[5m])', codes: [], experimental: true },
  { expr: '⟦max_of⟧(1, 2)', codes: ['promql/experimental-function'], message: /promql-experimental-functions/ },
  { expr: 'min_of(⟦vector(1)⟧, 2)', codes: ['promql/wrong-argument-type'], experimental: true },
  { expr: '⟦max_of⟧(1)', codes: ['promql/wrong-argument-count'], experimental: true },
  { expr: 'rate(foo[max_of(step(), 1m)])', codes: [] },
  // Rewritten numbers keep their span: checks read the token as written.
  { expr: 'up[1m ⟦/ 0.e0⟧]', codes: ['promql/invalid-duration'], message: /division by zero/ },
  { expr: 'up @ ⟦0x7FFF_FFFF_FFFF_FFFF⟧', codes: ['promql/at-modifier'] },
  { expr: '⟦limitk⟧(2, foo)', codes: ['promql/experimental-function'] },
  { expr: 'rate(foo[5m] ⟦anchored⟧)', codes: ['promql/experimental-syntax'], message: /promql-extended-range-selectors/ },
  { expr: 'foo + ⟦fill(0)⟧ bar', codes: ['promql/experimental-syntax'], message: /promql-binop-fill-modifiers/ },
  { expr: 'foo[5m:1m] ⟦anchored⟧', codes: ['promql/range-modifier'], experimental: true },
  { expr: 'rate(foo[step() * 2])', codes: [] },
  // Rule result type.
  { expr: '⟦foo[5m]⟧', codes: ['promql/rule-result-type'], context: 'record' },
  { expr: '⟦"text"⟧', codes: ['promql/rule-result-type'], context: 'alert' },
  { expr: 'foo[5m]', codes: [], context: 'query' },
  { expr: 'scalar(foo)', codes: [], context: 'record' },
];

for (const c of cases) {
  test(`validate ${c.expr.replace(/[⟦⟧]/g, '')}`, () => run(c));
}

test('the type of an expression is reported', () => {
  const type = (expr: string) => validatePromQL(expr, { context: 'query', experimentalFeaturesEnabled: false }).type;
  assert.equal(type('sum(rate(foo[5m]))'), 'vector');
  assert.equal(type('foo[5m:1m]'), 'matrix');
  assert.equal(type('1 + time()'), 'scalar');
  assert.equal(type('"x"'), 'string');
  assert.equal(type('rate(foo)'), 'vector');
});

test('every emitted code is in the diagnostic table', () => {
  const known = new Set(promqlRules.map((r) => r.code));
  for (const c of cases) for (const code of c.codes) assert.ok(known.has(code), code);
});

test('deep and long input does not crash and stays bounded', () => {
  const deep = '('.repeat(10000) + 'up' + ')'.repeat(10000);
  const long = Array.from({ length: 100000 }, (_, i) => `m${i}`).join(' + ');
  const modifiers = ['up' + ' offset 1h'.repeat(20000), '(up)' + ' @ 100'.repeat(20000)];
  for (const expr of [deep, long, '-'.repeat(10000) + 'x', 'sum('.repeat(5000), '{'.repeat(3000), ...modifiers]) {
    const started = Date.now();
    const result = validatePromQL(expr, { context: 'query', experimentalFeaturesEnabled: false });
    assert.ok(Date.now() - started < 5000, 'took too long');
    assert.ok(result.problems.length <= 3, `${result.problems.length} problems`);
  }
  assert.deepEqual(
    validatePromQL(deep, { context: 'query', experimentalFeaturesEnabled: false }).problems.map((p) => p.code),
    ['promql/too-deeply-nested'],
  );
});

test('never throws on arbitrary text', () => {
  const samples = [
    '}{][)(',
    '@@@',
    'foo[',
    'offset',
    '`',
    '"\\',
    'sum by',
    'a + on(',
    '{a=~"(" }',
    '\u0000\uffff',
    'x{"',
    '1e',
    '0x_',
    'foo[5m:1m:2m]',
  ];
  for (const s of samples) {
    const result = validatePromQL(s, { context: 'alert', experimentalFeaturesEnabled: false });
    assert.ok(Array.isArray(result.problems));
    for (const p of result.problems) assert.ok(p.from >= 0 && p.to <= s.length && p.from <= p.to, `${s}: ${p.from}-${p.to}`);
  }
});

test('callsTheGrammarLacks lists exactly the catalog functions lezer-promql cannot parse as calls', () => {
  const lacking = functions
    .filter((f) => treeHasErrors(parser.parse(`${f.name}(${f.argTypes.map(() => '1').join(', ')})`)))
    .map((f) => f.name);
  assert.deepEqual(lacking.sort(), [...callsTheGrammarLacks].sort());
});
