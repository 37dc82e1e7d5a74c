import { Tree, TreeBuffer, type NodeType, type SyntaxNode } from '@lezer/common';
import { parser } from '@prometheus-io/lezer-promql';

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
// By node type id, for the scan every parse makes: 1 a modifier, 2 an operator.
const role = Uint8Array.from(parser.nodeSet.types, (type) => (modifiers.has(type.name) ? 1 : operators.has(type.name) ? 2 : 0));

/** The tree in Prometheus' precedence: the same tree when no modifier follows an operator. */
export function withModifierPrecedence(tree: Tree): Tree {
  if (!modifierAfterOperator(tree)) return tree;
  try {
    return rebuild(tree.topNode);
  } catch (error) {
    // Chains of tens of thousands of operators can exhaust the stack: keep lezer's reading.
    if (error instanceof RangeError) return tree;
    throw error;
  }
}

/**
 * Whether some modifier node's first child is a binary or unary expression, read off lezer's
 * node buffers (nodes in prefix order, four numbers each) without building node objects.
 */
function modifierAfterOperator(tree: Tree): boolean {
  const pending: Array<Tree | TreeBuffer> = [tree];
  for (let next = pending.pop(); next; next = pending.pop()) {
    if (next instanceof TreeBuffer) {
      const { buffer } = next;
      for (let i = 0; i < buffer.length; i += 4)
        if (role[buffer[i]] === 1 && buffer[i + 3] > i + 4 && role[buffer[i + 4]] === 2) return true;
    } else {
      const first = next.children[0];
      const firstType = first instanceof TreeBuffer ? first.buffer[0] : first?.type.id;
      if (role[next.type.id] === 1 && firstType !== undefined && role[firstType] === 2) return true;
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

/**
 * An operator chain read flat: operands, binary operators (their token and any `bool`,
 * `on(…)`/`group_left`, `fill(…)` between the operands) and unary prefixes.
 */
type Item =
  | { kind: 'operand'; node: Built }
  | { kind: 'binary'; type: NodeType; parts: Built[]; precedence: number; right: boolean }
  | { kind: 'unary'; type: NodeType; parts: Built[] };

// Prometheus' generated_parser.y: `%left LOR`, `%left LAND LUNLESS`, `%left EQLC … NEQ`,
// `%left ADD SUB`, `%left MUL DIV MOD ATAN2`, `%right POW`; unary operators bind as MUL.
const precedences: Record<string, number> = {
  Or: 1,
  And: 2,
  Unless: 2,
  Eql: 3,
  Neq: 3,
  Gtr: 3,
  Lss: 3,
  Gte: 3,
  Lte: 3,
  Add: 4,
  Sub: 4,
  Mul: 5,
  Div: 5,
  Mod: 5,
  Atan2: 5,
  Pow: 6,
};
const unaryPrecedence = precedences.Mul;

function rebuild(top: SyntaxNode): Tree {
  return toTree(build(top));
}

/** Whether a node belongs to an operator chain: an operation, or a modifier over one. */
function inChain(node: SyntaxNode): boolean {
  if (operators.has(node.name)) return true;
  return modifiers.has(node.name) && node.firstChild !== null && inChain(node.firstChild);
}

function build(node: SyntaxNode): Built {
  if (!inChain(node)) return plainBuild(node);
  const items = flatten(node);
  const cursor = { at: 0 };
  const chain = items && climb(items, cursor, 0);
  // A chain that cannot be read (an operand missing) keeps lezer's shape, all of it at once:
  // trying each of its sub-chains again would take time quadratic in its length.
  return chain && cursor.at === items.length ? chain : plainBuild(node, true);
}

/** A node as lezer shaped it; `asParsed` keeps the chain members under it too. */
function plainBuild(node: SyntaxNode, asParsed = false): Built {
  const children: Built[] = [];
  for (let child = node.firstChild; child; child = child.nextSibling)
    children.push(asParsed && inChain(child) ? plainBuild(child, true) : build(child));
  return { type: node.type, from: node.from, to: node.to, children };
}

/**
 * The chain under `root` as a flat list; undefined when an operand is missing (a half-typed
 * query). Iterative, with items appended in place: chains can be thousands of operators long.
 */
function flatten(root: SyntaxNode): Item[] | undefined {
  const out: Item[] = [];
  type Task = { node: SyntaxNode } | { item: Item } | { modifier: SyntaxNode; rest: Built[] };
  const tasks: Task[] = [{ node: root }];
  for (let task = tasks.pop(); task; task = tasks.pop()) {
    if ('item' in task) {
      out.push(task.item);
      continue;
    }
    if ('modifier' in task) {
      // The modifier applies to the operand right before it.
      const last = out[out.length - 1];
      if (last?.kind !== 'operand') return undefined;
      const { modifier, rest } = task;
      out[out.length - 1] = {
        kind: 'operand',
        node: { type: modifier.type, from: last.node.from, to: modifier.to, children: [last.node, ...rest] },
      };
      continue;
    }
    const node = task.node;
    const children: SyntaxNode[] = [];
    for (let child = node.firstChild; child; child = child.nextSibling) children.push(child);
    const right = children[children.length - 1];
    if (node.name === 'BinaryExpr') {
      const precedence = children[1] && precedences[children[1].name];
      if (children.length < 3 || !isOperand(children[0]) || !isOperand(right) || precedence === undefined) return undefined;
      const parts = children.slice(1, -1).map(build);
      tasks.push(
        { node: right },
        { item: { kind: 'binary', type: node.type, parts, precedence, right: children[1].name === 'Pow' } },
        { node: children[0] },
      );
    } else if (node.name === 'UnaryExpr') {
      if (children.length < 2 || !isOperand(right)) return undefined;
      tasks.push({ node: right }, { item: { kind: 'unary', type: node.type, parts: children.slice(0, -1).map(build) } });
    } else if (modifiers.has(node.name) && children.length > 0 && inChain(children[0])) {
      tasks.push({ modifier: node, rest: children.slice(1).map(build) }, { node: children[0] });
    } else {
      out.push(operand(node));
    }
  }
  return out;
}

function operand(node: SyntaxNode): Item {
  return { kind: 'operand', node: plainBuild(node) };
}

function isOperand(node: SyntaxNode | undefined): node is SyntaxNode {
  return node !== undefined && !node.type.isError && node.type.is('Expr');
}

/** Precedence climbing over `items` from `cursor.at`: operators of at least `minimum`. */
function climb(items: readonly Item[], cursor: { at: number }, minimum: number): Built | undefined {
  let left = primary(items, cursor);
  for (let item = items[cursor.at]; left && item?.kind === 'binary' && item.precedence >= minimum; item = items[cursor.at]) {
    cursor.at++;
    const right = climb(items, cursor, item.right ? item.precedence : item.precedence + 1);
    if (!right) return undefined;
    left = { type: item.type, from: left.from, to: right.to, children: [left, ...item.parts, right] };
  }
  return left;
}

function primary(items: readonly Item[], cursor: { at: number }): Built | undefined {
  const item = items[cursor.at++];
  if (item?.kind === 'operand') return item.node;
  if (item?.kind !== 'unary') return undefined;
  const operand = climb(items, cursor, unaryPrecedence + 1);
  return operand && { type: item.type, from: item.parts[0]?.from ?? operand.from, to: operand.to, children: [...item.parts, operand] };
}

function toTree(node: Built): Tree {
  return new Tree(
    node.type,
    node.children.map(toTree),
    node.children.map((child) => child.from - node.from),
    node.to - node.from,
  );
}
