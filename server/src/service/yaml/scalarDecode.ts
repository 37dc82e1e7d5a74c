/**
 * Decodes a YAML scalar as the `yaml` package does, remembering for every decoded UTF-16
 * unit which source characters produced it. The folding and escaping rules follow
 * eemeli/yaml `src/compose/resolve-flow-scalar.ts` and `resolve-block-scalar.ts` (YAML 1.2
 * sections 7.3 and 8.1); tests compare `text` with the package's own decoding.
 */

import { ScalarBuilder, type DecodedScalar } from './scalarBuilder';
import { codePointAt, escapes, hexLength } from './scalarText';

export type { DecodedScalar } from './scalarBuilder';

const isBlank = (ch: string | undefined): boolean => ch === ' ' || ch === '\t';

/** Lines of [from, to): content span and the line break after it (`\n` or `\r\n`). */
function splitFlowLines(src: string, from: number, to: number): { start: number; end: number }[] {
  const lines: { start: number; end: number }[] = [];
  let lineStart = from;
  for (let i = from; i < to; i++) {
    if (src[i] === '\n') {
      const end = i > lineStart && src[i - 1] === '\r' ? i - 1 : i;
      lines.push({ start: lineStart, end });
      lineStart = i + 1;
    }
  }
  lines.push({ start: lineStart, end: to });
  return lines;
}

/**
 * Plain and single-quoted scalars: lines are trimmed and folded (one break -> space, n
 * empty lines -> n newlines). `offset`..`offset + source.length` is the token as written.
 */
export function decodePlainOrSingleQuoted(src: string, offset: number, source: string, quoted: boolean): DecodedScalar {
  const end = offset + source.length;
  const closed = quoted && source.length > 1 && source.endsWith("'");
  const from = quoted ? offset + 1 : offset;
  const to = quoted ? (closed ? end - 1 : end) : end;
  // The package drops the last character of an unterminated single-quoted scalar too.
  const contentTo = quoted && !closed ? Math.max(from, end - 1) : to;
  const out = new ScalarBuilder(src, from, to);
  const emit = (a: number, b: number) => {
    for (let i = a; i < b; i++) {
      if (quoted && src[i] === "'" && src[i + 1] === "'" && i + 1 < b) {
        out.produce("'", i, i + 2);
        i++;
      } else out.copy(i, i + 1);
    }
  };
  const lines = splitFlowLines(src, from, contentTo);
  if (lines.length === 1) {
    emit(from, contentTo);
    return out.finish();
  }
  let first = lines[0].end;
  while (first > lines[0].start && isBlank(src[first - 1])) first--;
  emit(lines[0].start, first);
  let sep = ' ';
  for (let k = 1; k < lines.length - 1; k++) {
    let a = lines[k].start;
    let b = lines[k].end;
    while (a < b && isBlank(src[a])) a++;
    while (b > a && isBlank(src[b - 1])) b--;
    if (a === b) {
      if (sep === '\n') out.fold('\n');
      else sep = '\n';
    } else {
      out.fold(sep);
      emit(a, b);
      sep = ' ';
    }
  }
  const last = lines[lines.length - 1];
  let a = last.start;
  while (a < last.end && isBlank(src[a])) a++;
  out.fold(sep);
  emit(a, last.end);
  return out.finish();
}

/** Double-quoted scalars: escapes, escaped line breaks, trimming and folding. */
export function decodeDoubleQuoted(src: string, offset: number, source: string): DecodedScalar {
  const end = offset + source.length;
  const closed = source.length > 1 && source.endsWith('"');
  const out = new ScalarBuilder(src, offset + 1, closed ? end - 1 : end);
  // As in the package, the last character is never content (it is the closing quote, or lost).
  const last = end - 1;
  // Look-ahead stops at the token's end, as the package only sees the token's source.
  const at = (i: number): string | undefined => (i < end ? src[i] : undefined);
  for (let i = offset + 1; i < last; i++) {
    const ch = src[i];
    if (ch === '\r' && at(i + 1) === '\n') continue;
    if (ch === '\n') {
      let fold = '';
      let next = at(i + 1);
      while (isBlank(next) || next === '\n' || next === '\r') {
        if (next === '\r' && at(i + 2) !== '\n') break;
        if (next === '\n') fold += '\n';
        i++;
        next = at(i + 1);
      }
      out.fold(fold || ' ');
    } else if (ch === '\\') {
      const escapeStart = i;
      const code = at(++i);
      if (code !== undefined && code in escapes) out.produce(escapes[code], escapeStart, i + 1);
      else if (code === '\n' || (code === '\r' && at(i + 1) === '\n')) {
        if (code === '\r') i++;
        while (isBlank(at(i + 1))) i++;
      } else if (code !== undefined && code in hexLength) {
        const length = hexLength[code];
        const value = codePointAt(src, i + 1, length, end);
        if (value !== undefined) out.produce(String.fromCodePoint(value), escapeStart, i + 1 + length);
        else out.copy(escapeStart, Math.min(i + 1 + length, end));
        i += length;
      } else out.copy(escapeStart, Math.min(escapeStart + 2, end));
    } else if (isBlank(ch)) {
      const wsStart = i;
      while (isBlank(at(i + 1))) i++;
      const next = at(i + 1);
      // Trailing white space before a line break is dropped.
      if (next !== '\n' && !(next === '\r' && at(i + 2) === '\n')) out.copy(wsStart, i + 1);
    } else out.copy(i, i + 1);
  }
  return out.finish();
}

