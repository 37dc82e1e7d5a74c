import type { AlertPreviewInfo, AlertThreshold } from '../../../server/src/protocol';
import type { PreviewQuery, SavedState, ViewState } from './previewMessaging';
import { defaultLineLimit, defaultRangeMs, lineLimits, rangePresets, refreshChoices } from './timeRange';

/**
 * Reads the state a preview page kept with `vscode.setState`. It comes back from VS Code after
 * a window reload, written by a page that rendered untrusted data, so the extension host (and
 * the page itself) trust nothing in it: a query must be well formed to be run again, and every
 * toolbar choice must be one the toolbar offers.
 */

const maxExprLength = 100_000;
const maxTitleLength = 300;
const maxUriLength = 4096;
const maxStepTextLength = 32;
const thresholdOps: ReadonlySet<string> = new Set(['>', '<', '>=', '<=', '==', '!=']);

/** The whole saved state, or undefined when it holds no query worth running. */
export function parseSavedState(value: unknown): SavedState | undefined {
  if (!isRecord(value)) return undefined;
  const query = parsePreviewQuery(value.query);
  return query ? { ...parseViewState(value), query } : undefined;
}

/** The toolbar's choices; each invalid or missing one takes its default. */
export function parseViewState(value: unknown): ViewState {
  const record = isRecord(value) ? value : {};
  const offered = (ms: unknown, choices: readonly { ms: number }[]) => choices.some((choice) => choice.ms === ms);
  return {
    view: record.view === 'table' ? 'table' : 'graph',
    rangeMs: offered(record.rangeMs, rangePresets) ? (record.rangeMs as number) : defaultRangeMs,
    stepText: typeof record.stepText === 'string' && record.stepText.length <= maxStepTextLength ? record.stepText : '',
    refreshMs: offered(record.refreshMs, refreshChoices) ? (record.refreshMs as number) : 0,
    stacked: record.stacked === true,
    limit: lineLimits.includes(record.limit as number) ? (record.limit as number) : defaultLineLimit,
  };
}

/** A query to run again: an expression, a title and a known language; the rest is optional. */
export function parsePreviewQuery(value: unknown): PreviewQuery | undefined {
  if (!isRecord(value)) return undefined;
  const { expr, title, language } = value;
  if (!isText(expr, maxExprLength) || expr.trim() === '' || typeof title !== 'string') return undefined;
  if (language !== undefined && language !== 'promql' && language !== 'logql') return undefined;
  const query: PreviewQuery = { expr, title: title.slice(0, maxTitleLength) };
  if (language) query.language = language;
  if (isText(value.uri, maxUriLength) && /^[a-z][\w+.-]*:/i.test(value.uri)) query.uri = value.uri;
  const range = parseRange(value.range);
  if (range) query.range = range;
  const alert = parseAlert(value.alert);
  if (alert) query.alert = alert;
  return query;
}

function parseAlert(value: unknown): AlertPreviewInfo | undefined {
  if (!isRecord(value) || !isNonNegative(value.forMs)) return undefined;
  const alert: AlertPreviewInfo = { forMs: value.forMs };
  if (isText(value.name, maxTitleLength)) alert.name = value.name;
  if (isText(value.for, maxStepTextLength)) alert.for = value.for;
  if (isNonNegative(value.keepFiringForMs)) alert.keepFiringForMs = value.keepFiringForMs;
  const threshold = parseThreshold(value.threshold);
  if (threshold) alert.threshold = threshold;
  return alert;
}

function parseThreshold(value: unknown): AlertThreshold | undefined {
  if (!isRecord(value)) return undefined;
  const { op, value: number, valueExpr, flipped } = value;
  if (typeof op !== 'string' || !thresholdOps.has(op) || typeof number !== 'number' || !Number.isFinite(number)) return undefined;
  if (!isText(valueExpr, maxExprLength) || valueExpr.trim() === '') return undefined;
  const threshold: AlertThreshold = { op: op as AlertThreshold['op'], value: number, valueExpr };
  if (flipped === true) threshold.flipped = true;
  return threshold;
}

/** A fresh copy of an LSP range (nothing else the saved object carried). */
function parseRange(value: unknown): PreviewQuery['range'] {
  if (!isRecord(value)) return undefined;
  const start = parsePosition(value.start);
  const end = parsePosition(value.end);
  return start && end ? { start, end } : undefined;
}

function parsePosition(value: unknown): { line: number; character: number } | undefined {
  return isRecord(value) && isLineNumber(value.line) && isLineNumber(value.character)
    ? { line: value.line, character: value.character }
    : undefined;
}

function isLineNumber(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 0;
}

function isNonNegative(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

function isText(value: unknown, maxLength: number): value is string {
  return typeof value === 'string' && value.length <= maxLength;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
