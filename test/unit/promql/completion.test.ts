import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CompletionItemKind, InsertTextFormat, type CompletionItem } from 'vscode-languageserver-types';
import { completePromQL } from '../../../server/src/service/promql/completion';
import { MAX_METRIC_ITEMS } from '../../../server/src/service/promql/completionItems';
import { catalogMetrics, metricLookup } from '../../../server/src/service/catalog/metrics';
import type { MetricInfo } from '../../../server/src/service/types';
import { cursor, fakeDeps } from './completionFixtures';

function complete(input: string, deps = fakeDeps()) {
  const { text, offset } = cursor(input);
  return completePromQL(text, offset, deps);
}

function labels(input: string): string[] {
  return complete(input).items.map((item) => item.label);
}

/** Labels in the order VS Code shows them before any filtering (by sortText). */
function ranked(input: string): string[] {
  return [...complete(input).items].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label)).map((i) => i.label);
}

function item(input: string, label: string): CompletionItem {
  const found = complete(input).items.find((i) => i.label === label);
  assert.ok(found, `${label} offered at ${input}`);
  return found;
}

const presence: [input: string, present: string[], absent: string[]][] = [
  ['|', ['up', 'http_requests_total', 'rate', 'sum', 'sum by', 'job:http_requests:rate5m'], ['by', 'offset', '5m', 'step']],
  [
    'rate(|',
    ['http_requests_total', 'http_request_duration_seconds_bucket', 'rpc_duration_seconds_count', 'abs'],
    ['http_request_duration_seconds'],
  ],
  ['rate(http_requests_total[|', ['1m', '5m', '1h'], ['rate', 'up', '$__rate_interval']],
  ['rate(http_requests_total[5|', ['5s', '5m', '5h', '5d', '5ms'], ['1m']],
  ['rate(http_requests_total[1h3|', ['1h3m', '1h3s', '1h3ms'], ['1h3h', '1h3d']],
  ['rate(http_requests_total[5m|', [], ['5m', 'rate', 'up']],
  ['rate(http_requests_total[ste|', ['step', 'range', 'max_of'], ['rate', 'up']],
  ['sum by (|) (rate(http_requests_total[5m]))', ['code', 'method', 'handler', 'job', 'instance'], ['rate', 'up']],
  ['histogram_quantile(0.9, sum by (|) (rate(http_request_duration_seconds_bucket[5m])))', ['le', 'handler', 'job'], []],
  ['http_requests_total{|}', ['code', 'method', 'job', 'instance', 'namespace'], ['up', 'rate']],
  ['http_requests_total{code="500", |}', ['method'], ['code']],
  ['rpc_duration_seconds{|}', ['quantile', 'service'], []],
  ['job:http_requests:rate5m{|}', ['job', 'code'], []],
  ['http_requests_total{code=|', [], ['code', 'up']],
  ['{__name__="|"}', ['up', 'http_requests_total'], ['rate']],
  ['http_requests_total{code|', ['code', 'method'], ['!=', 'up']],
  ['http_requests_total{code!|', ['!=', '!~'], ['code']],
  ['up |', ['offset', '@', 'and', '+', '=='], ['by', 'up', 'rate', 'anchored']],
  ['up[5m] |', ['anchored', 'smoothed', 'offset'], ['by']],
  ['sum(up) |', ['by', 'without', 'or'], ['offset', 'up']],
  ['up > |', ['bool', 'on', 'up'], ['group_left']],
  ['up / on(job) |', ['group_left', 'group_right', 'up'], ['on']],
  ['up @ |', ['start()', 'end()'], ['up']],
  ['up{job="api|"}', [], ['up', 'job', 'rate']],
  ['label_replace(up, "|', [], ['up', 'job']],
  ['# comment |', [], ['up', 'rate']],
];

for (const [input, present, absent] of presence) {
  test(`items at ${input}`, () => {
    const offered = labels(input);
    for (const label of present) assert.ok(offered.includes(label), `${label} missing from ${offered.slice(0, 30).join(' ')}`);
    for (const label of absent) assert.ok(!offered.includes(label), `${label} should not be offered`);
  });
}

test('rate(| ranks counters and histogram parts before gauges and functions', () => {
  const order = ranked('rate(|');
  const counter = order.indexOf('http_requests_total');
  assert.ok(counter < order.indexOf('up'), 'counter before gauge');
  assert.ok(order.indexOf('http_request_duration_seconds_bucket') < order.indexOf('up'));
  assert.ok(order.indexOf('up') < order.indexOf('abs'), 'metrics before functions');
});

