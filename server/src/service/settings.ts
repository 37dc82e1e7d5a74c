import type { Severity } from './types';

/**
 * The `alertsmith` settings section. The server reads it through `workspace/configuration`;
 * every field has a default so that clients which answer nothing get sensible behaviour.
 */
export interface AlertsmithSettings {
  promql: {
    /**
     * Experimental functions and syntax (those behind `--enable-feature=promql-experimental-functions`
     * and friends) are reported with a warning naming the flag; when true they are plain, unflagged use.
     */
    experimentalFeaturesEnabled: boolean;
  };
  diagnostics: {
    /** Per-code severity overrides, e.g. `{ "promql/experimental-function": "off" }`. */
    severity: Record<string, Severity | 'off'>;
  };
  prometheus: {
    /** Empty turns live features off. */
    url: string;
    /** Extra HTTP headers sent to Prometheus (e.g. a tenant id); never credentials — those live in SecretStorage. */
    headers: Record<string, string>;
    tlsSkipVerify: boolean;
    /** Per-request timeout of live lookups. */
    timeoutMs: number;
  };
  loki: {
    /** Empty turns live Loki features off. */
    url: string;
    /** False turns live Loki features off and keeps the URL (e.g. for a port-forward later). */
    enabled: boolean;
    /** Extra HTTP headers sent to Loki (e.g. `X-Scope-OrgID`); never credentials. */
    headers: Record<string, string>;
    tlsSkipVerify: boolean;
    /** Per-request timeout of live lookups. */
    timeoutMs: number;
  };
  logql: { ruleFiles: string[] };
  operator: { defaultNamespace: string; expectedLabels: Record<string, string> };
}

export const defaultSettings: AlertsmithSettings = {
  promql: { experimentalFeaturesEnabled: false },
  diagnostics: { severity: {} },
  prometheus: { url: 'http://localhost:9090', headers: {}, tlsSkipVerify: false, timeoutMs: 5000 },
  loki: { url: 'http://localhost:3100', enabled: true, headers: {}, tlsSkipVerify: false, timeoutMs: 5000 },
  logql: { ruleFiles: [] },
  operator: { defaultNamespace: 'default', expectedLabels: {} },
};

/** Merges a partial settings object (as a client sends it) over the defaults, ignoring junk. */
export function resolveSettings(partial: unknown): AlertsmithSettings {
  const input = isRecord(partial) ? partial : {};
  const section = <K extends keyof AlertsmithSettings>(key: K): AlertsmithSettings[K] => {
    const value = input[key];
    return { ...defaultSettings[key], ...(isRecord(value) ? (value as Partial<AlertsmithSettings[K]>) : {}) };
  };
  return {
    promql: section('promql'),
    diagnostics: section('diagnostics'),
    prometheus: section('prometheus'),
    loki: section('loki'),
    logql: section('logql'),
    operator: section('operator'),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
