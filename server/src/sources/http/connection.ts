import type { PrometheusAuth } from '../../protocol';

/** How to reach a Prometheus or Loki server; built from settings plus secrets (see protocol.ts). */
export interface HttpConnection {
  url: string;
  auth?: PrometheusAuth;
  /** Extra request headers, e.g. a tenant header for Cortex/Mimir/Thanos/Loki. */
  headers?: Record<string, string>;
  /** Accept any TLS certificate (self-signed lab servers). */
  tlsSkipVerify?: boolean;
  /** Per-request timeout; default 10 s. */
  timeoutMs?: number;
  /** Largest response body read, in bytes; default 32 MiB. */
  maxResponseBytes?: number;
}

/**
 * The connection a settings section describes (`url`, `headers`, `tlsSkipVerify`, `timeoutMs`,
 * and `enabled` where the section has it), or undefined when the server is switched off (`url`
 * empty or not http(s), `enabled: false`). Junk in settings is ignored.
 */
export function readConnectionSettings(section: unknown, defaultUrl: string, auth?: PrometheusAuth): HttpConnection | undefined {
  const record = typeof section === 'object' && section !== null ? (section as Record<string, unknown>) : {};
  if (record.enabled === false) return undefined;
  const url = typeof record.url === 'string' ? record.url.trim() : defaultUrl;
  if (url === '' || !/^https?:\/\//i.test(url)) return undefined;
  const headers: Record<string, string> = {};
  if (typeof record.headers === 'object' && record.headers !== null) {
    for (const [name, value] of Object.entries(record.headers))
      if (typeof value === 'string' && /^[A-Za-z0-9-]+$/.test(name)) headers[name] = value;
  }
  const timeoutMs = typeof record.timeoutMs === 'number' && record.timeoutMs > 0 ? record.timeoutMs : undefined;
  return { url, auth, headers, tlsSkipVerify: record.tlsSkipVerify === true, timeoutMs };
}
