/**
 * What every HTTP API client here returns: failures are values, not exceptions, so completion
 * and validation code can never be broken by the network.
 */

/**
 * Why a request failed. `api` is the server's own error (Prometheus' JSON error body, Loki's
 * plain-text message); `http` is any other non-2xx answer (a proxy's error page).
 */
export type ApiErrorKind = 'timeout' | 'aborted' | 'network' | 'http' | 'api' | 'invalid-response' | 'too-large';

export interface ApiError {
  kind: ApiErrorKind;
  /** One line for a log or a status item, including the URL path it concerns. */
  message: string;
  /** HTTP status when the server answered. */
  status?: number;
  /** Prometheus' `errorType` (`bad_data`, `execution`, `timeout`, `unavailable`, …) for `api` errors. */
  errorType?: string;
}

export type Result<T> = { ok: true; value: T; warnings?: string[] } | { ok: false; error: ApiError };

export function ok<T>(value: T, warnings?: string[]): Result<T> {
  return warnings && warnings.length > 0 ? { ok: true, value, warnings } : { ok: true, value };
}

export function fail<T>(error: ApiError): Result<T> {
  return { ok: false, error };
}
