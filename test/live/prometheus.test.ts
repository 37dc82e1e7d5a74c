import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { catalogMetrics } from '../../server/src/service/catalog/metrics';
import { getLanguageService } from '../../server/src/service/languageService';
import { formatPromQL } from '../../server/src/service/promql/format';
import { livePromQLProblems } from '../../server/src/service/live/liveChecks';
import { liveLabelValueCompletion } from '../../server/src/service/live/liveCompletion';
import { liveMetricLookup } from '../../server/src/service/live/metricLookup';
import { HttpPrometheusClient } from '../../server/src/sources/prometheus/httpClient';
import { LiveSource } from '../../server/src/sources/prometheus/liveSource';
import {
  chooseStep,
  instantQuery,
  maxPointsPerSeries,
  pointsPerSeries,
  rangeQuery,
  type QueryData,
} from '../../server/src/sources/prometheus/queryApi';
import type { Result } from '../../server/src/sources/prometheus/types';
import { readFixture, slope, valueAt } from './fixtureFacts';
import { fixtureBase, fixtureEnd, prometheusMissing, startPrometheus, type RunningPrometheus } from './prometheusHarness';

const missing = prometheusMissing();
const fixture = readFixture();
const window = { start: (fixtureBase - 60) * 1000, end: (fixtureEnd + 60) * 1000 };
const seriesOf = (name: string) => fixture.series.filter((series) => series.name === name);

function value<T>(result: Result<T>): T {
  if (!result.ok) assert.fail(`request failed: ${result.error.kind}: ${result.error.message}`);
  return result.value;
}

