import { TreeBuffer, type SyntaxNode, type Tree } from '@lezer/common';

/**
 * Small helpers over lezer-promql syntax nodes. Node names are those of
 * @prometheus-io/lezer-promql's grammar (src/promql.grammar): `Expr` is a group, so
 * `node.type.is('Expr')` is true for every expression node.
 */

/** The source text a node covers. */
export function nodeText(text: string, node: { from: number; to: number }): string {
  return text.slice(node.from, node.to);
}

/** Direct children of a node, in order. */
export function childNodes(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let child = node.firstChild; child; child = child.nextSibling) out.push(child);
  return out;
}

/** Direct children that are expressions (`Expr` group), skipping tokens and error nodes. */
export function exprChildren(node: SyntaxNode): SyntaxNode[] {
  return childNodes(node).filter((child) => isExpr(child));
}

/** True for every expression node (AggregateExpr, BinaryExpr, VectorSelector, …). */
export function isExpr(node: SyntaxNode): boolean {
  return !node.type.isError && node.type.is('Expr');
}

/** First direct child with one of the given node names. */
export function childByName(node: SyntaxNode, ...names: string[]): SyntaxNode | null {
  for (let child = node.firstChild; child; child = child.nextSibling) {
    if (names.includes(child.name)) return child;
  }
  return null;
}

/** All direct children with one of the given node names. */
export function childrenByName(node: SyntaxNode, ...names: string[]): SyntaxNode[] {
  return childNodes(node).filter((child) => names.includes(child.name));
}

/** The top expression of a parsed query, or null for empty input. */
export function topExpr(tree: Tree): SyntaxNode | null {
  const top = tree.topNode;
  for (let child = top.firstChild; child; child = child.nextSibling) {
    if (isExpr(child)) return child;
  }
  return null;
}

/**
 * Whether a tree holds an error node, read off lezer's node buffers without building node
 * objects: most queries parse cleanly, and a walk of their tree costs more than the check.
 */
export function treeHasErrors(tree: Tree): boolean {
  const pending: Array<Tree | TreeBuffer> = [tree];
  for (let next = pending.pop(); next; next = pending.pop()) {
    if (next instanceof TreeBuffer) {
      const { buffer, set } = next;
      // A buffer holds four numbers per node, the node's type id first.
      for (let i = 0; i < buffer.length; i += 4) if (set.types[buffer[i]].isError) return true;
    } else {
      if (next.type.isError) return true;
      for (const child of next.children) pending.push(child);
    }
  }
  return false;
}

/** The first error node of a tree in document order (lezer-promql or lezer-logql), if any. */
export function firstErrorNode(tree: Tree): SyntaxNode | undefined {
  if (!treeHasErrors(tree)) return undefined;
  let found: SyntaxNode | undefined;
  tree.iterate({
    enter(ref) {
      if (found) return false;
      if (ref.type.isError) {
        found = ref.node;
        return false;
      }
      return undefined;
    },
  });
  return found;
}

/** The innermost node at `offset` (preferring the node that ends there when `side` is -1). */
export function nodeAt(tree: Tree, offset: number, side: -1 | 0 | 1 = -1): SyntaxNode {
  return tree.resolveInner(offset, side);
}

/** Walks up from a node to the closest ancestor (itself included) with one of the names. */
export function ancestor(node: SyntaxNode | null, ...names: string[]): SyntaxNode | null {
  for (let current = node; current; current = current.parent) {
    if (names.includes(current.name)) return current;
  }
  return null;
}
