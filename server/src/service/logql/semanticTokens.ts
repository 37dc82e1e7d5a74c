import type { EmbeddedRegion } from '../types';
import { logqlCatalog, logqlStageNames } from '../catalog/logql';
import { lexLogQL, type Token } from './lex';

/**
 * Semantic tokens for LogQL inside YAML. The TextMate injection cannot know which language a
 * rule's `expr` holds (a `|` block's first line says nothing, and metric-only LogQL such as
 * `count_over_time({app="api"}[5m]) > 0` looks like PromQL), so it colours every expression as
 * PromQL; the server knows each region's language, and these tokens recolour LogQL ones.
 * `.logql` files need none: their grammar is LogQL throughout.
 */
export const semanticTokenTypes = [
  'keyword',
  'function',
  'operator',
  'string',
  'number',
  'regexp',
  'property',
  'parameter',
  'comment',
] as const;
type SemanticTokenType = (typeof semanticTokenTypes)[number];

/** One token in document offsets, on a single line. */
export interface DocumentToken {
  from: number;
  to: number;
  type: SemanticTokenType;
}

const groupingWords = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right']);
const otherKeywords = new Set(['bool', 'offset', 'and', 'or', 'unless']);
const functions = new Set(
  logqlCatalog
    .filter((entry) => ['range-aggregation', 'vector-aggregation', 'function', 'conversion'].includes(entry.kind))
    .map((entry) => entry.name),
);
const regexOperators = new Set(['=~', '!~', '|~']);

/**
 * The tokens of every LogQL region of a document, in document order, each on one line.
 * `memo` keeps each query's tokens between calls (an editor asks again after every edit,
 * and an edit changes one query): pass the map the previous call returned.
 */
export function logqlDocumentTokens(
  documentText: string,
  regions: readonly EmbeddedRegion[],
  memo: ReadonlyMap<string, DocumentToken[]> = new Map(),
): { tokens: DocumentToken[]; memo: Map<string, DocumentToken[]> } {
  const tokens: DocumentToken[] = [];
  const next = new Map<string, DocumentToken[]>();
  let inOrder = true;
  for (const region of regions) {
    if (region.language !== 'logql') continue;
    const own = next.get(region.text) ?? memo.get(region.text) ?? regionTokens(region.text);
    next.set(region.text, own);
    const first = tokens.length;
    for (const token of own)
      splitByLine(documentText, region.toDocumentOffset(token.from), region.toDocumentOffset(token.to), token.type, tokens);
    if (first > 0 && first < tokens.length && tokens[first].from < tokens[first - 1].from) inOrder = false;
  }
  if (!inOrder) tokens.sort((a, b) => a.from - b.from);
  return { tokens, memo: next };
}

/** The tokens of one query, in its own offsets. */
export function regionTokens(text: string): DocumentToken[] {
  const lex = lexLogQL(text);
  const out: DocumentToken[] = lex.comments.map((c) => ({ from: c.from, to: c.to, type: 'comment' as const }));
  lex.tokens.forEach((token, i) => {
    const type = tokenType(text, token, lex.tokens[i - 1], lex.tokens[i + 1]);
    if (type) out.push({ from: token.from, to: token.to, type });
  });
  return out.sort((a, b) => a.from - b.from);
}

function tokenType(text: string, token: Token, before: Token | undefined, after: Token | undefined): SemanticTokenType | undefined {
  const word = () => text.slice(token.from, token.to);
  switch (token.kind) {
    case 'string':
      return before && regexOperators.has(text.slice(before.from, before.to)) ? 'regexp' : 'string';
    case 'number':
    case 'duration':
    case 'bytes':
      return 'number';
    case 'flag':
      return 'parameter';
    case 'operator':
      return 'operator';
    case 'identifier': {
      if (token.inBraces) return 'property';
      const lower = word().toLowerCase();
      const next = after ? text.slice(after.from, after.to).toLowerCase() : '';
      // `sum(…)`, `sum by (…) (…)`, `bytes(size)`
      if (functions.has(lower) && (next === '(' || next === 'by' || next === 'without')) return 'function';
      // A stage name is a keyword right after a `|`; elsewhere it is a label (`drop json`).
      if (logqlStageNames.has(lower) && before && text.slice(before.from, before.to) === '|') return 'keyword';
      if ((groupingWords.has(lower) && (next === '(' || lower.startsWith('group_'))) || otherKeywords.has(lower)) return 'keyword';
      return 'property'; // a label: in a filter, `by (…)`, `unwrap`, a parser's parameter
    }
    default:
      return undefined; // brackets and commas keep the grammar's colours
  }
}

/** A token that crosses line breaks (a `>` block folds them into spaces) becomes one per line. */
function splitByLine(documentText: string, from: number, to: number, type: SemanticTokenType, out: DocumentToken[]): void {
  let start = from;
  while (start < to) {
    const newline = documentText.indexOf('\n', start);
    const end = newline === -1 || newline >= to ? to : newline;
    let first = start;
    if (start !== from) while (first < end && (documentText[first] === ' ' || documentText[first] === '\t')) first++;
    const last = end > first && documentText[end - 1] === '\r' ? end - 1 : end;
    if (last > first) out.push({ from: first, to: last, type });
    start = end + 1;
  }
}

/**
 * The tokens in LSP's relative encoding: per token, the line delta, the start (relative to the
 * previous token's on the same line), the length, the type's index, and no modifiers. Lines
 * are counted by walking the text once, as the tokens come in order.
 */
export function encodeSemanticTokens(documentText: string, tokens: readonly DocumentToken[]): number[] {
  const data = new Array<number>(tokens.length * 5);
  let line = 0;
  let lineStart = 0;
  let previousLine = 0;
  let previousStart = 0;
  let i = 0;
  for (const token of tokens) {
    for (
      let newline = documentText.indexOf('\n', lineStart);
      newline !== -1 && newline < token.from;
      newline = documentText.indexOf('\n', lineStart)
    ) {
      line++;
      lineStart = newline + 1;
    }
    const character = token.from - lineStart;
    data[i++] = line - previousLine;
    data[i++] = line === previousLine ? character - previousStart : character;
    data[i++] = token.to - token.from;
    data[i++] = typeIndex[token.type];
    data[i++] = 0;
    previousLine = line;
    previousStart = character;
  }
  return data;
}

const typeIndex = Object.fromEntries(semanticTokenTypes.map((type, index) => [type, index])) as Record<SemanticTokenType, number>;
