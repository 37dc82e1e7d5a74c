import type { Tree } from '@lezer/common';
import type { ExprContext, ExprProblem } from '../types';
import { treeHasErrors } from '../promql/tree';
import { report, type CheckContext } from './checkContext';
import { checkOffset, metricCheck } from './checkMetric';
import { stageCheck } from './checkStages';
import { lexLogQL, type Token } from './lex';
import { parseLogQL, parseWithRepairs } from './parse';
import { firstSyntaxError } from './syntaxErrors';

export interface LogQLValidateOptions {
  /** Where the query is used: a rule's expression must be a metric query. */
  context: ExprContext;
  experimentalFeaturesEnabled?: boolean;
}

export interface LogQLValidationResult {
  /** Problems in offsets of the query, sorted by position. */
  problems: ExprProblem[];
  /** Whether the query is a log query (`{…} | …`) or a metric query, when it parses. */
  kind?: 'log' | 'metric';
}

// Past these sizes lezer's recursion and error recovery become unreliable; token checks only.
const maxNesting = 1000;
const maxTokens = 20_000;
const maxChainedOperators = 150;

/**
 * Validates one LogQL query like Loki does when it parses it and builds its pipeline
 * (grafana/loki pkg/logql/syntax), with each problem on the offending token. Pure; never throws.
 */
export function validateLogQL(text: string, options: LogQLValidateOptions): LogQLValidationResult {
  try {
    return validate(text, options);
  } catch {
    return { problems: [] };
  }
}

/** validateLogQL with the token pass on every query: the tests hold the quick path to it. */
export function validateLogQLWithTokenPass(text: string, options: LogQLValidateOptions): LogQLValidationResult {
  try {
    return validate(text, options, false);
  } catch {
    return { problems: [] };
  }
}

function validate(text: string, options: LogQLValidateOptions, quickPath = true): LogQLValidationResult {
  const quick = quickPath ? parsedWithoutLexing(text) : undefined;
  if (quick)
    return checkTree(text, options, {
      problems: [],
      tree: quick,
      maskedOffsets: [],
      emptySelectors: [],
      syntax: undefined,
      syntaxError: undefined,
    });
  const lex = lexLogQL(text);
  const zeros = zeroRanges(text, lex.tokens);
  if (zeros.length > 0) return withZeroRanges(text, zeros, options, quickPath);
  const ctx: CheckContext = { text, context: options.context, problems: [] };
  for (const p of lex.problems) if (p.code !== 'logql/syntax-error') ctx.problems.push({ ...p });
  if (lex.maxDepth >= maxNesting || lex.tokens.length >= maxTokens) {
    report(
      ctx,
      0,
      Math.min(1, text.length),
      'logql/too-deeply-nested',
      `query too deeply nested or too long for full analysis (nesting ${lex.maxDepth}); only basic checks ran`,
    );
    return { problems: sortUnique(ctx.problems) };
  }
  // `{}`: Loki parses it and then rejects it as empty; lezer calls it a syntax error.
  const emptySelectors: { from: number; to: number }[] = [];
  for (let i = 0; i + 1 < lex.tokens.length; i++) {
    if (lex.tokens[i].kind === '{' && lex.tokens[i + 1].kind === '}')
      emptySelectors.push({ from: lex.tokens[i].from, to: lex.tokens[i + 1].to });
  }
  for (const range of emptySelectors) {
    report(
      ctx,
      range.from,
      range.to,
      'logql/empty-stream-selector',
      'queries require at least one matcher that does not match the empty string, such as {app="api"}',
    );
  }

  const { tree, maskedOffsets, clean } = parseWithRepairs(text, lex);
  if (tree.length === 0 && text.trim() !== '' && lex.tokens.length > 0) {
    report(ctx, 0, Math.min(1, text.length), 'logql/too-deeply-nested', 'query too deeply nested for full analysis; only basic checks ran');
    return { problems: sortUnique(ctx.problems) };
  }
  // Lezer's error recovery gives up on long operator chains (about 200 binary operators, 800
  // pipeline stages) that Loki parses fine: say the query is too long rather than wrong.
  if (!clean && lex.tokens.filter((t) => t.kind === 'operator').length >= maxChainedOperators) {
    report(ctx, 0, Math.min(1, text.length), 'logql/too-deeply-nested', 'query too long for full analysis; only basic checks ran');
    return { problems: sortUnique(ctx.problems) };
  }
  const syntax = firstSyntaxError(tree, text, lex, clean);
  const insideEmptySelector = syntax && emptySelectors.some((r) => syntax.from >= r.from && syntax.from < r.to);
  const syntaxError = syntax && !insideEmptySelector ? syntax : undefined;
  return checkTree(text, options, { problems: ctx.problems, tree, maskedOffsets, emptySelectors, syntaxError, syntax });
}

