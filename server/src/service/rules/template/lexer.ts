/**
 * A lexer for Go's text/template, as alerting-rule labels and annotations use it. Follows
 * golang/go src/text/template/parse/lex.go: `{{`/`}}` delimiters with `-` trim markers,
 * comments, strings, numbers, `$variables`, `.Fields`, identifiers and keywords.
 */

export type TemplateTokenType =
  | 'text'
  | 'left'
  | 'right'
  | 'comment'
  | 'space'
  | 'identifier'
  | 'keyword'
  | 'bool'
  | 'nil'
  | 'dot'
  | 'field'
  | 'variable'
  | 'string'
  | 'rawString'
  | 'char'
  | 'number'
  | 'pipe'
  | 'declare'
  | 'assign'
  | 'leftParen'
  | 'rightParen'
  | 'comma'
  | 'error'
  | 'eof';

/** A token; `from`/`to` are offsets in the template text. */
export interface TemplateToken {
  type: TemplateTokenType;
  value: string;
  from: number;
  to: number;
}

const keywords = new Set(['block', 'break', 'continue', 'define', 'else', 'end', 'if', 'range', 'template', 'with']);
const isSpace = (ch: string | undefined) => ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n';
/** Go's unicode.IsLetter/IsDigit or `_`; ASCII without a regex, since nearly every character is. */
function isAlphaNumeric(ch: string | undefined): boolean {
  if (ch === undefined) return false;
  const code = ch.charCodeAt(0);
  if (code < 128) return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95;
  return /[\p{L}\p{Nd}]/u.test(ch);
}

/** All tokens of a template; lexing stops at the first error token. */
export function lexTemplate(text: string): TemplateToken[] {
  const tokens: TemplateToken[] = [];
  let pos = 0;
  const push = (type: TemplateTokenType, from: number, to: number, value = text.slice(from, to)) => tokens.push({ type, value, from, to });
  const fail = (message: string, from: number, to = from + 1) => {
    push('error', from, Math.min(Math.max(to, from), text.length), message);
    return tokens;
  };

  while (pos < text.length) {
    const open = text.indexOf('{{', pos);
    if (open === -1) {
      push('text', pos, text.length);
      pos = text.length;
      break;
    }
    if (open > pos) push('text', pos, open);
    let inside = open + 2;
    if (text[inside] === '-' && isSpace(text[inside + 1])) inside += 2;
    // Comments: `{{/* … */}}`, nothing else in the action.
    if (text.startsWith('/*', inside)) {
      const close = text.indexOf('*/', inside + 2);
      if (close === -1) return fail('unclosed comment', open, text.length);
      let end = close + 2;
      if (isSpace(text[end]) && text[skipSpace(text, end)] === '-' && text.startsWith('}}', skipSpace(text, end) + 1))
        end = skipSpace(text, end) + 1;
      if (!text.startsWith('}}', end)) return fail('comment ends before closing delimiter', close, close + 2);
      push('comment', open, end + 2);
      pos = end + 2;
      continue;
    }
    push('left', open, inside);
    pos = inside;
    let parenDepth = 0;
    for (;;) {
      if (pos >= text.length) return fail('unclosed action', open, text.length);
      const ch = text[pos];
      const trimRight = isSpace(ch) && text[skipSpace(text, pos)] === '-' && text.startsWith('}}', skipSpace(text, pos) + 1);
      if (text.startsWith('}}', pos) || trimRight) {
        if (parenDepth > 0) return fail('unclosed left paren', pos);
        const end = trimRight ? skipSpace(text, pos) + 3 : pos + 2;
        push('right', pos, end);
        pos = end;
        break;
      }
      const start = pos;
      if (isSpace(ch)) {
        pos = skipSpace(text, pos);
        push('space', start, pos);
      } else if (ch === '=') {
        push('assign', start, ++pos);
      } else if (ch === ':') {
        if (text[pos + 1] !== '=') return fail('expected :=', pos);
        pos += 2;
        push('declare', start, pos);
      } else if (ch === '|') {
        push('pipe', start, ++pos);
      } else if (ch === '"' || ch === '`' || ch === "'") {
        const end = quotedEnd(text, pos);
        if (end < 0)
          return fail(
            ch === '"' ? 'unterminated quoted string' : ch === '`' ? 'unterminated raw quoted string' : 'unterminated character constant',
            start,
            text.length,
          );
        pos = end;
        push(ch === '"' ? 'string' : ch === '`' ? 'rawString' : 'char', start, pos);
      } else if (ch === '$') {
        pos = identifierEnd(text, pos + 1);
        push('variable', start, pos);
      } else if (ch === '.' && !/[0-9]/.test(text[pos + 1] ?? '')) {
        pos = identifierEnd(text, pos + 1);
        push(pos === start + 1 ? 'dot' : 'field', start, pos);
      } else if (/[0-9+\-.]/.test(ch)) {
        pos = numberEnd(text, pos);
        if (pos === start + 1 && (ch === '+' || ch === '-')) return fail(`bad number syntax: "${ch}"`, start);
        if (isAlphaNumeric(text[pos]))
          return fail(`bad number syntax: "${text.slice(start, identifierEnd(text, pos))}"`, start, identifierEnd(text, pos));
        push('number', start, pos);
      } else if (isAlphaNumeric(ch)) {
        pos = identifierEnd(text, pos);
        const word = text.slice(start, pos);
        push(
          keywords.has(word) ? 'keyword' : word === 'true' || word === 'false' ? 'bool' : word === 'nil' ? 'nil' : 'identifier',
          start,
          pos,
        );
      } else if (ch === '(') {
        parenDepth++;
        push('leftParen', start, ++pos);
      } else if (ch === ')') {
        if (--parenDepth < 0) return fail(`unexpected right paren`, start);
        push('rightParen', start, ++pos);
      } else if (ch === ',') {
        push('comma', start, ++pos);
      } else {
        return fail(`unrecognized character in action: ${JSON.stringify(ch)}`, start);
      }
    }
  }
  push('eof', text.length, text.length);
  return tokens;
}

