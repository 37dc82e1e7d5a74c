import { Tree } from '@lezer/common';
import { parser } from '@grafana/lezer-logql';
import { logqlCatalog } from '../catalog/logql';
import type { LexResult, Token } from './lex';
import { treeHasErrors } from '../promql/tree';

/**
 * Parses LogQL with Grafana's lezer grammar (@grafana/lezer-logql). Never throws: syntax
 * errors become error nodes, and absurd nesting that would exhaust lezer's recursion gives an
 * empty tree.
 */
export function parseLogQL(text: string): Tree {
  try {
    return parser.parse(text);
  } catch (error) {
    if (error instanceof RangeError) return Tree.empty;
    throw error;
  }
}

export interface ParsedLogQL {
  tree: Tree;
  /** The text lezer parsed: the query, or a same-length copy with repairs (see below). */
  parsedText: string;
  /** `offset <duration>` clauses blanked out for lezer, checked by us instead. */
  maskedOffsets: { from: number; to: number }[];
  /** The tree has no error node (found once here, so callers need not walk it again). */
  clean: boolean;
}

/**
 * The lezer grammar lags Loki's (pkg/logql/syntax/syntax.y) in a few places; a query Loki
 * accepts must never be flagged, so when the plain parse fails we retry on a copy with
 * offset-preserving repairs and keep it if it parses cleanly:
 * - `… | unwrap x [5m] offset 1h`: lezer has no offset after an unwrapped range;
 * - `rate(({…} | unwrap x)[5m])`: lezer has no parenthesised unwrapped selector;
 * - `|= ip("a") or ip("b") or "c"`: lezer ends an `or` chain after a second ip();
 * - `| a="b" c="d"`: label filters side by side mean `and` in Loki;
 * - hex floats such as `0x1p3`, which Go's ParseFloat reads;
 * - upper-case keywords (`RATE(`), which Loki's lexer lower-cases.
 */
export function parseWithRepairs(text: string, lex: LexResult): ParsedLogQL {
  const tree = parseLogQL(text);
  if (!treeHasErrors(tree)) return { tree, parsedText: text, maskedOffsets: [], clean: true };
  const unrepaired: ParsedLogQL = { tree, parsedText: text, maskedOffsets: [], clean: false };
  const chars = text.split('');
  const maskedOffsets: { from: number; to: number }[] = [];
  const blank = (from: number, to: number) => {
    for (let i = from; i < to; i++) if (chars[i] !== '\n') chars[i] = ' ';
  };
  const { tokens } = lex;
  const value = (t: Token | undefined) => (t ? text.slice(t.from, t.to) : '');
  let braceDepth = 0;
  let inLabelFilter = false;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    const word = value(token).toLowerCase();
    if (token.kind === '{') braceDepth++;
    if (token.kind === '}') braceDepth--;
    // `] offset 1h`
    // (never when a second offset follows: Loki rejects that, and masking would hide it)
    if (
      token.kind === ']' &&
      value(tokens[i + 1]).toLowerCase() === 'offset' &&
      tokens[i + 2]?.kind === 'duration' &&
      value(tokens[i + 3]).toLowerCase() !== 'offset'
    ) {
      maskedOffsets.push({ from: tokens[i + 1].from, to: tokens[i + 2].to });
      blank(tokens[i + 1].from, tokens[i + 2].to);
    }
    // `rate((` … `)[`
    if (token.kind === '(' && tokens[i - 1]?.kind === '(' && tokens[i + 1]?.kind === '{') {
      const close = matchingParen(tokens, i);
      if (close !== undefined && tokens[close + 1]?.kind === '[') {
        blank(token.from, token.to);
        blank(tokens[close].from, tokens[close].to);
      }
    }
    // `ip("a") or …` inside a line filter chain: `or` -> `|=` keeps lezer going.
    if (word === 'or' && tokens[i - 1]?.kind === ')' && value(tokens[i - 4]).toLowerCase() === 'ip' && !inLabelFilter) {
      chars[token.from] = '|';
      chars[token.from + 1] = '=';
    }
    // Loki's lexer matches keywords case-insensitively (`SUM`, `Rate`); lezer does not always.
    if (token.kind === 'identifier' && braceDepth === 0 && keywords.has(word) && value(token) !== word) {
      for (let k = token.from; k < token.to; k++) chars[k] = text[k].toLowerCase();
    }
    if (token.kind === 'number' && /^0[xX].*[pP]/.test(value(token))) {
      blank(token.from, token.to);
      chars[token.from] = '1';
    }
    // Label filters: `| name op value name op value`.
    if (token.kind === 'operator' && braceDepth === 0) {
      if (value(token) === '|') inLabelFilter = tokens[i + 1]?.kind === 'identifier' && tokens[i + 2]?.kind === 'operator';
      else if (value(token).startsWith('|') || value(token).startsWith('!')) inLabelFilter = inLabelFilter && value(token) === '!=';
    }
    if (
      inLabelFilter &&
      isFilterValue(tokens[i]) &&
      tokens[i + 1]?.kind === 'identifier' &&
      tokens[i + 2]?.kind === 'operator' &&
      !value(tokens[i + 2]).startsWith('|')
    ) {
      const name = value(tokens[i + 1]).toLowerCase();
      const gap = tokens[i + 1].from - 1;
      if (!['and', 'or', 'unwrap', 'offset'].includes(name) && gap >= token.to && /\s/.test(text[gap])) chars[gap] = ',';
    }
    if (token.kind === '[' || token.kind === ')') inLabelFilter = inLabelFilter && token.kind === ')';
  }
  const parsedText = chars.join('');
  if (parsedText === text) return unrepaired;
  const repaired = parseLogQL(parsedText);
  if (treeHasErrors(repaired) || (repaired.length === 0 && text.trim() !== '')) return unrepaired;
  return { tree: repaired, parsedText, maskedOffsets, clean: true };
}

const keywords = new Set([
  ...logqlCatalog.filter((entry) => /^[a-z_]+$/.test(entry.name)).map((entry) => entry.name),
  'by',
  'without',
  'bool',
  'offset',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'and',
  'or',
  'unless',
  'unwrap',
]);

function isFilterValue(token: Token | undefined): boolean {
  return !!token && ['string', 'number', 'duration', 'bytes', ')'].includes(token.kind);
}

function matchingParen(tokens: readonly Token[], open: number): number | undefined {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    if (tokens[i].kind === '(') depth++;
    if (tokens[i].kind === ')' && --depth === 0) return i;
  }
  return undefined;
}
