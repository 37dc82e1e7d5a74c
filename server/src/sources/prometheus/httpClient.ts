import {
  fail,
  ok,
  type LookupOptions,
  type MetricMetadata,
  type PrometheusClient,
  type PrometheusConnection,
  type PrometheusError,
  type Result,
} from './types';
import { ResponseTooLargeError, formatBytes, transportFor, type Transport } from './transport';

const defaultTimeoutMs = 10_000;
const defaultMaxResponseBytes = 32 << 20;

/** Parameters of one API call; arrays repeat the key (`match[]=a&match[]=b`). */
export type ApiParams = Record<string, string | number | string[] | undefined>;

/**
 * Prometheus' HTTP API over fetch, after codemirror-promql's HTTPPrometheusClient
 * (web/ui/module/codemirror-promql/src/client/prometheus.ts). Every call resolves to a
 * `Result`; timeouts, refused connections, HTML error pages and Prometheus' JSON error bodies
 * (400 bad_data, 422 execution, 503 timeout/unavailable) all become a typed `PrometheusError`.
 */
export class HttpPrometheusClient implements PrometheusClient {
  private readonly base: URL;
  private readonly transport: Transport;

  constructor(
    private readonly connection: PrometheusConnection,
    transport?: Transport,
  ) {
    this.base = new URL(connection.url.endsWith('/') ? connection.url : `${connection.url}/`);
    this.transport = transport ?? transportFor(this.base, connection.tlsSkipVerify ?? false);
  }

  get url(): string {
    return this.connection.url;
  }

  metricNames(options: LookupOptions = {}): Promise<Result<string[]>> {
    return this.labelValues('__name__', undefined, options);
  }

  async metadata(options: LookupOptions = {}): Promise<Result<Record<string, MetricMetadata[]>>> {
    const result = await this.call<unknown>('GET', 'api/v1/metadata', { limit: options.limit }, options.signal);
    if (!result.ok) return result;
    if (!isRecord(result.value)) return fail(this.invalid('api/v1/metadata', 'data is not an object'));
    const out: Record<string, MetricMetadata[]> = {};
    for (const [name, entries] of Object.entries(result.value)) {
      if (!Array.isArray(entries)) continue;
      out[name] = entries.filter(isRecord).map((entry) => ({ type: str(entry.type), help: str(entry.help), unit: str(entry.unit) }));
    }
    return ok(out, result.warnings);
  }

  async labelNames(match?: string, options: LookupOptions = {}): Promise<Result<string[]>> {
    const result = await this.call<unknown>(
      'POST',
      'api/v1/labels',
      { 'match[]': match ? [match] : undefined, ...windowParams(options) },
      options.signal,
    );
    return this.stringList('api/v1/labels', result, options.limit);
  }

  async labelValues(label: string, match?: string, options: LookupOptions = {}): Promise<Result<string[]>> {
    const path = `api/v1/label/${encodeURIComponent(label)}/values`;
    const result = await this.call<unknown>(
      'GET',
      path,
      { 'match[]': match ? [match] : undefined, ...windowParams(options) },
      options.signal,
    );
    return this.stringList(path, result, options.limit);
  }

  async series(match: string, options: LookupOptions = {}): Promise<Result<Record<string, string>[]>> {
    const result = await this.call<unknown>('POST', 'api/v1/series', { 'match[]': [match], ...windowParams(options) }, options.signal);
    if (!result.ok) return result;
    if (!Array.isArray(result.value)) return fail(this.invalid('api/v1/series', 'data is not a list'));
    const sets = result.value
      .filter(isRecord)
      .map((set) => Object.fromEntries(Object.entries(set).map(([key, value]) => [key, str(value)])));
    return ok(options.limit === undefined ? sets : sets.slice(0, options.limit), result.warnings);
  }

