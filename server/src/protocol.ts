import { NotificationType, RequestType } from 'vscode-languageserver-protocol';

/**
 * Custom LSP messages and options shared by the client, the server and other editors, typed
 * once (as vscode-eslint's customMessages.ts and rust-analyzer's lsp_ext.ts do). Plain data
 * only: nothing here may import the server's or the client's modules.
 */

/** Credentials for the Prometheus server. The VS Code client keeps them in SecretStorage. */
export type PrometheusAuth = { kind: 'bearer'; token: string } | { kind: 'basic'; username: string; password: string };

/**
 * `initializationOptions` of the `initialize` request. Other editors may send the same
 * object (Neovim: `init_options = { prometheusAuth = { kind = "bearer", token = "…" } }`).
 */
export interface InitializationOptions {
  prometheusAuth?: PrometheusAuth | null;
  /** Credentials for the Loki server (`alertsmith.loki.url`), same shape. */
  lokiAuth?: PrometheusAuth | null;
  /** The client wants `DocumentLanguagesNotification`s. */
  documentLanguages?: boolean;
}

/**
 * Server -> client (when asked for in `InitializationOptions`): the query languages a document's
 * expressions are in, sent after a validation when they change. A YAML rule file is a Loki one
 * only by its expressions, which the client cannot tell (its status items follow this).
 */
export namespace DocumentLanguagesNotification {
  export const method = 'alertsmith/documentLanguages' as const;
  export interface Params {
    uri: string;
    languages: Array<'promql' | 'logql'>;
  }
  export const type = new NotificationType<Params>(method);
}

/**
 * Client -> server: the Prometheus credentials changed (set, replaced or cleared with `null`).
 * Sent after the user edits them, so secrets never travel through `workspace/configuration`.
 */
export namespace PrometheusCredentialsNotification {
  export const method = 'alertsmith/prometheusCredentials' as const;
  export interface Params {
    auth: PrometheusAuth | null;
  }
  export const type = new NotificationType<Params>(method);
}

/** Client -> server: the Loki credentials changed (set, replaced or cleared with `null`). */
export namespace LokiCredentialsNotification {
  export const method = 'alertsmith/lokiCredentials' as const;
  export interface Params {
    auth: PrometheusAuth | null;
  }
  export const type = new NotificationType<Params>(method);
}

/** What the server knows about its Prometheus connection, for a status item. */
export interface PrometheusStatus {
  url: string;
  state: 'disabled' | 'connecting' | 'connected' | 'unreachable';
  /** Last error, one line, when `unreachable`. */
  message?: string;
  metricCount?: number;
}

/** Server -> client: the live connection changed state. */
export namespace PrometheusStatusNotification {
  export const method = 'alertsmith/prometheusStatus' as const;
  export type Params = PrometheusStatus;
  export const type = new NotificationType<Params>(method);
}

/** Server -> client: the Loki connection changed state (same shape; `metricCount` = label names known). */
export namespace LokiStatusNotification {
  export const method = 'alertsmith/lokiStatus' as const;
  export type Params = PrometheusStatus;
  export const type = new NotificationType<Params>(method);
}

/** Client -> server: ask for the current status (e.g. when the status item is first shown). */
export namespace PrometheusStatusRequest {
  export const method = 'alertsmith/prometheusStatus/get' as const;
  export const type = new RequestType<void, PrometheusStatus, void>(method);
}

/** Client -> server: ask for the current Loki status (same shape; `metricCount` = label names known). */
export namespace LokiStatusRequest {
  export const method = 'alertsmith/lokiStatus/get' as const;
  export const type = new RequestType<void, PrometheusStatus, void>(method);
}

