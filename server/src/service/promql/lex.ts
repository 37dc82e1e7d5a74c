/**
 * A PromQL tokenizer that follows the lexer of Prometheus
 * (https://github.com/prometheus/prometheus/blob/main/promql/parser/lex.go): the same modes
 * (statements, inside `{…}`, inside `[…]`), the same number/duration scanning and the same
 * string escape rules. The lezer grammar is more lenient in places (any `\x` escape, `5m1h`),
 * so validation takes these facts from here. Never throws; stops at the first structural error
 * like Prometheus, but keeps going after token-level errors (bad escape, bad duration).
 */

export type TokenKind = 'identifier' | 'number' | 'duration' | 'string' | 'operator' | '(' | ')' | '{' | '}' | '[' | ']' | ',' | ':' | '@';

export interface Token {
  kind: TokenKind;
  from: number;
  to: number;
  /** Set when the token was lexed between `{` and `}` (label names, matchers). */
  inBraces?: boolean;
  /** Set when the token was lexed between `[` and `]` (durations). */
  inBrackets?: boolean;
}

/** A problem the lexer found; `code` is a promql/… diagnostic code. */
export interface LexProblem {
  from: number;
  to: number;
  code: string;
  message: string;
  /** A structural error stops lexing, as in Prometheus; the rest of the input is not tokenized. */
  fatal: boolean;
}

export interface LexResult {
  tokens: Token[];
  problems: LexProblem[];
  /** Deepest nesting of `(`, `{` and `[` seen. */
  maxDepth: number;
}

const isDigit = (c: string) => c >= '0' && c <= '9';
const isAlpha = (c: string) => c === '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
const isAlnum = (c: string) => isAlpha(c) || isDigit(c);
const isHex = (c: string) => isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
const isSpace = (c: string) => c === ' ' || c === '\t' || c === '\n' || c === '\r';

const durationKeywords = new Set(['step', 'range', 'max_of', 'min_of']);

