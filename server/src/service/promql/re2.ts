/**
 * Checks that a pattern is valid RE2 syntax as Go's regexp/syntax parses it
 * (https://github.com/golang/go/blob/master/src/regexp/syntax/parse.go), which is what
 * Prometheus compiles label-matcher regexes with. JavaScript's RegExp accepts things RE2
 * rejects (lookarounds, backreferences, possessive quantifiers) and rejects things RE2
 * accepts (`(?P<name>…)`, `(?i)`, `\z`, `[[:alpha:]]`), so we cannot lean on it.
 * Returns a message in Go's words, or undefined when the pattern is fine.
 */
export function re2Error(pattern: string): string | undefined {
  const p = new Re2Checker(pattern);
  return p.check();
}

const posixClasses = new Set([
  'alnum',
  'alpha',
  'ascii',
  'blank',
  'cntrl',
  'digit',
  'graph',
  'lower',
  'print',
  'punct',
  'space',
  'upper',
  'word',
  'xdigit',
]);
const maxRepeat = 1000;

class Re2Checker {
  private pos = 0;
  private depth = 0;
  /** Whether the last item can take a repetition operator, and whether it already has one. */
  private canRepeat = false;
  private repeated = false;

  constructor(private readonly src: string) {}

  check(): string | undefined {
    const s = this.src;
    while (this.pos < s.length) {
      const c = s[this.pos];
      const start = this.pos;
      let err: string | undefined;
      switch (c) {
        case '\\':
          err = this.escape(false);
          this.atom();
          break;
        case '[':
          err = this.charClass();
          this.atom();
          break;
        case '(':
          err = this.group();
          break;
        case ')':
          if (this.depth === 0) return `unexpected ): \`${s}\``;
          this.depth--;
          this.pos++;
          this.atom();
          break;
        case '|':
          this.pos++;
          this.canRepeat = false;
          this.repeated = false;
          break;
        case '^':
        case '$':
          this.pos++;
          // Go allows repeating empty-width assertions (`^*`), oddly enough.
          this.atom();
          break;
        case '*':
        case '+':
        case '?':
          err = this.repetition(1);
          break;
        case '{': {
          const m = /^\{(\d+)(,(\d*))?\}/.exec(s.slice(this.pos));
          if (!m) {
            this.pos++;
            this.atom();
            break;
          }
          const min = Number(m[1]);
          const max = m[2] ? (m[3] === '' ? -1 : Number(m[3])) : min;
          if (min > maxRepeat || max > maxRepeat || (max >= 0 && min > max)) {
            return `invalid repeat count: \`${m[0]}\``;
          }
          err = this.repetition(m[0].length);
          break;
        }
        default:
          this.pos += c.codePointAt(0)! > 0xffff ? 2 : 1;
          this.atom();
      }
      if (err) return err;
      if (this.pos === start) this.pos++;
    }
    if (this.depth > 0) return `missing closing ): \`${s}\``;
    return undefined;
  }

  private atom(): void {
    this.canRepeat = true;
    this.repeated = false;
  }

  private repetition(length: number): string | undefined {
    const op = this.src.slice(this.pos, this.pos + length);
    if (!this.canRepeat) return `missing argument to repetition operator: \`${op}\``;
    if (this.repeated) return `invalid nested repetition operator: \`${this.src.slice(this.pos - 1, this.pos + length)}\``;
    this.pos += length;
    if (this.src[this.pos] === '?') this.pos++; // lazy form
    this.repeated = true;
    return undefined;
  }