/**
 * Most queries need no token pass: when nothing in the text is what only the lexer checks (an
 * escape, a parser flag, `[0]`, `{}`, a comment, a size that needs the nesting guard) and lezer
 * parses it cleanly, the tree says everything the token pass would. Undefined otherwise.
 */
function parsedWithoutLexing(text: string): Tree | undefined {
  if (text.length >= maxNesting || /[\\#]|--|\[0\]|\{\s*\}/.test(text) || text.trim() === '') return undefined;
  const tree = parseLogQL(text);
  return tree.length === text.length && !treeHasErrors(tree) ? tree : undefined;
}

interface Parsed {
  /** Problems found before the tree's checks (token problems, empty selectors). */
  problems: ExprProblem[];
  tree: Tree;
  maskedOffsets: readonly { from: number; to: number }[];
  emptySelectors: readonly { from: number; to: number }[];
  /** Any syntax error, reported or not: the tree's metric checks only run without one. */
  syntax: ExprProblem | undefined;
  /** The syntax error to report, if any (not one inside an empty selector). */
  syntaxError: ExprProblem | undefined;
}

/** The checks of a parsed query's tree (stages, metric queries, the rule context). */
function checkTree(text: string, options: LogQLValidateOptions, parsed: Parsed): LogQLValidationResult {
  const { tree, maskedOffsets, emptySelectors, syntaxError } = parsed;
  const ctx: CheckContext = { text, context: options.context, problems: parsed.problems };
  if (syntaxError && !ctx.problems.some((p) => p.from < syntaxError.to && syntaxError.from < p.to)) ctx.problems.push(syntaxError);
  const cleanParse = !parsed.syntax;
  // Only nodes that have a check are materialised (`ref.node` allocates).
  tree.iterate({
    enter(ref) {
      if (ref.type.isError) return false;
      const stage = stageCheck(ref.name);
      if (stage) stage(ref.node, ctx);
      const metric = cleanParse ? metricCheck(ref.name) : undefined;
      if (metric) metric(ref.node, ctx);
      return undefined;
    },
  });
  for (const offset of maskedOffsets)
    checkOffset({ from: offset.to - (text.slice(offset.from, offset.to).split(/\s+/).pop() ?? '').length, to: offset.to }, ctx);

  let kind: LogQLValidationResult['kind'];
  if (cleanParse && emptySelectors.length === 0) {
    const top = tree.topNode.firstChild?.firstChild;
    kind = top?.name === 'LogExpr' ? 'log' : top?.name === 'MetricExpr' ? 'metric' : undefined;
    if (top && kind === 'log' && options.context !== 'query') {
      const query = text.slice(top.from, top.to).trim();
      const example = options.context === 'alert' ? `sum(count_over_time(${query} [5m])) > 0` : `sum(rate(${query} [5m]))`;
      report(
        ctx,
        top.from,
        top.to,
        'logql/log-query-in-rule',
        `${options.context === 'alert' ? 'an alerting' : 'a recording'} rule's expression must be a metric query, e.g. ${example}`,
      );
    }
  }
  return { problems: sortUnique(ctx.problems), kind };
}

/**
 * Where `[0]` is written: Loki reads a range with Prometheus' model.ParseDuration, which takes
 * a bare "0", while lezer-logql needs a unit. Offsets just after each `0`.
 */
function zeroRanges(text: string, tokens: readonly Token[]): number[] {
  const at: number[] = [];
  for (let i = 0; i + 2 < tokens.length; i++) {
    if (tokens[i].kind !== '[') continue; // most tokens: checked before anything else is read
    const open = tokens[i];
    const duration = tokens[i + 1];
    const close = tokens[i + 2];
    if (duration.kind !== 'duration' || close.kind !== ']' || duration.to - duration.from !== 1) continue;
    if (duration.from === open.to && close.from === duration.to && text.charCodeAt(duration.from) === 48 /* 0 */) at.push(duration.to);
  }
  return at;
}

/**
 * Validates the query with an `s` after each `[0`, which no check treats differently (a zero
 * range is as valid as `[0s]`), and moves the problems back to the text as written. Unlike the
 * repairs in parse.ts this one changes the length, so it is done around the whole validation.
 */
function withZeroRanges(text: string, zeros: readonly number[], options: LogQLValidateOptions, quickPath: boolean): LogQLValidationResult {
  let repaired = '';
  let from = 0;
  for (const at of zeros) {
    repaired += text.slice(from, at) + 's';
    from = at;
  }
  repaired += text.slice(from);
  const back = (offset: number) => offset - zeros.filter((at, i) => at + i < offset).length;
  const result = validate(repaired, options, quickPath);
  const problems = result.problems.map((problem) => ({ ...problem, from: back(problem.from), to: back(problem.to) }));
  return { problems, kind: result.kind };
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
