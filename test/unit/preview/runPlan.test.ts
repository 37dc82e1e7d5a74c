import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { RunQueryRequest, WireSeries } from '../../../server/src/protocol';
import type { PreviewQuery } from '../../../client/src/preview/previewMessaging';
import { buildPreviewResult, buildRunParams } from '../../../client/src/preview/runPlan';
import { timeRuns } from '../../../server/src/timeRuns';

const now = 10_000_000;
const step = 60_000;
const alert: PreviewQuery = {
  expr: 'errors > 5',
  title: 'HighErrors',
  alert: { name: 'HighErrors', for: '2m', forMs: 2 * step, threshold: { op: '>', value: 5, valueExpr: 'errors' } },
};
const options = { rangeMs: 3_600_000, stepMs: null, width: 1000 };

/** One series, one sample per minute from 0: the given values. */
function answer(values: number[]): RunQueryRequest.Result & { ok: true } {
  const series: WireSeries = { metric: { job: 'a' }, timeRuns: timeRuns(values.map((_, i) => i * step)), values };
  return {
    ok: true,
    data: { resultType: 'matrix', series: [series] },
    stepMs: step,
    start: 0,
    end: (values.length - 1) * step,
    warnings: [],
    notices: [],
    tookMs: 1,
  };
}

describe('buildRunParams', () => {
  test('an alert with a threshold is graphed by its value side', () => {
    assert.deepEqual(buildRunParams(alert, { kind: 'range', ...options }, now), {
      expr: 'errors',
      kind: 'range',
      start: now - 3_600_000,
      end: now,
      stepMs: undefined,
      targetPoints: 500,
    });
  });
  test('the Table view runs the expression as written', () => {
    assert.deepEqual(buildRunParams(alert, { kind: 'instant', ...options }, now), { expr: 'errors > 5', kind: 'instant', time: now });
  });
  test('a plain query keeps its expression and the custom step', () => {
    const params = buildRunParams({ expr: 'up', title: 'up' }, { kind: 'range', ...options, stepMs: 30_000 }, now);
    assert.equal(params.expr, 'up');
    assert.equal(params.stepMs, 30_000);
  });
});

describe('buildRunParams for LogQL', () => {
  const logs: PreviewQuery = { expr: '{app="api"} |= "error"', title: 'errors.logql', language: 'logql' };

  test('a LogQL query goes to Loki with a line limit (500 unless chosen)', () => {
    assert.deepEqual(buildRunParams(logs, { kind: 'range', ...options }, now), {
      expr: '{app="api"} |= "error"',
      language: 'logql',
      kind: 'range',
      start: now - 3_600_000,
      end: now,
      stepMs: undefined,
      targetPoints: 500,
      limit: 500,
    });
    assert.equal(buildRunParams(logs, { kind: 'range', ...options, limit: 1000 }, now).limit, 1000);
    assert.deepEqual(buildRunParams(logs, { kind: 'instant', ...options }, now), {
      expr: logs.expr,
      language: 'logql',
      kind: 'instant',
      time: now,
    });
  });

  test('"load more" keeps the range start and ends at the oldest line shown', () => {
    const endNs = '1767268800123456789';
    const params = buildRunParams(logs, { kind: 'range', ...options, limit: 100, more: { endNs, start: 42_000 } }, now);
    assert.deepEqual([params.start, params.endNs, params.end, params.limit], [42_000, endNs, 1767268800124, 100]);
  });

  test('a LogQL alert is graphed by its value side too; PromQL requests name no language', () => {
    const alertLogs: PreviewQuery = {
      ...logs,
      expr: 'sum(rate({app="api"}[5m])) > 10',
      alert: { forMs: 0, threshold: { op: '>', value: 10, valueExpr: 'sum(rate({app="api"}[5m]))' } },
    };
    assert.equal(buildRunParams(alertLogs, { kind: 'range', ...options }, now).expr, 'sum(rate({app="api"}[5m]))');
    assert.equal('language' in buildRunParams({ expr: 'up', title: 'up', language: 'promql' }, { kind: 'range', ...options }, now), false);
  });
});

describe('buildPreviewResult', () => {
  test('the value side is compared with the threshold for the would-have-fired periods', () => {
    const params = buildRunParams(alert, { kind: 'range', ...options }, now);
    const result = buildPreviewResult(alert, params, answer([1, 9, 9, 9, 9, 1, 9]));
    assert.deepEqual(result.firing, [{ start: 3 * step, end: 4 * step }]);
    assert.equal(result.expr, 'errors');
  });
  test('without a threshold, presence of a series is the condition', () => {
    const query: PreviewQuery = { ...alert, expr: 'absent(up)', alert: { forMs: 0 } };
    const result = buildPreviewResult(query, buildRunParams(query, { kind: 'range', ...options }, now), answer([1, 1]));
    assert.deepEqual(result.firing, [{ start: 0, end: step }]);
  });
  test('plain queries and instant runs get no firing periods', () => {
    const plain: PreviewQuery = { expr: 'up', title: 'up' };
    assert.equal(buildPreviewResult(plain, buildRunParams(plain, { kind: 'range', ...options }, now), answer([1])).firing, undefined);
    assert.equal(buildPreviewResult(alert, buildRunParams(alert, { kind: 'instant', ...options }, now), answer([9])).firing, undefined);
  });
});
