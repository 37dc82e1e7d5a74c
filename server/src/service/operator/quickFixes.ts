/**
 * Turns the fixes recorded on a problem into text edits. New entries follow the style around
 * them: appended as lines at the mapping's own indentation in block style, or inside the
 * braces in flow style; missing parent maps are created with the document's indentation step.
 */
import type { CollectionSpan, MapSite, Span } from './model';
import type { FixAction, OffsetEdit, OperatorFix, OperatorProblem } from './problem';
import { columnAt } from './yamlNodes';
import { yamlScalar } from './yamlText';

export interface OperatorQuickFix {
  title: string;
  edits: OffsetEdit[];
}

/** Text of a file by URI (the open document, or the indexed text). */
export type TextLookup = (uri: string) => string | undefined;

export function operatorQuickFixes(problem: OperatorProblem, textOf: TextLookup): OperatorQuickFix[] {
  return (problem.fixes ?? []).flatMap((fix) => {
    const edits = editsOf(fix, textOf);
    return edits ? [{ title: fix.title, edits }] : [];
  });
}

/** The edits of one fix, or undefined when a file is unknown or a site cannot take an entry. */
export function editsOf(fix: OperatorFix, textOf: TextLookup): OffsetEdit[] | undefined {
  const edits: OffsetEdit[] = [];
  for (const action of fix.actions) {
    const edit = editOf(action, textOf);
    if (!edit) return undefined;
    edits.push(edit);
  }
  return edits;
}

/** Applies non-overlapping edits of one file to its text (for tests and the CLI). */
export function applyEdits(text: string, edits: readonly OffsetEdit[]): string {
  return [...edits]
    .sort((a, b) => b.from - a.from || b.to - a.to)
    .reduce((out, edit) => out.slice(0, edit.from) + edit.newText + out.slice(edit.to), text);
}

/** A nested entry to write: lines relative to the entry's own indentation (level, text). */
type Lines = [level: number, text: string][];

function editOf(action: FixAction, textOf: TextLookup): OffsetEdit | undefined {
  if (action.kind === 'replace') return { uri: action.uri, from: action.span.from, to: action.span.to, newText: action.newText };
  const text = textOf(action.uri);
  if (text === undefined) return undefined;
  if (action.kind === 'addSeqItem') return appendToSeq(text, action.uri, action.seq, yamlScalar(action.value));
  if (action.kind === 'removeSeqItem') return removeFromSeq(text, action.uri, action.seq, action.item);
  if (action.kind === 'addLabels') {
    const pairs = Object.entries(action.labels).map(([key, value]) => `${yamlScalar(key)}: ${yamlScalar(value)}`);
    const block: Lines = pairs.map((pair) => [0, pair]);
    return insertIntoMap(text, action.uri, action.site, action.indentStep, block, pairs.join(', '));
  }
  const item = yamlScalar(action.namespace);
  if (action.matchNames) return appendToSeq(text, action.uri, action.matchNames, item);
  return insertIntoMap(
    text,
    action.uri,
    action.site,
    action.indentStep,
    [
      [0, 'matchNames:'],
      [1, `- ${item}`],
    ],
    `matchNames: [${item}]`,
  );
}

/** Adds entries to the map at `site`, creating the maps of `site.path` under its parent first. */
function insertIntoMap(text: string, uri: string, site: MapSite, step: number, block: Lines, flow: string): OffsetEdit | undefined {
  const node = site.node ?? site.parent;
  if (!node) return undefined;
  const path = site.node ? [] : site.path;
  if (node.flow) {
    const inner = path.reduceRight((content, key) => `${yamlScalar(key)}: {${content}}`, flow);
    return insertInFlow(text, uri, node, inner);
  }
  const lines: Lines = [...path.map((key, depth): [number, string] => [depth, `${yamlScalar(key)}:`])];
  for (const [level, line] of block) lines.push([path.length + level, line]);
  return appendLines(text, uri, node, lines, step);
}

function appendToSeq(text: string, uri: string, seq: CollectionSpan, item: string): OffsetEdit | undefined {
  if (seq.flow) return insertInFlow(text, uri, seq, item);
  return appendLines(text, uri, seq, [[0, `- ${item}`]], 0);
}

/** Deletes a sequence item: its whole `- item` line(s) in block style, or it and a comma in flow style. */
function removeFromSeq(text: string, uri: string, seq: CollectionSpan, item: Span): OffsetEdit | undefined {
  if (seq.flow) {
    const after = /^\s*,\s*/.exec(text.slice(item.to, seq.to));
    if (after) return { uri, from: item.from, to: item.to + after[0].length, newText: '' };
    const before = /,\s*$/.exec(text.slice(seq.from, item.from));
    return { uri, from: before ? seq.from + before.index : item.from, to: item.to, newText: '' };
  }
  let dash = item.from - 1;
  while (dash >= seq.from && /\s/.test(text[dash])) dash--;
  if (text[dash] !== '-') return undefined;
  const lineStart = text.lastIndexOf('\n', dash - 1) + 1;
  if (text.slice(lineStart, dash).trim() !== '') return undefined;
  const lastLineEnd = text[item.to - 1] === '\n' ? item.to - 1 : text.indexOf('\n', item.to);
  return { uri, from: lineStart, to: lastLineEnd < 0 ? text.length : lastLineEnd + 1, newText: '' };
}

/** Appends lines after a block collection's last entry, at its indentation. */
function appendLines(text: string, uri: string, node: CollectionSpan, lines: Lines, step: number): OffsetEdit {
  const column = columnAt(text, node.from);
  const body = lines.map(([level, line]) => `${' '.repeat(column + level * step)}${line}`).join('\n');
  const at = node.to;
  const atLineStart = at === 0 || text[at - 1] === '\n';
  return { uri, from: at, to: at, newText: atLineStart ? `${body}\n` : `\n${body}` };
}

/** Inserts `content` before the closing bracket of a flow collection. */
function insertInFlow(text: string, uri: string, node: CollectionSpan, content: string): OffsetEdit | undefined {
  const close = Math.max(text.lastIndexOf('}', node.to - 1), text.lastIndexOf(']', node.to - 1));
  if (close < node.from) return undefined;
  const before = text.slice(node.from + 1, close);
  const separator = node.size > 0 ? (before.trimEnd().endsWith(',') ? ' ' : ', ') : '';
  const trimmedEnd = node.size > 0 ? node.from + 1 + before.trimEnd().length : close;
  return { uri, from: trimmedEnd, to: trimmedEnd, newText: `${separator}${content}` };
}
