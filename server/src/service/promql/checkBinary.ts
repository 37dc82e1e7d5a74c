import type { SyntaxNode } from '@lezer/common';
import type { CheckContext, Ty } from './checkAst';
import { typeName } from './checkAst';
import { unquoteString } from './literals';
import { childByName, childrenByName, isExpr, nodeText } from './tree';

const comparisonOps = new Set(['Eql', 'Neq', 'Lte', 'Lss', 'Gte', 'Gtr']);
const setOps = new Set(['And', 'Or', 'Unless']);
const operatorNames = new Set([
  'Pow',
  'Mul',
  'Div',
  'Mod',
  'Atan2',
  'Add',
  'Sub',
  'Eql',
  'Gte',
  'Gtr',
  'TrimUpper',
  'TrimLower',
  'Lte',
  'Lss',
  'Neq',
  'And',
  'Unless',
  'Or',
]);

/** Label names of a GroupingLabels node (`(a, "b.c")`). */
export function groupingLabelNames(text: string, node: SyntaxNode | null): { name: string; from: number; to: number }[] {
  if (!node) return [];
  return childrenByName(node, 'LabelName', 'QuotedLabelName').map((label) => ({
    name: label.name === 'LabelName' ? nodeText(text, label) : unquoteString(nodeText(text, label)),
    from: label.from,
    to: label.to,
  }));
}

/**
 * Binary operators, following checkAST's BinaryExpr case in
 * https://github.com/prometheus/prometheus/blob/main/promql/parser/parse.go
 * (bool, set operators, vector matching, fill modifiers).
 */
export function checkBinaryExpr(node: SyntaxNode, ctx: CheckContext): Ty {
  // One pass over the children (each step builds a node object): the operands, the first
  // operator after the left one, and the modifiers.
  let lhs: SyntaxNode | null = null;
  let rhs: SyntaxNode | null = null;
  let op: SyntaxNode | null = null;
  let bool: SyntaxNode | null = null;
  let matching: SyntaxNode | null = null;
  let fill: SyntaxNode | null = null;
  for (let child = node.firstChild; child; child = child.nextSibling) {
    const name = child.name;
    if (isExpr(child)) {
      if (!lhs) lhs = child;
      else rhs ??= child;
    } else if (operatorNames.has(name)) {
      if (lhs && !op && child.from >= lhs.to) op = child;
    } else if (name === 'BoolModifier') bool ??= child;
    else if (name === 'MatchingModifierClause') matching ??= child;
    else if (name === 'FillModifier') fill ??= child;
  }
  if (!lhs || !rhs || !op) return 'any';
  const lt = ctx.typeOf(lhs);
  const rt = ctx.typeOf(rhs);
  const opText = nodeText(ctx.text, op);
  const isComparison = comparisonOps.has(op.name);
  const isSet = setOps.has(op.name);

  if (bool && !isComparison) {
    ctx.report(bool.from, bool.to, 'promql/bool-modifier', 'bool modifier can only be used on comparison operators');
  }
  if (isComparison && !bool && lt === 'scalar' && rt === 'scalar') {
    ctx.report(op.from, op.to, 'promql/bool-modifier', `comparisons between scalars must use BOOL modifier: write ${opText} bool`);
  }
  if (fill && !ctx.experimentalFeaturesEnabled) {
    ctx.report(
      fill.from,
      fill.to,
      'promql/experimental-syntax',
      'fill modifiers are experimental: Prometheus needs --enable-feature=promql-binop-fill-modifiers',
    );
  }

  const onOrIgnoring = matching ? childByName(matching, 'On', 'Ignoring') : null;
  const groupSide = matching ? childByName(matching, 'GroupLeft', 'GroupRight') : null;
  const [matchingLabels, includeLabels] = matching
    ? [
        groupingLabelNames(ctx.text, matching.getChildren('GroupingLabels')[0] ?? null),
        groupingLabelNames(ctx.text, matching.getChildren('GroupingLabels')[1] ?? null),
      ]
    : [[], []];
  if (onOrIgnoring?.name === 'On') {
    const onNames = new Set(matchingLabels.map((l) => l.name));
    for (const label of includeLabels) {
      if (onNames.has(label.name)) {
        ctx.report(label.from, label.to, 'promql/vector-matching', `label "${label.name}" must not occur in ON and GROUP clause at once`);
      }
    }
  }

  let operandError = false;
  for (const [side, type] of [
    [lhs, lt],
    [rhs, rt],
  ] as const) {
    if (type !== 'any' && type !== 'scalar' && type !== 'vector') {
      operandError = true;
      const hint = type === 'matrix' ? '; wrap the range in a function such as rate(…) or avg_over_time(…)' : '';
      ctx.report(
        side.from,
        side.to,
        'promql/operand-type',
        `binary expression must contain only scalar and instant vector types, got ${typeName(type)}${hint}`,
      );
    }
  }
  if (operandError) return 'any';

  const bothKnown = lt !== 'any' && rt !== 'any';
  if (bothKnown && (lt !== 'vector' || rt !== 'vector')) {
    if (matching && matchingLabels.length > 0) {
      ctx.report(matching.from, matching.to, 'promql/vector-matching', 'vector matching only allowed between instant vectors');
    }
    if (fill) ctx.report(fill.from, fill.to, 'promql/vector-matching', 'filling in missing series only allowed between instant vectors');
  } else if (bothKnown && isSet) {
    if (groupSide) ctx.report(groupSide.from, matching!.to, 'promql/vector-matching', `no grouping allowed for "${opText}" operation`);
    if (fill) ctx.report(fill.from, fill.to, 'promql/vector-matching', 'filling in missing series not allowed for set operators');
  }
  if (isSet && (lt === 'scalar' || rt === 'scalar')) {
    ctx.report(op.from, op.to, 'promql/set-operator-on-scalar', `set operator "${opText}" not allowed in binary scalar expression`);
  }
  if (lt === 'scalar' && rt === 'scalar') return 'scalar';
  if (lt === 'any' || rt === 'any') return lt === 'vector' || rt === 'vector' ? 'vector' : 'any';
  return 'vector';
}
