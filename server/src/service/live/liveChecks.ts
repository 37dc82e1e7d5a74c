import type { SyntaxNode } from '@lezer/common';
import { childByName, childNodes, exprChildren, nodeText, parsePromQL } from '../promql/parse';
import type { ExprProblem } from '../types';
import { labelNamesOf, matchesEmpty, resolveMetadata } from './metricFacts';
import { readSelector, type SelectorInfo } from './selectors';
import type { LiveSnapshot } from './snapshot';

/**
 * Warnings that need a live server (codes in ./codes.ts). Only what the snapshot already holds
 * is used, so a check whose data is still on its way is skipped now and reported on the next
 * validation. Nothing is reported unless the server answered.
 */
export function livePromQLProblems(text: string, snapshot: LiveSnapshot, recordingRuleNames: Iterable<string> = []): ExprProblem[] {
  if (!snapshot.reachable || text.trim() === '') return [];
  const problems: ExprProblem[] = [];
  const names = snapshot.metricNames();
  const known = names ? new Set(names) : undefined;
  const recorded = new Set(recordingRuleNames);
  const tree = parsePromQL(text);
  tree.iterate({
    enter: (ref) => {
      const node = ref.node;
      if (node.name === 'VectorSelector') checkSelector(readSelector(text, node), snapshot, known, recorded, problems);
      else if (node.name === 'FunctionCall') checkCall(text, node, snapshot, problems);
    },
  });
  return problems.sort((a, b) => a.from - b.from || a.to - b.to);
}

/** Metric names the live checks will look up, so the CLI can fetch them before validating. */
export function liveMetricReferences(text: string): string[] {
  const names = new Set<string>();
  parsePromQL(text).iterate({
    enter: (ref) => {
      if (ref.name !== 'VectorSelector') return;
      const metric = readSelector(text, ref.node).metric;
      if (metric) names.add(metric);
    },
  });
  return [...names];
}

function checkSelector(
  selector: SelectorInfo,
  snapshot: LiveSnapshot,
  known: Set<string> | undefined,
  recorded: Set<string>,
  problems: ExprProblem[],
): void {
  const metric = selector.metric;
  if (!metric) return;
  if (known && !known.has(metric)) {
    if (!recorded.has(metric)) {
      problems.push({
        from: selector.nameFrom,
        to: selector.nameTo,
        code: 'live/no-series',
        message: `No series named \`${metric}\` on ${snapshot.source} in ${snapshot.window}, and no recording rule in the workspace produces it.`,
      });
    }
    return;
  }
  const series = snapshot.series(metric);
  // A cut list may miss labels that rarer series carry; an empty one says nothing about labels.
  if (!series || series.truncated || series.labels.length === 0) return;
  const labels = new Set(labelNamesOf(snapshot, metric));
  for (const matcher of selector.matchers) {
    if (labels.has(matcher.label) || matchesEmpty(matcher)) continue;
    const list = [...labels].sort();
    problems.push({
      from: matcher.labelFrom,
      to: matcher.labelTo,
      code: 'live/unknown-label',
      message: `No series of \`${metric}\` carries the label \`${matcher.label}\`, so this selector matches nothing. Its labels: ${list.map((l) => `\`${l}\``).join(', ') || 'none'}.`,
    });
  }
}

const rateFunctions = new Set(['rate', 'irate', 'increase']);
const notCounters = new Set(['gauge', 'info', 'stateset', 'gaugehistogram']);

function checkCall(text: string, call: SyntaxNode, snapshot: LiveSnapshot, problems: ExprProblem[]): void {
  const identifier = childByName(call, 'FunctionIdentifier');
  const body = childByName(call, 'FunctionCallBody');
  if (!identifier || !body) return;
  const name = nodeText(text, identifier);
  const args = exprChildren(body);
  if (rateFunctions.has(name) && args[0]?.name === 'MatrixSelector') {
    const vector = childByName(args[0], 'VectorSelector');
    const selector = vector ? readSelector(text, vector) : undefined;
    const meta = selector?.metric ? resolveMetadata(snapshot, selector.metric) : undefined;
    if (selector && meta && notCounters.has(meta.seriesType)) {
      const hint = meta.seriesType === 'gauge' ? ' For a gauge, use `deriv`, `delta` or `*_over_time` functions.' : '';
      problems.push({
        from: selector.nameFrom,
        to: selector.nameTo,
        code: 'live/rate-on-non-counter',
        message: `\`${name}\` expects a counter, but \`${selector.metric}\` is a ${meta.seriesType} according to its metadata on ${snapshot.source}.${hint}`,
      });
    }
  }
  if (name === 'histogram_quantile' && args[1]) {
    const state = leState(text, args[1], snapshot);
    if (state.kind === 'lacks') problems.push({ ...state.at, code: 'live/histogram-quantile-without-le', message: state.message });
  }
}

type LeState = { kind: 'has' } | { kind: 'unknown' } | { kind: 'lacks'; at: { from: number; to: number }; message: string };

const unknown: LeState = { kind: 'unknown' };
const keepsLabels = new Set(['topk', 'bottomk', 'limitk', 'limit_ratio']);

