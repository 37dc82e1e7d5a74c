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

/** Client -> server: ask for the current status (e.g. when the status item is first shown). */
export namespace PrometheusStatusRequest {
  export const method = 'alertsmith/prometheusStatus/get' as const;
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
