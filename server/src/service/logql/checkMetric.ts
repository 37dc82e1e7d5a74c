import type { SyntaxNode } from '@lezer/common';
import { re2Error } from '../promql/re2';
import { childByName, childNodes, nodeText } from '../promql/tree';
import { report, stringOf, type CheckContext, type NodeCheck } from './checkContext';
import { parseDuration } from '../duration';
import { isLokiDuration } from './lex';

/**
 * Checks of metric queries: range and vector aggregations, binary operations, literals and
 * durations, as Loki's parser builds them (grafana/loki pkg/logql/syntax/ast.go:
 * newRangeAggregationExpr, RangeAggregationExpr.validate, mustNewVectorAggregationExpr,
 * mustNewBinOpExpr, mustNewLiteralExpr, mustNewLabelReplaceExpr; parser.go validateSortGrouping):
 * the check of a node type, if it has one.
 */
export function metricCheck(nodeName: string): NodeCheck | undefined {
  return metricChecks.get(nodeName);
}

const metricChecks = new Map<string, NodeCheck>([
  ['RangeAggregationExpr', checkRangeAggregation],
  ['VectorAggregationExpr', checkVectorAggregation],
  ['BinOpExpr', checkBinOp],
  ['LabelReplaceExpr', checkLabelReplace],
  ['Number', checkNumber],
  ['Range', checkRange],
  ['OffsetExpr', (node, ctx) => checkOffset(childByName(node, 'Duration'), ctx)],
  // lezer-logql knows approx_count_distinct; Loki's lexer (lex.go) has no such function.
  [
    'LabelAggOp',
    (node, ctx) =>
      report(
        ctx,
        node.from,
        node.to,
        'logql/unknown-function',
        `unknown function "${nodeText(ctx.text, node)}": Loki has no such aggregation`,
      ),
  ],
]);

/** Range aggregations that take an unwrapped range, and those that take a plain one. */
export const unwrapRangeOps = new Set([
  'avg_over_time',
  'sum_over_time',
  'max_over_time',
  'min_over_time',
  'stddev_over_time',
  'stdvar_over_time',
  'quantile_over_time',
  'rate',
  'rate_counter',
  'absent_over_time',
  'first_over_time',
  'last_over_time',
]);
export const plainRangeOps = new Set(['bytes_over_time', 'bytes_rate', 'count_over_time', 'rate', 'absent_over_time']);
/** Range aggregations that accept `by`/`without`. */
export const groupableRangeOps = new Set([
  'avg_over_time',
  'stddev_over_time',
  'stdvar_over_time',
  'quantile_over_time',
  'max_over_time',
  'min_over_time',
  'first_over_time',
  'last_over_time',
]);

function checkRangeAggregation(node: SyntaxNode, ctx: CheckContext): void {
  const opNode = childByName(node, 'RangeOp');
  if (!opNode) return;
  const op = nodeText(ctx.text, opNode).toLowerCase();
  const param = childByName(node, 'Number');
  if (param && op !== 'quantile_over_time') {
    return report(
      ctx,
      param.from,
      param.to,
      'logql/aggregation-parameter',
      `parameter ${nodeText(ctx.text, param)} not supported for operation ${op}`,
    );
  }
  if (!param && op === 'quantile_over_time') {
    return report(
      ctx,
      opNode.from,
      opNode.to,
      'logql/aggregation-parameter',
      `parameter required for operation ${op}: quantile_over_time(0.99, … | unwrap … [5m])`,
    );
  }
  const grouping = childByName(node, 'Grouping');
  if (grouping && !groupableRangeOps.has(op)) {
    return report(
      ctx,
      grouping.from,
      grouping.to,
      'logql/grouping-not-allowed',
      `grouping not allowed for ${op} aggregation; group with an outer aggregation such as sum by (…) (${op}(…))`,
    );
  }
  const range = childByName(node, 'LogRangeExpr');
  const unwrap = range && mentionsUnwrap(ctx.text, range) ? findDescendant(range, 'UnwrapExpr') : null;
  if (unwrap && !unwrapRangeOps.has(op)) {
    report(
      ctx,
      opNode.from,
      opNode.to,
      'logql/unwrap-mismatch',
      `invalid aggregation ${op} with unwrap: ${op} counts lines or bytes; use sum_over_time, avg_over_time, … for unwrapped values`,
    );
  } else if (range && !unwrap && !plainRangeOps.has(op)) {
    report(
      ctx,
      opNode.from,
      opNode.to,
      'logql/unwrap-mismatch',
      `invalid aggregation ${op} without unwrap: add | unwrap <label> before the range`,
    );
  }
}

