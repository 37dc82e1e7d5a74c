/**
 * Where the cursor is in a YAML document, in schema terms, while the user is typing. Half-typed
 * lines rarely parse as what they will become (`spec:\n  endpo` is `spec: "endpo"`), so the
 * cursor line is replaced by a probe line holding a marker key (or value), the outline of the
 * document around it is parsed, and the marker's place in the tree gives the path. The yaml
 * package recovers from what is still broken, so this works in the middle of an edit.
 */
import { isMap, isPair, isScalar, isSeq, parseAllDocuments, visit, type Document, type YAMLMap } from 'yaml';
import { linesAfter, linesBefore, outlineAround } from './outline';
import type { SchemaPath } from './types';

const marker = '__alertsmith_cursor__';

interface CursorBase {
  /** Document offsets of the text the completion replaces. */
  from: number;
  to: number;
  /** The document around the cursor, parsed with the probe line. */
  document: Document.Parsed;
}

/** A key is expected: in the mapping at `path`, which already has `present` keys. */
export interface KeyCursor extends CursorBase {
  position: 'key';
  path: SchemaPath;
  present: ReadonlySet<string>;
  /** Column of the key being typed; nested lines indent from it. */
  column: number;
  /** The key already has its `:` after the cursor, so only the name is replaced. */
  hasColon: boolean;
  /** The line starts a list item (`- `): the mapping is an item of the array at `path[:-1]`. */
  listItem: boolean;
}

/** A value is expected: of the field at `path` (its last segment is the key). */
export interface ValueCursor extends CursorBase {
  position: 'value';
  path: SchemaPath;
  /** The opening quote typed before the value, if any. */
  quote: string;
}

/** An empty document (or a lone word at column 0 in one): a whole object may go here. */
export interface DocumentStartCursor {
  position: 'document-start';
  from: number;
  to: number;
}

export type SchemaCursor = KeyCursor | ValueCursor | DocumentStartCursor;

const keyLine = /^(\s*(?:-\s+)*)([A-Za-z_][\w.-]*)?$/;
const valueLine = /^(\s*(?:-\s+)*)([A-Za-z_][\w.-]*)(\s*:[ \t]+)(["']?)([^"'#\s]*)$/;

export function schemaCursor(text: string, offset: number): SchemaCursor | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const newline = text.indexOf('\n', offset);
  const lineEnd = newline < 0 ? text.length : newline;
  const before = text.slice(lineStart, offset);
  const after = text.slice(offset, lineEnd).replace(/\r$/, '');

  const value = valueLine.exec(before);
  if (value) {
    const [, prefix, key, separator, quote, partial] = value;
    const rest = /^[^\s"'#]*/.exec(after)![0];
    const closing = quote && after.startsWith(quote, rest.length) ? 1 : 0;
    const probe = `${prefix}${key}${separator}${marker}`;
    const found = findMarker(text, lineStart, lineEnd, probe, 'value', prefix.length);
    if (!found) return undefined;
    const from = offset - partial.length - quote.length;
    return { position: 'value', path: found.path, quote, from, to: offset + rest.length + closing, document: found.document };
  }

  const key = keyLine.exec(before);
  if (!key) return undefined;
  const [, prefix, partial = ''] = key;
  const rest = /^[\w.-]*/.exec(after)![0];
  const from = offset - partial.length;
  const to = offset + rest.length;
  if (prefix === '' && isEmptyDocument(text, lineStart, lineEnd) && /^\s*$/.test(after.slice(rest.length))) {
    return { position: 'document-start', from, to };
  }
  const found = findMarker(text, lineStart, lineEnd, `${prefix}${marker}:`, 'key', prefix.length);
  if (!found) return undefined;
  return {
    position: 'key',
    path: found.path,
    present: found.present,
    column: prefix.length,
    hasColon: /^\s*:/.test(after.slice(rest.length)),
    listItem: /-\s+$/.test(prefix),
    from,
    to,
    document: found.document,
  };
}

interface MarkerPlace {
  document: Document.Parsed;
  /** Key position: the path of the mapping; value position: the path of the field. */
  path: SchemaPath;
  present: Set<string>;
}

function findMarker(
  text: string,
  lineStart: number,
  lineEnd: number,
  probeLine: string,
  role: 'key' | 'value',
  column: number,
): MarkerPlace | undefined {
  const outline = outlineAround(text, lineStart, lineEnd, probeLine, column, marker);
  if (!outline) return undefined;
  const probe = outline.text;
  const probeOffset = outline.markerOffset;
  let documents: Document.Parsed[];
  try {
    documents = parseAllDocuments(probe, { prettyErrors: false }) as Document.Parsed[];
  } catch {
    return undefined;
  }
  if (!Array.isArray(documents)) return undefined;
  const document = documents.find((candidate) => candidate.range[0] <= probeOffset && probeOffset <= candidate.range[2]);
  if (!document) return undefined;
  let place: MarkerPlace | undefined;
  visit(document, {
    Scalar(visitKey, node, ancestors) {
      if (node.value !== marker || node.range?.[0] !== probeOffset) return undefined;
      if ((role === 'key') !== (visitKey === 'key')) return visit.BREAK;
      const path = pathOf(ancestors);
      const owner = role === 'key' ? ancestors[ancestors.length - 2] : undefined;
      // Recovery from bad indentation can adopt the marker into a mapping it is not aligned with.
      if (role === 'key' && !alignedWithSiblings(probe, owner, probeOffset)) return visit.BREAK;
      place = { document, path: role === 'key' ? path.slice(0, -1) : path, present: keysOf(owner) };
      return visit.BREAK;
    },
  });
  return place;
}

/** The schema path of the innermost ancestor: keys of pairs, indexes of sequence items. */
export function pathOf(ancestors: readonly unknown[]): (string | number)[] {
  const path: (string | number)[] = [];
  ancestors.forEach((ancestor, i) => {
    if (isPair(ancestor)) path.push(isScalar(ancestor.key) ? String(ancestor.key.value) : '');
    else if (isSeq(ancestor)) path.push(Math.max(0, ancestor.items.indexOf(ancestors[i + 1] as never)));
  });
  return path;
}

function columnOf(text: string, offset: number): number {
  return offset - text.lastIndexOf('\n', offset - 1) - 1;
}

/** The marker key starts in the same column as the other keys of its mapping. */
function alignedWithSiblings(text: string, owner: unknown, markerOffset: number): boolean {
  if (!isMap(owner)) return true;
  const sibling = (owner as YAMLMap).items.find((item) => isScalar(item.key) && item.key.value !== marker && item.key.range);
  const start = sibling && isScalar(sibling.key) ? sibling.key.range?.[0] : undefined;
  return start === undefined || columnOf(text, start) === columnOf(text, markerOffset);
}

function keysOf(owner: unknown): Set<string> {
  const keys = new Set<string>();
  if (!isMap(owner)) return keys;
  for (const item of (owner as YAMLMap).items) {
    if (isScalar(item.key) && item.key.value !== marker) keys.add(String(item.key.value));
  }
  return keys;
}

/** Nothing but blank lines and comments around the cursor line, up to the `---` separators. */
function isEmptyDocument(text: string, lineStart: number, lineEnd: number): boolean {
  const separator = /^---[ \t]*(#.*)?\r?$/;
  const blank = (line: string) => /^\s*(#.*)?$/.test(line);
  for (const lines of [linesBefore(text, lineStart), linesAfter(text, lineEnd)]) {
    for (const line of lines) {
      if (separator.test(line)) break;
      if (!blank(line)) return false;
    }
  }
  return true;
}
