/**
 * A forgiving PromQL tokenizer for editor features. Unlike `lex.ts` (which follows Prometheus'
 * lexer and stops at the first structural error) it never stops: unterminated strings run to
 * the end, unknown characters become `other` tokens. Completion and signature help run on
 * half-typed input, where that is the normal case.
 */

export type EditorTokenKind = 'ident' | 'number' | 'string' | 'op' | '(' | ')' | '{' | '}' | '[' | ']' | ',' | ':' | 'other';

/** One token; `text` is the source slice. Comments and whitespace are skipped. */
export interface EditorToken {
  kind: EditorTokenKind;
  from: number;
  to: number;
  text: string;
  /** For strings: false when the closing quote is missing. */
  terminated?: boolean;
}

const operators = ['=~', '!~', '!=', '==', '>=', '<=', '=', '>', '<', '+', '-', '*', '/', '%', '^', '@'];
const punctuation = new Set(['(', ')', '{', '}', '[', ']', ',', ':']);

const isDigit = (c: string) => c >= '0' && c <= '9';
const isIdentStart = (c: string) => c === '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
const isIdentPart = (c: string) => isIdentStart(c) || isDigit(c) || c === ':';
const isSpace = (c: string) => c === ' ' || c === '\t' || c === '\n' || c === '\r';

/** Tokenizes the whole text in one pass. */
export function tokenize(text: string): EditorToken[] {
  const tokens: EditorToken[] = [];
  let i = 0;
  const push = (kind: EditorTokenKind, from: number, to: number, terminated?: boolean) => {
    const token: EditorToken = { kind, from, to, text: text.slice(from, to) };
    if (terminated !== undefined) token.terminated = terminated;
    tokens.push(token);
  };
  while (i < text.length) {
    const c = text[i];
    if (isSpace(c)) {
      i++;
    } else if (c === '#') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (isIdentStart(c)) {
      const start = i;
      while (i < text.length && isIdentPart(text[i])) i++;
      push('ident', start, i);
    } else if (isDigit(c) || (c === '.' && isDigit(text[i + 1] ?? ''))) {
      const start = i;
      i = scanNumber(text, i);
      push('number', start, i);
    } else if (c === '"' || c === "'" || c === '`') {
      const start = i;
      i++;
      let terminated = false;
      while (i < text.length) {
        if (text[i] === '\\' && c !== '`') {
          i += 2;
        } else if (text[i] === c) {
          i++;
          terminated = true;
          break;
        } else if (text[i] === '\n' && c !== '`') {
          break; // quoted strings cannot span lines
        } else {
          i++;
        }
      }
      push('string', start, Math.min(i, text.length), terminated);
    } else if (punctuation.has(c)) {
      push(c as EditorTokenKind, i, i + 1);
      i++;
    } else {
      const op = operators.find((candidate) => text.startsWith(candidate, i));
      if (op) {
        push('op', i, i + op.length);
        i += op.length;
      } else {
        push('other', i, i + 1);
        i++;
      }
    }
  }
  return tokens;
}

/** Numbers and durations: `5`, `1.5e3`, `0x1f`, `5m`, `1h30m`. */
function scanNumber(text: string, start: number): number {
  let i = start;
  while (i < text.length && (isDigit(text[i]) || text[i] === '.')) i++;
  if (
    (text[i] === 'e' || text[i] === 'E') &&
    (isDigit(text[i + 1] ?? '') || ((text[i + 1] === '+' || text[i + 1] === '-') && isDigit(text[i + 2] ?? '')))
  ) {
    i += 2;
    while (i < text.length && isDigit(text[i])) i++;
  }
  // Duration units and hex digits run on as letters and digits.
  while (i < text.length && isIdentPart(text[i]) && text[i] !== ':') i++;
  return i;
}

/** The decoded content of a string token (quotes removed, escapes kept simple). */
export function stringContent(token: EditorToken): string {
  const body = token.text.slice(1, token.terminated ? -1 : undefined);
  return token.text.startsWith('`') ? body : body.replace(/\\(.)/g, '$1');
}

/** Index of the last token that ends at or before `offset`, or -1 (binary search). */
export function lastTokenBefore(tokens: readonly EditorToken[], offset: number): number {
  let lo = 0;
  let hi = tokens.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid].to <= offset) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}

/** The index of the token whose range contains `offset` strictly inside or at its end, else -1. */
export function tokenTouching(tokens: readonly EditorToken[], offset: number): number {
  const before = lastTokenBefore(tokens, offset);
  const next = tokens[before + 1];
  if (next && next.from < offset && offset < next.to) return before + 1;
  if (before >= 0 && tokens[before].to === offset) return before;
  return -1;
}
