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

const operators = ['|=', '|~', '|>', '!=', '!~', '!>', '=~', '==', '>=', '<=', '|', '=', '>', '<', '+', '-', '*', '/', '%', '^'];
const numberPattern =
  /0[xX][0-9a-fA-F_]*(?:\.[0-9a-fA-F_]*)?(?:[pP][+-]?\d+)?|0[bBoO][0-9_]*|\d[\d_]*(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?/y;
const durationSuffix = /[0-9nuµmshdwy.]*/y;
const bytesSuffix = /[0-9BikKMGTP.]*/y;
const identifierPattern = /[\p{L}_][\p{L}\p{N}_]*/uy;
const knownFlags = new Set(['--strict', '--keep-empty']);

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
    const ch = text[pos];
    if (/\s/.test(ch)) {
      pos++;
      continue;
    }
    if (ch === '#') {
      const end = text.indexOf('\n', pos);
      const to = end < 0 ? text.length : end;
      comments.push({ from: pos, to });
      pos = to;
      continue;
    }
    if (ch === '"' || ch === '`') {
      const to = scanString(text, pos, problems);
      push('string', pos, to);
      pos = to;
      continue;
    }
    if (ch === '[') {
      push('[', pos, pos + 1);
      const close = text.indexOf(']', pos + 1);
      const end = close < 0 ? text.length : close;
      const start = pos + 1 + (text.slice(pos + 1, end).length - text.slice(pos + 1, end).trimStart().length);
      const stop = end - (text.slice(pos + 1, end).length - text.slice(pos + 1, end).trimEnd().length);
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
    if (ch === '-' && text[pos + 1] === '-' && /[a-z]/i.test(text[pos + 2] ?? '')) {
      const match = /--[A-Za-z-]+/y;
      match.lastIndex = pos;
      const flag = match.exec(text)![0];
      if (!knownFlags.has(flag))
        problems.push({
          from: pos,
          to: pos + flag.length,
          code: 'logql/syntax-error',
          message: `unknown parser flag "${flag}"; logfmt accepts --strict and --keep-empty`,
        });
      push('flag', pos, pos + flag.length);
      pos += flag.length;
      continue;
    }
    if (/[0-9]/.test(ch) || (ch === '.' && /[0-9]/.test(text[pos + 1] ?? '')) || (ch === '-' && isSignedDuration(text, pos))) {
      const start = pos;
      const numberStart = ch === '-' ? pos + 1 : pos;
      numberPattern.lastIndex = numberStart;
      const number = numberPattern.exec(text)?.[0] ?? '';
      const end = numberStart + number.length;
      const unit = suffixToken(text, start, end);
      if (unit) {
        push(unit.kind, start, unit.to);
        pos = unit.to;
      } else if (ch === '-') {
        push('operator', pos, pos + 1);
        pos++;
      } else {
        push('number', start, end);
        pos = end;
      }
      continue;
    }
    identifierPattern.lastIndex = pos;
    const identifier = identifierPattern.exec(text);
    if (identifier) {
      push('identifier', pos, pos + identifier[0].length);
      pos += identifier[0].length;
      continue;
    }
    const op = operators.find((o) => text.startsWith(o, pos));
    if (op) {
      push('operator', pos, pos + op.length);
      pos += op.length;
      continue;
    }
    switch (ch) {
      case '(':
        depth++;
        maxDepth = Math.max(maxDepth, depth);
        push('(', pos, pos + 1);
        break;
      case ')':
        push(')', pos, pos + 1);
        depth = Math.max(0, depth - 1);
        break;
      case '{':
        push('{', pos, pos + 1);
        inBraces = true;
        break;
      case '}':
        inBraces = false;
        push('}', pos, pos + 1);
        break;
      case ',':
      case ']':
        push(ch, pos, pos + 1);
        break;
      default:
        problems.push({ from: pos, to: pos + 1, code: 'logql/syntax-error', message: `unexpected character ${JSON.stringify(ch)}` });
    }
    pos++;
  }
  return { tokens, problems, maxDepth, comments };
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
      const escape = /\\(?:[abfnrtv\\"]|[0-7]{3}|x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8})/y;
      escape.lastIndex = pos;
      const match = escape.exec(text);
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
