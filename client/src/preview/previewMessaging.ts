/**
 * The query preview's message protocol, both directions, as discriminated unions (after VS
 * Code's markdown preview `types/previewMessaging.d.ts`). Type-only: the extension host and
 * the webview bundle both import it. Every message names the `source` (the query it belongs
 * to) and, for runs, a `seq`, so a late answer to a superseded run is dropped.
 */
import type { AlertPreviewInfo, RunQueryArgs, RunQueryRequest } from '../../../server/src/protocol';

export type QueryLanguage = 'promql' | 'logql';

/** What the panel shows: one query, from a document or a selection. */
export interface PreviewQuery {
  expr: string;
  /** Short title: the alert name, the file name, or "Selection". */
  title: string;
  /** Which server runs it: Prometheus (`promql`, when absent) or Loki (`logql`). */
  language?: QueryLanguage;
  /** The document the expression came from, and where (kept so a restored panel says so). */
  uri?: string;
  range?: RunQueryArgs['range'];
  alert?: AlertPreviewInfo;
}

/** A span of time in ms since the epoch, e.g. when an alert would have fired. */
export interface TimeInterval {
  start: number;
  end: number;
}

/**
 * A successful run, as drawn by the webview: the server's answer (`RunQueryRequest.Result`)
 * with what was run and, for alerts, when the rule would have fired.
 */
export type PreviewResult = Omit<RunQueryRequest.Result & { ok: true }, 'ok'> & {
  kind: RunQueryRequest.Params['kind'];
  /** The expression actually run (for an alert with a threshold: its value side). */
  expr: string;
  /** Alert rules: when the rule would have fired over the range. */
  firing?: TimeInterval[];
};

export type HostToWebview =
  | { type: 'setQuery'; source: string; query: PreviewQuery }
  | { type: 'running'; source: string; seq: number }
  | { type: 'result'; source: string; seq: number; result: PreviewResult }
  | { type: 'failed'; source: string; seq: number; message: string; errorType?: string; kind: string };

/** Time controls the webview sends with a run. */
export interface RunOptions {
  kind: RunQueryRequest.Params['kind'];
  /** Length of the range, ending now. */
  rangeMs: number;
  /** Custom step; null for automatic. */
  stepMs: number | null;
  /** Chart width in CSS pixels, for the automatic step. */
  width: number;
  /** LogQL log queries: most lines per page (Loki's `limit`). */
  limit?: number;
  /** "Load more" of a log query: the next page, before `endNs` (exclusive), over the same range start. */
  more?: { endNs: string; start: number };
}

export type WebviewToHost =
  | { type: 'ready' }
  | ({ type: 'run'; source: string; seq: number } & RunOptions)
  | { type: 'cancel'; source: string; seq: number }
  | { type: 'rendered'; source: string; seq: number; ms: number; series: number; points: number }
  /** Copy a log line to the clipboard (the host's clipboard works in every webview). */
  | { type: 'copy'; text: string }
  | { type: 'log'; level: 'info' | 'error'; message: string };

/** The toolbar's choices; kept with `vscode.setState` so they survive a reload. */
export interface ViewState {
  view: 'graph' | 'table';
  rangeMs: number;
  /** Custom step as typed (`30s`); empty for automatic. */
  stepText: string;
  refreshMs: number;
  stacked: boolean;
  /** LogQL log queries: lines per page. */
  limit: number;
}

/**
 * What the page keeps with `vscode.setState`: VS Code hands it to our WebviewPanelSerializer
 * after a window reload, so the panel comes back with its query and its toolbar.
 */
export interface SavedState extends ViewState {
  query: PreviewQuery;
}

/** The state the panel's HTML carries in `data-state` (never an inline script). */
export interface InitialState {
  source: string;
  query: PreviewQuery;
  /** The toolbar of a restored panel, when the page has no state of its own yet. */
  view?: ViewState;
}

export type { RunQueryRequest };
