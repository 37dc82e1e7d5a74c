import { HttpApiClient, isRecord, labelSets, str, stringList, type ApiParams, type CallOptions } from '../http/apiClient';
import { fail, ok, type Result } from '../http/result';
import type { Transport } from '../http/transport';
import type { LokiBuildInfo, LokiClient, LokiConnection, LokiLookupOptions } from './types';

/**
 * Loki's HTTP API (grafana.com/docs/loki/latest/reference/loki-http-api/) on the shared
 * HttpApiClient: the same `{status, data, warnings}` envelope as Prometheus, but errors come as
 * plain text with a 4xx/5xx status (`parse error at line 1, col 7: …`), timestamps are
 * nanoseconds, and label lookups are scoped with `query=` rather than `match[]=`.
 */
export class HttpLokiClient implements LokiClient {
  readonly api: HttpApiClient;

  constructor(connection: LokiConnection, transport?: Transport) {
    this.api = new HttpApiClient(connection, { product: 'Loki', plainTextErrors: true }, transport);
  }

  get url(): string {
    return this.api.url;
  }

  async labelNames(selector?: string, options: LokiLookupOptions = {}): Promise<Result<string[]>> {
    const path = 'loki/api/v1/labels';
    const result = await this.api.call<unknown>('GET', path, { query: selector, ...windowParams(options) }, { signal: options.signal });
    return stringList(this.api, path, result, options.limit);
  }

  async labelValues(label: string, selector?: string, options: LokiLookupOptions = {}): Promise<Result<string[]>> {
    const path = `loki/api/v1/label/${encodeURIComponent(label)}/values`;
    const result = await this.api.call<unknown>('GET', path, { query: selector, ...windowParams(options) }, { signal: options.signal });
    return stringList(this.api, path, result, options.limit);
  }

  async series(selectors: readonly string[], options: LokiLookupOptions = {}): Promise<Result<Record<string, string>[]>> {
    const path = 'loki/api/v1/series';
    // POST, form-encoded: the docs allow it for long or many selectors.
    const result = await this.api.call<unknown>(
      'POST',
      path,
      { 'match[]': [...selectors], ...windowParams(options) },
      { signal: options.signal },
    );
    return labelSets(this.api, path, result, options.limit);
  }

  async buildInfo(options: { signal?: AbortSignal } = {}): Promise<Result<LokiBuildInfo>> {
    const path = 'loki/api/v1/status/buildinfo';
    const result = await this.api.json(path, options);
    if (!result.ok) return result;
    if (!isRecord(result.value) || typeof result.value.version !== 'string') return fail(this.api.invalid(path, 'no version'));
    const info = result.value;
    return ok({
      version: info.version as string,
      revision: str(info.revision) || undefined,
      branch: str(info.branch) || undefined,
      buildDate: str(info.buildDate) || undefined,
      goVersion: str(info.goVersion) || undefined,
    });
  }

  /** One query-API call; see queryApi.ts. */
  call<T>(path: string, params: ApiParams, options: CallOptions = {}): Promise<Result<T>> {
    return this.api.call<T>('GET', path, params, options);
  }
}

function windowParams(options: LokiLookupOptions): ApiParams {
  return options.window ? { start: toNanos(options.window.start), end: toNanos(options.window.end) } : {};
}

/**
 * Milliseconds since the epoch as Loki's nanosecond epoch. Loki reads an integer as
 * nanoseconds and a number with a fraction as seconds, so seconds without a fraction would be
 * misread: always send nanoseconds.
 */
export function toNanos(ms: number): string {
  return (BigInt(Math.round(ms)) * 1_000_000n).toString();
}