export function lexPromQL(text: string): LexResult {
  const tokens: Token[] = [];
  const problems: LexProblem[] = [];
  const openers: { char: string; at: number }[] = [];
  let maxDepth = 0;
  let pos = 0;
  let inBraces = false;
  let inBrackets = false;
  let colonInBrackets = false;

  const at = (i: number) => (i < text.length ? text[i] : '');
  const push = (kind: TokenKind, from: number, to: number) => {
    const token: Token = { kind, from, to };
    if (inBraces) token.inBraces = true;
    if (inBrackets) token.inBrackets = true;
    tokens.push(token);
  };
  const fail = (from: number, to: number, message: string, code = 'promql/syntax-error') => {
    problems.push({ from, to: Math.max(to, from), code, message, fatal: true });
  };
  const open = (char: string, from: number) => {
    openers.push({ char, at: from });
    maxDepth = Math.max(maxDepth, openers.length);
  };
  const describe = (c: string) => JSON.stringify(c);

  while (pos <= text.length) {
    const start = pos;
    const c = at(pos);
    if (c === '') {
      const unclosed = openers[openers.length - 1];
      if (unclosed) {
        const what = unclosed.char === '(' ? 'parenthesis' : unclosed.char === '{' ? 'brace' : 'bracket';
        fail(unclosed.at, unclosed.at + 1, `unclosed left ${what}: '${unclosed.char}' is never closed`);
      }
      break;
    }
    if (isSpace(c)) {
      pos++;
      continue;
    }
    if (c === '#') {
      // Prometheus' lexer reads no comment between `[` and `]` (lexDurationExpr).
      if (inBrackets) {
        fail(start, start + 1, `unexpected character in a duration: '#' (a comment cannot stand inside [ ])`);
        break;
      }
      while (pos < text.length && text[pos] !== '\n' && text[pos] !== '\r') pos++;
      continue;
    }
    if (c === '"' || c === "'" || c === '`') {
      pos = lexString(text, pos, problems);
      push('string', start, pos);
      if (problems.some((p) => p.fatal)) break;
      continue;
    }
    if (isDigit(c) || (c === '.' && isDigit(at(pos + 1)))) {
      const scanned = scanNumberOrDuration(text, pos);
      if (!scanned) {
        let end = pos + 1;
        while (end < text.length && (isAlnum(text[end]) || text[end] === '.')) end++;
        fail(start, end, `bad number or duration syntax: ${describe(text.slice(start, end))}`, 'promql/invalid-number');
        break;
      }
      pos = scanned.end;
      push(scanned.kind, start, pos);
      continue;
    }

    if (inBraces) {
      if (isAlpha(c)) {
        while (isAlnum(at(pos))) pos++;
        push('identifier', start, pos);
      } else if (c === ',') {
        pos++;
        push(',', start, pos);
      } else if (c === '=') {
        pos += at(pos + 1) === '~' ? 2 : 1;
        push('operator', start, pos);
      } else if (c === '!') {
        const next = at(pos + 1);
        if (next !== '~' && next !== '=') {
          fail(start, start + 1 + (next ? 1 : 0), `unexpected character after '!' inside braces: ${describe(next)}`);
          break;
        }
        pos += 2;
        push('operator', start, pos);
      } else if (c === '}') {
        pos++;
        openers.pop();
        push('}', start, pos);
        inBraces = false;
      } else {
        fail(start, start + 1, `unexpected character inside braces: ${describe(c)}`);
        break;
      }
      continue;
    }

    if (isAlpha(c) || c === ':') {
      if (inBrackets) {
        if (c === ':') {
          if (colonInBrackets) {
            fail(start, start + 1, `unexpected colon ':' (a subquery takes one ':')`);
            break;
          }
          colonInBrackets = true;
          pos++;
          push(':', start, pos);
          continue;
        }
        while (isAlpha(at(pos))) pos++;
        if (!durationKeywords.has(text.slice(start, pos).toLowerCase())) {
          while (isAlnum(at(pos))) pos++;
          fail(start, pos, `unexpected ${describe(text.slice(start, pos))} in a duration: expected a duration like 5m, or ':'`);
          break;
        }
        push('identifier', start, pos);
        continue;
      }
      while (isAlnum(at(pos)) || at(pos) === ':') pos++;
      const word = text.slice(start, pos).toLowerCase();
      push(word === 'inf' || word === 'nan' ? 'number' : 'identifier', start, pos);
      continue;
    }

    switch (c) {
      case '(':
        pos++;
        open('(', start);
        push('(', start, pos);
        continue;
      case ')':
        pos++;
        if (openers[openers.length - 1]?.char !== '(') {
          const top = openers[openers.length - 1];
          fail(
            start,
            pos,
            top?.char === '[' ? `unexpected ')': missing ']' to close the range or subquery` : `unexpected right parenthesis ')'`,
          );
          break;
        }
        openers.pop();
        push(')', start, pos);
        continue;
      case '{':
        pos++;
        open('{', start);
        push('{', start, pos);
        inBraces = true;
        continue;
      case '[':
        pos++;
        if (inBrackets) {
          fail(start, pos, `unexpected left bracket '['`);
          break;
        }
        open('[', start);
        push('[', start, pos);
        inBrackets = true;
        colonInBrackets = false;
        continue;
      case ']':
        pos++;
        if (!inBrackets || openers[openers.length - 1]?.char !== '[') {
          fail(start, pos, `unexpected right bracket ']'`);
          break;
        }
        openers.pop();
        inBrackets = false;
        push(']', start, pos);
        continue;
      case ',':
        pos++;
        push(',', start, pos);
        continue;
      case '@':
        pos++;
        push('@', start, pos);
        continue;
      case '*':
      case '/':
      case '%':
      case '+':
      case '-':
      case '^':
        pos++;
        push('operator', start, pos);
        continue;
      case '=':
        if (at(pos + 1) === '~') {
          fail(start, start + 2, `unexpected '=~' outside of a label matcher`);
          break;
        }
        pos += at(pos + 1) === '=' ? 2 : 1;
        push('operator', start, pos);
        continue;
      case '!':
        if (at(pos + 1) !== '=') {
          fail(start, start + 1, `unexpected character after '!': ${describe(at(pos + 1))}`);
          break;
        }
        pos += 2;
        push('operator', start, pos);
        continue;
      case '<':
      case '>':
        pos += at(pos + 1) === '=' || at(pos + 1) === '/' ? 2 : 1;
        push('operator', start, pos);
        continue;
      default: {
        const char = String.fromCodePoint(text.codePointAt(pos) ?? 0);
        fail(start, start + char.length, `unexpected character: ${describe(char)}`);
        break;
      }
    }
    break;
  }
  return { tokens, problems, maxDepth };
}

/**
 * U+FFFD, which an editor shows for bytes that are not UTF-8: Go decodes such bytes, and the
 * character itself, to utf8.RuneError, and Prometheus' lexer rejects it in strings.
 */
const replacementCharacter = '\uFFFD';

function invalidRune(at: number): LexProblem {
  return {
    from: at,
    to: at + 1,
    code: 'promql/invalid-string',
    message: 'invalid UTF-8 rune: U+FFFD stands for bytes that are not UTF-8, and Prometheus rejects it in a string',
    fatal: false,
  };
}

/**
 * Scans a quoted string starting at its quote; returns the offset after it. Escapes follow
 * Go's rules as Prometheus' lexEscape does: only the string's own quote may be escaped.
 */
