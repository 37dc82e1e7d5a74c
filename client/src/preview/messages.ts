import type { WebviewToHost } from './previewMessaging';

/** Largest chart width we believe; anything bigger is a forged message. */
const maxWidth = 20_000;
const maxRangeMs = 400 * 24 * 3_600_000;
const maxLogLength = 2_000;
/** Longest text the page may put on the clipboard: a log line (Loki's own default cap is 256 KB). */
const maxCopyLength = 1 << 20;
const maxLineLimit = 5_000;
/** Years 1970–2286 in ms: a range start from the page must look like a time. */
const maxTimeMs = 1e13;

/**
 * Checks a message from the webview against the protocol. The webview is a browser page and
 * may be compromised by what it renders, so every field is checked; anything else is dropped.
 */
export function parseWebviewMessage(value: unknown): WebviewToHost | undefined {
  if (!isRecord(value) || typeof value.type !== 'string') return undefined;
  switch (value.type) {
    case 'ready':
      return { type: 'ready' };
    case 'run': {
      const { source, seq, kind, rangeMs, stepMs, width } = value;
      if (!isSource(source) || !isSeq(seq) || (kind !== 'range' && kind !== 'instant')) return undefined;
      if (!isNumberIn(rangeMs, 1000, maxRangeMs) || !isNumberIn(width, 0, maxWidth)) return undefined;
      if (stepMs !== null && !isNumberIn(stepMs, 1, maxRangeMs)) return undefined;
      const run: WebviewToHost & { type: 'run' } = { type: 'run', source, seq, kind, rangeMs, stepMs, width };
      if (value.limit !== undefined) {
        if (!Number.isSafeInteger(value.limit) || !isNumberIn(value.limit, 1, maxLineLimit)) return undefined;
        run.limit = value.limit;
      }
      if (value.more !== undefined) {
        const more = value.more;
        if (kind !== 'range' || !isRecord(more) || !isTimeNs(more.endNs) || !isNumberIn(more.start, 0, maxTimeMs)) return undefined;
        run.more = { endNs: more.endNs, start: more.start };
      }
      return run;
    }
    case 'cancel':
      return isSource(value.source) && isSeq(value.seq) ? { type: 'cancel', source: value.source, seq: value.seq } : undefined;
    case 'rendered': {
      const { source, seq, ms, series, points } = value;
      if (!isSource(source) || !isSeq(seq) || !isNumberIn(ms, 0, 1e7) || !isNumberIn(series, 0, 1e7) || !isNumberIn(points, 0, 1e9))
        return undefined;
      return { type: 'rendered', source, seq, ms, series, points };
    }
    case 'copy':
      return typeof value.text === 'string' && value.text.length <= maxCopyLength ? { type: 'copy', text: value.text } : undefined;
    case 'log':
      if ((value.level !== 'info' && value.level !== 'error') || typeof value.message !== 'string') return undefined;
      return { type: 'log', level: value.level, message: value.message.slice(0, maxLogLength) };
    default:
      return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isSource(value: unknown): value is string {
  return typeof value === 'string' && /^[\w-]{1,64}$/.test(value);
}

/** Nanoseconds since the epoch as Loki writes them: a decimal string of at most 19 digits. */
function isTimeNs(value: unknown): value is string {
  return typeof value === 'string' && /^\d{1,19}$/.test(value);
}

function isSeq(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 0;
}

function isNumberIn(value: unknown, low: number, high: number): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= low && value <= high;
}
