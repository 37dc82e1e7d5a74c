import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hoverPromQL } from '../../../server/src/service/promql/hover';
import { cursor, fakeDeps } from './completionFixtures';

function hover(input: string) {
  const { text, offset } = cursor(input);
  return hoverPromQL(text, offset, fakeDeps());
}

/** [input with cursor, the hovered text, patterns the markdown must contain] */
const cases: [input: string, range: string, patterns: RegExp[]][] = [
  ['ra|te(up[5m])', 'rate', [/```promql\nrate\(v range-vector\) → instant-vector\n```/, /counter/i]],
  ['rate|(up[5m])', 'rate', [/rate\(v range-vector\)/]],
  ['histogram_quan|tile(0.9, x)', 'histogram_quantile', [/histogram_quantile\(φ scalar, b instant-vector\)/]],
  ['double_exponential_smoo|thing(x[5m], 0.5, 0.5)', 'double_exponential_smoothing', [/promql-experimental-functions/]],
  ['su|m by (job) (up)', 'sum', [/```promql\nsum \[by\|without \(labels\)\]/, /Example:/]],
  ['TOP|K(5, up)', 'TOPK', [/topk \[by\|without \(labels\)\] \(k scalar, v instant-vector\)/]],
  ['sum b|y (job) (up)', 'by', [/\*\*by\*\* — grouping/]],
  ['sum without| (job) (up)', 'without', [/\*\*without\*\*/]],
  ['up / ig|noring(a) group_left up', 'ignoring', [/vector matching/]],
  ['up / ignoring(a) group_le|ft up', 'group_left', [/group_left/]],
  ['up > bo|ol 1', 'bool', [/comparison/]],
  ['up |or vector(0)', 'or', [/set operator/]],
  ['up |/ up', '/', [/Division/i]],
  ['up off|set 5m', 'offset', [/modifier/]],
  ['up |@ end()', '@', [/modifier/]],
  ['up @ e|nd()', 'end', [/\*\*end\(\)\*\*/]],
  ['up[5m] anch|ored', 'anchored', [/promql-extended-range-selectors/]],
  ['rate(up[5|m])', '5m', [/5 minutes = 300 seconds/]],
  ['rate(up[1h30|m])', '1h30m', [/1 hour 30 minutes = 5,400 seconds/]],
  ['up offset 1|d', '1d', [/1 day = 86,400 seconds/]],
  ['up[30|0]', '300', [/300 seconds = 5 minutes/]],
  ['rate(up[step|()])', 'step()', [/step\(\) → scalar/]],
  // After `offset` too, and in any case (Prometheus lower-cases duration functions).
  ['up offset st|ep()', 'step', [/step\(\) → scalar/]],
  ['rate(up[ST|EP()])', 'STEP', [/step\(\) → scalar/]],
  ['http_requests_to|tal', 'http_requests_total', [/\*\*http_requests_total\*\* — counter/, /HTTP requests served/, /`method`/]],
  [
    'rate(http_request_duration_seconds_buc|ket[5m])',
    'http_request_duration_seconds_bucket',
    [/Series of the histogram `http_request_duration_seconds`/, /`le`/],
  ],
  ['rpc_duration_seconds_co|unt', 'rpc_duration_seconds_count', [/summary/]],
  [
    'job:http_requests:ra|te5m',
    'job:http_requests:rate5m',
    [/recording rule/, /```promql\nsum by \(job, code\)/, /Recording rule defined in \[rules\.yaml\]\(file:\/\/\/work\/rules\.yaml#L12\)/],
  ],
  ['{"my.dotted.me|tric"}', '"my.dotted.metric"', [/A UTF-8 name/]],
  ['http_requests_total{me|thod="GET"}', 'method', [/A label of `http_requests_total`/]],
  ['up{jo|b="api"}', 'job', [/scrape job/]],
  ['sum by (na|mespace) (up)', 'namespace', [/Kubernetes namespace/]],
  ['{"my.dotted.metric", "my.la|bel"="x"}', '"my.label"', [/A label of `my.dotted.metric`/]],
  ['up{job=|~"a.*"}', '=~', [/regular expression/]],
  ['{__name__="u|p"}', '"up"', [/Whether the last scrape worked/]],
];

for (const [input, range, patterns] of cases) {
  test(`hover ${input}`, () => {
    const { text } = cursor(input);
    const result = hover(input);
    assert.ok(result, 'a hover');
    assert.equal(text.slice(result.from, result.to), range);
    for (const pattern of patterns) assert.match(result.markdown, pattern);
  });
}

const nothing = ['unknown_me|tric', 'up{job="ap|i"}', 'topk(|5, up)', 'up |', '# co|mment', 'up{zz|z="a"}'];
for (const input of nothing) {
  test(`no hover at ${input}`, () => assert.equal(hover(input), undefined));
}

test('hover on a 10,000-character expression stays fast', () => {
  const part = 'sum by (job) (rate(http_requests_total{code=~"5..", job="api"}[5m])) / ';
  const text = part.repeat(Math.ceil(10_000 / part.length)) + 'rate(up[5m])';
  const started = performance.now();
  for (let i = 0; i < 20; i++) assert.ok(hoverPromQL(text, text.length - 5, fakeDeps()));
  const perCall = (performance.now() - started) / 20;
  assert.ok(perCall < 100, `hover took ${perCall.toFixed(1)} ms`);
});
