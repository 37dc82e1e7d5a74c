import { test } from 'node:test';
import assert from 'node:assert/strict';
import { corpusAvailable, corpusExpressions } from '../../../bench/corpus';
import { formatPromQL } from '../../../server/src/service/promql/format';
import { validatePromQL } from '../../../server/src/service/promql/validate';

function formatted(text: string): string {
  const result = formatPromQL(text);
  assert.ok('formatted' in result, `${text} was left as written: ${'unformatted' in result ? result.unformatted : ''}`);
  return result.formatted;
}

test('one line, spaced canonically, where the expression fits in 100 characters', () => {
  const cases: Array<[string, string]> = [
    ['sum(rate(x[5m]))by(job)', 'sum by (job) (rate(x[5m]))'],
    ['sum  without(instance)(x)', 'sum without (instance) (x)'],
    ['sum by () (x)', 'sum by () (x)'],
    ['topk(5,x)by(job)', 'topk by (job) (5, x)'],
    ['count_values("v",x)', 'count_values("v", x)'],
    ['x{a = "b",c!~"d e"}', 'x{a="b", c!~"d e"}'],
    ['{"utf8.name",a="b"}', '{"utf8.name", a="b"}'],
    ['x{}', 'x{}'],
    ['a/on(job)group_left(x)b', 'a / on (job) group_left (x) b'],
    ['a / ignoring(x) group_right b', 'a / ignoring (x) group_right b'],
    ['a>bool 1', 'a > bool 1'],
    ['a and  on() b', 'a and on () b'],
    ['x[ 5m ]', 'x[5m]'],
    ['rate(x[5m:1m])', 'rate(x[5m:1m])'],
    ['max_over_time(rate(x[5m])[1h:])', 'max_over_time(rate(x[5m])[1h:])'],
    ['x offset   5m', 'x offset 5m'],
    ['x offset -5m @ end()', 'x offset -5m @ end()'],
    ['x @ 1609746000', 'x @ 1609746000'],
    ['x[5m  *  2]', 'x[5m * 2]'],
    ['- x', '-x'],
    ['-(a+b)', '-(a + b)'],
    ['a - - 2', 'a - -2'],
    ['(a)', '(a)'],
    ['time()', 'time()'],
    ["label_replace(x,'dst','$1','src','(.*)')", "label_replace(x, 'dst', '$1', 'src', '(.*)')"],
    ['1e3 + 0x1F', '1e3 + 0x1F'],
    // Numbers and calls Prometheus reads and lezer-promql's grammar does not, kept as written.
    ['up*5.', 'up * 5.'],
    ['x+0X1_F', 'x + 0X1_F'],
    ['max_of(a,1.e-1)>bool min_of(b,2)', 'max_of(a, 1.e-1) > bool min_of(b, 2)'],
    // What the author wrote stays where meaning does not depend on it.
    ['SUM BY (job) (x)', 'SUM BY (job) (x)'],
    ['x{a="with  two spaces"}', 'x{a="with  two spaces"}'],
    ['x{a=`raw\n  string`}', 'x{a=`raw\n  string`}'],
  ];
  for (const [input, expected] of cases) assert.equal(formatted(input), expected, input);
});

test('a longer expression splits at its outermost node, one level deeper per level', () => {
  const errorRatio =
    'sum(rate(http_requests_total{job="api-server", code=~"5.."}[5m])) by (job) / sum(rate(http_requests_total{job="api-server"}[5m])) by (job) > 0.05';
  assert.equal(
    formatted(errorRatio),
    [
      '    sum by (job) (rate(http_requests_total{job="api-server", code=~"5.."}[5m]))',
      '  /',
      '    sum by (job) (rate(http_requests_total{job="api-server"}[5m]))',
      '>',
      '  0.05',
    ].join('\n'),
  );
  const latency =
    'histogram_quantile(0.99, sum by (le, job, namespace) (rate(apiserver_request_duration_seconds_bucket{verb!~"WATCH|CONNECT"}[5m])))';
  assert.equal(
    formatted(latency),
    [
      'histogram_quantile(',
      '  0.99,',
      '  sum by (le, job, namespace) (',
      '    rate(apiserver_request_duration_seconds_bucket{verb!~"WATCH|CONNECT"}[5m])',
      '  )',
      ')',
    ].join('\n'),
  );
  const subquery =
    'max_over_time((sum by (namespace, pod) (rate(container_cpu_usage_seconds_total{container!="", image!=""}[5m])))[1h:5m])';
  assert.equal(
    formatted(subquery),
    [
      'max_over_time(',
      '  (sum by (namespace, pod) (rate(container_cpu_usage_seconds_total{container!="", image!=""}[5m])))[1h:5m]',
      ')',
    ].join('\n'),
  );
  // Parentheses and a unary minus around a long operation.
  const negated = '-(a_long_metric_name_that_takes_space + another_long_metric_name_that_takes_space + a_third_one_here_too)';
  assert.equal(
    formatted(negated),
    [
      '-(',
      // The inner sum fits in 100 characters: it stays on one line.
      '    a_long_metric_name_that_takes_space + another_long_metric_name_that_takes_space',
      '  +',
      '    a_third_one_here_too',
      ')',
    ].join('\n'),
  );
});

test('the width is a parameter: a narrow one splits what fits in 100', () => {
  assert.deepEqual(formatPromQL('sum(rate(x[5m])) by (job)'), { formatted: 'sum by (job) (rate(x[5m]))' });
  assert.deepEqual(formatPromQL('sum(rate(x[5m])) by (job)', 20), { formatted: 'sum by (job) (\n  rate(x[5m])\n)' });
});

