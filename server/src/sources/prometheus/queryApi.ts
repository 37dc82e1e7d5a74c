import type { HttpPrometheusClient } from './httpClient';
import { toSeconds } from './httpClient';
import { fail, ok, type PrometheusError, type Result } from './types';

/**
 * Instant and range queries for the query preview: step choice, request building and the
 * parsing of Prometheus' result types (docs: https://prometheus.io/docs/prometheus/latest/querying/api/).
 */

/** Prometheus refuses range queries with more points per series than this (web/api/v1/api.go). */
export const maxPointsPerSeries = 11_000;

/** One sample: time in ms since the epoch, value as a number (NaN and ±Inf included). */
export type Sample = [time: number, value: number];

export interface Series {
  metric: Record<string, string>;
  samples: Sample[];
  /** Native-histogram samples, passed through as Prometheus sends them. */
  histograms?: [time: number, histogram: unknown][];
}

export type QueryData =
  | { resultType: 'matrix'; series: Series[] }
  | { resultType: 'vector'; series: Series[] }
  | { resultType: 'scalar'; sample: Sample }
  | { resultType: 'string'; time: number; value: string };

export interface RangeQuery {
  expr: string;
  /** ms since the epoch. */
  start: number;
  end: number;
  /** Step in ms; chosen by `chooseStep` when absent. */
  step?: number;
}

export interface QueryOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
  /** More series than this is reported as a `too-large` error (charts cannot show them anyway). */
  maxSeries?: number;
}

const niceStepsSeconds = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400];

/**
 * A step for a range: about `targetPoints` points (the Prometheus UI aims at ~250), rounded up
 * to a familiar value, never below `minStepMs`, and never so small that a series would exceed
 * Prometheus' 11,000-point limit. A requested step is kept unless it breaks that limit.
 */
export function chooseStep(
  startMs: number,
  endMs: number,
  options: { requestedMs?: number; targetPoints?: number; minStepMs?: number } = {},
): number {
  const range = Math.max(0, endMs - startMs);
  // points = floor(range / step) + 1 <= max  <=>  step >= range / (max - 1)
  const floor = Math.max(options.minStepMs ?? 1000, Math.ceil(range / (maxPointsPerSeries - 1)));
  if (options.requestedMs !== undefined && options.requestedMs > 0) return Math.max(options.requestedMs, floor);
  const ideal = range / (options.targetPoints ?? 250);
  const nice = niceStepsSeconds.find((seconds) => seconds * 1000 >= ideal);
  const step = nice !== undefined ? nice * 1000 : Math.ceil(ideal / 86_400_000) * 86_400_000;
  return Math.max(step, floor);
}

/** Points a series of a range query can hold. */
export function pointsPerSeries(startMs: number, endMs: number, stepMs: number): number {
  return Math.floor((endMs - startMs) / stepMs) + 1;
}

export async function instantQuery(
  client: HttpPrometheusClient,
  expr: string,
  timeMs?: number,
  options: QueryOptions = {},
): Promise<Result<QueryData>> {
  const result = await client.call<unknown>(
    'POST',
    'api/v1/query',
    { query: expr, time: timeMs === undefined ? undefined : toSeconds(timeMs) },
    options.signal,
    options.timeoutMs,
  );
  return finish(result, 'api/v1/query', options);
}

export async function rangeQuery(client: HttpPrometheusClient, query: RangeQuery, options: QueryOptions = {}): Promise<Result<QueryData>> {
  if (!(query.end >= query.start)) return fail({ kind: 'api', errorType: 'bad_data', message: 'the end of the range is before its start' });
  const step = query.step ?? chooseStep(query.start, query.end);
  if (pointsPerSeries(query.start, query.end, step) > maxPointsPerSeries) {
    return fail({
      kind: 'api',
      errorType: 'bad_data',
      message: `a step of ${step / 1000}s gives more than ${maxPointsPerSeries} points per series; use a step of at least ${chooseStep(query.start, query.end, { requestedMs: step }) / 1000}s`,
    });
  }
  const params = { query: query.expr, start: toSeconds(query.start), end: toSeconds(query.end), step: toSeconds(step) };
  const result = await client.call<unknown>('POST', 'api/v1/query_range', params, options.signal, options.timeoutMs);
  return finish(result, 'api/v1/query_range', options);
}

function finish(result: Result<unknown>, path: string, options: QueryOptions): Result<QueryData> {
  if (!result.ok) return result;
  const data = parseQueryData(result.value);
  if ('kind' in data) return fail({ ...data, message: `${path}: ${data.message}` });
  if (
    (data.resultType === 'matrix' || data.resultType === 'vector') &&
    options.maxSeries !== undefined &&
    data.series.length > options.maxSeries
  ) {
    return fail({
      kind: 'too-large',
      message: `${path}: the query returned ${data.series.length} series, more than the ${options.maxSeries} shown; aggregate it (e.g. \`topk\` or \`sum by\`)`,
    });
  }
  return ok(data, result.warnings);
}

/** Parses the `data` member of a query response; an `invalid-response` error for anything else. */
export function parseQueryData(data: unknown): QueryData | PrometheusError {
  const invalid = (detail: string): PrometheusError => ({ kind: 'invalid-response', message: `not a query result (${detail})` });
  if (!isRecord(data)) return invalid('data is not an object');
  const { resultType, result } = data;
  switch (resultType) {
    case 'matrix':
    case 'vector': {
      if (!Array.isArray(result)) return invalid('result is not a list');
      const series: Series[] = [];
      for (const item of result) {
        if (!isRecord(item) || !isRecord(item.metric)) return invalid('a series has no metric');
        const metric = Object.fromEntries(Object.entries(item.metric).map(([key, value]) => [key, String(value)]));
        const raw = resultType === 'matrix' ? item.values : item.value === undefined ? undefined : [item.value];
        const samples: Sample[] = [];
        for (const pair of Array.isArray(raw) ? raw : []) {
          const sample = parseSample(pair);
          if (!sample) return invalid('a sample is not [time, "value"]');
          samples.push(sample);
        }
        const rawHistograms = resultType === 'matrix' ? item.histograms : item.histogram === undefined ? undefined : [item.histogram];
        const histograms = Array.isArray(rawHistograms)
          ? rawHistograms.filter(Array.isArray).map((pair): [number, unknown] => [Number(pair[0]) * 1000, pair[1]])
          : undefined;
        series.push(histograms?.length ? { metric, samples, histograms } : { metric, samples });
      }
      return { resultType, series };
    }
    case 'scalar': {
      const sample = parseSample(result);
      return sample ? { resultType, sample } : invalid('scalar is not [time, "value"]');
    }
    case 'string':
      return Array.isArray(result) && typeof result[1] === 'string'
        ? { resultType, time: Number(result[0]) * 1000, value: result[1] }
        : invalid('string is not [time, "value"]');
    default:
      return invalid(`unknown resultType ${JSON.stringify(resultType)}`);
  }
}

/** `[1700000000.123, "1.5"]` -> `[1700000000123, 1.5]`; Prometheus writes NaN, +Inf and -Inf as strings too. */
function parseSample(pair: unknown): Sample | undefined {
  if (!Array.isArray(pair) || pair.length !== 2 || typeof pair[0] !== 'number' || typeof pair[1] !== 'string') return undefined;
  const value = pair[1] === '+Inf' ? Infinity : pair[1] === '-Inf' ? -Infinity : Number(pair[1]);
  if (Number.isNaN(value) && pair[1] !== 'NaN') return undefined;
  return [Math.round(pair[0] * 1000), value];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
