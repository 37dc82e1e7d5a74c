import { labelListKeywords } from './completionFrames';
import { lexPromQL, type LexResult, type Token } from './lex';
import { numberValue } from './literals';
import { functions } from '../catalog/functions';

/**
 * What Prometheus reads and lezer-promql's grammar does not, rewritten for lezer at the same
 * offsets and lengths, so that every feature (checks, hover, formatting, `$labels` inference)
 * reads one tree and its nodes span the text as written:
 * - numbers such as `5.`, `1.e3`, `0x1_F`, `0X1F` (the same value: `05`, `01e3`, `0x01F`, `0x1F`);
 * - calls of functions the grammar has only inside durations (`max_of(a, b)`), read as a call of
 *   a function it knows (callMask);
 * - duration functions written in capitals inside durations (`[STEP()]`, `offset Range()`),
 *   which Prometheus' lexer lower-cases there;
 * - `offset` as a metric name (`offset{job="x"}`, `a + offset`), which Prometheus' grammar
 *   takes wherever no expression comes before it (metric_identifier includes OFFSET).
 */

/**
 * Functions of Prometheus 3.14 that lezer-promql 0.315 parses only inside a duration
 * (`[max_of(step(), 1m)]`), not as calls of their own (`max_of(1, 2)`, valid with
 * promql-experimental-functions). The validation tests check the list against the grammar.
 */
export const callsTheGrammarLacks: ReadonlySet<string> = new Set(['max_of', 'min_of']);

export interface GrammarRewrite {
  from: number;
  to: number;
  text: string;
  /** The real name of a masked call (callMask), for the type check. */
  lackedCall?: string;
}

// Cheap test before lexing: could the text hold anything rewritten here? (Strings and names
// may match too; they only cost a lex.)
const mayNeedRewrite = /[0-9]\.(?![0-9])|0X|0x[0-9a-fA-F]*_|offset|step|range|max_of|min_of/i;

/** The text lezer-promql should parse for `text`: the text itself unless it needs rewrites. */
export function grammarCompatible(text: string): string {
  if (!mayNeedRewrite.test(text)) return text;
  return applyRewrites(text, grammarRewrites(text, lexPromQL(text)));
}

/** The rewrites of `text`, in order. */
export function grammarRewrites(text: string, lex: LexResult): GrammarRewrite[] {
  const rewrites: GrammarRewrite[] = [];
  let inOffset: Set<number> | undefined; // only read for a call the grammar lacks
  lex.tokens.forEach((token, i) => {
    if (token.kind === 'number') {
      const written = grammarNumber(text.slice(token.from, token.to));
      if (written !== undefined) rewrites.push({ from: token.from, to: token.to, text: written });
      return;
    }
    if (token.kind !== 'identifier' || token.inBraces) return;
    const name = text.slice(token.from, token.to);
    if (lex.tokens[i + 1]?.kind !== '(') {
      if (!token.inBrackets && name.toLowerCase() === 'offset' && startsOperand(text, lex.tokens, i)) {
        rewrites.push({ from: token.from, to: token.to, text: offsetAsMetric });
      }
      return;
    }
    const lower = name.toLowerCase();
    if (durationFunctions.has(lower) && lower !== name && (token.inBrackets || (inOffset ??= offsetDurationTokens(text, lex)).has(i))) {
      rewrites.push({ from: token.from, to: token.to, text: lower });
      return;
    }
    if (token.inBrackets) return;
    if (callsTheGrammarLacks.has(name) && !(inOffset ??= offsetDurationTokens(text, lex)).has(i)) {
      rewrites.push({ ...callMask(token, name), lackedCall: name });
    }
  });
  return rewrites;
}

/** Functions of duration expressions, whose names Prometheus reads in any case there. */
const durationFunctions: ReadonlySet<string> = new Set(['step', 'range', 'max_of', 'min_of']);

/** A metric name of `offset`'s length that is no keyword. */
const offsetAsMetric = 'offse_';

/** Words after which an operand begins (set operators and modifiers taking one). */
const operandBefore: ReadonlySet<string> = new Set(['and', 'or', 'unless', 'bool', 'group_left', 'group_right']);
/** Words whose `( … )` an operand follows: label lists (`on (job)`) and fill values (`fill (0)`). */
const operandAfterParens: ReadonlySet<string> = new Set([...labelListKeywords, 'fill', 'fill_left', 'fill_right']);