describe('live Prometheus', { skip: missing }, () => {
  let prometheus: RunningPrometheus;
  let client: HttpPrometheusClient;
  let source: LiveSource;

  before(async () => {
    prometheus = await startPrometheus();
    client = new HttpPrometheusClient({ url: prometheus.url, timeoutMs: 5000 });
    // The clock is pinned a minute after the last sample, so "the last 2h" covers the fixture.
    source = new LiveSource({ url: prometheus.url, timeoutMs: 5000 }, { now: () => window.end, lookbackMs: 2 * 3600_000 });
  });
  after(async () => {
    source?.dispose();
    await prometheus?.stop();
  });

  describe('metadata endpoints', () => {
    it('lists the metric names in a window', async () => {
      const expected = [...new Set(fixture.series.map((series) => series.name))].sort();
      // Label-value lookups are block-granular in Prometheus: the series of the harness's own
      // metadata scrape (`up`, `scrape_*`) may be listed too once the head block overlaps.
      const harnessSeries = /^(up|scrape_.*)$/;
      assert.deepEqual(
        value(await client.metricNames({ window })).filter((name) => !harnessSeries.test(name)),
        expected,
      );
    });

    it('reads type, help and unit from /api/v1/metadata', async () => {
      const metadata = value(await client.metadata());
      for (const [family, entry] of Object.entries(fixture.metadata)) assert.deepEqual(metadata[family], [entry], family);
    });

    it('scopes label names and values with match[]', async () => {
      const series = seriesOf('http_requests_total');
      assert.deepEqual(
        value(await client.labelNames('http_requests_total', { window })),
        ['__name__', ...Object.keys(series[0].labels)].sort(),
      );
      const apiCodes = [...new Set(series.filter((s) => s.labels.job === 'api').map((s) => s.labels.code))].sort();
      assert.deepEqual(value(await client.labelValues('code', 'http_requests_total{job="api"}', { window })), apiCodes);
    });

    it('reads series label sets, cut at a limit', async () => {
      const all = value(await client.series('{__name__="request_duration_seconds_bucket"}', { window }));
      assert.equal(all.length, seriesOf('request_duration_seconds_bucket').length);
      assert.equal(value(await client.series('request_duration_seconds_bucket', { window, limit: 2 })).length, 2);
    });

    it('finds nothing outside the data', async () => {
      assert.deepEqual(value(await client.metricNames({ window: { start: window.start - 86_400_000, end: window.start - 3600_000 } })), []);
    });
  });

  describe('queries', () => {
    const at = fixtureEnd * 1000;

    it('evaluates an instant vector exactly', async () => {
      const data = value(await instantQuery(client, 'node_memory_free_bytes', (fixtureBase + 600) * 1000));
      assert.equal(data.resultType, 'vector');
      const got = (data as Extract<QueryData, { resultType: 'vector' }>).series.map((s) => [s.metric.instance, s.samples[0][1]]).sort();
      const expected = seriesOf('node_memory_free_bytes')
        .map((s) => [s.labels.instance, valueAt(s, fixtureBase + 600)])
        .sort();
      assert.deepEqual(got, expected);
    });

    it('computes rates of the linear counters', async () => {
      const data = value(await instantQuery(client, 'sum(rate(http_requests_total[5m]))', at));
      const expected = seriesOf('http_requests_total').reduce((sum, series) => sum + slope(series), 0);
      assert.equal(data.resultType, 'vector');
      assert.ok(Math.abs((data as { series: { samples: [number, number][] }[] }).series[0].samples[0][1] - expected) < 1e-9);
    });

    it('interpolates histogram_quantile within the first bucket', async () => {
      const data = value(await instantQuery(client, 'histogram_quantile(0.5, rate(request_duration_seconds_bucket[5m]))', at));
      const buckets = seriesOf('request_duration_seconds_bucket').map((s) => ({
        le: s.labels.le === '+Inf' ? Infinity : Number(s.labels.le),
        rate: slope(s),
      }));
      const total = buckets.find((b) => b.le === Infinity)!.rate;
      const first = buckets.sort((a, b) => a.le - b.le)[0];
      const expected = first.le * ((0.5 * total) / first.rate); // rank falls in the first bucket
      assert.ok(Math.abs((data as { series: { samples: [number, number][] }[] }).series[0].samples[0][1] - expected) < 1e-9);
    });

    it('parses scalar and string results', async () => {
      const scalar = value(await instantQuery(client, 'scalar(sum(node_memory_free_bytes))', at));
      const expected = seriesOf('node_memory_free_bytes').reduce((sum, s) => sum + valueAt(s, fixtureEnd)!, 0);
      assert.deepEqual(scalar, { resultType: 'scalar', sample: [at, expected] });
      assert.deepEqual(value(await instantQuery(client, '"hello"', at)), { resultType: 'string', time: at, value: 'hello' });
    });

    it('runs a range query with a chosen step', async () => {
      const start = (fixtureBase + 300) * 1000;
      const step = chooseStep(start, at);
      const data = value(await rangeQuery(client, { expr: 'room_temperature_celsius', start, end: at }));
      assert.equal(data.resultType, 'matrix');
      const samples = (data as Extract<QueryData, { resultType: 'matrix' }>).series[0].samples;
      assert.equal(samples.length, pointsPerSeries(start, at, step));
      const room = seriesOf('room_temperature_celsius')[0];
      assert.deepEqual(
        samples,
        samples.map(([t]) => [t, valueAt(room, t / 1000)]),
      );
    });

    it('never asks for more than 11,000 points per series', () => {
      for (const days of [1, 30, 365]) {
        const end = Date.UTC(2024, 0, 1);
        const start = end - days * 86_400_000;
        assert.ok(pointsPerSeries(start, end, chooseStep(start, end)) <= maxPointsPerSeries, `${days}d`);
        assert.ok(pointsPerSeries(start, end, chooseStep(start, end, { requestedMs: 1000 })) <= maxPointsPerSeries, `${days}d at 1s`);
      }
    });

    it('agrees with Prometheus on the point limit', async () => {
      const start = at - 1800_000;
      const tooFine = await client.call('POST', 'api/v1/query_range', {
        query: 'up',
        start: start / 1000,
        end: at / 1000,
        step: 1800 / (maxPointsPerSeries + 1),
      });
      assert.equal(tooFine.ok ? 'ok' : `${tooFine.error.kind} ${tooFine.error.status} ${tooFine.error.errorType}`, 'api 400 bad_data');
      assert.equal((await rangeQuery(client, { expr: 'up', start, end: at, step: 1 })).ok, false);
    });

    it('reports syntax errors as bad_data (400)', async () => {
      const result = await instantQuery(client, 'sum(', at);
      assert.equal(result.ok ? 'ok' : `${result.error.kind} ${result.error.status} ${result.error.errorType}`, 'api 400 bad_data');
    });

    it('reports evaluation errors as execution (422)', async () => {
      const result = await instantQuery(client, 'http_requests_total + on(job) http_requests_total', at);
      assert.equal(result.ok ? 'ok' : `${result.error.kind} ${result.error.status} ${result.error.errorType}`, 'api 422 execution');
      assert.match(result.ok ? '' : result.error.message, /many-to-many|multiple matches/);
    });

    it('caps the response size and the series count with clear errors', async () => {
      const small = new HttpPrometheusClient({ url: prometheus.url, maxResponseBytes: 100 });
      const tooBig = await small.metricNames({ window });
      assert.equal(tooBig.ok ? 'ok' : tooBig.error.kind, 'too-large');
      const many = await instantQuery(client, 'http_requests_total', at, { maxSeries: 2 });
      assert.match(many.ok ? '' : many.error.message, /returned 3 series, more than the 2/);
    });
  });

  describe('formatting', () => {
    // Long enough to be split over lines, over the fixture's metrics: Prometheus must answer the
    // formatted text exactly as it answers the original.
    const expressions = [
      'sum(rate(http_requests_total{code=~"5.."}[5m])) by (job) / sum(rate(http_requests_total[5m])) by (job) > bool 0.01',
      'histogram_quantile(0.9, sum by (le, job) (rate(request_duration_seconds_bucket{job="api"}[5m]))) * on (job) group_left () max by (job) (rate(request_duration_seconds_count[5m]))',
      'max_over_time((sum without (method, code) (rate(http_requests_total{method=~"GET|POST"}[5m])) + 0)[10m:1m]) - -2 ^ 2',
      '-(avg_over_time(node_memory_free_bytes[10m] offset 1m) - min_over_time(node_memory_free_bytes[10m])) and on (instance) node_memory_free_bytes > 0',
      'label_replace(sum by (job) (increase(http_requests_total[10m])), "service", "$1-svc", "job", "(.*)") unless on (service) absent(room_temperature_celsius)',
    ];
    for (const expr of expressions) {
      it(`answers the formatted ${expr.slice(0, 40)}… as the original`, async () => {
        const result = formatPromQL(expr);
        assert.ok('formatted' in result);
        assert.match(result.formatted, /\n/, 'split over lines');
        const range = { start: window.start + 600_000, end: window.end, step: 60_000 };
        const original = value(await rangeQuery(client, { ...range, expr }));
        const formatted = value(await rangeQuery(client, { ...range, expr: result.formatted }));
        assert.ok('series' in original && original.series.length > 0, 'the original returns series');
        assert.deepEqual(formatted, original);
      });
    }
  });

  describe('editor features', () => {
    before(async () => {
      const error = await source.prefetch(
        ['http_requests_total + request_duration_seconds_bucket + node_memory_free_bytes + request_duration_seconds_sum'],
        10_000,
      );
      assert.equal(error, undefined);
    });

    const service = () => getLanguageService({ metrics: liveMetricLookup(() => source, catalogMetrics) });
    const at = (input: string) => {
      const offset = input.indexOf('|');
      const document = TextDocument.create(
        `file:///q${Math.random()}.promql`,
        'promql',
        1,
        input.slice(0, offset) + input.slice(offset + 1),
      );
      return { document, position: document.positionAt(offset), text: document.getText(), offset };
    };

    it('completes live metric names with type and help', () => {
      const { document, position } = at('rate(http_req|');
      const item = service()
        .doComplete(document, position)
        .items.find((i) => i.label === 'http_requests_total');
      assert.equal(item?.detail, fixture.metadata.http_requests.type);
      assert.match(JSON.stringify(item?.documentation), new RegExp(fixture.metadata.http_requests.help.slice(0, 20)));
    });

    it('completes the label names of the metric under the cursor', () => {
      const { document, position } = at('http_requests_total{|}');
      const labels = service()
        .doComplete(document, position)
        .items.filter((i) => i.detail === 'label of http_requests_total')
        .map((i) => i.label)
        .sort();
      assert.deepEqual(labels, Object.keys(seriesOf('http_requests_total')[0].labels).sort());
    });

    it('completes label values scoped to the selector', () => {
      const { text, offset } = at('http_requests_total{job="web", code="|"}');
      const expected = [
        ...new Set(
          seriesOf('http_requests_total')
            .filter((s) => s.labels.job === 'web')
            .map((s) => s.labels.code),
        ),
      ].sort();
      assert.deepEqual(
        liveLabelValueCompletion(text, offset, source)?.items.map((i) => i.label),
        expected,
      );
    });

    it('hovers with live type, help, unit and series count', () => {
      const { document, position } = at('rate(request_duration_seconds_bu|cket[5m])');
      const markdown = JSON.stringify(service().doHover(document, position)?.contents);
      const meta = fixture.metadata.request_duration_seconds;
      for (const part of [meta.type, meta.help, meta.unit, `${seriesOf('request_duration_seconds_bucket').length} series`])
        assert.ok(markdown.includes(part), `${part} in ${markdown}`);
    });

    const warnings: Array<[string, string[]]> = [
      ['sum(rate(http_requests_total[5m]))', []],
      ['rate(node_memory_free_bytes[5m])', ['live/rate-on-non-counter']],
      ['histogram_quantile(0.9, sum by (job) (rate(request_duration_seconds_bucket[5m])))', ['live/histogram-quantile-without-le']],
      ['histogram_quantile(0.9, sum by (le) (rate(request_duration_seconds_bucket[5m])))', []],
      ['histogram_quantile(0.9, rate(request_duration_seconds_sum[5m]))', ['live/histogram-quantile-without-le']],
      ['http_requests_total{stauts="500"}', ['live/unknown-label']],
      ['http_request_total', ['live/no-series']],
      ['job:http_requests:rate5m', []],
    ];
    for (const [expr, codes] of warnings) {
      it(`warns: ${expr}`, async () => {
        await source.prefetch([expr], 5000);
        assert.deepEqual(
          livePromQLProblems(expr, source, ['job:http_requests:rate5m']).map((p) => p.code),
          codes,
        );
      });
    }
  });
});

describe('live Prometheus unreachable', () => {
  it('reports a typed error, no live warnings, and completion falls back to the catalog', async () => {
    const source = new LiveSource({ url: 'http://127.0.0.1:9', timeoutMs: 2000 });
    const error = await source.prefetch(['rate(node_memory_free_bytes[5m])'], 3000);
    assert.equal(error?.kind, 'network');
    assert.equal(source.reachable, false);
    assert.deepEqual(livePromQLProblems('rate(node_memory_free_bytes[5m]) + nope', source), []);
    const service = getLanguageService({ metrics: liveMetricLookup(() => source, catalogMetrics) });
    const document = TextDocument.create('file:///x.promql', 'promql', 1, 'rate(node_cpu');
    const labels = service.doComplete(document, { line: 0, character: 13 }).items.map((i) => i.label);
    assert.ok(labels.includes('node_cpu_seconds_total'), 'catalog metric offered');
    assert.equal(source.status().state, 'unreachable');
    source.dispose();
  });
});
