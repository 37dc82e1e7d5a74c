import { isScalar, type Node } from 'yaml';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position, Range } from 'vscode-languageserver-types';
import type { AlertsmithDocument } from '../document';
import type { MetricReference } from '../promql/references';
import { scalarString } from '../rules/fieldValues';
import { decodeScalarNode } from '../yaml/scalarRegion';
import type { FieldEntry } from '../yaml/ruleShape';

/** What a rule's name defines: a recording rule (a series name) or an alert. */
export type RuleNameKind = 'record' | 'alert';

/** A rule name written in a file: the value of `record:` or `alert:`. */
export interface RuleNameDefinition {
  name: string;
  kind: RuleNameKind;
  /** The rule group's `name`, for workspace symbol containers ('' when missing). */
  group: string;
  /** The name as written, without quotes: what go-to-definition selects and rename replaces. */
  range: Range;
}

/**
 * What one file contributes to navigation, stored flat because a file can hold thousands of
 * rules. Rule name i: `defs[i*6]` is 0 (record) or 1 (alert), then an index into `groups`,
 * start line, start character, end line, end character; its name is `defNames[i]`.
 * Reference i: `refs[i*5]` indexes `names`, then the range the same way. Ranges cover names
 * without their quotes. Read them with `definitionAt` and `referenceAt`.
 */
export interface FileSymbols {
  uri: string;
  /** Fingerprint of the text indexed, so a feature can tell when the index is stale. */
  textKey: string;
  defNames: string[];
  groups: string[];
  defs: Uint32Array;
  names: string[];
  refs: Uint32Array;
}

const defStride = 6;
const refStride = 5;
const kinds: readonly RuleNameKind[] = ['record', 'alert'];

/** Finds the metric references of one PromQL expression (memoized by the caller). */
export type CollectReferences = (expression: string) => readonly MetricReference[];

/**
 * Indexes a parsed document: rule names of Prometheus rule files and PrometheusRules (Loki's
 * are skipped, as in `extractRecordingRules`), and every metric name used in a PromQL
 * expression, `.promql` files included.
 */
export function buildFileSymbols(uri: string, text: string, parsed: AlertsmithDocument, collect: CollectReferences): FileSymbols {
  const lines = TextDocument.create(uri, 'plaintext', 0, text);
  const position = (offset: number): Position => lines.positionAt(offset);
  const defNames: string[] = [];
  const groups: string[] = [];
  const defs: number[] = [];
  for (const shape of parsed.ruleFiles) {
    if (shape.kind === 'loki-rule') continue;
    for (const group of shape.groups) {
      const groupId = groups.push(detach(scalarString(text, group.fields?.get('name')?.value ?? null) ?? '')) - 1;
      for (const rule of group.rules) {
        const alert = rule.fields?.get('alert');
        const record = rule.fields?.get('record');
        // A rule with both keys is an alert to Prometheus' loader (extractRecordingRules agrees).
        const entry = alert ?? record;
        const span = entry && nameSpan(text, entry);
        if (!entry || !span) continue;
        const start = position(span.from);
        const end = position(span.to);
        defNames.push(span.name);
        defs.push(alert ? 1 : 0, groupId, start.line, start.character, end.line, end.character);
      }
    }
  }

  const nameIds = new Map<string, number>();
  const names: string[] = [];
  const flat: number[] = [];
  for (const region of parsed.regions) {
    if (region.language !== 'promql') continue;
    for (const reference of collect(region.text)) {
      const { from, to } = unquoted(region.text, reference);
      if (to <= from) continue;
      let id = nameIds.get(reference.name);
      if (id === undefined) {
        id = names.push(detach(reference.name)) - 1;
        nameIds.set(reference.name, id);
      }
      const start = position(region.toDocumentOffset(from));
      const end = position(region.toDocumentOffset(to));
      flat.push(id, start.line, start.character, end.line, end.character);
    }
  }
  return { uri, textKey: textKey(text), defNames, groups, defs: Uint32Array.from(defs), names, refs: Uint32Array.from(flat) };
}

/** How many rule names a file defines. */
export function definitionCount(file: FileSymbols): number {
  return file.defNames.length;
}

/** Rule name `index` of a file. */
export function definitionAt(file: FileSymbols, index: number): RuleNameDefinition {
  const d = file.defs;
  const i = index * defStride;
  return { name: file.defNames[index], kind: kinds[d[i]], group: file.groups[d[i + 1]], range: rangeAt(d, i + 2) };
}