/** Whether token `i` begins an operand: no expression ends right before it (else `offset` is the modifier). */
function startsOperand(text: string, tokens: readonly Token[], i: number): boolean {
  const before = tokens[i - 1];
  if (!before) return true;
  const word = (token: Token | undefined) => (token?.kind === 'identifier' ? text.slice(token.from, token.to).toLowerCase() : '');
  switch (before.kind) {
    case '(':
    case ',':
    case 'operator':
      return true;
    case 'identifier':
      return operandBefore.has(word(before));
    case ')': {
      let depth = 0;
      for (let k = i - 1; k >= 0; k--) {
        if (tokens[k].kind === ')') depth++;
        else if (tokens[k].kind === '(' && --depth === 0) return operandAfterParens.has(word(tokens[k - 1]));
      }
      return false;
    }
    default:
      return false;
  }
}

/**
 * `name(` read as a call of a function the grammar knows, of the same length where there is one
 * (so the FunctionIdentifier node spans the name as written, for hover and formatting), else
 * `ln` and spaces. Which function does not matter: checks read the real name back.
 */
export function callMask(token: Token, name: string): GrammarRewrite {
  const known = knownFunctionOfLength.get(name.length);
  return { from: token.from, to: token.to, text: known ?? (name.length >= 2 ? 'ln' + ' '.repeat(name.length - 2) : ' ') };
}

/**
 * Catalog functions lezer-promql parses as calls, one per name length (the first in code-unit
 * order: localeCompare would load ICU's collator, ~8 ms of every server start).
 */
const knownFunctionOfLength = new Map<number, string>();
for (const { name } of [...functions].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
  if (!callsTheGrammarLacks.has(name) && !knownFunctionOfLength.has(name.length)) knownFunctionOfLength.set(name.length, name);
}

/** The text with the rewrites (same-length, non-overlapping, in any order) applied. */
export function applyRewrites(text: string, rewrites: readonly GrammarRewrite[]): string {
  if (rewrites.length === 0) return text;
  const parts: string[] = [];
  let last = 0;
  for (const rewrite of [...rewrites].sort((a, b) => a.from - b.from)) {
    parts.push(text.slice(last, rewrite.from), rewrite.text);
    last = rewrite.to;
  }
  return parts.join('') + text.slice(last);
}

/**
 * Indexes of the tokens of `offset` durations (`offset 5m`, `offset -max_of(step(), 1m)`,
 * `offset (1h + step())`): lezer reads duration functions there, as inside `[…]`.
 */
function offsetDurationTokens(text: string, lex: LexResult): Set<number> {
  const inside = new Set<number>();
  const { tokens } = lex;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.kind !== 'identifier' || text.slice(token.from, token.to).toLowerCase() !== 'offset') continue;
    let j = i + 1;
    while (tokens[j]?.kind === 'operator' && /^[+-]$/.test(text.slice(tokens[j].from, tokens[j].to))) inside.add(j++);
    // A call or a parenthesis runs to its closing `)`; anything else is one token.
    const opens = tokens[j]?.kind === '(' ? j : tokens[j]?.kind === 'identifier' && tokens[j + 1]?.kind === '(' ? j + 1 : -1;
    if (opens === -1) {
      if (tokens[j]) inside.add(j);
      continue;
    }
    for (let k = j, depth = 0; k < tokens.length; k++) {
      inside.add(k);
      if (tokens[k].kind === '(') depth++;
      else if (tokens[k].kind === ')' && --depth === 0 && k >= opens) break;
    }
  }
  return inside;
}

/**
 * A valid number lezer-promql cannot read, rewritten with the same value and length (leading
 * zeros make up for what was dropped, so the tree's node spans the token as written);
 * undefined for the rest.
 */
function grammarNumber(value: string): string | undefined {
  const hex = /^0[xX]/.test(value);
  // Most numbers read as written: only a dot without digits after it, `_` or `0X` need a rewrite.
  if (hex ? !/[X_]/.test(value) : !/\.(?![0-9])/.test(value)) return undefined;
  if ('error' in numberValue(value)) return undefined;
  if (hex) {
    const digits = value.slice(2).replace(/_/g, '');
    const rewritten = '0x' + digits.padStart(value.length - 2, '0');
    return rewritten === value ? undefined : rewritten;
  }
  const rewritten = value.replace(/\.(?![0-9])/, '');
  return rewritten === value ? undefined : rewritten.padStart(value.length, '0');
}
