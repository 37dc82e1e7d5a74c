import type { HttpConnection } from '../http/connection';
import type { Result } from '../http/result';
import type { TimeWindow } from '../prometheus/types';

/**
 * What a Loki HTTP API client returns (docs: grafana.com/docs/loki/latest/reference/loki-http-api/).
 * Like the Prometheus client: an interface, an HTTP implementation, and failures as values.
 * `selector` is a log stream selector such as `{app="api", namespace="prod"}`.
 */
export interface LokiClient {
  /** `/loki/api/v1/labels`, optionally scoped with `query=<selector>`. */
  labelNames(selector?: string, options?: LokiLookupOptions): Promise<Result<string[]>>;
  /** `/loki/api/v1/label/<name>/values`, optionally scoped with `query=<selector>`. */
  labelValues(label: string, selector?: string, options?: LokiLookupOptions): Promise<Result<string[]>>;
  /** `/loki/api/v1/series`: the label sets of the streams matching any of the selectors. */
  series(selectors: readonly string[], options?: LokiLookupOptions): Promise<Result<Record<string, string>[]>>;
  /** `/loki/api/v1/status/buildinfo`: the version, for the status item. */
  buildInfo(options?: { signal?: AbortSignal }): Promise<Result<LokiBuildInfo>>;
}

export interface LokiLookupOptions {
  /** Restrict to streams in this window (Loki's `start`/`end`); Loki's default (6 h) when absent. */
  window?: TimeWindow;
  /** Upper bound on returned items, cut client-side (Loki's label endpoints take no `limit`). */
  limit?: number;
  signal?: AbortSignal;
}

/** The fields Loki documents for `/loki/api/v1/status/buildinfo`. */
export interface LokiBuildInfo {
  version: string;
  revision?: string;
  branch?: string;
  buildDate?: string;
  goVersion?: string;
}

/** How to reach a Loki server; built from `alertsmith.loki` settings plus secrets. */
export type LokiConnection = HttpConnection;