const parameterOps = new Set(['topk', 'bottomk', 'approx_topk']);

function checkVectorAggregation(node: SyntaxNode, ctx: CheckContext): void {
  const opNode = childByName(node, 'VectorOp');
  if (!opNode) return;
  const op = nodeText(ctx.text, opNode).toLowerCase();
  const param = childByName(node, 'Number');
  const grouping = childByName(node, 'Grouping');
  if (parameterOps.has(op)) {
    if (!param)
      return report(ctx, opNode.from, opNode.to, 'logql/aggregation-parameter', `parameter required for operation ${op}: ${op}(5, …)`);
    const value = nodeText(ctx.text, param);
    if (!/^\d+$/.test(value))
      return report(
        ctx,
        param.from,
        param.to,
        'logql/aggregation-parameter',
        `invalid parameter ${op}(${value}, …): k must be a whole number`,
      );
    if (Number(value) <= 0)
      return report(
        ctx,
        param.from,
        param.to,
        'logql/aggregation-parameter',
        `invalid parameter (must be greater than 0) ${op}(${value}, …)`,
      );
    if (op === 'approx_topk' && grouping)
      return report(
        ctx,
        grouping.from,
        grouping.to,
        'logql/grouping-not-allowed',
        'grouping not allowed for approx_topk aggregation; group the inner aggregation instead',
      );
  } else if (param) {
    return report(
      ctx,
      param.from,
      param.to,
      'logql/aggregation-parameter',
      `unsupported parameter for operation ${op}(${nodeText(ctx.text, param)}, …)`,
    );
  }
  if ((op === 'sort' || op === 'sort_desc') && grouping && childByName(grouping, 'Labels')) {
    report(ctx, grouping.from, grouping.to, 'logql/grouping-not-allowed', `${op} doesn't allow grouping by labels`);
  }
  if (op === 'approx_topk' && ctx.context === 'query') {
    report(
      ctx,
      opNode.from,
      opNode.to,
      'logql/instant-query-only',
      'approx_topk is only supported on instant queries; a range query (a graph) fails',
    );
  }
}

const comparisonOps = new Set(['==', '!=', '>', '>=', '<', '<=']);
const setOps = new Set(['and', 'or', 'unless']);

function checkBinOp(node: SyntaxNode, ctx: CheckContext): void {
  const operands = childNodes(node).filter((child) => child.name === 'Expr');
  const opNode = childNodes(node).find((child) => !['Expr', 'BinOpModifier'].includes(child.name) && !child.type.isError);
  if (!opNode || operands.length !== 2) return;
  const op = nodeText(ctx.text, opNode).toLowerCase();
  const sides = ['left', 'right'] as const;
  for (const [i, operand] of operands.entries()) {
    const inner = unwrapParens(operand);
    if (inner?.name === 'LogExpr') {
      return report(
        ctx,
        operand.from,
        operand.to,
        'logql/operand-type',
        `unexpected type for ${sides[i]} leg of binary operation (${op}): a log query; wrap it in a range aggregation such as count_over_time(…[5m])`,
      );
    }
    if (setOps.has(op) && inner?.name === 'LiteralExpr') {
      return report(
        ctx,
        operand.from,
        operand.to,
        'logql/operand-type',
        `unexpected literal for ${sides[i]} leg of logical/set binary operation (${op})`,
      );
    }
  }
  const modifier = childByName(node, 'BinOpModifier');
  const bool = modifier && childByName(modifier, 'Bool');
  if (bool && !comparisonOps.has(op))
    report(ctx, bool.from, bool.to, 'logql/bool-modifier', `bool has no effect on ${op}; it only turns comparisons into 0/1 results`);
}

