import { LSPErrorCodes, ResponseError, type CancellationToken, type Connection } from 'vscode-languageserver';
import { CheckConnectionRequest, RunQueryRequest, type WireQueryData, type WireSeries, type WireValue } from '../protocol';
import { HttpPrometheusClient } from '../sources/prometheus/httpClient';
import {
  chooseStep,
  instantQuery,
  maxPointsPerSeries,
  pointsPerSeries,
  rangeQuery,
  type QueryData,
  type Series,
} from '../sources/prometheus/queryApi';
import type { PrometheusConnection } from '../sources/prometheus/types';

/** Preview queries may take longer than metadata lookups, but not forever. */
const queryTimeoutMs = 60_000;
/** Bigger answers are refused with a clear message; a chart cannot use them anyway. */
const maxQueryResponseBytes = 24 << 20;
const defaultMaxSeries = 500;
const defaultRangeMs = 3_600_000;

/**
 * Serves the query preview: `alertsmith/runQuery` (instant and range queries, cancellable with
 * `$/cancelRequest`) and `alertsmith/checkConnection` (build info for the status item).
 * `prometheus()` returns the current connection (settings + credentials), or undefined when
 * live features are off or the workspace is untrusted.
 */
export function registerRunQuery(
  connection: Connection,
  prometheus: () => PrometheusConnection | undefined,
  now: () => number = Date.now,
): void {
  connection.onRequest(RunQueryRequest.type, async (params, token) => {
    const target = prometheus();
    if (!target)
      return {
        ok: false,
        kind: 'disabled',
        message: 'No Prometheus is configured (alertsmith.prometheus.url), or the workspace is not trusted.',
      };
    try {
      const result = await runQuery(new HttpPrometheusClient(previewConnection(target)), params, now, token);
      // LSP: a cancelled request answers with RequestCancelled, not a result.
      if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'The query was cancelled.');
      return result;
    } catch (error) {
      if (error instanceof ResponseError) throw error;
      connection.console.error(`runQuery failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return { ok: false, kind: 'internal', message: `The query could not be run: ${String(error)}` };
    }
  });

  connection.onRequest(CheckConnectionRequest.type, async (_params, token) => {
    const target = prometheus();
    if (!target) return { url: '', state: 'disabled' };
    const client = new HttpPrometheusClient({ ...target, timeoutMs: Math.min(target.timeoutMs ?? 5000, 10_000) });
    const result = await client.call<unknown>('GET', 'api/v1/status/buildinfo', {}, abortSignalFor(token));
    if (!result.ok) return { url: target.url, state: 'unreachable', message: result.error.message };
    const version =
      typeof result.value === 'object' && result.value !== null ? (result.value as Record<string, unknown>).version : undefined;
    return { url: target.url, state: 'connected', version: typeof version === 'string' ? version : undefined };
  });
}

function previewConnection(target: PrometheusConnection): PrometheusConnection {
  return {
    ...target,
    timeoutMs: Math.max(target.timeoutMs ?? 0, queryTimeoutMs),
    maxResponseBytes: Math.min(target.maxResponseBytes ?? Infinity, maxQueryResponseBytes),
  };
}

/** Runs one preview query; every failure is an `ok: false` answer, never an exception. */
export async function runQuery(
  client: HttpPrometheusClient,
  params: RunQueryRequest.Params,
  now: () => number,
  token?: CancellationToken,
): Promise<RunQueryRequest.Result> {
  const started = Date.now();
  const signal = abortSignalFor(token);
  const notices: string[] = [];
  let plan: RangePlan | undefined;
  let result;
  if (params.kind === 'range') {
    plan = planRangeQuery(params, now());
    notices.push(...plan.notices);
    result = await rangeQuery(client, { expr: params.expr, start: plan.start, end: plan.end, step: plan.stepMs }, { signal });
  } else {
    result = await instantQuery(client, params.expr, params.time ?? now(), { signal });
  }
  if (!result.ok)
    return {
      ok: false,
      kind: result.error.kind,
      message: result.error.message,
      errorType: result.error.errorType,
      status: result.error.status,
    };
  const maxSeries = params.maxSeries && params.maxSeries > 0 ? params.maxSeries : defaultMaxSeries;
  const { data, totalSeries } = toWireData(result.value, maxSeries);
  if (totalSeries !== undefined && totalSeries > maxSeries) {
    notices.push(`Showing the first ${maxSeries} of ${totalSeries} series; aggregate the query (topk, sum by) to see them all.`);
  }
  return {
    ok: true,
    data,
    stepMs: plan?.stepMs,
    start: plan?.start,
    end: plan?.end,
    warnings: result.warnings ?? [],
    notices,
    totalSeries,
    tookMs: Date.now() - started,
  };
}

export interface RangePlan {
  start: number;
  end: number;
  stepMs: number;
  notices: string[];
}

/**
 * The window and step of a range query: end defaults to now, start to an hour before; the
 * step is the requested one, raised when a series would exceed Prometheus' 11,000 points.
 */
export function planRangeQuery(params: Pick<RunQueryRequest.Params, 'start' | 'end' | 'stepMs' | 'targetPoints'>, now: number): RangePlan {
  const end = finite(params.end) ?? now;
  let start = finite(params.start) ?? end - defaultRangeMs;
  if (start > end) start = end - defaultRangeMs;
  const requestedMs = finite(params.stepMs);
  const targetPoints = clamp(finite(params.targetPoints) ?? 250, 10, maxPointsPerSeries - 1);
  let stepMs = chooseStep(start, end, { requestedMs, targetPoints });
  // A raised step is rounded up to whole seconds: "55s" reads better than "54.987s".
  if (requestedMs !== undefined && stepMs > requestedMs) stepMs = Math.ceil(stepMs / 1000) * 1000;
  const notices: string[] = [];
  if (requestedMs !== undefined && requestedMs > 0 && stepMs > requestedMs) {
    notices.push(
      `Step raised from ${requestedMs / 1000}s to ${stepMs / 1000}s: Prometheus allows at most ${maxPointsPerSeries.toLocaleString('en-US')} points per series.`,
    );
  }
  // chooseStep guarantees this; keep the invariant visible where the request is built.
  if (pointsPerSeries(start, end, stepMs) > maxPointsPerSeries)
    notices.push('The range is too long for any step; Prometheus will refuse it.');
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
  return { metric: series.metric, times, values };
}

export function wireValue(value: number): WireValue {
  if (Number.isFinite(value)) return value;
  if (Number.isNaN(value)) return 'NaN';
  return value > 0 ? '+Inf' : '-Inf';
}

function abortSignalFor(token: CancellationToken | undefined): AbortSignal | undefined {
  if (!token) return undefined;
  const controller = new AbortController();
  if (token.isCancellationRequested) controller.abort();
  else token.onCancellationRequested(() => controller.abort());
  return controller.signal;
}

function finite(value: number | undefined): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(Math.max(value, low), high);
}