test('histogram_quantile(0.9, | ranks bucket series first', () => {
  assert.equal(ranked('histogram_quantile(0.9, |')[0], 'http_request_duration_seconds_bucket');
});

test('label lists put the metric labels before the common ones', () => {
  const order = ranked('http_requests_total{|}');
  assert.ok(order.indexOf('method') < order.indexOf('job'));
  assert.ok(order.indexOf('job') < order.indexOf('instance'));
  assert.ok(order.indexOf('instance') < order.indexOf('namespace'));
});

const snippets: [input: string, label: string, insert: string][] = [
  ['ra|', 'rate', 'rate(${1}[${2:5m}])'],
  ['hist|', 'histogram_quantile', 'histogram_quantile(${1:0.99}, ${2})'],
  ['lab|', 'label_replace', 'label_replace(${1}, "${2:dst_label}", "${3:$1}", "${4:src_label}", "${5:(.*)}")'],
  ['ti|', 'time', 'time()'],
  ['rou|', 'round', 'round(${1})'],
  ['su|', 'sum', 'sum(${1})'],
  ['su|', 'sum by', 'sum by (${1}) (${2})'],
  ['to|', 'topk', 'topk(${1:5}, ${2})'],
  ['count_|', 'count_values', 'count_values("${1:label}", ${2})'],
  ['sum(up) |', 'by', 'by (${1})'],
  ['up / |', 'on', 'on (${1})'],
];

for (const [input, label, insert] of snippets) {
  test(`snippet ${label} at ${input}`, () => {
    const found = item(input, label);
    assert.equal(found.insertText, insert);
    assert.equal(found.insertTextFormat, InsertTextFormat.Snippet);
  });
}

test('a call already followed by ( inserts only the name', () => {
  assert.equal(item('ra|(up[5m])', 'rate').insertText, 'rate');
});

test('replace range covers the whole word and the inside of quotes', () => {
  assert.deepEqual(pick(complete('rate(htt|p_requests[5m])')), [5, 18]);
  assert.deepEqual(pick(complete('{__name__="u|p"}')), [11, 13]);
  assert.deepEqual(pick(complete('foo[5|')), [4, 5]);
});

function pick(result: { from: number; to: number }): [number, number] {
  return [result.from, result.to];
}

test('UTF-8 names are quoted outside strings and raw inside them', () => {
  assert.equal(item('my|', 'my.dotted.metric').insertText, '{"my.dotted.metric"}');
  assert.equal(item('{"my|"}', 'my.dotted.metric').insertText, 'my.dotted.metric');
  assert.equal(item('{"my.dotted.metric", |}', 'my.label').insertText, '"my.label"');
  assert.equal(item('{"my.dotted.metric", "|"}', 'my.label').insertText, undefined);
  assert.equal(item('{__name__="|"}', 'up').insertText, 'up');
  assert.equal(item('{__name__=|}', 'up').insertText, '"up"');
});

