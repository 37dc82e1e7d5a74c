import { isRecord } from '../http/apiClient';
import { fail, ok, type ApiError, type Result } from '../http/result';
import { toSeconds } from '../prometheus/httpClient';
import { parseQueryData, type QueryData } from '../prometheus/queryApi';
import { toNanos, type HttpLokiClient } from './httpClient';

/**
 * LogQL queries for the preview (grafana.com/docs/loki/latest/reference/loki-http-api/):
 * log queries through `/loki/api/v1/query_range` (result type `streams`), metric queries
 * through `query_range` (`matrix`) or `query` (`vector`). Matrix, vector and scalar answers
 * have Prometheus' shape, so Prometheus' parser reads them.
 */

/** One log line: the exact nanosecond timestamp as Loki wrote it, the line, and categorized labels. */
export interface LogEntry {
  timeNs: string;
  line: string;
  /** Structured metadata and parsed labels (Loki 3 with `categorize-labels`). */
  metadata?: Record<string, string>;
}

export interface LogStream {
  labels: Record<string, string>;
  entries: LogEntry[];
}

export type LokiQueryData = QueryData | { resultType: 'streams'; streams: LogStream[] };

export interface LogRangeQuery {
  expr: string;
  /** ms since the epoch. */
  start: number;
  end: number;
  /** Exclusive end in ns, overriding `end` ("load more": one past the oldest line shown). */
  endNs?: string;
  /** Most lines returned, over all streams. */
  limit: number;
}

export interface LokiQueryOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
}

/**
 * Asks Loki to split structured metadata and parsed labels from the stream labels, so a
 * stream is one label set and each line carries its own extras (Loki 3; older servers ignore it).
 * See pkg/util/httpreq/encoding_flags.go and pkg/util/marshal/query.go in grafana/loki.
 */
const categorizeLabels = { 'X-Loki-Response-Encoding-Flags': 'categorize-labels' };

/** A log query, newest lines first (`direction=backward`), at most `limit` lines. */
export async function logRangeQuery(
  client: HttpLokiClient,
  query: LogRangeQuery,
  options: LokiQueryOptions = {},
): Promise<Result<LokiQueryData>> {
  const params = {
    query: query.expr,
    start: toNanos(query.start),
    end: query.endNs ?? toNanos(query.end),
    limit: query.limit,
    direction: 'backward',
  };
  const result = await client.call<unknown>('loki/api/v1/query_range', params, { ...options, headers: categorizeLabels });
  return finish(result, 'loki/api/v1/query_range');
}

/** A metric query over a range; `step` in ms (Loki takes seconds as a float). */
export async function metricRangeQuery(
  client: HttpLokiClient,
  query: { expr: string; start: number; end: number; step: number },
  options: LokiQueryOptions = {},
): Promise<Result<LokiQueryData>> {
  const params = { query: query.expr, start: toNanos(query.start), end: toNanos(query.end), step: toSeconds(query.step) };
  return finish(await client.call<unknown>('loki/api/v1/query_range', params, options), 'loki/api/v1/query_range');
}

/** A metric query at one instant. */
export async function metricInstantQuery(
  client: HttpLokiClient,
  expr: string,
  timeMs: number,
  options: LokiQueryOptions = {},
): Promise<Result<LokiQueryData>> {
  const result = await client.call<unknown>('loki/api/v1/query', { query: expr, time: toNanos(timeMs) }, options);
  return finish(result, 'loki/api/v1/query');
}

function finish(result: Result<unknown>, path: string): Result<LokiQueryData> {
  if (!result.ok) return result;
  const data = parseLokiQueryData(result.value);
  if ('kind' in data) return fail({ ...data, message: `${path}: ${data.message}` });
  return ok(data, result.warnings);
}

/** Parses the `data` member of a Loki query response (its `stats` are left out). */
export function parseLokiQueryData(data: unknown): LokiQueryData | ApiError {
  if (!isRecord(data) || data.resultType !== 'streams') return parseQueryData(data);
  const invalid = (detail: string): ApiError => ({ kind: 'invalid-response', message: `not a Loki query result (${detail})` });
  if (!Array.isArray(data.result)) return invalid('result is not a list');
  const streams: LogStream[] = [];
  for (const item of data.result) {
    if (!isRecord(item) || !isRecord(item.stream) || !Array.isArray(item.values)) return invalid('a stream has no labels or values');
    const labels = Object.fromEntries(Object.entries(item.stream).map(([key, value]) => [key, String(value)]));
    const entries: LogEntry[] = [];
    for (const value of item.values) {
      const entry = parseEntry(value);
      if (!entry) return invalid('a log entry is not ["<ns>", "<line>"]');
      entries.push(entry);
    }
    streams.push({ labels, entries });
  }
  return { resultType: 'streams', streams };
}

/** `["1569266497240578000", "foo"]`, or with categorize-labels `[…, {"structuredMetadata": {…}, "parsed": {…}}]`. */
function parseEntry(value: unknown): LogEntry | undefined {
  if (!Array.isArray(value) || value.length < 2 || typeof value[0] !== 'string' || !/^\d+$/.test(value[0]) || typeof value[1] !== 'string')
    return undefined;
  const entry: LogEntry = { timeNs: value[0], line: value[1] };
  const categories = value[2];
  if (isRecord(categories)) {
    const metadata: Record<string, string> = {};
    for (const group of [categories.structuredMetadata, categories.parsed])
      if (isRecord(group)) for (const [key, label] of Object.entries(group)) metadata[key] = String(label);
    if (Object.keys(metadata).length > 0) entry.metadata = metadata;
  }
  return entry;
}
