import type { PrometheusAuth } from '../../protocol';
import type { HttpConnection } from '../http/connection';
import { fail, ok, type ApiError, type ApiErrorKind, type Result } from '../http/result';

export type { PrometheusAuth };

/**
 * What a Prometheus HTTP API client returns. Modelled on codemirror-promql's
 * `PrometheusClient` (web/ui/module/codemirror-promql/src/client/prometheus.ts): an interface,
 * an HTTP implementation and a caching decorator. Unlike upstream, failures are values, not
 * exceptions, so completion and validation code can never be broken by the network.
 */

/** Why a request failed; `api` is Prometheus' own JSON error body (`status: "error"`). */
export type PrometheusErrorKind = ApiErrorKind;
export type PrometheusError = ApiError;
export { fail, ok, type Result };

/** One entry of `/api/v1/metadata`. */
export interface MetricMetadata {
  type: string;
  help: string;
  unit: string;
}

/** A time window for lookups, in milliseconds since the epoch. */
export interface TimeWindow {
  start: number;
  end: number;
}

/** Options every metadata call accepts. */
export interface LookupOptions {
  /** Restrict to series in this window (Prometheus' `start`/`end`); all retained data when absent. */
  window?: TimeWindow;
  /** Upper bound on returned items (`limit=`; servers before 2.51 ignore it, we cut client-side too). */
  limit?: number;
  signal?: AbortSignal;
}

/**
 * The metadata endpoints completion and live checks need. Every method resolves; none rejects.
 * `match` is a series selector such as `http_requests_total{job="api"}`.
 */
export interface PrometheusClient {
  /** `/api/v1/label/__name__/values`. */
  metricNames(options?: LookupOptions): Promise<Result<string[]>>;
  /** `/api/v1/metadata`: metric family name -> metadata entries (one per distinct help/type). */
  metadata(options?: LookupOptions): Promise<Result<Record<string, MetricMetadata[]>>>;
  /** `/api/v1/labels`, optionally scoped with `match[]`. */
  labelNames(match?: string, options?: LookupOptions): Promise<Result<string[]>>;
  /** `/api/v1/label/<name>/values`, optionally scoped with `match[]`. */
  labelValues(label: string, match?: string, options?: LookupOptions): Promise<Result<string[]>>;
  /** `/api/v1/series`: the label sets of the series matching `match`. */
  series(match: string, options?: LookupOptions): Promise<Result<Record<string, string>[]>>;
}

/** How to reach a Prometheus server; built from settings plus secrets (see protocol.ts). */
export type PrometheusConnection = HttpConnection;