/** The CST token of a block scalar, as `yaml` keeps it with `keepSourceTokens`. */
export interface BlockScalarToken {
  offset: number;
  indent: number;
  props: { type: string; source?: string }[];
  source: string;
}

/** Literal (`|`) and folded (`>`) block scalars with indentation indicator and chomping. */
export function decodeBlockScalar(src: string, token: BlockScalarToken): DecodedScalar {
  const header = token.props[0]?.source ?? '|';
  const folded = header[0] === '>';
  let indicator = 0;
  let chomp = '';
  for (const ch of header.slice(1)) {
    if (!chomp && (ch === '-' || ch === '+')) chomp = ch;
    else if (!indicator && Number(ch)) indicator = Number(ch);
  }
  const headerLength = token.props.reduce((sum, p) => sum + (p.source?.length ?? 0), 0);
  const bodyStart = token.offset + headerLength;
  const body = token.source ?? '';
  const out = new ScalarBuilder(src, bodyStart, bodyStart + body.length);

  // Lines as [indent, content] with '\r' left on the content, as the package splits them.
  const lines: { start: number; indent: number; content: string }[] = [];
  let pos = 0;
  for (const raw of body.split('\n')) {
    let indent = 0;
    while (raw[indent] === ' ') indent++;
    lines.push({ start: bodyStart + pos, indent, content: raw.slice(indent) });
    pos += raw.length + 1;
  }
  if (body === '') lines.length = 0;
  const isEmpty = (line: { content: string }) => line.content === '' || line.content === '\r';

  let chompStart = lines.length;
  for (let i = lines.length - 1; i >= 0 && isEmpty(lines[i]); i--) chompStart = i;
  if (chompStart === 0) {
    if (chomp === '+' && lines.length > 0) out.fold('\n'.repeat(Math.max(1, lines.length - 1)));
    return out.finish();
  }
  let trimIndent = token.indent + indicator;
  let contentStart = 0;
  for (let i = 0; i < chompStart; i++) {
    if (isEmpty(lines[i])) {
      if (indicator === 0 && lines[i].indent > trimIndent) trimIndent = lines[i].indent;
    } else {
      if (indicator === 0) trimIndent = lines[i].indent;
      contentStart = i;
      break;
    }
  }
  for (let i = lines.length - 1; i >= chompStart; i--) if (lines[i].indent > trimIndent) chompStart = i + 1;

  // Spaces past the trimmed indentation belong to the value.
  const keepIndent = (line: { start: number; indent: number }) => {
    if (line.indent > trimIndent) out.copy(line.start + trimIndent, line.start + line.indent);
  };
  for (let i = 0; i < contentStart; i++) {
    keepIndent(lines[i]);
    out.fold('\n');
  }
  let sep = '';
  let prevMoreIndented = false;
  for (let i = contentStart; i < chompStart; i++) {
    const line = lines[i];
    const content = line.content.endsWith('\r') ? line.content.slice(0, -1) : line.content;
    const contentAt = line.start + line.indent;
    // A line less indented than the block is an error; the package then keeps it unindented.
    const indented = content !== '' && line.indent < trimIndent ? { ...line, indent: 0 } : line;
    if (!folded) {
      out.fold(sep);
      keepIndent(indented);
      out.copy(contentAt, contentAt + content.length);
      sep = '\n';
    } else if (indented.indent > trimIndent || content[0] === '\t') {
      if (sep === ' ') sep = '\n';
      else if (!prevMoreIndented && sep === '\n') sep = '\n\n';
      out.fold(sep);
      keepIndent(indented);
      out.copy(contentAt, contentAt + content.length);
      sep = '\n';
      prevMoreIndented = true;
    } else if (content === '') {
      if (sep === '\n') out.fold('\n');
      else sep = '\n';
    } else {
      out.fold(sep);
      out.copy(contentAt, contentAt + content.length);
      sep = ' ';
      prevMoreIndented = false;
    }
  }
  if (chomp === '+') {
    let needsNewline = chompStart === lines.length;
    for (let i = chompStart; i < lines.length; i++) {
      out.fold('\n');
      keepIndent(lines[i]);
      needsNewline = lines[i].indent > trimIndent;
    }
    if (needsNewline) out.fold('\n');
  } else if (chomp === '') out.fold('\n');
  return out.finish();
}
