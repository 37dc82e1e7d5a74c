import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { liveLabelValueCompletion } from '../../../server/src/service/live/liveCompletion';
import { liveMetricLookup } from '../../../server/src/service/live/metricLookup';
import { staticSnapshot } from '../../../server/src/service/live/snapshot';
import type { MetricInfo, MetricLookup } from '../../../server/src/service/types';

const snapshot = staticSnapshot({
  metricNames: ['http_requests_total', 'req_seconds_bucket', 'req_seconds_count', 'up'],
  metadata: {
    http_requests: { type: 'counter', help: 'Requests served.', unit: '' },
    req_seconds: { type: 'histogram', help: 'Latency.', unit: 'seconds' },
  },
  series: {
    http_requests_total: [
      { job: 'api', code: '200' },
      { job: 'api', code: '500' },
      { job: 'web', code: '404' },
    ],
    req_seconds_bucket: [
      { job: 'api', le: '0.1' },
      { job: 'api', le: '+Inf' },
    ],
  },
  labelValues: { job: ['api', 'web', 'node'], code: ['200', '404', '500'] },
});

/** `|` marks the cursor; the expected list is the labels offered, in order. */
const cases: Array<{ title: string; input: string; expected: string[] | undefined; replaced?: string }> = [
  { title: 'values of a metric label', input: 'http_requests_total{code="|"}', expected: ['200', '404', '500'], replaced: '' },
  { title: 'scoped by the other matchers', input: 'http_requests_total{job="web", code="|"}', expected: ['404'] },
  { title: 'scoped by matchers after the cursor', input: 'http_requests_total{code="|", job=~"a.*"}', expected: ['200', '500'] },
  { title: 'replaces the partial value', input: 'http_requests_total{code="5|0"}', expected: ['200', '404', '500'], replaced: '50' },
  { title: 'without a metric: all values', input: 'sum({job="|"})', expected: ['api', 'node', 'web'] },
  { title: 'after a regex with brackets', input: 'http_requests_total{job=~"a(p)i", code!="|"}', expected: ['200', '500'] },
  { title: 'not inside a selector', input: 'label_replace(up, "dst", "|', expected: undefined },
  { title: 'after a closed string', input: 'up{job="a"|}', expected: undefined },
  { title: 'at a label name', input: 'up{jo|}', expected: undefined },
];

describe('liveLabelValueCompletion', () => {
  for (const { title, input, expected, replaced } of cases) {
    it(title, () => {
      const offset = input.indexOf('|');
      const text = input.slice(0, offset) + input.slice(offset + 1);
      const result = liveLabelValueCompletion(text, offset, snapshot);
      assert.deepEqual(
        result?.items.map((item) => item.label),
        expected,
      );
      if (replaced !== undefined) assert.equal(text.slice(result!.from, result!.to), replaced);
    });
  }

  it('quotes values when the quote is not typed yet', () => {
    const text = 'http_requests_total{code=';
    const result = liveLabelValueCompletion(text, text.length, snapshot);
    assert.equal(result?.items[0].insertText, '"200"');
  });

  it('is incomplete while the values are unknown', () => {
    const text = 'other_metric{job="';
    const result = liveLabelValueCompletion(text, text.length, snapshot);
    assert.deepEqual(result && { items: result.items, isIncomplete: result.isIncomplete }, { items: [], isIncomplete: true });
  });
});

describe('liveMetricLookup', () => {
  const catalog: MetricInfo[] = [
    { name: 'up', type: 'gauge', help: 'Catalog help for up.', labels: ['job', 'instance'] },
    { name: 'process_cpu_seconds_total', type: 'counter', help: 'CPU.' },
  ];
  const fallback: MetricLookup = { get: (name) => catalog.find((info) => info.name === name), all: () => catalog };
  const lookup = liveMetricLookup(() => snapshot, fallback);

  it('offers only the server metrics, histogram series as their family', () => {
    assert.deepEqual(
      [...lookup.all()].map((info) => `${info.name}:${info.type}`),
      ['http_requests_total:counter', 'req_seconds:histogram', 'up:gauge'],
    );
  });

  it('describes a series with live type, help, labels and series count', () => {
    const info = lookup.get('http_requests_total');
    assert.deepEqual(info && { type: info.type, help: info.help, labels: info.labels, source: info.source }, {
      type: 'counter',
      help: 'Requests served.',
      labels: ['code', 'job'],
      source: 'live: 3 series in the last 12h',
    });
  });

  it('maps a bucket series to its family', () => {
    assert.deepEqual(
      lookup.get('req_seconds_bucket') && {
        name: lookup.get('req_seconds_bucket')!.name,
        labels: lookup.get('req_seconds_bucket')!.labels,
      },
      { name: 'req_seconds', labels: ['job', 'le'] },
    );
  });

  it('keeps catalog help where the server has none', () => {
    assert.equal(lookup.get('up')?.help, 'Catalog help for up.');
  });

  it('falls back to the catalog when the server is away', () => {
    const away = liveMetricLookup(() => staticSnapshot({ reachable: false }), fallback);
    assert.deepEqual(
      [...away.all()].map((info) => info.name),
      ['up', 'process_cpu_seconds_total'],
    );
    assert.equal(away.get('http_requests_total'), undefined);
  });
});
