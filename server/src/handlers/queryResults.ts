import type { CancellationToken } from 'vscode-languageserver';
import type { RunQueryRequest, WireQueryData, WireSeries, WireValue } from '../protocol';
import { chooseStep, maxPointsPerSeries, pointsPerSeries, type QueryData, type Series } from '../sources/prometheus/queryApi';
import { timeRuns } from '../timeRuns';

/** What the PromQL and LogQL previews share: the range and step plan, and the wire form of results. */

const defaultRangeMs = 3_600_000;

export interface RangePlan {
  start: number;
  end: number;
  stepMs: number;
  notices: string[];
}

/** A query's time range: `start` defaults to an hour before `end`, and one after `end` is ignored. */
export function queryWindow(start: number | undefined, end: number): { start: number; end: number } {
  const requested = finite(start);
  return { start: requested !== undefined && requested <= end ? requested : end - defaultRangeMs, end };
}

/**
 * The window and step of a range query: end defaults to now, start to an hour before; the
 * step is the requested one, raised when a series would exceed the 11,000 points per series that
 * Prometheus and Loki both allow.
 */
export function planRangeQuery(
  params: Pick<RunQueryRequest.Params, 'start' | 'end' | 'stepMs' | 'targetPoints'>,
  now: number,
  server: 'Prometheus' | 'Loki' = 'Prometheus',
): RangePlan {
  const { start, end } = queryWindow(params.start, finite(params.end) ?? now);
  const requestedMs = finite(params.stepMs);
  const targetPoints = clamp(finite(params.targetPoints) ?? 250, 10, maxPointsPerSeries - 1);
  let stepMs = chooseStep(start, end, { requestedMs, targetPoints });
  // A raised step is rounded up to whole seconds: "55s" reads better than "54.987s".
  if (requestedMs !== undefined && stepMs > requestedMs) stepMs = Math.ceil(stepMs / 1000) * 1000;
  const notices: string[] = [];
  if (requestedMs !== undefined && requestedMs > 0 && stepMs > requestedMs) {
    notices.push(
      `Step raised from ${requestedMs / 1000}s to ${stepMs / 1000}s: ${server} allows at most ${maxPointsPerSeries.toLocaleString('en-US')} points per series.`,
    );
  }
  // chooseStep guarantees this; keep the invariant visible where the request is built.
  if (pointsPerSeries(start, end, stepMs) > maxPointsPerSeries)
    notices.push(`The range is too long for any step; ${server} will refuse it.`);
  return { start, end, stepMs, notices };
}

/** QueryData -> the JSON-safe columnar form, keeping at most `maxSeries` series. */
export function toWireData(data: QueryData, maxSeries: number): { data: WireQueryData; totalSeries?: number } {
  switch (data.resultType) {
    case 'matrix':
    case 'vector':
      return {
        data: { resultType: data.resultType, series: data.series.slice(0, maxSeries).map(toWireSeries) },
        totalSeries: data.series.length,
      };
    case 'scalar':
      return { data: { resultType: 'scalar', time: data.sample[0], value: wireValue(data.sample[1]) } };
    case 'string':
      return { data };
  }
}

function toWireSeries(series: Series): WireSeries {
  const times = new Array<number>(series.samples.length);
  const values = new Array<WireValue>(series.samples.length);
  series.samples.forEach(([time, value], index) => {
    times[index] = time;
    values[index] = wireValue(value);
  });
  return { metric: series.metric, timeRuns: timeRuns(times), values };
}

export function wireValue(value: number): WireValue {
  if (Number.isFinite(value)) return value;
  if (Number.isNaN(value)) return 'NaN';
  return value > 0 ? '+Inf' : '-Inf';
}

export function abortSignalFor(token: CancellationToken | undefined): AbortSignal | undefined {
  if (!token) return undefined;
  const controller = new AbortController();
  if (token.isCancellationRequested) controller.abort();
  else token.onCancellationRequested(() => controller.abort());
  return controller.signal;
}

export function finite(value: number | undefined): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(Math.max(value, low), high);
}

const defaultMaxSeries = 500;

/** A failed query as the preview shows it (the server's own words, its error type and status). */
export function failedAnswer(error: { kind: string; message: string; errorType?: string; status?: number }): RunQueryRequest.Result {
  return { ok: false, kind: error.kind, message: error.message, errorType: error.errorType, status: error.status };
}

/** A sample answer (PromQL, or a LogQL metric query): series capped at `maxSeries`, with a notice when cut. */
export function seriesAnswer(
  value: QueryData,
  params: RunQueryRequest.Params,
  plan: RangePlan | undefined,
  warnings: readonly string[] | undefined,
  notices: string[],
  startedAt: number,
): RunQueryRequest.Result {
  const maxSeries = params.maxSeries && params.maxSeries > 0 ? params.maxSeries : defaultMaxSeries;
  const { data, totalSeries } = toWireData(value, maxSeries);
  if (totalSeries !== undefined && totalSeries > maxSeries) {
    notices.push(`Showing the first ${maxSeries} of ${totalSeries} series; aggregate the query (topk, sum by) to see them all.`);
  }
  return {
    ok: true,
    data,
    stepMs: plan?.stepMs,
    start: plan?.start,
    end: plan?.end,
    warnings: [...(warnings ?? [])],
    notices,
    totalSeries,
    tookMs: Date.now() - startedAt,
  };
}
