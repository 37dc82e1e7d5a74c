import { parseDuration } from '../duration';

/**
 * A LogQL tokenizer that follows Loki's lexer (grafana/loki pkg/logql/syntax/lex.go, on Go's
 * text/scanner): `#` comments, `"…"` and `` `…` `` strings, numbers that turn into durations
 * (`5m`, `1.5s`, `-3h`) or byte sizes (`10KB`, `1.5MiB`) when a unit follows without a space,
 * `--strict`-style parser flags, and `[…]` ranges read as one duration. Lezer builds the
 * tree; these tokens serve error messages and completion, which need the text as typed.
 */

export type TokenKind =
  'identifier' | 'string' | 'number' | 'duration' | 'bytes' | 'flag' | 'operator' | '(' | ')' | '{' | '}' | '[' | ']' | ',';

export interface Token {
  kind: TokenKind;
  from: number;
  to: number;
  /** Open `(` around the token, for nesting guards and completion. */
  depth: number;
  /** Inside `{…}` (a stream selector). */
  inBraces: boolean;
}

export interface LexProblem {
  from: number;
  to: number;
  code: string;
  message: string;
}

export interface LexResult {
  tokens: Token[];
  problems: LexProblem[];
  /** Deepest `(` nesting seen. */
  maxDepth: number;
  /** Ranges of `#` comments. */
  comments: { from: number; to: number }[];
}

