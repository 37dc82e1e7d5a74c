import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { functions } from '../../../server/src/service/catalog/functions';
import { hasScope, scopesOf, tokenize } from './tokenize';

/** [expression, the text of a token in it, the scope that token must carry] */
const cases: Array<[string, string, string]> = [
  ['rate(http_requests_total[5m])', 'rate', 'support.function.builtin.promql'],
  ['rate(http_requests_total[5m])', 'http_requests_total', 'variable.other.metric.promql'],
  ['rate(http_requests_total[5m])', '5m', 'constant.numeric.duration.promql'],
  ['rate(http_requests_total[5m])', '[', 'punctuation.section.brackets.begin.promql'],
  ['max_over_time(up[1h30m:1m])', '1h30m', 'constant.numeric.duration.promql'],
  ['max_over_time(up[1h30m:1m])', ':1m', 'punctuation.separator.subquery.promql'],
  ['max_over_time(up[1h30m:1m])', '1m', 'constant.numeric.duration.promql'],
  ['up offset 500ms', '500ms', 'constant.numeric.duration.promql'],
  ['up offset -1w', 'offset', 'keyword.other.offset.promql'],
  ['job:request_latency_seconds:mean5m > 0.5', 'job:request_latency_seconds:mean5m', 'variable.other.metric.promql'],
  ['job:request_latency_seconds:mean5m > 0.5', '>', 'keyword.operator.comparison.promql'],
  ['job:request_latency_seconds:mean5m > 0.5', '0.5', 'constant.numeric.promql'],
  ['x * 0x1F', '0x1F', 'constant.numeric.promql'],
  ['x > 1.5e-3', '1.5e-3', 'constant.numeric.promql'],
  ['x != Inf', 'Inf', 'constant.numeric.special.promql'],
  ['x != -NaN', 'NaN', 'constant.numeric.special.promql'],
  ['up{job="api", instance=~"10\\\\..*"}', 'job', 'entity.other.attribute-name.label.promql'],
  ['up{job="api", instance=~"10\\\\..*"}', 'instance', 'entity.other.attribute-name.label.promql'],
  ['up{job="api", instance=~"10\\\\..*"}', '=~', 'keyword.operator.matcher.promql'],
  ['up{job="api", instance=~"10\\\\..*"}', '"api"', 'string.quoted.double.promql'],
  ['up{job="api", instance=~"10\\\\..*"}', '\\\\', 'constant.character.escape.promql'],
  ["up{job!~'batch|cron'}", "'batch", 'string.quoted.single.promql'],
  ['up{path=~`/api/\\d+`}', '/api/\\d+', 'string.quoted.other.raw.promql'],
  ['{"http.server.duration", "service.name"="api"}', '"service.name"', 'entity.other.attribute-name.label.quoted.promql'],
  ['{"http.server.duration", "service.name"="api"}', '"http.server.duration"', 'string.quoted.double.promql'],
  ['sum by (job, "k8s.pod") (rate(x[5m]))', 'sum', 'support.function.aggregation.promql'],
  ['sum by (job, "k8s.pod") (rate(x[5m]))', 'by', 'keyword.other.grouping.promql'],
  ['sum by (job, "k8s.pod") (rate(x[5m]))', 'job', 'entity.other.attribute-name.label.promql'],
  ['sum by (job, "k8s.pod") (rate(x[5m]))', '"k8s.pod"', 'entity.other.attribute-name.label.quoted.promql'],
  ['sum without(instance)(up)', 'instance', 'entity.other.attribute-name.label.promql'],
  ['topk(5, sum(rate(x[5m])) by (path))', 'topk', 'support.function.aggregation.promql'],
  ['count_values("version", build_info)', 'count_values', 'support.function.aggregation.promql'],
  ['a / on(instance) group_left(node) b', 'on', 'keyword.other.vector-matching.promql'],
  ['a / on(instance) group_left(node) b', 'group_left', 'keyword.other.vector-matching.promql'],
  ['a / on(instance) group_left(node) b', 'node', 'entity.other.attribute-name.label.promql'],
  ['a * ignoring(code) group_right b', 'group_right', 'keyword.other.vector-matching.promql'],
  ['a > bool 3', 'bool', 'keyword.other.bool.promql'],
  ['a and b unless c or d', 'unless', 'keyword.operator.logical.promql'],
  ['a atan2 b', 'atan2', 'keyword.operator.arithmetic.word.promql'],
  ['a + fill(0) b', 'fill', 'keyword.other.fill.promql'],
  ['a + fill_left(1) b', 'fill_left', 'keyword.other.fill.promql'],
  ['rate(x[5m] anchored)', 'anchored', 'keyword.other.range-modifier.promql'],
  ['increase(x[1h] smoothed)', 'smoothed', 'keyword.other.range-modifier.promql'],
  ['up @ start()', '@', 'keyword.operator.at.promql'],
  ['up @ start()', 'start', 'support.function.at-preprocessor.promql'],
  ['up @ end()', 'end', 'support.function.at-preprocessor.promql'],
  ['up @ 1609746000', '1609746000', 'constant.numeric.promql'],
  ['my_custom_fn(up)', 'my_custom_fn', 'entity.name.function.promql'],
  ['up # is the target up?', '# is', 'comment.line.number-sign.promql'],
  ['up{job="a"} # {not a selector}', '# {not', 'comment.line.number-sign.promql'],
  ['rate{job="x"}', 'rate', 'variable.other.metric.promql'],
  ['offset_seconds > 1', 'offset_seconds', 'variable.other.metric.promql'],
  ['x5m + 1', 'x5m', 'variable.other.metric.promql'],
];

describe('PromQL grammar', () => {
  for (const [expr, needle, scope] of cases) {
    test(`${needle} in ${expr} is ${scope}`, async () => {
      const scopes = scopesOf(await tokenize('source.promql', expr), needle);
      assert.ok(hasScope(scopes, scope), `got ${JSON.stringify(scopes)}`);
    });
  }

  test('every catalog function is a builtin when called', async () => {
    assert.ok(functions.length >= 90);
    const text = functions.map((f) => `${f.name}(x)`).join('\n');
    const lines = await tokenize('source.promql', text);
    const missing = functions.filter((_, i) => !hasScope(lines[i]?.[0]?.scopes, 'support.function.builtin.promql'));
    assert.deepEqual(
      missing.map((f) => f.name),
      [],
    );
  });

  test('the 14 aggregation operators are aggregations, also before by/without', async () => {
    const names = [
      'sum',
      'avg',
      'count',
      'min',
      'max',
      'group',
      'stddev',
      'stdvar',
      'topk',
      'bottomk',
      'count_values',
      'quantile',
      'limitk',
      'limit_ratio',
    ];
    const lines = await tokenize('source.promql', names.map((n, i) => (i % 2 ? `${n}(x)` : `${n} by (a) (x)`)).join('\n'));
    const missing = names.filter((_, i) => !hasScope(lines[i]?.[0]?.scopes, 'support.function.aggregation.promql'));
    assert.deepEqual(missing, []);
  });

  test('an unterminated string stops at the end of its line', async () => {
    const lines = await tokenize('source.promql', 'x == "unterminated\nrate(x[5m])');
    assert.ok(hasScope(scopesOf(lines, 'rate'), 'support.function.builtin.promql'));
  });
});
