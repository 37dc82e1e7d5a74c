import type { WireStream } from '../../server/src/protocol';

/**
 * The pure half of the log view: Loki answers with streams (one label set, its lines), the view
 * shows one list of lines, newest first, with the labels that tell the streams apart.
 */

/** One line of the merged list. `stream` indexes the label sets of the view. */
export interface LogRow {
  time: number;
  timeNs: string;
  line: string;
  stream: number;
  metadata?: Record<string, string>;
}

/** Lines of all streams so far, and the label sets they point to. */
export interface LogList {
  rows: LogRow[];
  streams: Record<string, string>[];
}

export const emptyLogList: LogList = { rows: [], streams: [] };

/**
 * Adds a page of streams to a list: same label sets share one index, every line is placed by
 * its timestamp (newest first; ties keep Loki's order), and a line already listed (same stream,
 * nanosecond and text, as an inclusive page boundary would repeat) is not listed twice.
 */
export function mergeStreams(list: LogList, page: readonly WireStream[]): LogList {
  const streams = list.streams.slice();
  const indexOf = new Map(streams.map((labels, index) => [labelKey(labels), index]));
  const seen = new Set(list.rows.map(rowKey));
  const added: LogRow[] = [];
  for (const stream of page) {
    const key = labelKey(stream.labels);
    let index = indexOf.get(key);
    if (index === undefined) {
      index = streams.push({ ...stream.labels }) - 1;
      indexOf.set(key, index);
    }
    for (const entry of stream.entries) {
      const row: LogRow = { time: entry.time, timeNs: entry.timeNs, line: entry.line, stream: index };
      if (entry.metadata && Object.keys(entry.metadata).length > 0) row.metadata = entry.metadata;
      const id = rowKey(row);
      if (seen.has(id)) continue;
      seen.add(id);
      added.push(row);
    }
  }
  // A stable sort of old rows then new ones: equal timestamps keep the order they came in.
  const rows = list.rows.concat(added).sort((a, b) => compareNs(b.timeNs, a.timeNs));
  return { rows, streams };
}

/**
 * The list after an auto-refresh answered with `page` (the newest lines of the range, which
 * starts at `startMs` now): the new lines on top of those already listed, including pages
 * loaded with "load more", less the lines the range has left behind. Undefined when the lists
 * cannot be joined — the page hit the limit before reaching the newest listed line (lines in
 * between are unknown) or holds the whole range anyway — and the page replaces the list.
 */
export function refreshedList(list: LogList, page: readonly WireStream[], pageHitLimit: boolean, startMs: number): LogList | undefined {
  const newest = list.rows[0]?.timeNs;
  if (!pageHitLimit || newest === undefined) return undefined;
  const reachesBack = page.some((stream) => stream.entries.some((entry) => compareNs(entry.timeNs, newest) <= 0));
  if (!reachesBack) return undefined;
  const merged = mergeStreams(list, page);
  return { rows: merged.rows.filter((row) => row.time >= startMs), streams: merged.streams };
}

/** Compares two decimal nanosecond strings without losing digits (they exceed 2^53). */
export function compareNs(a: string, b: string): number {
  const x = a.replace(/^0+(?=\d)/, '');
  const y = b.replace(/^0+(?=\d)/, '');
  if (x.length !== y.length) return x.length - y.length;
  return x < y ? -1 : x > y ? 1 : 0;
}

/** The oldest line's timestamp: where "load more" continues. */
export function oldestNs(list: LogList): string | undefined {
  return list.rows.length > 0 ? list.rows[list.rows.length - 1].timeNs : undefined;
}

/**
 * The exclusive end (ns) of the "load more" page. Loki's `end` is exclusive, and lines beyond the
 * limit may share the oldest shown nanosecond, so the page asks again for that nanosecond (as
 * logcli overlaps its batches); `mergeStreams` drops the lines already listed. When the previous
 * page brought nothing new, one nanosecond holds more lines than the limit: the page then starts
 * below it, rather than asking for the same lines forever.
 */
export function loadMoreEndNs(list: LogList, lastPageAddedNothing: boolean): string | undefined {
  const oldest = oldestNs(list);
  if (oldest === undefined || !/^\d+$/.test(oldest)) return undefined;
  return lastPageAddedNothing ? oldest : String(BigInt(oldest) + 1n);
}

/**
 * Labels every stream has with the same value (shown once, above the lines), and for each
 * stream the rest (shown on its lines), the label that varies most first: `pod` before `app`
 * when three pods run two apps. One stream has only common labels.
 */
export function factorLabels(streams: readonly Record<string, string>[]): {
  common: Record<string, string>;
  own: Array<Array<[string, string]>>;
} {
  const values = new Map<string, Set<string>>();
  for (const labels of streams) {
    for (const [name, value] of Object.entries(labels)) {
      if (!values.has(name)) values.set(name, new Set());
      values.get(name)!.add(value);
    }
  }
  const common: Record<string, string> = {};
  for (const [name, seen] of values) {
    if (seen.size === 1 && streams.every((labels) => name in labels)) common[name] = [...seen][0];
  }
  const variety = (name: string) => values.get(name)?.size ?? 0;
  const own = streams.map((labels) =>
    Object.entries(labels)
      .filter(([name]) => !(name in common))
      .sort(([a], [b]) => variety(b) - variety(a) || (a < b ? -1 : a > b ? 1 : 0)),
  );
  return { common, own };
}

/** `{app="api", pod="api-1"}`'s inside, sorted by name: the header's form, as LogQL writes a selector. */
export function formatLabels(labels: Record<string, string>): string {
  return Object.keys(labels)
    .sort()
    .map((name) => `${name}=${JSON.stringify(labels[name])}`)
    .join(', ');
}

/** `pod=api-1 app=api`: a row's labels, in the order given; values quoted only when they need it. */
export function compactLabels(labels: ReadonlyArray<readonly [string, string]>): string {
  return labels.map(([name, value]) => `${name}=${/^[\w.:/@+-]+$/.test(value) ? value : JSON.stringify(value)}`).join(' ');
}

/** Where `needle` occurs in `text`, ignoring case: [from, to) pairs, not overlapping. */
export function findMatches(text: string, needle: string): Array<[number, number]> {
  if (needle === '') return [];
  const haystack = text.toLowerCase();
  const wanted = needle.toLowerCase();
  const matches: Array<[number, number]> = [];
  // Lower-casing keeps the length for nearly all text; when it does not, match on the original.
  const same = haystack.length === text.length && wanted.length === needle.length;
  const source = same ? haystack : text;
  const target = same ? wanted : needle;
  for (let at = source.indexOf(target); at !== -1; at = source.indexOf(target, at + target.length)) {
    matches.push([at, at + target.length]);
  }
  return matches;
}

function labelKey(labels: Record<string, string>): string {
  return JSON.stringify(
    Object.keys(labels)
      .sort()
      .map((name) => [name, labels[name]]),
  );
}

function rowKey(row: LogRow): string {
  return `${row.stream}\u0000${row.timeNs}\u0000${row.line}`;
}
