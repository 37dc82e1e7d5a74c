import { HttpApiClient, isRecord, labelSets, str, stringList, type ApiParams } from '../http/apiClient';
import type { Transport } from '../http/transport';
import { fail, ok, type LookupOptions, type MetricMetadata, type PrometheusClient, type PrometheusConnection, type Result } from './types';

export type { ApiParams };

/**
 * Prometheus' HTTP API, after codemirror-promql's HTTPPrometheusClient
 * (web/ui/module/codemirror-promql/src/client/prometheus.ts), on the shared HttpApiClient
 * (sources/http/apiClient.ts): timeouts, refused connections, HTML error pages and Prometheus'
 * JSON error bodies (400 bad_data, 422 execution, 503 timeout/unavailable) all become a typed error.
 */
export class HttpPrometheusClient implements PrometheusClient {
  private readonly api: HttpApiClient;

  constructor(connection: PrometheusConnection, transport?: Transport) {
    this.api = new HttpApiClient(connection, { product: 'Prometheus' }, transport);
  }

  get url(): string {
    return this.api.url;
  }

  metricNames(options: LookupOptions = {}): Promise<Result<string[]>> {
    return this.labelValues('__name__', undefined, options);
  }

  async metadata(options: LookupOptions = {}): Promise<Result<Record<string, MetricMetadata[]>>> {
    const result = await this.call<unknown>('GET', 'api/v1/metadata', { limit: options.limit }, options.signal);
    if (!result.ok) return result;
    if (!isRecord(result.value)) return fail(this.api.invalid('api/v1/metadata', 'data is not an object'));
    const out: Record<string, MetricMetadata[]> = {};
    for (const [name, entries] of Object.entries(result.value)) {
      if (!Array.isArray(entries)) continue;
      out[name] = entries.filter(isRecord).map((entry) => ({ type: str(entry.type), help: str(entry.help), unit: str(entry.unit) }));
    }
    return ok(out, result.warnings);
  }

  async labelNames(match?: string, options: LookupOptions = {}): Promise<Result<string[]>> {
    const params = { 'match[]': match ? [match] : undefined, ...windowParams(options) };
    const result = await this.call<unknown>('POST', 'api/v1/labels', params, options.signal);
    return stringList(this.api, 'api/v1/labels', result, options.limit);
  }

  async labelValues(label: string, match?: string, options: LookupOptions = {}): Promise<Result<string[]>> {
    const path = `api/v1/label/${encodeURIComponent(label)}/values`;
    const result = await this.call<unknown>(
      'GET',
      path,
      { 'match[]': match ? [match] : undefined, ...windowParams(options) },
      options.signal,
    );
    return stringList(this.api, path, result, options.limit);
  }

  async series(match: string, options: LookupOptions = {}): Promise<Result<Record<string, string>[]>> {
    const result = await this.call<unknown>('POST', 'api/v1/series', { 'match[]': [match], ...windowParams(options) }, options.signal);
    return labelSets(this.api, 'api/v1/series', result, options.limit);
  }

  /** One API call: returns the `data` member of a success envelope. Used by the query API too. */
  call<T>(method: 'GET' | 'POST', path: string, params: ApiParams, signal?: AbortSignal, timeoutMs?: number): Promise<Result<T>> {
    return this.api.call<T>(method, path, params, { signal, timeoutMs });
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
