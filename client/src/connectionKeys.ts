/**
 * Where credentials live in SecretStorage: one secret per server URL, so a token set for one
 * Prometheus (or Loki) is never sent to another after the URL setting changes. Pure, for tests.
 */

export type LiveServerId = 'prometheus' | 'loki';

/**
 * The part of a URL that names the server: scheme, host (lowercase, default port dropped) and
 * path without trailing slashes. User info, query and fragment are left out, so the key never
 * holds a password. Anything but an http(s) URL is only trimmed.
 */
export function serverUrlKey(url: string): string {
  const trimmed = url.trim();
  const parsed = URL.canParse(trimmed) ? new URL(trimmed) : undefined;
  if (parsed?.protocol !== 'http:' && parsed?.protocol !== 'https:') return trimmed.replace(/\/+$/, '');
  return `${parsed.protocol}//${parsed.host}${parsed.pathname.replace(/\/+$/, '')}`;
}

/** True when two URL settings name the same server. */
export function sameServer(a: string, b: string): boolean {
  return serverUrlKey(a) === serverUrlKey(b);
}

/** The SecretStorage key of the credentials for `url`, or undefined when no URL is set. */
export function credentialKey(server: LiveServerId, url: string): string | undefined {
  const key = serverUrlKey(url);
  return key === '' ? undefined : `alertsmith.${server}.auth@${key}`;
}

/** Earlier builds kept the Prometheus credentials in one secret, whatever the URL; migrated once. */
export const legacyPrometheusKey = 'alertsmith.prometheus.auth';
