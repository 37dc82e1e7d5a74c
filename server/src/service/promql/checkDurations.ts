import type { SyntaxNode } from '@lezer/common';
import type { CheckContext } from './checkAst';
import { literalValue } from './literals';
import { childByName, nodeText } from './tree';

/**
 * Durations in `[range]`, `[range:step]` and `offset`, following the duration rules of
 * https://github.com/prometheus/prometheus/blob/main/promql/parser/generated_parser.y
 * (positive_duration_expr, duration_expr). Malformed tokens are reported by the token pass.
 */
export function checkDurationExpr(node: SyntaxNode, mustBePositive: boolean, ctx: CheckContext): void {
  const value = literalOf(node, ctx.text);
  if (mustBePositive && value !== undefined && value <= 0) {
    ctx.report(node.from, node.to, 'promql/invalid-duration', 'duration must be greater than 0');
  }
  checkDivisions(node, ctx);
}

export function checkOffsetDuration(node: SyntaxNode, ctx: CheckContext): void {
  checkDivisions(node, ctx);
}

/** The value in seconds when the duration is a plain, possibly signed, literal. */
function literalOf(node: SyntaxNode, text: string): number | undefined {
  let sign = 1;
  let current: SyntaxNode | null = node;
  while (current && current.name === 'DurationExpr') {
    const literal = childByName(current, 'NumberDurationLiteralInDurationContext');
    const unary = childByName(current, 'UnaryOp');
    if (literal && !current.firstChild?.nextSibling) {
      const value = literalValue(nodeText(text, literal));
      return value === undefined ? undefined : sign * value;
    }
    if (!unary) return undefined;
    if (nodeText(text, unary) === '-') sign = -sign;
    current = childByName(current, 'DurationExpr');
  }
  return undefined;
}

function checkDivisions(root: SyntaxNode, ctx: CheckContext): void {
  const cursor = root.cursor();
  do {
    if (cursor.name !== 'Div' && cursor.name !== 'Mod') continue;
    const operator = cursor.node;
    const rhs = operator.nextSibling;
    if (!rhs || rhs.name !== 'DurationExpr' || operator.parent?.name !== 'DurationExpr') continue;
    if (literalOf(rhs, ctx.text) === 0) {
      ctx.report(operator.from, rhs.to, 'promql/invalid-duration', operator.name === 'Div' ? 'division by zero' : 'modulo by zero');
    }
  } while (cursor.next() && cursor.from < root.to);
}