  /**
   * One API call: returns the `data` member of a success envelope. Used by the query API too.
   * POST sends the parameters form-encoded, as Prometheus' own UI does for long queries.
   */
  async call<T>(method: 'GET' | 'POST', path: string, params: ApiParams, signal?: AbortSignal, timeoutMs?: number): Promise<Result<T>> {
    const url = new URL(path, this.base);
    const form = encodeParams(params);
    if (method === 'GET') url.search = form;
    const timeout = AbortSignal.timeout(timeoutMs ?? this.connection.timeoutMs ?? defaultTimeoutMs);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    const maxBytes = this.connection.maxResponseBytes ?? defaultMaxResponseBytes;
    let response;
    try {
      response = await this.transport({
        url,
        method,
        headers: this.headers(method),
        body: method === 'POST' ? form : undefined,
        signal: combined,
        maxBytes,
      });
    } catch (error) {
      if (error instanceof ResponseTooLargeError) {
        return fail({
          kind: 'too-large',
          message: `${path}: response larger than ${formatBytes(maxBytes)}; narrow the query or the time range`,
        });
      }
      if (timeout.aborted)
        return fail({
          kind: 'timeout',
          message: `${path}: no answer from ${this.connection.url} within ${timeoutMs ?? this.connection.timeoutMs ?? defaultTimeoutMs} ms`,
        });
      if (signal?.aborted) return fail({ kind: 'aborted', message: `${path}: cancelled` });
      return fail({ kind: 'network', message: `${path}: ${networkMessage(error)}` });
    }
    return this.envelope<T>(path, response.status, response.body);
  }

  private envelope<T>(path: string, status: number, body: string): Result<T> {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      if (status < 200 || status >= 300) return fail({ kind: 'http', status, message: `${path}: HTTP ${status}${snippet(body)}` });
      return fail(this.invalid(path, `not JSON${snippet(body)}`, status));
    }
    if (isRecord(parsed) && parsed.status === 'error') {
      return fail({
        kind: 'api',
        status,
        errorType: str(parsed.errorType) || undefined,
        message: `${path}: ${str(parsed.error) || 'error'}${parsed.errorType ? ` (${str(parsed.errorType)})` : ''}`,
      });
    }
    if (status < 200 || status >= 300) return fail({ kind: 'http', status, message: `${path}: HTTP ${status}${snippet(body)}` });
    if (!isRecord(parsed) || parsed.status !== 'success' || !('data' in parsed))
      return fail(this.invalid(path, 'no success envelope', status));
    const warnings = Array.isArray(parsed.warnings) ? parsed.warnings.map(str) : undefined;
    return ok(parsed.data as T, warnings);
  }

  private stringList(path: string, result: Result<unknown>, limit: number | undefined): Result<string[]> {
    if (!result.ok) return result;
    if (!Array.isArray(result.value)) return fail(this.invalid(path, 'data is not a list'));
    const values = result.value.filter((value): value is string => typeof value === 'string');
    return ok(limit === undefined ? values : values.slice(0, limit), result.warnings);
  }

  private headers(method: 'GET' | 'POST'): Record<string, string> {
    const headers: Record<string, string> = { accept: 'application/json', ...(this.connection.headers ?? {}) };
    if (method === 'POST') headers['content-type'] = 'application/x-www-form-urlencoded';
    const auth = this.connection.auth;
    if (auth?.kind === 'bearer') headers.authorization = `Bearer ${auth.token}`;
    if (auth?.kind === 'basic') headers.authorization = `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`;
    return headers;
  }

  private invalid(path: string, detail: string, status?: number): PrometheusError {
    return { kind: 'invalid-response', status, message: `${path}: not a Prometheus API response (${detail})` };
  }
}

function windowParams(options: LookupOptions): ApiParams {
  const params: ApiParams = { limit: options.limit };
  if (options.window) {
    params.start = toSeconds(options.window.start);
    params.end = toSeconds(options.window.end);
  }
  return params;
}

/** Prometheus takes RFC 3339 or Unix seconds with a fraction; seconds keep URLs short. */
export function toSeconds(ms: number): string {
  return (ms / 1000).toFixed(3).replace(/\.?0+$/, '');
}

function encodeParams(params: ApiParams): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) search.append(key, String(item));
  }
  return search.toString();
}

function networkMessage(error: unknown): string {
  // fetch wraps the socket error in `cause` ("fetch failed" alone says nothing).
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const code = isRecord(cause) && typeof cause.code === 'string' ? `${cause.code}: ` : '';
  return `${code}${cause instanceof Error ? cause.message : String(cause)}`;
}

function snippet(body: string): string {
  const text = body
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return text ? `: ${text.length > 120 ? `${text.slice(0, 120)}…` : text}` : '';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);
}