const numberPattern =
  /0[xX][0-9a-fA-F_]*(?:\.[0-9a-fA-F_]*)?(?:[pP][+-]?\d+)?|0[bBoO][0-9_]*|\d[\d_]*(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?/y;
const durationSuffix = /[0-9nuµmshdwy.]*/y;
const bytesSuffix = /[0-9BikKMGTP.]*/y;
const identifierPattern = /[\p{L}_][\p{L}\p{N}_]*/uy;
const escapePattern = /\\(?:[abfnrtv\\"]|[0-7]{3}|x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8})/y;
const knownFlags = new Set(['--strict', '--keep-empty']);

// The loop below works on char codes rather than one-character strings and regexes: every
// query of a file is lexed when it opens, mostly before V8 has optimised anything.
export function lexLogQL(text: string): LexResult {
  const tokens: Token[] = [];
  const problems: LexProblem[] = [];
  const comments: { from: number; to: number }[] = [];
  let depth = 0;
  let maxDepth = 0;
  let inBraces = false;
  let pos = 0;
  const push = (kind: TokenKind, from: number, to: number) => tokens.push({ kind, from, to, depth, inBraces });

  while (pos < text.length) {
    const code = text.charCodeAt(pos);
    if (isSpace(text, pos)) {
      pos++;
      continue;
    }
    if (code === 35 /* # */) {
      const end = text.indexOf('\n', pos);
      const to = end < 0 ? text.length : end;
      comments.push({ from: pos, to });
      pos = to;
      continue;
    }
    if (code === 34 /* " */ || code === 96 /* ` */) {
      const to = scanString(text, pos, problems);
      push('string', pos, to);
      pos = to;
      continue;
    }
    if (code === 91 /* [ */) {
      push('[', pos, pos + 1);
      const close = text.indexOf(']', pos + 1);
      const end = close < 0 ? text.length : close;
      let start = pos + 1;
      while (start < end && isSpace(text, start)) start++;
      let stop = end;
      while (stop > start && isSpace(text, stop - 1)) stop--;
      if (stop > start) push('duration', start, stop);
      if (close < 0) {
        problems.push({ from: pos, to: pos + 1, code: 'logql/syntax-error', message: "missing closing ']' in duration" });
        pos = text.length;
      } else {
        push(']', close, close + 1);
        pos = close + 1;
      }
      continue;
    }
    if (code === 45 /* - */ && text.charCodeAt(pos + 1) === 45 && isAsciiLetter(text.charCodeAt(pos + 2))) {
      let end = pos + 2;
      while (isAsciiLetter(text.charCodeAt(end)) || text.charCodeAt(end) === 45) end++;
      const flag = text.slice(pos, end);
      if (!knownFlags.has(flag))
        problems.push({
          from: pos,
          to: end,
          code: 'logql/syntax-error',
          message: `unknown parser flag "${flag}"; logfmt accepts --strict and --keep-empty`,
        });
      push('flag', pos, end);
      pos = end;
      continue;
    }
    if (isDigit(code) || (code === 46 /* . */ && isDigit(text.charCodeAt(pos + 1))) || (code === 45 && isSignedDuration(text, pos))) {
      const start = pos;
      const numberStart = code === 45 ? pos + 1 : pos;
      numberPattern.lastIndex = numberStart;
      const number = numberPattern.exec(text)?.[0] ?? '';
      const end = numberStart + number.length;
      const unit = suffixToken(text, start, end);
      if (unit) {
        push(unit.kind, start, unit.to);
        pos = unit.to;
      } else if (code === 45) {
        push('operator', pos, pos + 1);
        pos++;
      } else {
        push('number', start, end);
        pos = end;
      }
      continue;
    }
    const identifierEnd = scanIdentifier(text, pos);
    if (identifierEnd > pos) {
      push('identifier', pos, identifierEnd);
      pos = identifierEnd;
      continue;
    }
    const operatorLength = operatorAt(text, pos);
    if (operatorLength > 0) {
      push('operator', pos, pos + operatorLength);
      pos += operatorLength;
      continue;
    }
    switch (code) {
      case 40 /* ( */:
        depth++;
        maxDepth = Math.max(maxDepth, depth);
        push('(', pos, pos + 1);
        break;
      case 41 /* ) */:
        push(')', pos, pos + 1);
        depth = Math.max(0, depth - 1);
        break;
      case 123 /* { */:
        push('{', pos, pos + 1);
        inBraces = true;
        break;
      case 125 /* } */:
        inBraces = false;
        push('}', pos, pos + 1);
        break;
      case 44 /* , */:
        push(',', pos, pos + 1);
        break;
      case 93 /* ] */:
        push(']', pos, pos + 1);
        break;
      default:
        problems.push({ from: pos, to: pos + 1, code: 'logql/syntax-error', message: `unexpected character ${JSON.stringify(text[pos])}` });
    }
    pos++;
  }
  return { tokens, problems, maxDepth, comments };
}

/** JavaScript's `\s`, with the ASCII cases answered without a regex. */
function isSpace(text: string, pos: number): boolean {
  const code = text.charCodeAt(pos);
  if (code < 128) return code === 32 || (code >= 9 && code <= 13);
  return /\s/.test(text[pos]);
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function isAsciiLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/** End of the identifier (`[\p{L}_][\p{L}\p{N}_]*`) at `pos`, or `pos` when there is none. */
function scanIdentifier(text: string, pos: number): number {
  const first = text.charCodeAt(pos);
  if (first < 128 && !isAsciiLetter(first) && first !== 95 /* _ */) return pos;
  let end = pos;
  if (first < 128) {
    end++;
    for (let code = text.charCodeAt(end); code < 128 && (isAsciiLetter(code) || isDigit(code) || code === 95); code = text.charCodeAt(end))
      end++;
    // Past the ASCII run: only a non-ASCII character may continue it (NaN at the end fails).
    if (!(text.charCodeAt(end) >= 128)) return end;
  }
  identifierPattern.lastIndex = pos;
  const match = identifierPattern.exec(text);
  return match ? pos + match[0].length : pos;
}

/** Length of Loki's operator at `pos` (the longest of `|= |~ |> != !~ !> =~ == >= <=`, then one character), or 0. */
function operatorAt(text: string, pos: number): number {
  const next = text[pos + 1];
  switch (text[pos]) {
    case '|':
    case '!':
      return next === '=' || next === '~' || next === '>' ? 2 : text[pos] === '|' ? 1 : 0;
    case '=':
      return next === '~' || next === '=' ? 2 : 1;
    case '>':
    case '<':
      return next === '=' ? 2 : 1;
    case '+':
    case '-':
    case '*':
    case '/':
    case '%':
    case '^':
      return 1;
    default:
      return 0;
  }
}

/** `-5s` is one duration token in Loki (negative durations in label filters); `-5` is not. */
function isSignedDuration(text: string, pos: number): boolean {
  if (!/[0-9.]/.test(text[pos + 1] ?? '')) return false;
  numberPattern.lastIndex = pos + 1;
  const number = numberPattern.exec(text)?.[0] ?? '';
  return suffixToken(text, pos, pos + 1 + number.length)?.kind === 'duration';
}

/** Loki's tryScanDuration / tryScanBytes: a unit glued to the number makes it a duration or a size. */
function suffixToken(text: string, start: number, numberEnd: number): { kind: 'duration' | 'bytes'; to: number } | undefined {
  durationSuffix.lastIndex = numberEnd;
  const durationRest = durationSuffix.exec(text)?.[0] ?? '';
  if (durationRest && isLokiDuration(text.slice(start, numberEnd + durationRest.length)))
    return { kind: 'duration', to: numberEnd + durationRest.length };
  bytesSuffix.lastIndex = numberEnd;
  const bytesRest = bytesSuffix.exec(text)?.[0] ?? '';
  if (bytesRest && isBytes(text.slice(start, numberEnd + bytesRest.length))) return { kind: 'bytes', to: numberEnd + bytesRest.length };
  return undefined;
}

const goDuration = /^[-+]?(?:(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|ms|s|m|h))+$/;

/** Loki's parseDuration: Prometheus' syntax first (`1d`, `1w`), then Go's (`1.5s`, `300us`). */
export function isLokiDuration(text: string): boolean {
  const unsigned = text.replace(/^[-+]/, '');
  return parseDuration(unsigned) !== undefined || goDuration.test(text);
}

/** Milliseconds of a Loki duration (Prometheus or Go syntax), or undefined. */
export function lokiDurationMs(text: string): number | undefined {
  const sign = text.startsWith('-') ? -1 : 1;
  const unsigned = text.replace(/^[-+]/, '');
  const prometheus = parseDuration(unsigned);
  if (prometheus !== undefined) return sign * prometheus;
  if (!goDuration.test(text)) return undefined;
  const unitMs: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  let total = 0;
  for (const [, value, unit] of unsigned.matchAll(/(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/g)) total += Number(value) * unitMs[unit];
  return sign * total;
}

/** go-humanize ParseBytes as far as Loki's lexer lets units through (`B`, `kB`, `KiB`, `MB`, …). */
export function isBytes(text: string): boolean {
  return /^(?:\d+(?:\.\d*)?|\.\d+)(?:B|[kKMGTP]i?B?)$/.test(text);
}

/** Scans a string token and reports what Go's unquoting would reject; returns its end. */
function scanString(text: string, from: number, problems: LexProblem[]): number {
  const quote = text[from];
  if (quote === '`') {
    const close = text.indexOf('`', from + 1);
    if (close < 0) {
      problems.push({ from, to: text.length, code: 'logql/syntax-error', message: 'literal not terminated' });
      return text.length;
    }
    return close + 1;
  }
  let pos = from + 1;
  while (pos < text.length) {
    const ch = text[pos];
    if (ch === '"') return pos + 1;
    if (ch === '\n') break;
    if (ch === '\\') {
      escapePattern.lastIndex = pos;
      const match = escapePattern.exec(text);
      if (!match) {
        problems.push({
          from: pos,
          to: Math.min(text.length, pos + 2),
          code: 'logql/invalid-string',
          message: `invalid escape sequence ${JSON.stringify(text.slice(pos, pos + 2))} in string`,
        });
        pos += 2;
        continue;
      }
      pos += match[0].length;
      continue;
    }
    pos++;
  }
  problems.push({ from, to: pos, code: 'logql/syntax-error', message: 'literal not terminated' });
  return pos;
}