test('item kinds and metric documentation', () => {
  assert.equal(item('|', 'rate').kind, CompletionItemKind.Function);
  assert.equal(item('|', 'up').kind, CompletionItemKind.Variable);
  assert.equal(item('up{|}', 'job').kind, CompletionItemKind.Property);
  assert.equal(item('up[|', '5m').kind, CompletionItemKind.Unit);
  assert.equal(item('up |', 'offset').kind, CompletionItemKind.Keyword);
  assert.equal(item('up |', '+').kind, CompletionItemKind.Operator);
  const metric = item('|', 'http_request_duration_seconds_bucket');
  assert.equal(metric.detail, 'histogram bucket');
  assert.match(JSON.stringify(metric.documentation), /Request latency/);
  const rule = item('|', 'job:http_requests:rate5m');
  assert.equal(rule.detail, 'recording rule');
  assert.match(JSON.stringify(rule.documentation), /```promql\\nsum by \(job, code\)/);
  assert.match(JSON.stringify(rule.documentation), /rules\.yaml\]\(file:\/\/\/work\/rules\.yaml#L12\)/);
  assert.equal(item('up[|', '5m').detail, '5 minutes = 300 seconds');
});

test('experimental functions are marked and ranked after stable ones unless enabled', () => {
  const off = complete('|');
  const smoothing = off.items.find((i) => i.label === 'double_exponential_smoothing')!;
  assert.match(JSON.stringify(smoothing.documentation), /promql-experimental-functions/);
  const rate = off.items.find((i) => i.label === 'rate')!;
  assert.ok(rate.sortText! < smoothing.sortText!);
  const on = completePromQL('', 0, fakeDeps({ experimentalFeaturesEnabled: true })).items.find(
    (i) => i.label === 'double_exponential_smoothing',
  )!;
  assert.equal(on.sortText!.slice(0, 1), rate.sortText!.slice(0, 1));
});

test('long metric lists are capped and marked incomplete', () => {
  const many: MetricInfo[] = Array.from({ length: MAX_METRIC_ITEMS + 50 }, (_, i) => ({ name: `m_${i}`, type: 'gauge', help: '' }));
  const deps = fakeDeps({ metrics: metricLookup(many) });
  const all = complete('|', deps);
  assert.equal(all.isIncomplete, true);
  const narrow = complete('m_12|', deps);
  assert.ok(narrow.items.some((i) => i.label === 'm_123'));
  assert.ok(!narrow.items.some((i) => i.label === 'm_45'));
  // Short lists are sent whole, so deleting typed characters needs no new request.
  const short = complete('ht|');
  assert.equal(short.isIncomplete, undefined);
  assert.ok(short.items.some((i) => i.label === 'up'));
});

test('a capped list: names starting with the typed text first, then fuzzy matches, each by rank', () => {
  const many: MetricInfo[] = Array.from({ length: MAX_METRIC_ITEMS + 50 }, (_, i) => ({ name: `zz_${i}`, type: 'gauge', help: '' }));
  many.push({ name: 'a_zz_b', type: 'gauge', help: '' }, { name: 'zz_x_rate', type: 'counter', help: '' });
  const deps = fakeDeps({ metrics: metricLookup(many) });
  const metrics = (input: string) => complete(input, deps).items.filter((i) => i.kind === CompletionItemKind.Variable);
  assert.deepEqual(
    metrics('rate(zzxr|').map((i) => i.label),
    ['zz_x_rate'],
  );
  assert.equal(complete('rate(zz_1|', deps).isIncomplete, true);
  const labels = metrics('rate(zz_1|').map((i) => i.label);
  // 111 names start with zz_1 (zz_1, zz_10…, zz_100…); fuzzy matches such as zz_21 follow.
  const starting = labels.filter((label) => label.startsWith('zz_1'));
  assert.equal(starting.length, 111);
  assert.deepEqual(labels.slice(0, 111), starting);
  assert.ok(labels.includes('zz_21'));
  assert.ok(metrics('rate(z_b|').some((i) => i.label === 'a_zz_b'));
});

test('a metric list that changes (a live server learned names) is listed anew', () => {
  const names: MetricInfo[] = Array.from({ length: MAX_METRIC_ITEMS + 10 }, (_, i) => ({ name: `m_${i}`, type: 'gauge', help: '' }));
  let current = names;
  const lookup = { get: (name: string) => current.find((m) => m.name === name), all: () => current.values() };
  const deps = fakeDeps({ metrics: lookup });
  assert.ok(!complete('fresh|', deps).items.some((i) => i.label === 'fresh_metric'));
  current = [...names, { name: 'fresh_metric', type: 'gauge', help: '' }];
  assert.ok(complete('fresh|', deps).items.some((i) => i.label === 'fresh_metric'));
  current = names.slice(1);
  assert.ok(!complete('m_0|', deps).items.some((i) => i.label === 'm_0'));
});

test('the real catalog feeds completion', (t) => {
  if ([...catalogMetrics.all()].length === 0) return t.skip('metric catalog still empty');
  const deps = fakeDeps({ metrics: catalogMetrics });
  const offered = complete('rate(node_cpu|', deps).items.map((i) => i.label);
  assert.ok(offered.includes('node_cpu_seconds_total'), offered.slice(0, 10).join(' '));
});

test('completion on a 10,000-character expression stays fast', () => {
  const part = 'sum by (job) (rate(http_requests_total{code=~"5..", job="api"}[5m])) / ';
  const text = part.repeat(Math.ceil(10_000 / part.length)) + 'rate(http_requests_total{|}[5m])';
  const started = performance.now();
  for (let i = 0; i < 20; i++) complete(text);
  const perCall = (performance.now() - started) / 20;
  assert.ok(perCall < 100, `completion took ${perCall.toFixed(1)} ms`);
});