/**
 * Whether the series an expression yields carry `le`. Follows labels through the expression
 * as Prometheus' evaluator does (promql/engine.go): aggregations keep only their `by` labels
 * (or drop their `without` labels), most functions keep their argument's labels, one-to-one
 * binary matching with `on`/`ignoring` keeps or drops the listed labels.
 */
function leState(text: string, node: SyntaxNode, snapshot: LiveSnapshot): LeState {
  switch (node.name) {
    case 'ParenExpr':
    case 'SubqueryExpr':
    case 'OffsetExpr':
    case 'StepInvariantExpr':
      return exprChildren(node)[0] ? leState(text, exprChildren(node)[0], snapshot) : unknown;
    case 'MatrixSelector': {
      const vector = childByName(node, 'VectorSelector');
      return vector ? leState(text, vector, snapshot) : unknown;
    }
    case 'VectorSelector':
      return selectorLeState(readSelector(text, node), snapshot);
    case 'FunctionCall': {
      const name = nodeText(text, childByName(node, 'FunctionIdentifier') ?? node);
      if (!/^(label_|absent|vector$|scalar$|time$|histogram_)/.test(name)) {
        const body = childByName(node, 'FunctionCallBody');
        const arg = body
          ? exprChildren(body).find((child) => child.name !== 'NumberDurationLiteral' && child.name !== 'StringLiteral')
          : undefined;
        if (arg) return leState(text, arg, snapshot);
      }
      return unknown;
    }
    case 'AggregateExpr':
      return aggregateLeState(text, node, snapshot);
    case 'BinaryExpr':
      return binaryLeState(text, node, snapshot);
    default:
      return unknown;
  }
}

function selectorLeState(selector: SelectorInfo, snapshot: LiveSnapshot): LeState {
  if (!selector.metric) return unknown;
  const labels = labelNamesOf(snapshot, selector.metric);
  if (!labels || labels.length === 0) return unknown;
  if (labels.includes('le')) return { kind: 'has' };
  const meta = resolveMetadata(snapshot, selector.metric);
  // A native histogram keeps its buckets inside each sample: no `le`, and none needed.
  if (meta && (meta.familyType === 'histogram' || meta.familyType === 'gaugehistogram') && meta.family === selector.metric) return unknown;
  const bucket = selector.metric.endsWith('_bucket') ? '' : ` (classic histogram buckets are \`…_bucket\` series)`;
  return {
    kind: 'lacks',
    at: { from: selector.nameFrom, to: selector.nameTo },
    message: `\`histogram_quantile\` needs bucket series with an \`le\` label, but no series of \`${selector.metric}\` on ${snapshot.source} has one${bucket}.`,
  };
}

function aggregateLeState(text: string, node: SyntaxNode, snapshot: LiveSnapshot): LeState {
  const op = nodeText(text, childByName(node, 'AggregateOp') ?? node);
  const body = childByName(node, 'FunctionCallBody');
  const args = body ? exprChildren(body) : [];
  const inner = args.length > 0 ? leState(text, args[args.length - 1], snapshot) : unknown;
  if (inner.kind !== 'has') return inner;
  if (keepsLabels.has(op)) return inner;
  if (op === 'count_values') return unknown;
  const modifier = childByName(node, 'AggregateModifier');
  const grouping = modifier ? childByName(modifier, 'GroupingLabels') : null;
  const labels = grouping
    ? childNodes(grouping)
        .filter((child) => child.name === 'LabelName' || child.name === 'QuotedLabelName')
        .map((child) => nodeText(text, child).replace(/^["'`]|["'`]$/g, ''))
    : [];
  const without = modifier ? childByName(modifier, 'Without') !== null : false;
  const keeps = without ? !labels.includes('le') : labels.includes('le');
  if (keeps) return inner;
  const at = modifier ?? childByName(node, 'AggregateOp') ?? node;
  return {
    kind: 'lacks',
    at: { from: at.from, to: at.to },
    message: without
      ? `\`${op} without (…le…)\` removes the \`le\` label that \`histogram_quantile\` needs.`
      : `\`${op}\` keeps only ${labels.length ? `\`by (${labels.join(', ')})\`` : 'no labels'}, which drops the \`le\` label that \`histogram_quantile\` needs; add \`le\` to \`by (…)\`.`,
  };
}

function binaryLeState(text: string, node: SyntaxNode, snapshot: LiveSnapshot): LeState {
  const [left, right] = exprChildren(node);
  if (!left || !right) return unknown;
  const isNumber = (side: SyntaxNode) =>
    side.name === 'NumberDurationLiteral' || (side.name === 'UnaryExpr' && exprChildren(side)[0]?.name === 'NumberDurationLiteral');
  if (isNumber(left)) return leState(text, right, snapshot);
  const modifier = childByName(node, 'MatchingModifierClause');
  const side = modifier && childByName(modifier, 'GroupRight') ? right : left;
  const state = leState(text, side, snapshot);
  if (state.kind !== 'has' || !modifier || childByName(modifier, 'GroupLeft', 'GroupRight')) return state;
  const grouping = childByName(modifier, 'GroupingLabels');
  const listed = grouping ? childNodes(grouping).some((child) => nodeText(text, child).replace(/^["'`]|["'`]$/g, '') === 'le') : false;
  const on = childByName(modifier, 'On') !== null;
  return (on ? listed : !listed) ? state : unknown; // dropped by matching: rare enough to leave to the reader
}
