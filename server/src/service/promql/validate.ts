import { parseGrammarText } from './parse';
import { aggregations } from '../catalog/aggregations';
import { aggregationNames, keywordWords } from './completionFrames';
import { functions, functionsByName } from '../catalog/functions';
import type { ExprContext, ExprProblem, ValueType } from '../types';
import { checkTree } from './checkAst';
import { checkMatcherRegexes } from './checkSelectors';
import { lexPromQL, type LexResult } from './lex';
import { applyRewrites, callMask, grammarRewrites } from './grammarCompat';
import { durationSeconds, numberValue } from './literals';
import { firstSyntaxError } from './syntaxErrors';
import { treeHasErrors } from './tree';

export interface ValidateOptions {
  /** Where the expression is used: rule expressions must yield an instant vector or a scalar. */
  context: ExprContext;
  /** When true, feature-flagged functions and syntax are accepted silently. */
  experimentalFeaturesEnabled: boolean;
}

export interface ValidationResult {
  /** Problems in offsets of `text`, sorted by position. */
  problems: ExprProblem[];
  /** The expression's type, when it type-checks. */
  type?: ValueType;
}

// Lezer gives up on very deep trees (@lezer/lr: CutDepth, MaxLeftAssociativeReductionCount)
// and reports errors Prometheus would not; past these sizes we only run token-level checks.
const maxNesting = 1000;
const maxChainedOperators = 250;

/**
 * Validates one PromQL expression like Prometheus' parser does, with messages that point at
 * the offending token. Pure; never throws.
 */
export function validatePromQL(text: string, options: ValidateOptions): ValidationResult {
  try {
    return validate(text, options);
  } catch {
    return { problems: [] };
  }
}

function validate(text: string, options: ValidateOptions): ValidationResult {
  const problems: ExprProblem[] = [];
  const lex = lexPromQL(text);
  tokenProblems(text, lex, problems);
  const { masked, unknownCalls, lackedCalls } = maskForGrammar(text, lex, problems);
  const tree = parseGrammarText(masked);
  const lexFatal = lex.problems.find((p) => p.fatal);

  let type: ValueType | undefined;
  // An empty tree for a non-empty text means the parser gave up on the nesting (see parsePromQL).
  const parserGaveUp = tree.length === 0 && text.trim() !== '';
  if (parserGaveUp || (!lexFatal && treeHasErrors(tree) && isTooBig(lex))) {
    problems.push({
      from: 0,
      to: Math.min(text.length, 1),
      code: 'promql/too-deeply-nested',
      message: `expression too deeply nested or too long for full analysis (nesting ${lex.maxDepth}); only basic checks ran`,
    });
  } else {
    const syntax = firstSyntaxError(tree, text, lex.tokens, lexFatal);
    if (syntax) {
      // A malformed literal already reported (`5m1h`) also trips the grammar: say it once.
      if (!problems.some((p) => p.from < Math.max(syntax.to, syntax.from + 1) && syntax.from < p.to)) problems.push(syntax);
    } else {
      const typeProblems: ExprProblem[] = [];
      const top = checkTree(tree, {
        text,
        unknownCalls,
        lackedCalls,
        experimentalFeaturesEnabled: options.experimentalFeaturesEnabled,
        problems: typeProblems,
      });
      problems.push(...typeProblems);
      if (top && top !== 'any') type = top;
      if (type && options.context !== 'query' && type !== 'vector' && type !== 'scalar') {
        problems.push({
          from: 0,
          to: text.length,
          code: 'promql/rule-result-type',
          message: `${options.context === 'alert' ? 'an alerting' : 'a recording'} rule's expression must evaluate to an instant vector or a scalar, got ${type === 'matrix' ? 'a range vector' : 'a string'}`,
        });
      }
    }
  }
  checkMatcherRegexes(tree, text, problems);
  if (options.experimentalFeaturesEnabled) {
    return { problems: sortUnique(problems.filter((p) => !p.code.startsWith('promql/experimental-'))), type };
  }
  return { problems: sortUnique(problems), type };
}

function isTooBig(lex: LexResult): boolean {
  if (lex.maxDepth >= maxNesting) return true;
  let operators = 0;
  for (const token of lex.tokens) if (token.kind === 'operator' && ++operators >= maxChainedOperators) return true;
  return false;
}

