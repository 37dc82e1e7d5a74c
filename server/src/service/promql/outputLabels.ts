import type { SyntaxNode } from '@lezer/common';
import { groupingLabelNames } from './checkBinary';
import { selectorMatchers, matchesEmpty } from './checkSelectors';
import { parsePromQL } from './parse';
import { unquoteString } from './literals';
import { functionsByName } from '../catalog/functions';
import { childByName, exprChildren, nodeText } from './tree';

/** Labels an expression's result can carry; `exhaustive` when no other label can appear. */
export interface OutputLabels {
  labels: Set<string>;
  exhaustive: boolean;
}

const keepsInputLabels = new Set(['topk', 'bottomk', 'limitk', 'limit_ratio']);
const setOps = new Set(['And', 'Or', 'Unless']);

/** The labels of the series a recording rule writes, when its definition is known. */
export type RecordedLabels = (metricName: string) => OutputLabels | undefined;

/**
 * Which labels the result of `text` can have, where that is knowable — used to check
 * `{{ $labels.x }}` in alert annotations. Follows how Prometheus' engine builds result labels
 * (promql/engine.go: aggregation grouping, resultMetric for binary operators, label_replace).
 * A selector of a recorded metric carries what its recording rule writes (`recorded`).
 * Undefined when the expression does not parse.
 */
export function inferOutputLabels(text: string, recorded?: RecordedLabels): OutputLabels | undefined {
  const tree = parsePromQL(text);
  const results = new Map<string, OutputLabels>();
  const key = (n: { from: number; to: number; type: { id: number } }) => `${n.from}:${n.to}:${n.type.id}`;
  let failed = false;
  let top: OutputLabels | undefined;
  tree.iterate({
    enter(ref) {
      if (ref.type.isError) failed = true;
      return failed ? false : undefined;
    },
    leave(ref) {
      if (failed || ref.type.isError || !ref.type.is('Expr')) return;
      const get = (n: SyntaxNode | undefined): OutputLabels =>
        (n ? results.get(key(n)) : undefined) ?? { labels: new Set(), exhaustive: false };
      const out = labelsOf(ref.node, text, get, recorded);
      results.set(key(ref), out);
      if (ref.node.parent?.type.isTop) top = out;
    },
  });
  return failed ? undefined : top;
}

const none = (): OutputLabels => ({ labels: new Set(), exhaustive: true });

function labelsOf(
  node: SyntaxNode,
  text: string,
  get: (n: SyntaxNode | undefined) => OutputLabels,
  recorded: RecordedLabels | undefined,
): OutputLabels {
  const children = exprChildren(node);
  switch (node.name) {
    case 'NumberDurationLiteral':
    case 'StringLiteral':
      return none();
    case 'VectorSelector':
      return selectorLabels(node, text, recorded);
    case 'AggregateExpr':
      return aggregationLabels(node, text, get);
    case 'FunctionCall':
      return callLabels(node, text, get);
    case 'BinaryExpr':
      return binaryLabels(node, text, get);
    default:
      // Parens, unary minus, ranges, subqueries, offset and @ keep the labels of what they wrap.
      return copy(get(children[0]));
  }
}

function copy(o: OutputLabels): OutputLabels {
  return { labels: new Set(o.labels), exhaustive: o.exhaustive };
}

/**
 * A selector's series carry at least the labels its matchers require; when it names a metric a
 * recording rule writes, exactly what that rule writes (plus any label a matcher requires).
 */
function selectorLabels(selector: SyntaxNode, text: string, recorded: RecordedLabels | undefined): OutputLabels {
  const present = presentLabels(selector, text);
  const name = recorded ? selectorMetricName(selector, text) : undefined;
  const written = name ? recorded?.(name) : undefined;
  if (!written) return { labels: present, exhaustive: false };
  return { labels: new Set([...written.labels, ...present]), exhaustive: written.exhaustive };
}

function selectorMetricName(selector: SyntaxNode, text: string): string | undefined {
  const identifier = childByName(selector, 'Identifier');
  if (identifier) return nodeText(text, identifier);
  return selectorMatchers(text, selector).find((m) => m.name === '__name__' && m.op === '=')?.value;
}

/** Labels a selector's series must have: those with a matcher that rejects the empty value. */
function presentLabels(selector: SyntaxNode, text: string): Set<string> {
  return new Set(
    selectorMatchers(text, selector)
      .filter((m) => m.name !== '__name__' && matchesEmpty(m) === false)
      .map((m) => m.name),
  );
}

