import type { SyntaxNode } from '@lezer/common';
import type { CheckContext } from './checkAst';
import { literalValue, numberValue } from './literals';
import { childByName, nodeText } from './tree';

/**
 * Durations in `[range]`, `[range:step]` and `offset`, following the duration rules of
 * https://github.com/prometheus/prometheus/blob/main/promql/parser/generated_parser.y
 * (positive_duration_expr, duration_expr). Malformed tokens are reported by the token pass.
 */
export function checkDurationExpr(node: SyntaxNode, mustBePositive: boolean, ctx: CheckContext): void {
  if (checkRanges(node, ctx)) return; // Prometheus reads an out-of-range number as 0 and says so once
  const value = literalOf(node, ctx.text);
  if (mustBePositive && value !== undefined && value <= 0) {
    ctx.report(node.from, node.to, 'promql/invalid-duration', 'duration must be greater than 0');
  }
  checkDivisions(node, ctx);
}

export function checkOffsetDuration(node: SyntaxNode, ctx: CheckContext): void {
  checkRanges(node, ctx);
  checkDivisions(node, ctx);
}

/** Seconds a time.Duration holds (int64 nanoseconds). */
const maxDurationSeconds = 2 ** 63 / 1e9;

/**
 * Numbers of seconds (`[9.5e10]`, `offset 1e10`) a Go time.Duration cannot hold: Prometheus
 * says "duration out of range" (durationLiteralOutOfRange in promql/parser/parse.go). Durations
 * with units that overflow are malformed tokens, reported by the token pass. True if any.
 */
function checkRanges(root: SyntaxNode, ctx: CheckContext): boolean {
  let found = false;
  const cursor = root.cursor();
  do {
    if (cursor.name !== 'NumberDurationLiteralInDurationContext') continue;
    const written = ctx.text.slice(cursor.from, cursor.to);
    if (/[smhdwy]$/.test(written) && !/^0[xX]/.test(written)) continue;
    const parsed = numberValue(written);
    if ('value' in parsed && Math.abs(parsed.value) > maxDurationSeconds) {
      ctx.report(cursor.from, cursor.to, 'promql/invalid-duration', 'duration out of range');
      found = true;
    }
  } while (cursor.next() && cursor.from < root.to);
  return found;
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
