import { Tree } from '@lezer/common';
import { parser } from '@prometheus-io/lezer-promql';
import { grammarCompatible } from './grammarCompat';
import { withModifierPrecedence } from './modifierPrecedence';

export { ancestor, childByName, childNodes, childrenByName, exprChildren, isExpr, nodeAt, nodeText, topExpr } from './tree';

/** Trees of the validation pass under way (see withSharedTrees), by text. */
let sharedTrees: Map<string, Tree> | undefined;

/**
 * Parses PromQL with Prometheus' own lezer grammar, reading what the grammar lags Prometheus in
 * as Prometheus does (see grammarCompat.ts). Never throws: syntax errors become error nodes
 * (`node.type.isError`). Offsets are offsets into `text`.
 */
export function parsePromQL(text: string): Tree {
  return parseGrammarText(grammarCompatible(text));
}

/**
 * Parses a text already prepared for the grammar: grammarCompatible's, or validation's copy,
 * which also masks unknown function names.
 */
export function parseGrammarText(text: string): Tree {
  const shared = sharedTrees?.get(text);
  if (shared) return shared;
  const tree = parseOnce(text);
  sharedTrees?.set(text, tree);
  return tree;
}

/**
 * Runs one validation pass in which every text is parsed once: a rule's expression is read
 * by the expression checks, by the `$labels` inference of its templates and by the live
 * checks. The trees are dropped when the pass ends (trees are immutable, so sharing is safe).
 */
export function withSharedTrees<T>(run: () => T): T {
  if (sharedTrees) return run();
  sharedTrees = new Map();
  try {
    return run();
  } finally {
    sharedTrees = undefined;
  }
}

function parseOnce(text: string): Tree {
  try {
    return withModifierPrecedence(parser.parse(text));
  } catch (error) {
    // lezer builds trees recursively: absurd nesting (thousands of levels) can exhaust the
    // stack. Features then see an empty tree and offer nothing, rather than crash.
    if (error instanceof RangeError) return Tree.empty;
    throw error;
  }
}
