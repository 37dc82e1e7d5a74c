/**
 * The value of a LogQL string literal as Loki reads it (Go's strconv.Unquote via
 * prometheus/util/strutil), with a map from each value offset back to the literal, so that a
 * problem inside a regex, pattern or template lands on the right character of the query.
 */
export interface StringValue {
  value: string;
  /** `sourceOffset[i]` is the offset in the query of value character `i`; one extra entry for the end. */
  sourceOffset: number[];
}

const simpleEscapes: Record<string, string> = {
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
  '"': '"',
  "'": "'",
};

const escapePattern = /\\(?:([abfnrtv\\"'])|([0-7]{3})|x([0-9a-fA-F]{2})|u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8}))/y;

/** Unquotes the literal `text.slice(from, to)`; malformed escapes are kept as written (the lexer reports them). */
export function stringValue(text: string, from: number, to: number): StringValue {
  const quote = text[from];
  const closed = to - from >= 2 && text[to - 1] === quote;
  const bodyEnd = closed ? to - 1 : to;
  const body = text.slice(from + 1, bodyEnd);
  if (quote !== '"' || !body.includes('\\')) return new VerbatimString(body, bodyEnd - body.length);
  const value: string[] = [];
  const sourceOffset: number[] = [];
  let pos = from + 1;
  while (pos < bodyEnd) {
    const ch = text[pos];
    if (quote === '"' && ch === '\\') {
      escapePattern.lastIndex = pos;
      const match = escapePattern.exec(text);
      if (match && match.index + match[0].length <= bodyEnd) {
        const [whole, simple, oct, hex, u, U] = match;
        let decoded = simple !== undefined ? simpleEscapes[simple] : '';
        if (simple === undefined) {
          try {
            decoded = String.fromCodePoint(parseInt(oct ?? hex ?? u ?? U, oct ? 8 : 16));
          } catch {
            decoded = whole;
          }
        }
        for (let k = 0; k < decoded.length; k++) {
          value.push(decoded[k]);
          sourceOffset.push(pos);
        }
        pos += whole.length;
        continue;
      }
    }
    value.push(ch);
    sourceOffset.push(pos);
    pos++;
  }
  sourceOffset.push(bodyEnd);
  return { value: value.join(''), sourceOffset };
}

/**
 * A literal without escapes, whose value is its text: value offset `i` is query offset
 * `start + i`. The map is only built when asked for; most strings a check reads never need it.
 */
class VerbatimString implements StringValue {
  private offsets?: number[];

  constructor(
    readonly value: string,
    private readonly start: number,
  ) {}

  get sourceOffset(): number[] {
    this.offsets ??= Array.from({ length: this.value.length + 1 }, (_, i) => this.start + i);
    return this.offsets;
  }
}

/** Maps a [from, to) range of the value to query offsets. */
export function valueRange(string: StringValue, from: number, to: number): { from: number; to: number } {
  const at = (i: number) => string.sourceOffset[Math.max(0, Math.min(i, string.sourceOffset.length - 1))];
  const start = at(from);
  const end = to > from ? at(to - 1) + 1 : start;
  return { from: start, to: Math.max(end, start) };
}
