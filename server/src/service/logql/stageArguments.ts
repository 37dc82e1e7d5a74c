/**
 * Checks of the string arguments Loki compiles when it builds a pipeline: `pattern`
 * expressions (pkg/logql/log/pattern: lexer.rl, ast.go), `ip()` patterns (pkg/logql/log/ip.go,
 * Go's netip and netipx.ParseIPRange), JSON paths of `| json a="…"`
 * (pkg/logql/log/jsonexpr/jsonexpr.y) and logfmt keys of `| logfmt a="…"`
 * (pkg/logql/log/logfmt). Offsets are offsets into the unquoted value.
 */

export interface ArgumentProblem {
  from: number;
  to: number;
  message: string;
}

export interface PatternCapture {
  name: string;
  /** Offsets of the whole `<name>` in the pattern. */
  from: number;
  to: number;
}

/** The `<name>` captures of a pattern, `<_>` included; everything else is literal text. */
export function patternCaptures(pattern: string): PatternCapture[] {
  const captures: PatternCapture[] = [];
  for (const match of pattern.matchAll(/<([A-Za-z_][A-Za-z0-9_]*)>/g)) {
    captures.push({ name: match[1], from: match.index, to: match.index + match[0].length });
  }
  return captures;
}

/**
 * `| pattern "…"` needs a named capture, no two captures side by side and no name twice;
 * a `|>`/`!>` filter pattern may only use `<_>`, also never side by side.
 */
export function patternProblem(pattern: string, use: 'parser' | 'filter'): ArgumentProblem | undefined {
  const captures = patternCaptures(pattern);
  for (let i = 0; i + 1 < captures.length; i++) {
    if (captures[i].to === captures[i + 1].from) {
      return {
        from: captures[i].from,
        to: captures[i + 1].to,
        message: `found consecutive capture '${pattern.slice(captures[i].from, captures[i + 1].to)}': invalid expression (put literal text between captures)`,
      };
    }
  }
  const named = captures.filter((c) => c.name !== '_');
  if (use === 'filter') {
    const first = named[0];
    if (first)
      return {
        from: first.from,
        to: first.to,
        message: `named captures are not allowed in a line filter pattern: found '<${first.name}>' (use <_>)`,
      };
    return undefined;
  }
  if (named.length === 0) return { from: 0, to: pattern.length, message: 'at least one capture is required, such as <name>' };
  const seen = new Set<string>();
  for (const capture of named) {
    if (seen.has(capture.name))
      return { from: capture.from, to: capture.to, message: `duplicate capture name (${capture.name}): invalid expression` };
    seen.add(capture.name);
  }
  return undefined;
}

/** An `ip("…")` argument: one address, a CIDR prefix, or a `from-to` range of one family. */
export function ipPatternProblem(pattern: string): string | undefined {
  if (ipFamily(pattern)) return undefined;
  const slash = pattern.indexOf('/');
  if (slash >= 0) {
    const family = ipFamily(pattern.slice(0, slash));
    const bits = pattern.slice(slash + 1);
    if (family && !pattern.includes('%') && /^(0|[1-9]\d{0,2})$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128)) return undefined;
  }
  const dash = pattern.indexOf('-');
  if (dash >= 0) {
    const from = pattern.slice(0, dash);
    const to = pattern.slice(dash + 1);
    const family = ipFamily(from);
    if (family && family === ipFamily(to) && !from.includes('%') && !to.includes('%') && compareIPs(from, to, family) <= 0)
      return undefined;
  }
  return `ip: invalid pattern: ${JSON.stringify(pattern)} (expected an address, a CIDR such as 10.0.0.0/8, or a range such as 10.0.0.1-10.0.0.9)`;
}

function ipFamily(text: string): 4 | 6 | undefined {
  if (isIPv4(text)) return 4;
  if (isIPv6(text.replace(/%[^%]+$/, ''))) return 6;
  return undefined;
}

function isIPv4(text: string): boolean {
  const parts = text.split('.');
  return parts.length === 4 && parts.every((p) => /^(0|[1-9]\d{0,2})$/.test(p) && Number(p) <= 255);
}

function isIPv6(text: string): boolean {
  if (text.split('::').length > 2 || text === '') return false;
  const [head, tail] = text.includes('::') ? text.split('::') : [text, undefined];
  const groups = (part: string) => (part === '' ? [] : part.split(':'));
  const all = [...groups(head), ...(tail === undefined ? [] : groups(tail))];
  let count = 0;
  for (let i = 0; i < all.length; i++) {
    const group = all[i];
    if (i === all.length - 1 && group.includes('.')) {
      if (!isIPv4(group)) return false;
      count += 2;
    } else if (/^[0-9a-fA-F]{1,4}$/.test(group)) count++;
    else return false;
  }
  return tail === undefined ? count === 8 : count < 8;
}