test('comments before and after the expression are kept on their own lines', () => {
  assert.equal(
    formatted('# Errors per second\n  # by job\nsum(rate(x[5m]))by(job)   # trailing\n'),
    '# Errors per second\n# by job\nsum by (job) (rate(x[5m]))\n# trailing',
  );
});

test('comments inside stay next to the operand, operator or argument they follow or precede', () => {
  const cases: [string, string][] = [
    // A comment on its own line goes before what follows it; one at the end of a line stays there.
    ['sum(\n  # why\n  x\n)', 'sum(\n  # why\n  x\n)'],
    [
      'histogram_quantile(0.99, # p99\n  sum by (le) (rate(x_bucket[5m])))',
      'histogram_quantile(\n  0.99, # p99\n  sum by (le) (rate(x_bucket[5m]))\n)',
    ],
    // Split only where a comment is: the operator stays between operands that are split for one.
    ['sum by(job)(\n  rate(x[5m])   # per second\n)>1', 'sum by (job) (\n  rate(x[5m]) # per second\n) > 1'],
    ['sum(\nx # a\n) / sum(\ny # b\n)', 'sum(\n  x # a\n) / sum(\n  y # b\n)'],
    // Around an operator: the operator begins the right operand's line, unless a comment follows it.
    [
      'sum(rate(errors_total[5m]))   # errors\n  /\nsum(rate(requests_total[5m])) # all requests\n> 0.05',
      'sum(rate(errors_total[5m])) # errors\n/ sum(rate(requests_total[5m])) # all requests\n> 0.05',
    ],
    ['a / on(job) # matched\n b', 'a\n/ on (job) # matched\nb'],
    ['(\n  # first\n  a\n  # second\n  or b\n)', '(\n  # first\n  a\n  # second\n  or b\n)'],
    ['-(\n a # c\n)', '-(\n  a # c\n)'],
  ];
  for (const [input, expected] of cases) {
    assert.equal(formatted(input), expected, input);
    assert.equal(formatted(expected), expected, `not a fixed point: ${expected}`);
  }
  // Too long for one line anyway: Prometheus' layout, with the comments in it.
  const long = `sum(rate(${'a'.repeat(60)}[5m])) # errors\n/ sum(rate(${'b'.repeat(60)}[5m]))`;
  assert.equal(formatted(long), `  sum(rate(${'a'.repeat(60)}[5m])) # errors\n/\n  sum(rate(${'b'.repeat(60)}[5m]))`);
});

test('an expression with a comment where no line can break, or syntax errors, or none at all is left as written, with the reason', () => {
  const lost = { unformatted: 'a comment inside a selector, grouping, range or modifier would lose its place' };
  assert.deepEqual(formatPromQL('foo{a="b", # c\n d="e"}'), lost);
  assert.deepEqual(formatPromQL('sum by (job # c\n) (x)'), lost);
  assert.deepEqual(formatPromQL('rate(x[5m # c\n])'), lost);
  assert.deepEqual(formatPromQL('x offset # c\n 5m'), lost);
  assert.deepEqual(formatPromQL('sum(rate(x[5m])'), { unformatted: 'the expression has syntax errors' });
  assert.deepEqual(formatPromQL('unknown_function(x)'), { unformatted: 'the expression has syntax errors' });
  assert.deepEqual(formatPromQL('   '), { unformatted: 'there is no expression to format' });
  assert.deepEqual(formatPromQL('# only a comment'), { unformatted: 'there is no expression to format' });
  // The parser gives up on absurd nesting before the layout could exhaust the stack.
  assert.deepEqual(formatPromQL('('.repeat(20_000) + '1' + ')'.repeat(20_000)), { unformatted: 'the expression has syntax errors' });
  assert.deepEqual(formatPromQL(Array.from({ length: 10_000 }, (_, i) => `m${i}`).join(' + ')), {
    unformatted: 'the expression is longer than 50000 characters',
  });
});

test('every corpus expression formats to a fixed point that validates exactly like the original', { skip: !corpusAvailable }, () => {
  const expressions = corpusExpressions();
  assert.ok(expressions.length > 400, `corpus expressions: ${expressions.length}`);
  let split = 0;
  for (const expression of expressions) {
    const result = formatPromQL(expression);
    if ('unformatted' in result) {
      // A comment inside a selector or grouping keeps an expression as written; so do syntax
      // errors (promtool's test data holds a rule file that is broken on purpose).
      const broken = validatePromQL(expression, { context: 'alert', experimentalFeaturesEnabled: true }).problems.some(
        (problem) => problem.code === 'promql/syntax-error',
      );
      assert.equal(
        result.unformatted,
        broken ? 'the expression has syntax errors' : 'a comment inside a selector, grouping, range or modifier would lose its place',
        expression,
      );
      continue;
    }
    const text = result.formatted;
    if (text.includes('\n')) split++;
    assert.equal(formatted(text), text, `not a fixed point:\n${expression}`);
    const codes = (expr: string) =>
      validatePromQL(expr, { context: 'alert', experimentalFeaturesEnabled: true }).problems.map((problem) => problem.code);
    assert.deepEqual(codes(text), codes(expression), expression);
    // A line is longer than the width only where nothing on it can be split (a selector).
    for (const line of text.split('\n')) {
      if (line.trim().length > 100) assert.doesNotMatch(line.trim(), /^[a-z_]+\(|\) [^ ]+ \(/, `${line} could have been split`);
    }
  }
  assert.ok(split > 50, `expressions split over lines: ${split}`);
});
