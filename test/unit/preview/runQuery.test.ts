import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { CancellationTokenSource } from 'vscode-languageserver';
import { planRangeQuery, runQuery, toWireData } from '../../../server/src/handlers/runQuery';
import { HttpPrometheusClient } from '../../../server/src/sources/prometheus/httpClient';
import { maxPointsPerSeries, pointsPerSeries } from '../../../server/src/sources/prometheus/queryApi';

const now = Date.UTC(2026, 0, 1);
const hour = 3_600_000;

describe('planRangeQuery', () => {
  const cases: Array<{ title: string; params: Parameters<typeof planRangeQuery>[0]; step: number; notices: number }> = [
    { title: 'last hour by default, ~250 points', params: {}, step: 15_000, notices: 0 },
    { title: 'a requested step is kept when it fits', params: { start: now - hour, end: now, stepMs: 1000 }, step: 1000, notices: 0 },
    {
      title: 'a step too fine for 7 days is raised, with a notice',
      params: { start: now - 7 * 24 * hour, end: now, stepMs: 1000 },
      step: 55_000,
      notices: 1,
    },
    {
      title: 'the chart width picks the automatic step',
      params: { start: now - hour, end: now, targetPoints: 1200 },
      step: 5000,
      notices: 0,
    },
    { title: 'start after end falls back to the last hour', params: { start: now + hour, end: now }, step: 15_000, notices: 0 },
  ];
  for (const { title, params, step, notices } of cases) {
    test(title, () => {
      const plan = planRangeQuery(params, now);
      assert.equal(plan.stepMs, step);
      assert.equal(plan.notices.length, notices);
      assert.ok(pointsPerSeries(plan.start, plan.end, plan.stepMs) <= maxPointsPerSeries);
    });
  }
  test('no window ever exceeds the point limit', () => {
    for (const days of [1, 7, 30, 365]) {
      for (const stepMs of [undefined, 1, 1000, 14_000]) {
        const plan = planRangeQuery({ start: now - days * 24 * hour, end: now, stepMs }, now);
        assert.ok(pointsPerSeries(plan.start, plan.end, plan.stepMs) <= maxPointsPerSeries, `${days}d step ${stepMs}`);
      }
    }
  });
});

describe('toWireData', () => {
  test('non-finite values become strings; series beyond the cap are dropped', () => {
    const series = [0, 1, 2].map((i) => ({
      metric: { i: String(i) },
      samples: [
        [1000, 1],
        [2000, NaN],
        [3000, Infinity],
        [4000, -Infinity],
      ] as [number, number][],
    }));
    const { data, totalSeries } = toWireData({ resultType: 'matrix', series }, 2);
    assert.equal(totalSeries, 3);
    assert.ok(data.resultType === 'matrix');
    assert.equal(data.series.length, 2);
    assert.deepEqual(data.series[0], { metric: { i: '0' }, timeRuns: [1000, 1000, 4], values: [1, 'NaN', '+Inf', '-Inf'] });
    assert.deepEqual(JSON.parse(JSON.stringify(data)), data);
  });
  test('scalars keep their time', () => {
    assert.deepEqual(toWireData({ resultType: 'scalar', sample: [5000, NaN] }, 10).data, {
      resultType: 'scalar',
      time: 5000,
      value: 'NaN',
    });
  });
});

describe('runQuery against a loopback Prometheus', () => {
  let server: Server;
  let url = '';
  const seen: URLSearchParams[] = [];
  before(async () => {
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        const form = new URLSearchParams(body);
        seen.push(form);
        const query = form.get('query') ?? '';
        if (query === 'slow') return; // never answers
        response.setHeader('content-type', 'application/json');
        if (query === 'bad(') {
          response.statusCode = 400;
          response.end(JSON.stringify({ status: 'error', errorType: 'bad_data', error: '1:5: parse error: unclosed left parenthesis' }));
          return;
        }
        const result = Array.from({ length: 3 }, (_, i) => ({
          metric: { __name__: 'up', i: String(i) },
          values: [[Number(form.get('start')), '1']],
        }));
        response.end(
          JSON.stringify({ status: 'success', data: { resultType: 'matrix', result }, warnings: ['PromQL warning: something'] }),
        );
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => server.close());

  test('a range query: step sent, warnings passed through, series capped with a notice', async () => {
    const result = await runQuery(
      new HttpPrometheusClient({ url }),
      { expr: 'up', kind: 'range', start: now - hour, end: now, maxSeries: 2 },
      () => now,
    );
    assert.ok(result.ok);
    assert.equal(seen.at(-1)?.get('step'), '15');
    assert.deepEqual(result.warnings, ['PromQL warning: something']);
    assert.equal(result.totalSeries, 3);
    assert.match(result.notices.join(' '), /first 2 of 3 series/);
    assert.ok(result.data.resultType === 'matrix' && result.data.series.length === 2);
  });

  test("Prometheus' own error comes back in its words", async () => {
    const result = await runQuery(new HttpPrometheusClient({ url }), { expr: 'bad(', kind: 'instant' }, () => now);
    assert.ok(!result.ok);
    assert.equal(result.errorType, 'bad_data');
    assert.match(result.message, /unclosed left parenthesis/);
  });

  test('cancelling the request aborts the HTTP call', async () => {
    const source = new CancellationTokenSource();
    const pending = runQuery(
      new HttpPrometheusClient({ url, timeoutMs: 5000 }),
      { expr: 'slow', kind: 'instant' },
      () => now,
      source.token,
    );
    setTimeout(() => source.cancel(), 50);
    const result = await pending;
    assert.ok(!result.ok);
    assert.equal(result.kind, 'aborted');
  });
});