function compareIPs(a: string, b: string, family: 4 | 6): number {
  if (family === 4) {
    const value = (ip: string) => ip.split('.').reduce((sum, part) => sum * 256 + Number(part), 0);
    return value(a) - value(b);
  }
  return expandIPv6(a).localeCompare(expandIPv6(b));
}

function expandIPv6(ip: string): string {
  const [head, tail] = ip.includes('::') ? ip.split('::') : [ip, ''];
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const middle = Array(Math.max(0, 8 - h.length - t.length)).fill('0');
  return [...h, ...middle, ...t].map((g) => g.padStart(4, '0').toLowerCase()).join(':');
}

/**
 * A JSON path of `| json label="path"`: a field, then `.field`, `["key"]` or `[0]` steps
 * (`a.b`, `a["b c"]`, `a[0].b`).
 */
export function jsonPathProblem(path: string): ArgumentProblem | undefined {
  let pos = 0;
  let first = true;
  const skip = () => {
    while (/\s/.test(path[pos] ?? '')) pos++;
  };
  // At the end of the path, point at its last character rather than past it.
  const fail = (message: string): ArgumentProblem => {
    const at = Math.max(0, Math.min(pos, path.length - 1));
    return { from: at, to: at + 1, message: `cannot parse expression: ${message}` };
  };
  skip();
  if (pos >= path.length) return { from: 0, to: path.length, message: 'cannot parse expression: the path is empty' };
  while (pos < path.length) {
    skip();
    if (pos >= path.length) break;
    const ch = path[pos];
    if (ch === '.' && !first) {
      pos++;
      skip();
      const field = /[A-Za-z_][A-Za-z0-9_]*/y;
      field.lastIndex = pos;
      const match = field.exec(path);
      if (!match) return fail('expected a field name after "."');
      pos += match[0].length;
    } else if (ch === '[') {
      pos++;
      skip();
      if (path[pos] === '"') {
        const close = path.indexOf('"', pos + 1);
        if (close < 0) return fail('unterminated key string');
        pos = close + 1;
      } else {
        const index = /\d+/y;
        index.lastIndex = pos;
        const match = index.exec(path);
        if (!match) return fail('expected a quoted key or an index inside [ ]');
        pos += match[0].length;
      }
      skip();
      if (path[pos] !== ']') return fail('expected "]"');
      pos++;
    } else if (first && /[A-Za-z_]/.test(ch)) {
      const field = /[A-Za-z_][A-Za-z0-9_]*/y;
      field.lastIndex = pos;
      pos += field.exec(path)![0].length;
    } else {
      return fail(`unexpected character ${JSON.stringify(ch)}`);
    }
    first = false;
  }
  return undefined;
}

/**
 * The key of `| logfmt label="key"`, as Loki's logfmt expression parser reads it: a key
 * (letters, digits and `_`, not starting with a digit), or quoted strings, after which only
 * more quoted strings may come (space, tab and newline between them). `a.b`, `a b` and `""`
 * fail when Loki builds the pipeline.
 */
export function logfmtKeyProblem(expression: string): ArgumentProblem | undefined {
  const fail = (from: number, to: number, message: string): ArgumentProblem => ({
    from,
    to,
    message: `cannot parse expression: ${message}`,
  });
  let tokens = 0;
  let pos = 0;
  while (pos < expression.length) {
    const ch = expression[pos];
    if (ch === ' ' || ch === '\t' || ch === '\n') {
      pos++;
      continue;
    }
    if (/[A-Za-z_]/.test(ch)) {
      const key = /[A-Za-z0-9_]*/y;
      key.lastIndex = pos + 1;
      const end = pos + 1 + key.exec(expression)![0].length;
      if (tokens > 0) return fail(pos, end, `unexpected key "${expression.slice(pos, end)}"; a logfmt expression is one key`);
      pos = end;
    } else if (ch === '"') {
      // A quoted string ends at the next `"` or `]`, or at the end.
      let end = pos + 1;
      while (end < expression.length && expression[end] !== '"' && expression[end] !== ']') end++;
      pos = end + 1;
    } else {
      const width = expression.codePointAt(pos)! > 0xffff ? 2 : 1;
      return fail(pos, pos + width, `unexpected character "${expression.slice(pos, pos + width)}"; a logfmt key is letters, digits and _`);
    }
    tokens++;
  }
  return tokens === 0 ? fail(0, expression.length, 'the expression is empty') : undefined;
}

/** Named groups of a regex, `(?P<name>…)` and `(?<name>…)`, with offsets of the name. */
export function regexGroupNames(pattern: string): { name: string; from: number; to: number }[] {
  const names: { name: string; from: number; to: number }[] = [];
  for (const match of pattern.matchAll(/\\.|\[(?:\\.|[^\]])*\]|\(\?P?<([^>]*)>/g)) {
    if (match[1] === undefined) continue;
    const from = match.index + match[0].length - 1 - match[1].length;
    names.push({ name: match[1], from, to: from + match[1].length });
  }
  return names;
}