function lexString(text: string, start: number, problems: LexProblem[]): number {
  const quote = text[start];
  let pos = start + 1;
  if (quote === '`') {
    const end = text.indexOf('`', pos);
    if (end < 0) {
      problems.push({ from: start, to: text.length, code: 'promql/syntax-error', message: 'unterminated raw string', fatal: true });
      return text.length;
    }
    for (let at = text.indexOf(replacementCharacter, pos); at !== -1 && at < end; at = text.indexOf(replacementCharacter, at + 1)) {
      problems.push(invalidRune(at));
    }
    return end + 1;
  }
  while (pos < text.length) {
    const c = text[pos];
    if (c === quote) return pos + 1;
    if (c === '\n') break;
    if (c !== '\\') {
      if (c === replacementCharacter) problems.push(invalidRune(pos));
      pos++;
      continue;
    }
    const escapeStart = pos;
    const e = text[pos + 1] ?? '';
    let digits = 0;
    let base = 16;
    let max = 0x10ffff;
    if (('abfnrtv\\'.includes(e) && e !== '') || e === quote) {
      pos += 2;
      continue;
    } else if (e >= '0' && e <= '7') {
      digits = 3;
      base = 8;
      max = 255;
      pos += 1;
    } else if (e === 'x' || e === 'u' || e === 'U') {
      digits = e === 'x' ? 2 : e === 'u' ? 4 : 8;
      if (e === 'x') max = 255;
      pos += 2;
    } else {
      if (e === '' || e === '\n') break;
      problems.push({
        from: escapeStart,
        to: escapeStart + 2,
        code: 'promql/invalid-string',
        message: `unknown escape sequence '\\${e}'${e === "'" || e === '"' ? ` (only ${quote} needs escaping in a ${quote}-quoted string)` : ''}`,
        fatal: false,
      });
      pos += 2;
      continue;
    }
    let value = 0;
    let ok = true;
    for (let i = 0; i < digits; i++) {
      const d = text[pos] ?? '';
      const v = base === 8 ? (d >= '0' && d <= '7' ? Number(d) : NaN) : isHex(d) ? parseInt(d, 16) : NaN;
      if (Number.isNaN(v)) {
        ok = false;
        break;
      }
      value = value * base + v;
      pos++;
    }
    if (!ok || value > max || (value >= 0xd800 && value < 0xe000)) {
      problems.push({
        from: escapeStart,
        to: Math.max(pos, escapeStart + 2),
        code: 'promql/invalid-string',
        message: ok ? 'escape sequence is an invalid Unicode code point' : `invalid escape sequence '${text.slice(escapeStart, pos + 1)}'`,
        fatal: false,
      });
    }
  }
  problems.push({
    from: start,
    to: pos,
    code: 'promql/syntax-error',
    message: `unterminated quoted string: missing closing ${quote}`,
    fatal: true,
  });
  return pos;
}

/**
 * Follows Prometheus' scanNumber + acceptRemainingDuration: decimal, hex, float with
 * exponent and `_` separators; otherwise `<digits><unit>…` as a duration token (validated
 * later). Returns undefined where Prometheus reports "bad number or duration syntax".
 */
export function scanNumberOrDuration(text: string, start: number): { end: number; kind: 'number' | 'duration' } | undefined {
  const at = (i: number) => (i < text.length ? text[i] : '');
  let pos = start;
  let hex = false;
  if (at(pos) === '0' && (at(pos + 1) === 'x' || at(pos + 1) === 'X')) {
    hex = true;
    pos += 2;
    if (at(pos) === '_') pos++;
  }
  const digit = hex ? isHex : isDigit;
  const numberEnd = ((): number | undefined => {
    let dot = false;
    let exp = false;
    if (!hex && at(pos) === '.') {
      dot = true;
      pos++;
    }
    while (pos < text.length) {
      const c = text[pos];
      if (digit(c)) pos++;
      else if (c === '.' && !hex) {
        if (dot || exp) return undefined;
        dot = true;
        pos++;
        if (at(pos) === '_' || at(pos) === '.') return undefined;
      } else if ((c === 'e' || c === 'E') && !hex) {
        if (exp) return undefined;
        exp = true;
        pos++;
        if (at(pos) === '+' || at(pos) === '-') pos++;
        if (!isDigit(at(pos))) return undefined;
      } else if (c === '_') {
        pos++;
        if (!digit(at(pos))) return undefined;
      } else break;
    }
    return pos;
  })();
  if (numberEnd === undefined) return undefined;
  if (!isAlnum(at(numberEnd))) return { end: numberEnd, kind: 'number' };
  if (hex) return undefined;
  // A duration: <number><unit> pairs; the unit checks proper happen when it is parsed.
  pos = numberEnd;
  if (!'smhdwy'.includes(at(pos))) return undefined;
  pos++;
  if (at(pos) === 's') pos++;
  while (isDigit(at(pos))) {
    while (isDigit(at(pos))) pos++;
    if (!'smhdw'.includes(at(pos)) || at(pos) === '') return undefined;
    pos++;
    if (at(pos) === 's') pos++;
  }
  if (isAlnum(at(pos))) return undefined;
  return { end: pos, kind: 'duration' };
}
