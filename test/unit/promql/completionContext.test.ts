import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeCompletionContext, type CompletionTarget } from '../../../server/src/service/promql/completionContext';
import { cursor } from './completionFixtures';

/** A compact description of the targets: kinds, with the details that matter in brackets. */
function describe(targets: CompletionTarget[]): string {
  return targets
    .map((t) => {
      switch (t.kind) {
        case 'metricName':
          return `metric${t.expected ? `:${t.expected}` : ''}${t.quoted ? '"' : ''}`;
        case 'function':
          return `function${t.expected ? `:${t.expected}` : ''}`;
        case 'keyword':
          return `keyword(${t.names.join(' ')})`;
        case 'labelName':
          return `label(${t.metrics.join(' ')}${t.used.length ? ` -${t.used.join(' -')}` : ''})${t.quoted ? '"' : ''}`;
        case 'labelValue':
          return `value(${t.labelName}${t.metric ? ` of ${t.metric}` : ''})${t.quoted ? '"' : ''}`;
        case 'duration':
          return `duration:${t.slot}`;
        case 'durationUnit':
          return `unit(${t.number}${t.smallerThan ? ` <${t.smallerThan}` : ''})`;
        default:
          return t.kind;
      }
    })
    .join(', ');
}

const expression = 'metric, function, aggregation';
const cases: [input: string, expected: string, range?: [number, number]][] = [
  ['|', expression],
  ['ra|', expression, [0, 2]],
  ['rate(|', 'metric:matrix, function:matrix, aggregation'],
  ['rate(http|', 'metric:matrix, function:matrix, aggregation', [5, 9]],
  ['rate(fo|o[5m])', 'metric:matrix, function:matrix, aggregation', [5, 8]],
  ['histogram_quantile(0.9, |', 'metric:vector, function:vector, aggregation'],
  ['histogram_quantile(|', 'metric:scalar, function:scalar, aggregation'],
  ['topk(5, |)', 'metric:vector, function:vector, aggregation'],
  ['label_replace(foo, |', ''],
  ['-|', expression],
  ['(|', expression],
  ['rate(foo[|', 'duration:range'],
  ['rate(foo[|])', 'duration:range'],
  ['rate(foo[5|', 'unit(5)', [9, 10]],
  ['rate(foo[1h3|', 'unit(1h3 <h)', [9, 12]],
  ['rate(foo[5m|', ''],
  ['rate(foo[1|0m])', ''],
  ['rate(foo[ste|', 'durationFunction', [9, 12]],
  ['foo[5m:|]', 'duration:step'],
  ['foo offset |', 'duration:offset'],
  ['foo offset -|', 'duration:offset'],
  ['foo offset 5|', 'unit(5)', [11, 12]],
  ['foo @ |', 'keyword(start() end())'],
  ['foo |', 'binaryOperator, keyword(offset @)'],
  ['foo{job="a"} |', 'binaryOperator, keyword(offset @)'],
  ['foo[5m] |', 'binaryOperator, keyword(offset @ anchored smoothed)'],
  ['foo[5m:1m] |', 'binaryOperator, keyword(offset @)'],
  ['rate(foo[5m]) |', 'binaryOperator'],
  ['sum(foo) |', 'binaryOperator, keyword(by without)'],
  ['sum(foo) wi|', 'binaryOperator, keyword(by without)', [9, 11]],
  ['sum |', 'binaryOperator, keyword(by without offset @)'],
  ['sum by (job) |', ''],
  ['foo an|', 'binaryOperator, keyword(offset @)', [4, 6]],
  ['foo / |', `${expression}, keyword(on ignoring fill fill_left fill_right)`],
  ['foo > |', `${expression}, keyword(bool on ignoring)`],
  ['foo > bool |', `${expression}, keyword(on ignoring)`],
  ['foo and |', `${expression}, keyword(on ignoring)`],
  ['foo / on(job) |', `${expression}, keyword(group_left group_right fill fill_left fill_right)`],
  ['foo / on(job) group_left |', expression],
  ['sum by (|', 'label()'],
  ['sum by (|) (rate(http_requests_total{code="500"}[5m]))', 'label(http_requests_total)'],
  ['sum(rate(http_requests_total[5m])) by (job, |)', 'label(http_requests_total -job)'],
  ['sum without (j|) (up)', 'label(up)', [13, 14]],
  ['foo / on(|) bar', 'label(foo bar)'],
  ['foo / ignoring(a) group_left(|) bar', 'label(foo bar)'],
  ['foo{|}', 'label(foo)'],
  ['foo{job="x", |}', 'label(foo -job)'],
  ['foo{jo|}', 'label(foo)', [4, 6]],
  ['{|}', 'label()'],
  ['{"my.metric", |}', 'label(my.metric)'],
  ['{"|"}', 'metric", label()"', [2, 2]],
  ['{"my.metric", "|"}', 'label(my.metric)"'],
  ['foo{job |', 'matchOperator'],
  ['foo{job!|', 'matchOperator', [7, 8]],
  ['foo{job=|', 'value(job of foo)'],
  ['foo{job="|"}', 'value(job of foo)"', [9, 9]],
  ['foo{job="ap|i"}', 'value(job of foo)"', [9, 12]],
  ['foo{job=~"a,b", |}', 'label(foo -job)'],
  ['{"my.metric", "my.label"="|"}', 'value(my.label of my.metric)"'],
  ['sum by ("|")', 'label()"'],
  ['label_replace(foo, "dst", "$1", "|", "(.*)")', 'label(foo)"'],
  ['label_replace(foo, "|', ''],
  ['count_values("|', ''],
  ['foo + "|', ''],
  ['# a comment |', ''],
  ['foo # a comment |', ''],
  ['sum(rate(foo{job="a"}[5m]) |', 'binaryOperator'],
];

for (const [input, expected, range] of cases) {
  test(`context ${input}`, () => {
    const { text, offset } = cursor(input);
    const context = analyzeCompletionContext(text, offset);
    assert.equal(describe(context.targets), expected);
    if (range) assert.deepEqual([context.from, context.to], range);
  });
}