/** Reads `prometheusAuth` from untrusted `initializationOptions`, ignoring anything malformed. */
export function parsePrometheusAuth(value: unknown): PrometheusAuth | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Record<string, unknown>;
  if (record.kind === 'bearer' && typeof record.token === 'string' && record.token !== '') return { kind: 'bearer', token: record.token };
  if (record.kind === 'basic' && typeof record.username === 'string' && typeof record.password === 'string') {
    return { kind: 'basic', username: record.username, password: record.password };
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Query preview. The extension host asks the server to run a query (the server owns the
// connection, its credentials and TLS settings); the webview never talks to Prometheus.

/** A comparison with a number found at the top of an alert expression: `<valueExpr> <op> <value>`. */
export interface AlertThreshold {
  op: '>' | '<' | '>=' | '<=' | '==' | '!=';
  value: number;
  /** The other side of the comparison: what the preview graphs under the threshold line. */
  valueExpr: string;
  /** True when the number is on the left (`0.5 < rate(…)`); `op` is then already flipped. */
  flipped?: boolean;
}

/** What the preview needs to know about an alerting rule. */
export interface AlertPreviewInfo {
  name?: string;
  /** `for:` as written, e.g. `5m`; absent when the rule has none. */
  for?: string;
  /** `for:` in milliseconds (0 when absent or invalid). */
  forMs: number;
  /** `keep_firing_for:` in milliseconds. */
  keepFiringForMs?: number;
  threshold?: AlertThreshold;
}

/** Arguments of the `alertsmith.runQuery` command, as the "▶ Run" code lens sends them. */
export interface RunQueryArgs {
  uri: string;
  /** Where the expression sits in the document (LSP range). */
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  expr: string;
  /** Which language the expression is in (the server knows each region's); absent means PromQL. */
  language?: 'promql' | 'logql';
  alert?: AlertPreviewInfo;
}

/** A sample value on the wire: a number, or `'NaN'`, `'+Inf'`, `'-Inf'` (JSON has no such numbers). */
export type WireValue = number | 'NaN' | '+Inf' | '-Inf';

/** One series, columnar: the i-th of its sample times (ms since the epoch) carries `values[i]`. */
export interface WireSeries {
  metric: Record<string, string>;
  /** The sample times as runs `[first, step, count, …]` (see timeRuns.ts: `sampleTimes` expands them). */
  timeRuns: number[];
  values: WireValue[];
}

/** One log line of a Loki stream. */
export interface WireLogEntry {
  /** ms since the epoch, for display and sorting. */
  time: number;
  /** The exact timestamp in ns since the epoch, as a decimal string (JSON numbers lose ns). */
  timeNs: string;
  line: string;
  /** Loki 3 structured metadata and parsed labels, when the server returns them (categorize-labels). */
  metadata?: Record<string, string>;
}

/** One Loki stream: its labels and its lines (newest first for backward queries). */
export interface WireStream {
  labels: Record<string, string>;
  entries: WireLogEntry[];
}

export type WireQueryData =
  | { resultType: 'matrix' | 'vector'; series: WireSeries[] }
  /** LogQL log queries (Loki's `streams` result type). */
  | { resultType: 'streams'; streams: WireStream[] }
  | { resultType: 'scalar'; time: number; value: WireValue }
  | { resultType: 'string'; time: number; value: string };

/** Client -> server: run an instant or range query against the configured Prometheus. */
export namespace RunQueryRequest {
  export const method = 'alertsmith/runQuery' as const;
  export interface Params {
    expr: string;
    /** Which server answers: Prometheus (`promql`, the default) or Loki (`logql`). */
    language?: 'promql' | 'logql';
    kind: 'range' | 'instant';
    /** Range start/end, or the instant's time, in ms since the epoch; `end`/`time` default to now. */
    start?: number;
    end?: number;
    time?: number;
    /** Requested step in ms; raised when it would exceed Prometheus' 11,000 points per series. */
    stepMs?: number;
    /** Points the chart has room for (its width); picks the automatic step. */
    targetPoints?: number;
    /** Series beyond this are dropped (with a notice); default 500. */
    maxSeries?: number;
    /** LogQL log queries: most lines to return (Loki's `limit`); default 500. */
    limit?: number;
    /** LogQL log queries: exclusive end in ns ("load more": one past the oldest line's `timeNs`). */
    endNs?: string;
  }
  export type Result =
    | {
        ok: true;
        data: WireQueryData;
        /** The step used (range queries), in ms. */
        stepMs?: number;
        start?: number;
        end?: number;
        /** Prometheus' own warnings and infos, as it wrote them. */
        warnings: string[];
        /** Our notes: step raised, series dropped. */
        notices: string[];
        /** Series the query returned before `maxSeries` cut them. */
        totalSeries?: number;
        /** LogQL log queries: the answer hit `limit`, so older lines may exist ("load more"). */
        limitReached?: boolean;
        tookMs: number;
      }
    | { ok: false; kind: string; message: string; errorType?: string; status?: number };
  export const type = new RequestType<Params, Result, void>(method);
}

/** Client -> server: check the connection now (status item click); answers with the version. */
export namespace CheckConnectionRequest {
  export const method = 'alertsmith/checkConnection' as const;
  export type Result = PrometheusStatus & { version?: string };
  export const type = new RequestType<void, Result, void>(method);
}

/** Client -> server: check the Loki connection now (`/loki/api/v1/status/buildinfo`); answers with Loki's version. */
export namespace LokiCheckConnectionRequest {
  export const method = 'alertsmith/loki/checkConnection' as const;
  export type Result = CheckConnectionRequest.Result;
  export const type = new RequestType<void, Result, void>(method);
}
