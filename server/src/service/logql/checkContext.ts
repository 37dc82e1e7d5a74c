import type { SyntaxNode } from '@lezer/common';
import type { ExprContext, ExprProblem, Severity } from '../types';
import { stringValue, valueRange, type StringValue } from './strings';

/** What every check sees: the query as typed, where it is used, and where problems go. */
export interface CheckContext {
  /** The query as typed (node offsets are valid in it: repairs keep offsets). */
  text: string;
  context: ExprContext;
  problems: ExprProblem[];
}

/** The check of one node type (checkStages.ts, checkMetric.ts). */
export type NodeCheck = (node: SyntaxNode, ctx: CheckContext) => void;

export function report(ctx: CheckContext, from: number, to: number, code: string, message: string, severity?: Severity): void {
  ctx.problems.push({ from, to: Math.max(to, from + 1), code, message, ...(severity ? { severity } : {}) });
}

/** The unquoted value of a String node. */
export function stringOf(ctx: CheckContext, node: SyntaxNode): StringValue {
  return stringValue(ctx.text, node.from, node.to);
}

/** Reports a problem found at [from, to) of a string's value on the matching characters of the query. */
export function reportInString(
  ctx: CheckContext,
  node: SyntaxNode,
  string: StringValue,
  from: number,
  to: number,
  code: string,
  message: string,
): void {
  const range = to > from ? valueRange(string, from, to) : { from: node.from, to: node.to };
  report(ctx, range.from, range.to, code, message);
}
