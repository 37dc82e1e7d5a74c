import { isMap, isScalar, parseDocument } from 'yaml';
import { formatLogQL } from './logql/format';
import { formatPromQL, type FormatResult } from './promql/format';
import type { EmbeddedRegion, QueryLanguage } from './types';

/** A replacement of document text, in document offsets. */
export interface FormatEdit {
  from: number;
  to: number;
  newText: string;
}

/** An expression left as written, and why. */
export interface Unformatted {
  from: number;
  to: number;
  reason: string;
}

export interface ExpressionFormatting {
  edits: FormatEdit[];
  unformatted: Unformatted[];
}

/** The formatter of each query language (promql/format, logql/format). */
const formatters: Record<QueryLanguage, (text: string) => FormatResult> = { promql: formatPromQL, logql: formatLogQL };

/**
 * The queries of a document formatted (see promql/format and logql/format): the whole of a
 * `.promql` or `.logql` file, or each rule's `expr` in YAML, only those touching `span` when
 * one is given. In YAML only the expression's scalar is rewritten: its style is kept where the
 * new text fits it (a `|` block stays a block, a quoted one-liner stays quoted), and a plain or
 * quoted value that becomes several lines turns into a `|` block indented under its key.
 */
export function formatExpressions(
  text: string,
  kind: QueryLanguage | 'yaml',
  regions: readonly EmbeddedRegion[],
  span?: { from: number; to: number },
  yamlSyntaxErrors = false,
): ExpressionFormatting {
  const result: ExpressionFormatting = { edits: [], unformatted: [] };
  for (const region of regions) {
    if (span && (region.sourceEnd < span.from || region.sourceStart > span.to)) continue;
    const outcome =
      kind !== 'yaml'
        ? wholeFileEdit(text, region)
        : // Where the YAML is broken, where a value ends is the parser's guess: never rewrite it.
          yamlSyntaxErrors
          ? { from: region.sourceStart, to: region.sourceEnd, reason: 'the YAML has syntax errors' }
          : region.keyOffset === undefined
            ? { from: region.sourceStart, to: region.sourceEnd, reason: 'the expression is in a flow mapping (`{expr: …}`)' }
            : scalarEdit(text, region, region.keyOffset);
    if ('reason' in outcome) result.unformatted.push(outcome);
    else if (outcome.newText !== text.slice(outcome.from, outcome.to)) result.edits.push(outcome);
  }
  return result;
}

function wholeFileEdit(text: string, region: EmbeddedRegion): FormatEdit | Unformatted {
  const formatted = formatters[region.language](region.text);
  if ('unformatted' in formatted) return { from: region.sourceStart, to: region.sourceEnd, reason: formatted.unformatted };
  const newline = /\r?\n$/.exec(text)?.[0] ?? '';
  return { from: region.sourceStart, to: region.sourceEnd, newText: formatted.formatted + newline };
}

function scalarEdit(text: string, region: EmbeddedRegion, keyOffset: number): FormatEdit | Unformatted {
  const from = region.sourceStart;
  const to = region.sourceEnd;
  const leaveAlone = (reason: string): Unformatted => ({ from, to, reason });
  const formatter = formatters[region.language];
  const formatted = formatter(region.text);
  if ('unformatted' in formatted) return leaveAlone(formatted.unformatted);
  const written = text.slice(from, to);
  if (written.includes('\r')) return leaveAlone('the file has Windows line endings');
  const keyColumn = keyOffset - (text.lastIndexOf('\n', keyOffset - 1) + 1);
  const lines = formatted.formatted.split('\n');
  const candidates: string[] = [];
  if (written.startsWith('|') || written.startsWith('>')) {
    const block = rewriteBlock(written, keyColumn, lines);
    if (typeof block !== 'string') return leaveAlone(block.reason);
    candidates.push(block);
  } else if (lines.length === 1) {
    const line = lines[0];
    if (written.startsWith("'")) candidates.push(`'${line.replaceAll("'", "''")}'`);
    else if (!written.startsWith('"')) candidates.push(line);
    candidates.push(JSON.stringify(line)); // a double-quoted YAML scalar reads JSON's escapes
  } else {
    const lineEnd = text.indexOf('\n', to);
    if (text.slice(to, lineEnd < 0 ? text.length : lineEnd).trim() !== '') {
      return leaveAlone('something follows the expression on its line, where a block would take it in');
    }
    // A new block takes the file's line ending: no mixed endings in a Windows file.
    candidates.push(blockScalar('|', '', keyColumn, keyColumn + 2, lines, false, text.includes('\r\n') ? '\r\n' : '\n'));
  }
  // Each candidate is read back by the YAML parser in the same layout (key column, anything
  // between key and value): the first that yields the formatted expression is the edit.
  const context = ' '.repeat(keyColumn) + text.slice(keyOffset, from);
  const newText = candidates.find((candidate) => readsBackAs(context + candidate, formatted.formatted, formatter));
  return newText === undefined ? leaveAlone('the formatted expression does not fit this YAML value') : { from, to, newText };
}

/** The block scalar `written` (header and content) with new content lines, header kept. */
function rewriteBlock(written: string, keyColumn: number, lines: string[]): string | { reason: string } {
  const headerEnd = written.indexOf('\n');
  if (headerEnd < 0) return { reason: 'the block scalar has no content line' };
  const header = /^([|>])([1-9+-]{0,2})(.*)$/.exec(written.slice(0, headerEnd));
  if (!header) return { reason: 'the block scalar header is not understood' };
  const [, style, indicators, rest] = header;
  const chomping = indicators.replace(/[1-9]/, '');
  const explicit = /[1-9]/.exec(indicators)?.[0];
  const contentLines = written.slice(headerEnd + 1).split('\n');
  const indents = contentLines.filter((line) => line.trim() !== '').map((line) => line.length - line.trimStart().length);
  const contentIndent = explicit ? keyColumn + Number(explicit) : indents.length > 0 ? Math.min(...indents) : keyColumn + 2;
  return blockScalar(style, chomping + rest, keyColumn, Math.max(contentIndent, keyColumn + 1), lines, written.endsWith('\n'));
}

/**
 * A block scalar of `lines` at `contentIndent`. A first line that starts with spaces (a split
 * binary operation indents its operands) needs the indentation indicator, else YAML would take
 * its spaces for the block's indentation.
 */
function blockScalar(
  style: string,
  afterIndicators: string,
  keyColumn: number,
  contentIndent: number,
  lines: string[],
  finalNewline: boolean,
  eol = '\n',
): string {
  const indicator = /^\s/.test(lines[0]) ? String(contentIndent - keyColumn) : '';
  const content = lines.map((line) => (line === '' ? '' : ' '.repeat(contentIndent) + line)).join(eol);
  return `${style}${indicator}${afterIndicators}${eol}${content}${finalNewline ? eol : ''}`;
}

function readsBackAs(yamlText: string, expression: string, formatter: (text: string) => FormatResult): boolean {
  const document = parseDocument(yamlText);
  if (document.errors.length > 0 || !isMap(document.contents)) return false;
  const value = document.contents.items[0]?.value;
  if (!isScalar(value) || typeof value.value !== 'string') return false;
  const reformatted = formatter(value.value);
  return 'formatted' in reformatted && reformatted.formatted === expression;
}
