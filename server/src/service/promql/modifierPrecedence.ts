import { Tree, TreeBuffer, type NodeType, type SyntaxNode } from '@lezer/common';

/**
 * lezer-promql (0.315) reads a postfix modifier after a binary or unary expression as applying
 * to all of it: `a - b offset 1d` becomes `(a - b) offset 1d`, `a - b[5m]` becomes
 * `(a - b)[5m]`. Prometheus binds `offset`, `@`, ranges, subqueries, `anchored` and
 * `smoothed` tighter than any operator (generated_parser.y: they follow `expr` with the
 * highest precedence), so they apply to the right-most operand: `a - (b offset 1d)`.
 * `x - x offset 1d` is a common alert, and every feature reads the tree, so the tree is
 * rebuilt in Prometheus' shape right after parsing. No grammar option or upstream release
 * fixes this yet, hence this module.
 */

const modifiers = new Set(['OffsetExpr', 'StepInvariantExpr', 'SubqueryExpr', 'MatrixSelector', 'AnchoredExpr', 'SmoothedExpr']);
const operators = new Set(['BinaryExpr', 'UnaryExpr']);

/** The tree in Prometheus' precedence: the same tree when no modifier follows an operator. */
export function withModifierPrecedence(tree: Tree): Tree {
  return modifierAfterOperator(tree) ? (rebuild(tree.topNode) as Tree) : tree;
}

/**
 * Whether some modifier node's first child is a binary or unary expression, read off lezer's
 * node buffers (nodes in prefix order, four numbers each) without building node objects.
 */
function modifierAfterOperator(tree: Tree): boolean {
  const pending: Array<Tree | TreeBuffer> = [tree];
  for (let next = pending.pop(); next; next = pending.pop()) {
    if (next instanceof TreeBuffer) {
      const { buffer, set } = next;
      for (let i = 0; i < buffer.length; i += 4) {
        if (modifiers.has(set.types[buffer[i]].name) && buffer[i + 3] > i + 4 && operators.has(set.types[buffer[i + 4]].name)) return true;
      }
    } else {
      const first = next.children[0];
      const firstType = first instanceof TreeBuffer ? first.set.types[first.buffer[0]] : first?.type;
      if (modifiers.has(next.type.name) && firstType && operators.has(firstType.name)) return true;
      for (const child of next.children) pending.push(child);
    }
  }
  return false;
}

/** A node of the rebuilt tree: its type, span and children (spans absolute while building). */
interface Built {
  type: NodeType;
  from: number;
  to: number;
  children: Built[];
}

function rebuild(top: SyntaxNode): Tree {
  return toTree(build(top));
}

function build(node: SyntaxNode): Built {
  const children: Built[] = [];
  for (let child = node.firstChild; child; child = child.nextSibling) children.push(build(child));
  const built = { type: node.type, from: node.from, to: node.to, children };
  if (!modifiers.has(node.name) || children.length === 0 || !operators.has(children[0].type.name)) return built;
  return pushDown(children[0], built) ?? built;
}

/**
 * `operand` followed by `modifier`'s other children, with the modifier moved onto the
 * right-most operand; undefined when that operand is missing (a half-typed query).
 */
function pushDown(operand: Built, modifier: Built): Built | undefined {
  const rest = modifier.children.slice(1);
  if (!operators.has(operand.type.name)) return { type: modifier.type, from: operand.from, to: modifier.to, children: [operand, ...rest] };
  const last = operand.children.length - 1;
  const right = operand.children[last];
  if (!right || right.type.isError || !right.type.is('Expr')) return undefined;
  const moved = pushDown(right, { ...modifier, children: [right, ...rest] });
  if (!moved) return undefined;
  return { type: operand.type, from: operand.from, to: modifier.to, children: [...operand.children.slice(0, last), moved] };
}

function toTree(node: Built): Tree {
  return new Tree(
    node.type,
    node.children.map(toTree),
    node.children.map((child) => child.from - node.from),
    node.to - node.from,
  );
}