/** Whether rule name `index` is a recording rule whose name, as written, contains the position. */
export function recordNameContains(file: FileSymbols, index: number, position: Position): boolean {
  const i = index * defStride;
  return file.defs[i] === 0 && flatContains(file.defs, i + 2, position);
}

/** Whether reference `index` contains the position. */
export function referenceContains(file: FileSymbols, index: number, position: Position): boolean {
  return flatContains(file.refs, index * refStride + 1, position);
}

/** How many metric references a file holds. */
export function referenceCount(file: FileSymbols): number {
  return file.refs.length / refStride;
}

/** The name and range of reference `index` of a file. */
export function referenceAt(file: FileSymbols, index: number): { name: string; range: Range } {
  const r = file.refs;
  const i = index * refStride;
  return { name: file.names[r[i]], range: rangeAt(r, i + 1) };
}

/** The ranges where a file uses `name` as a metric name, in document order. */
export function referencesTo(file: FileSymbols, name: string): Range[] {
  const id = file.names.indexOf(name);
  if (id < 0) return [];
  const out: Range[] = [];
  for (let i = 0; i < referenceCount(file); i++) if (file.refs[i * refStride] === id) out.push(referenceAt(file, i).range);
  return out;
}

function rangeAt(flat: Uint32Array, i: number): Range {
  return { start: { line: flat[i], character: flat[i + 1] }, end: { line: flat[i + 2], character: flat[i + 3] } };
}

/** Inclusive of both ends: a cursor just after a name is still on it. */
function flatContains(flat: Uint32Array, i: number, { line, character }: Position): boolean {
  const afterStart = line > flat[i] || (line === flat[i] && character >= flat[i + 1]);
  const beforeEnd = line < flat[i + 2] || (line === flat[i + 2] && character <= flat[i + 3]);
  return afterStart && beforeEnd;
}

/**
 * A cheap fingerprint of a text (length and FNV-1a hash): keeping the texts of every
 * workspace file only to compare them would cost as much memory as the files.
 */
export function textKey(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return `${text.length}:${(hash >>> 0).toString(36)}`;
}

/** The name of a `record:`/`alert:` value with the source span of its characters (quotes excluded). */
function nameSpan(text: string, entry: FieldEntry): { name: string; from: number; to: number } | undefined {
  const name = scalarString(text, entry.value);
  // An alias (`record: *name`) is written at its anchor: that is where the name lives.
  const node: Node | null = isScalar(entry.written) ? entry.written : entry.value;
  if (!name || !isScalar(node)) return undefined;
  const written = writtenAsIs(text, node, name);
  if (written) return written;
  const decoded = decodeScalarNode(text, node);
  if (decoded && decoded.text === name && decoded.starts.length > 0) {
    return { name: detach(name), from: decoded.starts[0], to: decoded.ends[decoded.ends.length - 1] };
  }
  const range = node.range;
  return range ? { name: detach(name), from: range[0], to: range[1] } : undefined;
}

/**
 * The common case without decoding: the name written plainly or between quotes, without
 * escapes (decoding every rule name of a 10,000-line file costs more than indexing it).
 */
function writtenAsIs(text: string, node: Node, name: string): { name: string; from: number; to: number } | undefined {
  const token = (node as { srcToken?: { type: string; offset: number; source?: string } }).srcToken;
  if (!token || token.source === undefined) return undefined;
  const quote =
    token.type === 'single-quoted-scalar' ? "'" : token.type === 'double-quoted-scalar' ? '"' : token.type === 'scalar' ? '' : undefined;
  if (
    quote === undefined ||
    token.source !== quote + name + quote ||
    text.slice(token.offset, token.offset + token.source.length) !== token.source
  )
    return undefined;
  const from = token.offset + quote.length;
  return { name: detach(name), from, to: from + name.length };
}

/** `{__name__="x"}` and `{"x"}` ranges include the quotes; navigation works on the name inside. */
function unquoted(expression: string, reference: MetricReference): { from: number; to: number } {
  const first = expression[reference.from];
  const quoted = first === '"' || first === "'" || first === '`';
  if (!quoted) return reference;
  const closed = reference.to - reference.from >= 2 && expression[reference.to - 1] === first;
  return { from: reference.from + 1, to: closed ? reference.to - 1 : reference.to };
}

/**
 * A copy of a name that does not keep the text it was sliced from alive (V8 slices longer
 * strings as views of their parent), so the index holds names, not whole files.
 */
function detach(name: string): string {
  return name.length < 13 ? name : (JSON.parse(JSON.stringify(name)) as string);
}
