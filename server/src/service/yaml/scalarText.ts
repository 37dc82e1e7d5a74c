/**
 * Values of quoted and block scalars as `yaml` decodes them, for the block reader, which needs
 * only the text. scalarDecode.ts also maps every decoded character back to its source; building
 * that map for each expression of a 10,000-line file took a quarter of the read, and V8 spent
 * ~60 ms compiling those decoders, so the map is made only when a position is asked for.
 */

/** What follows a backslash in a double-quoted scalar, and what it stands for (YAML 1.2 §5.7). */
export const escapes: Record<string, string> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  e: '\x1b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  '\t': '\t',
};

/** The number of hex digits after `\x`, `\u` and `\U`. */
export const hexLength: Record<string, number> = { x: 2, u: 4, U: 8 };

/**
 * The code point of a `\x`, `\u` or `\U` escape's digits at `from` (reading no further than
 * `end`), or undefined when `yaml` would report it.
 */
export function codePointAt(source: string, from: number, length: number, end = source.length): number | undefined {
  const digits = source.slice(from, Math.min(from + length, end));
  if (digits.length !== length || !/^[0-9a-fA-F]+$/.test(digits)) return undefined;
  const value = parseInt(digits, 16);
  return value <= 0x10ffff ? value : undefined;
}

/**
 * Whether every backslash in a double-quoted scalar's source starts an escape `yaml` accepts
 * (else it reports the scalar, and the reader must leave the file to it). A backslash before a
 * line break joins the lines.
 */
export function doubleQuotedEscapesValid(source: string): boolean {
  for (let i = source.indexOf('\\'); i !== -1; i = source.indexOf('\\', i + 2)) {
    const code = source[i + 1];
    if (code === '\n' || (code !== undefined && code in escapes)) continue;
    const length = code === undefined ? undefined : hexLength[code];
    if (length === undefined || codePointAt(source, i + 2, length) === undefined) return false;
    i += length;
  }
  return true;
}

/**
 * The value of a closed double-quoted scalar written on one line (`"…"`, quotes included), or
 * undefined when an escape is one `yaml` reports.
 */
export function doubleQuotedLineText(source: string): string | undefined {
  const inner = source.slice(1, -1);
  if (!inner.includes('\\')) return inner;
  let out = '';
  let from = 0;
  for (let i = inner.indexOf('\\'); i !== -1; i = inner.indexOf('\\', from)) {
    out += inner.slice(from, i);
    const code = inner[i + 1];
    if (code !== undefined && code in escapes) {
      out += escapes[code];
      from = i + 2;
      continue;
    }
    const length = code === undefined ? undefined : hexLength[code];
    const value = length === undefined ? undefined : codePointAt(inner, i + 2, length);
    if (value === undefined) return undefined;
    out += String.fromCodePoint(value);
    from = i + 2 + length!;
  }
  return out + inner.slice(from);
}

/** Lines of a text: [start, end) of line i in the text, and its indentation. */
export interface BlockLines {
  start: ArrayLike<number>;
  end: ArrayLike<number>;
  indent: ArrayLike<number>;
}

/**
 * The value of a `|` or `>` block scalar with clip or strip chomping, whose body is lines
 * [from, to) of `lines`: from the first after the header to the last with content (empty lines
 * between them have start === end; none holds only spaces or a tab, and none is indented less
 * than `indent`, the first content line's indentation). Follows YAML 1.2 §8.1.3 as
 * scalarDecode.ts does. Joined once rather than concatenated piece by piece: the value is kept
 * as long as the parse, and a flat string is half the memory of a rope of its pieces.
 */
export function blockScalarText(
  text: string,
  lines: BlockLines,
  from: number,
  to: number,
  indent: number,
  folded: boolean,
  strip: boolean,
): string {
  const parts: string[] = [];
  let first = from;
  while (first < to && lines.start[first] === lines.end[first]) {
    parts.push('\n');
    first++;
  }
  let separator = '';
  let previousMoreIndented = false;
  for (let i = first; i < to; i++) {
    if (lines.start[i] === lines.end[i]) {
      // An empty line: a line break of its own (folded: where a single break would be a space).
      if (!folded || separator === '\n') parts.push('\n');
      else separator = '\n';
      continue;
    }
    const content = text.slice(lines.start[i] + indent, lines.end[i]);
    if (!folded) {
      parts.push(separator, content);
      separator = '\n';
    } else if (lines.indent[i] > indent) {
      // More-indented lines keep their line breaks, and the one before them.
      if (separator === ' ') separator = '\n';
      else if (!previousMoreIndented && separator === '\n') separator = '\n\n';
      parts.push(separator, content);
      separator = '\n';
      previousMoreIndented = true;
    } else {
      parts.push(separator, content);
      separator = ' ';
      previousMoreIndented = false;
    }
  }
  if (!strip) parts.push('\n');
  return parts.join('');
}
