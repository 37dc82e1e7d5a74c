/**
 * The query preview's message protocol, both directions, as discriminated unions (after VS
 * Code's markdown preview `types/previewMessaging.d.ts`). Type-only: the extension host and
 * the webview bundle both import it. Every message names the `source` (the query it belongs
 * to) and, for runs, a `seq`, so a late answer to a superseded run is dropped.
 */
import type { AlertPreviewInfo, RunQueryRequest, WireQueryData } from '../../../server/src/protocol';

/** What the panel shows: one query, from a document or a selection. */
export interface PreviewQuery {
  expr: string;
  /** Short title: the alert name, the file name, or "Selection". */
  title: string;
  alert?: AlertPreviewInfo;
}

/** A span of time in ms since the epoch, e.g. when an alert would have fired. */
export interface TimeInterval {
  start: number;
  end: number;
}

/** A successful run, as drawn by the webview. */
export interface PreviewResult {
  kind: 'range' | 'instant';
  /** The expression actually run (for an alert with a threshold: its value side). */
  expr: string;
  data: WireQueryData;
  stepMs?: number;
  start?: number;
  end?: number;
  warnings: string[];
  notices: string[];
  totalSeries?: number;
  tookMs: number;
  /** Alert rules: when the rule would have fired over the range. */
  firing?: TimeInterval[];
}

export type HostToWebview =
  | { type: 'setQuery'; source: string; query: PreviewQuery }
  | { type: 'running'; source: string; seq: number }
  | { type: 'result'; source: string; seq: number; result: PreviewResult }
  | { type: 'failed'; source: string; seq: number; message: string; errorType?: string; kind: string };

/** Time controls the webview sends with a run. */
export interface RunOptions {
  kind: 'range' | 'instant';
  /** Length of the range, ending now. */
  rangeMs: number;
  /** Custom step; null for automatic. */
  stepMs: number | null;
  /** Chart width in CSS pixels, for the automatic step. */
  width: number;
}

export type WebviewToHost =
  | { type: 'ready' }
  | ({ type: 'run'; source: string; seq: number } & RunOptions)
  | { type: 'cancel'; source: string; seq: number }
  | { type: 'rendered'; source: string; seq: number; ms: number; series: number; points: number }
  | { type: 'log'; level: 'info' | 'error'; message: string };

/** The state the panel's HTML carries in `data-state` (never an inline script). */
export interface InitialState {
  source: string;
  query: PreviewQuery;
}

export type { RunQueryRequest };