function skipSpace(text: string, pos: number): number {
  while (isSpace(text[pos])) pos++;
  return pos;
}

function identifierEnd(text: string, pos: number): number {
  while (isAlphaNumeric(text[pos])) pos++;
  return pos;
}

/** A Go number literal: sign, 0x/0o/0b prefix, digits with `_`, fraction, exponent, `i`. */
function numberEnd(text: string, pos: number): number {
  if (text[pos] === '+' || text[pos] === '-') pos++;
  let digits = /[0-9_]/;
  let exponent = /[eE]/;
  if (text[pos] === '0' && /[xX]/.test(text[pos + 1] ?? '')) {
    pos += 2;
    digits = /[0-9a-fA-F_]/;
    exponent = /[pP]/;
  } else if (text[pos] === '0' && /[oObB]/.test(text[pos + 1] ?? '')) pos += 2;
  const run = () => {
    while (digits.test(text[pos] ?? '')) pos++;
  };
  run();
  if (text[pos] === '.') {
    pos++;
    run();
  }
  if (exponent.test(text[pos] ?? '')) {
    pos++;
    if (text[pos] === '+' || text[pos] === '-') pos++;
    while (/[0-9_]/.test(text[pos] ?? '')) pos++;
  }
  if (text[pos] === 'i') pos++;
  return pos;
}

/** End of a "…", `…` or '…' literal starting at `pos`, or -1 when it is not closed. */
function quotedEnd(text: string, pos: number): number {
  const quote = text[pos];
  for (let i = pos + 1; i < text.length; i++) {
    const ch = text[i];
    if (quote !== '`' && ch === '\\') i++;
    else if (ch === quote) return i + 1;
    else if (quote !== '`' && ch === '\n') return -1;
  }
  return -1;
}