/** Problems of single tokens: bad escapes (from the lexer), numbers and durations. */
function tokenProblems(text: string, lex: LexResult, problems: ExprProblem[]): void {
  for (const p of lex.problems) {
    if (!p.fatal) problems.push({ from: p.from, to: p.to, code: p.code, message: p.message });
  }
  for (const token of lex.tokens) {
    if (token.kind !== 'number' && token.kind !== 'duration') continue;
    const value = text.slice(token.from, token.to);
    const parsed = token.kind === 'duration' ? durationSeconds(value) : numberValue(value);
    if ('error' in parsed) {
      problems.push({
        from: token.from,
        to: token.to,
        code: token.kind === 'duration' ? 'promql/invalid-duration' : 'promql/invalid-number',
        message: parsed.error,
      });
    }
  }
}

/** Words before `(` that are no call: keywords (`by (…)`, `on (…)`) and the `@ start()`/`@ end()` modifiers. */
const notFunctions: ReadonlySet<string> = new Set([...keywordWords, 'start', 'end']);

/**
 * The text lezer parses: what the grammar lacks rewritten at the same offsets (numbers such as
 * `5.`, calls of `max_of`/`min_of`; see grammarCompat.ts), and `name(` that lezer would not
 * parse as a call because the name is no function: it becomes a known function's name
 * (callMask) so the arguments stay checkable. Unknown names are reported here; the type check
 * reads the real names back.
 */
function maskForGrammar(
  text: string,
  lex: LexResult,
  problems: ExprProblem[],
): { masked: string; unknownCalls: Map<number, string>; lackedCalls: Map<number, string> } {
  const unknownCalls = new Map<number, string>();
  const lackedCalls = new Map<number, string>();
  const rewrites = grammarRewrites(text, lex);
  for (const rewrite of rewrites) if (rewrite.lackedCall) lackedCalls.set(rewrite.from, rewrite.lackedCall);
  lex.tokens.forEach((token, i) => {
    if (token.kind !== 'identifier' || token.inBraces || token.inBrackets || lex.tokens[i + 1]?.kind !== '(') return;
    const name = text.slice(token.from, token.to);
    const lower = name.toLowerCase();
    if (lackedCalls.has(token.from) || functionsByName.has(name) || aggregationNames.has(lower) || notFunctions.has(lower)) return;
    // `offset Step()`: read in lower case (grammarCompat rewrote it for the grammar).
    if (rewrites.some((rewrite) => rewrite.from === token.from && rewrite.text === lower)) return;
    // `sum by job (x)`: a misplaced label, not a call; the grammar reports it better.
    const before = lex.tokens[i - 1];
    if (before?.kind === 'identifier' && notFunctions.has(text.slice(before.from, before.to).toLowerCase())) return;
    const suggestion = suggest(name);
    problems.push({
      from: token.from,
      to: token.to,
      code: 'promql/unknown-function',
      message: `unknown function with name "${name}"${suggestion ? `; did you mean "${suggestion}"?` : ''}`,
    });
    unknownCalls.set(token.from, name);
    rewrites.push(callMask(token, name));
  });
  return { masked: applyRewrites(text, rewrites), unknownCalls, lackedCalls };
}

function suggest(name: string): string | undefined {
  const candidates = [...functions.map((f) => f.name), ...(aggregations.length ? aggregations.map((a) => a.name) : [...aggregationNames])];
  const lower = name.toLowerCase();
  const exact = candidates.find((c) => c === lower);
  if (exact) return exact;
  const limit = name.length <= 4 ? 1 : 2;
  let best: string | undefined;
  let bestScore = Infinity;
  for (const candidate of candidates) {
    const d = editDistance(lower, candidate, limit);
    if (d > limit) continue;
    // Among equally close names, a truncated one is likelier (`rat` -> `rate`, not `rad`).
    const score = d * 2 - (candidate.startsWith(lower) ? 1 : 0);
    if (score < bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}

function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    row = next;
  }
  return row[b.length];
}

function sortUnique(problems: ExprProblem[]): ExprProblem[] {
  const seen = new Set<string>();
  return problems
    .sort((x, y) => x.from - y.from || x.to - y.to)
    .filter((p) => {
      const key = `${p.from}:${p.to}:${p.code}:${p.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}
