import { Tree } from '@lezer/common';
import { parser } from '@prometheus-io/lezer-promql';

export { ancestor, childByName, childNodes, childrenByName, exprChildren, isExpr, nodeAt, nodeText, topExpr } from './tree';

/**
 * Parses PromQL with Prometheus' own lezer grammar. Never throws: syntax errors become
 * error nodes (`node.type.isError`). Offsets are offsets into `text`.
 *
 * `validatePromQL` parses a slightly prepared copy instead (unknown function names masked),
 * so feature code that wants the plain grammar tree should use this function.
 */
export function parsePromQL(text: string): Tree {
  try {
    return parser.parse(text);
  } catch (error) {
    // lezer builds trees recursively: absurd nesting (thousands of levels) can exhaust the
    // stack. Features then see an empty tree and offer nothing, rather than crash.
    if (error instanceof RangeError) return Tree.empty;
    throw error;
  }
}
