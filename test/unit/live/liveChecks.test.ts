import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { livePromQLProblems, liveMetricReferences } from '../../../server/src/service/live/liveChecks';
import { liveRules } from '../../../server/src/service/live/codes';
import { staticSnapshot, type LiveSnapshotData } from '../../../server/src/service/live/snapshot';

const data: LiveSnapshotData = {
  metricNames: [
    'http_requests_total',
    'node_memory_free_bytes',
    'req_seconds_bucket',
    'req_seconds_sum',
    'req_seconds_count',
    'native_seconds',
    'rpc_seconds',
    'rpc_seconds_sum',
    'build_info',
  ],
  metadata: {
    http_requests: { type: 'counter', help: 'Requests.', unit: '' },
    node_memory_free_bytes: { type: 'gauge', help: 'Free memory.', unit: 'bytes' },
    req_seconds: { type: 'histogram', help: 'Latency.', unit: 'seconds' },
    native_seconds: { type: 'histogram', help: 'Native.', unit: 'seconds' },
    rpc_seconds: { type: 'summary', help: 'RPC.', unit: 'seconds' },
    build: { type: 'info', help: 'Build.', unit: '' },
  },
  series: {
    http_requests_total: [
      { job: 'api', code: '200' },
      { job: 'api', code: '500', method: 'POST' },
    ],
    node_memory_free_bytes: [{ instance: 'a' }],
    req_seconds_bucket: [
      { job: 'api', le: '0.1' },
      { job: 'api', le: '+Inf' },
    ],
    req_seconds_sum: [{ job: 'api' }],
    native_seconds: [{ job: 'api' }],
    rpc_seconds: [{ job: 'api', quantile: '0.5' }],
    rpc_seconds_sum: [{ job: 'api' }],
  },
};

/** Each case: an expression and the problems expected as `code@marked text`. */
const cases: Array<{ title: string; expr: string; expected: string[]; recording?: string[] }> = [
  { title: 'known metric', expr: 'http_requests_total', expected: [] },
  { title: 'no series', expr: 'sum(http_request_total)', expected: ['live/no-series@http_request_total'] },
  { title: 'no series via __name__', expr: '{__name__="nope", job="a"}', expected: ['live/no-series@"nope"'] },
  { title: 'recording rule produces it', expr: 'job:requests:rate5m', expected: [], recording: ['job:requests:rate5m'] },
  { title: 'rate on a counter', expr: 'rate(http_requests_total[5m])', expected: [] },
  { title: 'rate on a gauge', expr: 'rate(node_memory_free_bytes[5m])', expected: ['live/rate-on-non-counter@node_memory_free_bytes'] },
  { title: 'increase on an info metric', expr: 'increase(build_info[1h])', expected: ['live/rate-on-non-counter@build_info'] },
  { title: 'rate on histogram buckets is fine', expr: 'rate(req_seconds_bucket[5m]) + irate(rpc_seconds_sum[5m])', expected: [] },
  { title: 'rate on a native histogram is fine', expr: 'rate(native_seconds[5m])', expected: [] },
  { title: 'deriv on a gauge is fine', expr: 'deriv(node_memory_free_bytes[5m])', expected: [] },
  {
    title: 'histogram_quantile keeping le',
    expr: 'histogram_quantile(0.9, sum by (le, job) (rate(req_seconds_bucket[5m])))',
    expected: [],
  },
  {
    title: 'histogram_quantile dropping le',
    expr: 'histogram_quantile(0.9, sum by (job) (rate(req_seconds_bucket[5m])))',
    expected: ['live/histogram-quantile-without-le@by (job)'],
  },
  {
    title: 'histogram_quantile without (le)',
    expr: 'histogram_quantile(0.9, sum without (le) (rate(req_seconds_bucket[5m])))',
    expected: ['live/histogram-quantile-without-le@without (le)'],
  },
  {
    title: 'histogram_quantile on _sum',
    expr: 'histogram_quantile(0.5, rate(req_seconds_sum[5m]))',
    expected: ['live/histogram-quantile-without-le@req_seconds_sum'],
  },
  {
    title: 'histogram_quantile on a summary',
    expr: 'histogram_quantile(0.5, rpc_seconds)',
    expected: ['live/histogram-quantile-without-le@rpc_seconds'],
  },
  { title: 'histogram_quantile on a native histogram', expr: 'histogram_quantile(0.9, sum(rate(native_seconds[5m])))', expected: [] },
  { title: 'histogram_quantile through a binary op', expr: 'histogram_quantile(0.9, rate(req_seconds_bucket[5m]) * 2)', expected: [] },
  { title: 'unknown label', expr: 'http_requests_total{stauts="500"}', expected: ['live/unknown-label@stauts'] },
  { title: 'label on some series only', expr: 'http_requests_total{method="POST"}', expected: [] },
  { title: 'matcher that accepts a missing label', expr: 'http_requests_total{zone="", region!="x", az=~".*"}', expected: [] },
  { title: 'regex on a missing label', expr: 'http_requests_total{zone=~"eu.+"}', expected: ['live/unknown-label@zone'] },
  { title: 'unparsable text reports nothing odd', expr: 'rate(', expected: [] },
];

describe('livePromQLProblems', () => {
  const snapshot = staticSnapshot(data);
  for (const { title, expr, expected, recording } of cases) {
    it(title, () => {
      const problems = livePromQLProblems(expr, snapshot, recording);
      assert.deepEqual(
        problems.map((p) => `${p.code}@${expr.slice(p.from, p.to)}`),
        expected,
      );
      for (const problem of problems)
        assert.ok(
          liveRules.some((rule) => rule.code === problem.code),
          problem.code,
        );
    });
  }

  it('reports nothing while the server is unreachable', () => {
    assert.deepEqual(livePromQLProblems('rate(node_memory_free_bytes[5m]) + nope', staticSnapshot({ ...data, reachable: false })), []);
  });

  it('skips checks whose data is not fetched yet', () => {
    const partial = staticSnapshot({ metricNames: data.metricNames, metadata: {} });
    assert.deepEqual(livePromQLProblems('rate(node_memory_free_bytes[5m]){x="1"}', partial), []);
  });

  it('names the server and the window in messages', () => {
    const [problem] = livePromQLProblems('nope', staticSnapshot({ ...data, source: 'http://p:9090', window: 'the last 2h' }));
    assert.match(problem.message, /http:\/\/p:9090 in the last 2h/);
  });
});

describe('liveMetricReferences', () => {
  it('lists each selector metric once', () => {
    assert.deepEqual(liveMetricReferences('a / on(x) sum(rate(b[5m])) + a + {__name__="c"} + {job="x"}').sort(), ['a', 'b', 'c']);
  });
});

describe('liveRules', () => {
  it('has unique live/ codes with examples', () => {
    assert.equal(new Set(liveRules.map((r) => r.code)).size, liveRules.length);
    for (const rule of liveRules) assert.match(rule.code, /^live\/[a-z-]+$/);
  });
});