  private group(): string | undefined {
    const s = this.src;
    this.pos++;
    if (s[this.pos] !== '?') {
      this.depth++;
      this.canRepeat = false;
      return undefined;
    }
    const rest = s.slice(this.pos + 1);
    const named = /^(?:P?<)([A-Za-z0-9_]+)>/.exec(rest);
    if (named) {
      this.pos += 1 + named[0].length;
      this.depth++;
      this.canRepeat = false;
      return undefined;
    }
    const flags = /^([imsU]*)(-([imsU]*))?([:)])/.exec(rest);
    const flagsOk = flags && (flags[2] === undefined || flags[3] !== '') && (flags[4] === ':' || flags[1] + (flags[3] ?? '') !== '');
    if (flags && flagsOk) {
      this.pos += 1 + flags[0].length;
      if (flags[4] === ':') this.depth++;
      this.canRepeat = false;
      return undefined;
    }
    const what = /^(\?(?:<=|<!|P=|P>|[=!>#<]|[A-Za-z]*)?)/.exec(s.slice(this.pos))?.[1] ?? '?';
    const hint =
      what.startsWith('?=') || what.startsWith('?!')
        ? ' (lookahead is not supported by RE2)'
        : what.startsWith('?<=') || what.startsWith('?<!')
          ? ' (lookbehind is not supported by RE2)'
          : what.startsWith('?>')
            ? ' (atomic groups are not supported by RE2)'
            : '';
    return `invalid or unsupported Perl syntax: \`(${what}\`${hint}`;
  }

  /** An escape at `pos` (the backslash). */
  private escape(inClass: boolean): string | undefined {
    const s = this.src;
    const c = s[this.pos + 1];
    if (c === undefined) return 'trailing backslash at end of expression';
    this.pos += 2;
    if (c >= '1' && c <= '9') {
      if (c <= '7' && s[this.pos] >= '0' && s[this.pos] <= '7') {
        this.pos++;
        if (s[this.pos] >= '0' && s[this.pos] <= '7') this.pos++;
        return undefined;
      }
      return `invalid escape sequence: \`\\${c}\` (backreferences are not supported by RE2)`;
    }
    if (c === '0') {
      for (let i = 0; i < 2 && s[this.pos] >= '0' && s[this.pos] <= '7'; i++) this.pos++;
      return undefined;
    }
    if (c === 'x') {
      if (s[this.pos] === '{') {
        const m = /^\{([0-9A-Fa-f]+)\}/.exec(s.slice(this.pos));
        if (!m || parseInt(m[1], 16) > 0x10ffff) return `invalid escape sequence: \`\\x${s.slice(this.pos, this.pos + 8)}\``;
        this.pos += m[0].length;
        return undefined;
      }
      if (!/^[0-9A-Fa-f]{2}/.test(s.slice(this.pos))) return `invalid escape sequence: \`\\x${s.slice(this.pos, this.pos + 2)}\``;
      this.pos += 2;
      return undefined;
    }
    if (c === 'p' || c === 'P') {
      if (s[this.pos] === '{') {
        const end = s.indexOf('}', this.pos);
        if (end < 0) return `invalid character class range: \`\\${c}${s.slice(this.pos)}\``;
        this.pos = end + 1;
        return undefined;
      }
      if (this.pos >= s.length) return `invalid character class range: \`\\${c}\``;
      this.pos++;
      return undefined;
    }
    if (c === 'Q' && !inClass) {
      const end = s.indexOf('\\E', this.pos);
      this.pos = end < 0 ? s.length : end + 2;
      return undefined;
    }
    if ('afnrtv'.includes(c) || 'dDsSwW'.includes(c)) return undefined;
    if (!inClass && 'AzbB'.includes(c)) return undefined;
    // Any punctuation may be escaped; letters, digits and `_` may not.
    if (/[A-Za-z0-9_]/.test(c)) {
      const hint = c === 'k' ? ' (backreferences are not supported by RE2)' : c === 'Z' ? ' (use \\z)' : '';
      return `invalid escape sequence: \`\\${c}\`${hint}`;
    }
    if (c.charCodeAt(0) >= 0xd800 && c.charCodeAt(0) < 0xdc00) this.pos++;
    return undefined;
  }

  private charClass(): string | undefined {
    const s = this.src;
    const start = this.pos;
    this.pos++;
    if (s[this.pos] === '^') this.pos++;
    let first = true;
    while (this.pos < s.length && (s[this.pos] !== ']' || first)) {
      first = false;
      const posix = /^\[:(\^?)([a-z]+):\]/.exec(s.slice(this.pos));
      if (posix) {
        if (!posixClasses.has(posix[2])) return `invalid character class range: \`${posix[0]}\``;
        this.pos += posix[0].length;
        continue;
      }
      let code: number | undefined;
      if (s[this.pos] === '\\') {
        const escStart = this.pos;
        const err = this.escape(true);
        if (err) return err;
        const esc = s.slice(escStart, this.pos);
        code = esc.length === 2 && !/[dDsSwWpP]/.test(esc[1]) ? esc.charCodeAt(1) : undefined;
      } else {
        code = s.codePointAt(this.pos)!;
        this.pos += code > 0xffff ? 2 : 1;
      }
      if (s[this.pos] === '-' && s[this.pos + 1] !== ']' && this.pos + 1 < s.length && code !== undefined) {
        this.pos++;
        let hi: number | undefined;
        if (s[this.pos] === '\\') {
          const escStart = this.pos;
          const err = this.escape(true);
          if (err) return err;
          hi = this.pos - escStart === 2 ? s.charCodeAt(escStart + 1) : undefined;
        } else {
          hi = s.codePointAt(this.pos)!;
          this.pos += hi > 0xffff ? 2 : 1;
        }
        if (hi !== undefined && hi < code) return `invalid character class range: \`${s.slice(this.pos - 3, this.pos)}\``;
      }
    }
    if (this.pos >= s.length) return `missing closing ]: \`${s.slice(start)}\``;
    this.pos++;
    return undefined;
  }
}