/** The expression inside `Expr`/`MetricExpr` wrappers and parentheses. */
function unwrapParens(node: SyntaxNode): SyntaxNode | null {
  let current: SyntaxNode | null = node;
  while (
    current &&
    (current.name === 'Expr' || current.name === 'MetricExpr' || (current.name === 'LogExpr' && childByName(current, 'LogExpr')))
  ) {
    current =
      childNodes(current).find((child) =>
        [
          'Expr',
          'MetricExpr',
          'LogExpr',
          'LiteralExpr',
          'BinOpExpr',
          'VectorAggregationExpr',
          'RangeAggregationExpr',
          'LabelReplaceExpr',
          'VectorExpr',
        ].includes(child.name),
      ) ?? null;
    if (current?.name === 'LogExpr') return current;
  }
  return current;
}

function checkLabelReplace(node: SyntaxNode, ctx: CheckContext): void {
  const strings = childNodes(node).filter((child) => child.name === 'String');
  const regex = strings[3];
  if (!regex) return;
  const error = re2Error(stringOf(ctx, regex).value);
  if (error) report(ctx, regex.from, regex.to, 'logql/invalid-regex', `invalid regex in label_replace: error parsing regexp: ${error}`);
}

/** Loki reads numbers with Go's strconv.ParseFloat: no `_`, hex only as a hex float (`0x1p3`). */
function checkNumber(node: SyntaxNode, ctx: CheckContext): void {
  const value = nodeText(ctx.text, node);
  if (value.includes('_') || (/^0[xX]/.test(value) && !/[pP]/.test(value))) {
    report(
      ctx,
      node.from,
      node.to,
      'logql/invalid-number',
      `unable to parse literal as a float: strconv.ParseFloat: parsing ${JSON.stringify(value)}: invalid syntax`,
    );
  }
}

/**
 * `[…]` is read with Prometheus' model.ParseDuration (lex.go), on everything between the
 * brackets: `1h30m` yes, `1.5m` no, and `[ 5m ]` no (the spaces are part of it).
 */
function checkRange(node: SyntaxNode, ctx: CheckContext): void {
  const duration = childByName(node, 'Duration');
  if (!duration) return;
  const value = ctx.text.slice(node.from + 1, ctx.text[node.to - 1] === ']' ? node.to - 1 : node.to);
  if (parseDuration(value) === undefined) {
    const spaced = value !== value.trim() && parseDuration(value.trim()) !== undefined;
    report(
      ctx,
      duration.from,
      duration.to,
      'logql/invalid-duration',
      `not a valid duration string: ${JSON.stringify(value)}${spaced ? ' (Loki reads the spaces inside the brackets too)' : /\./.test(value) ? ' (ranges take whole units, e.g. 90s instead of 1.5m)' : ''}`,
    );
  }
}

export function checkOffset(duration: SyntaxNode | { from: number; to: number } | null, ctx: CheckContext): void {
  if (!duration) return;
  const value = ctx.text.slice(duration.from, duration.to);
  if (!isLokiDuration(value))
    report(ctx, duration.from, duration.to, 'logql/invalid-duration', `not a valid duration: ${JSON.stringify(value)}`);
}

const unwrapWord = /unwrap/gi;

/** Whether the word is written in the node at all: most ranges have no unwrap, and a walk of their subtree costs more. */
function mentionsUnwrap(text: string, node: SyntaxNode): boolean {
  unwrapWord.lastIndex = node.from;
  const match = unwrapWord.exec(text);
  return match !== null && match.index + match[0].length <= node.to;
}

export function findDescendant(node: SyntaxNode, name: string): SyntaxNode | null {
  let found: SyntaxNode | null = null;
  node.cursor().iterate((ref) => {
    if (found) return false;
    if (ref.name === name) {
      found = ref.node;
      return false;
    }
    return undefined;
  });
  return found;
}