function aggregationLabels(node: SyntaxNode, text: string, get: (n: SyntaxNode | undefined) => OutputLabels): OutputLabels {
  const op = nodeText(text, childByName(node, 'AggregateOp') ?? node).toLowerCase();
  const args = exprChildren(childByName(node, 'FunctionCallBody') ?? node);
  const input = get(args[args.length - 1]);
  if (keepsInputLabels.has(op)) return copy(input);
  const modifier = childByName(node, 'AggregateModifier');
  const grouping = groupingLabelNames(text, modifier ? childByName(modifier, 'GroupingLabels') : null).map((l) => l.name);
  let out: OutputLabels;
  if (modifier && childByName(modifier, 'Without')) {
    out = copy(input);
    for (const name of grouping) out.labels.delete(name);
  } else {
    out = { labels: new Set(grouping), exhaustive: true };
  }
  if (op === 'count_values' && args[0]?.name === 'StringLiteral') out.labels.add(unquoteString(nodeText(text, args[0])));
  return out;
}

function callLabels(node: SyntaxNode, text: string, get: (n: SyntaxNode | undefined) => OutputLabels): OutputLabels {
  const name = nodeText(text, childByName(node, 'FunctionIdentifier') ?? node);
  const args = exprChildren(childByName(node, 'FunctionCallBody') ?? node);
  switch (name) {
    case 'label_replace':
    case 'label_join': {
      const out = copy(get(args[0]));
      if (args[1]?.name === 'StringLiteral') out.labels.add(unquoteString(nodeText(text, args[1])));
      return out;
    }
    case 'absent':
    case 'absent_over_time': {
      // The result carries the equality matchers of a plain selector argument, nothing else.
      const selector = args[0]?.name === 'MatrixSelector' ? exprChildren(args[0])[0] : args[0];
      if (selector?.name !== 'VectorSelector') return none();
      return {
        labels: new Set(
          selectorMatchers(text, selector)
            .filter((m) => m.op === '=' && m.name !== '__name__')
            .map((m) => m.name),
        ),
        exhaustive: true,
      };
    }
    case 'histogram_quantile':
    case 'histogram_fraction': {
      const out = copy(get(args[args.length - 1]));
      out.labels.delete('le');
      return out;
    }
    case 'info':
      return { labels: new Set(get(args[0]).labels), exhaustive: false };
  }
  const spec = functionsByName.get(name);
  // scalar(x), time(), vector(s): a scalar has no labels, nor a vector made of one.
  if (spec?.returnType === 'scalar' || name === 'vector') return none();
  // The rest keep the labels of their (first) vector or range argument.
  const vectorArg = spec
    ? args.find((_, index) => ['vector', 'matrix'].includes(spec.argTypes[Math.min(index, spec.argTypes.length - 1)]))
    : args.find((a) => !['NumberDurationLiteral', 'StringLiteral'].includes(a.name));
  return vectorArg ? copy(get(vectorArg)) : none();
}

function binaryLabels(node: SyntaxNode, text: string, get: (n: SyntaxNode | undefined) => OutputLabels): OutputLabels {
  const [lhsNode, rhsNode] = exprChildren(node);
  const lhs = get(lhsNode);
  const rhs = get(rhsNode);
  const isScalar = (n: SyntaxNode | undefined) => isScalarNode(n, text, 0);
  if (isScalar(lhsNode) && isScalar(rhsNode)) return none();
  if (isScalar(lhsNode)) return copy(rhs);
  if (isScalar(rhsNode)) return copy(lhs);
  let op: SyntaxNode | null = null;
  for (let c = lhsNode?.nextSibling ?? null; c && c !== rhsNode; c = c.nextSibling) if (!op) op = c;
  if (op && setOps.has(op.name)) {
    if (op.name !== 'Or') return copy(lhs);
    return { labels: new Set([...lhs.labels, ...rhs.labels]), exhaustive: lhs.exhaustive && rhs.exhaustive };
  }
  const matching = childByName(node, 'MatchingModifierClause');
  if (!matching) return copy(lhs);
  const [onLabels, include] = matching.getChildren('GroupingLabels').map((g) => groupingLabelNames(text, g).map((l) => l.name));
  const isOn = !!childByName(matching, 'On');
  const group = childByName(matching, 'GroupLeft', 'GroupRight');
  if (!group) {
    if (isOn) return { labels: new Set(onLabels), exhaustive: true };
    const out = copy(lhs);
    for (const name of onLabels ?? []) out.labels.delete(name);
    return out;
  }
  // many-to-one: the "many" side's labels, plus the include labels copied from the "one" side.
  const out = copy(group.name === 'GroupLeft' ? lhs : rhs);
  for (const name of include ?? []) out.labels.add(name);
  return out;
}

/** Whether an expression is a scalar: number literals, scalar functions, arithmetic on them. */
function isScalarNode(node: SyntaxNode | undefined, text: string, depth: number): boolean {
  if (!node || depth > 50) return false;
  switch (node.name) {
    case 'NumberDurationLiteral':
      return true;
    case 'ParenExpr':
    case 'UnaryExpr':
      return isScalarNode(exprChildren(node)[0], text, depth + 1);
    case 'FunctionCall':
      return functionsByName.get(nodeText(text, childByName(node, 'FunctionIdentifier') ?? node))?.returnType === 'scalar';
    case 'BinaryExpr':
      return exprChildren(node).every((child) => isScalarNode(child, text, depth + 1));
    default:
      return false;
  }
}
