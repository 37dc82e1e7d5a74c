import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parser } from '@prometheus-io/lezer-promql';
import type { Tree } from '@lezer/common';
import { withModifierPrecedence } from '../../../server/src/service/promql/modifierPrecedence';
import { parsePromQL } from '../../../server/src/service/promql/parse';

/** A tree as nested `Name(children)`, leaves as their text. */
function shape(tree: Tree, text: string): string {
  const render = (node = tree.topNode.firstChild): string => {
    if (!node) return '';
    const children: string[] = [];
    for (let child = node.firstChild; child; child = child.nextSibling) children.push(render(child));
    return children.length === 0 ? text.slice(node.from, node.to) : `${node.name}(${children.join(' ')})`;
  };
  return render();
}

const cases: Array<[string, string]> = [
  ['a - b offset 1h', 'BinaryExpr(VectorSelector(a) - OffsetExpr(VectorSelector(b) offset OffsetDurationExpr(1h)))'],
  ['-b @ 100', 'UnaryExpr(- StepInvariantExpr(VectorSelector(b) @ 100))'],
  ['a - b[5m]', 'BinaryExpr(VectorSelector(a) - MatrixSelector(VectorSelector(b) DurationExpr(5m)))'],
  ['a - b[5m:1m]', 'BinaryExpr(VectorSelector(a) - SubqueryExpr(VectorSelector(b) DurationExpr(5m) DurationExpr(1m)))'],
  [
    'a * b - c offset 1h',
    'BinaryExpr(BinaryExpr(VectorSelector(a) * VectorSelector(b)) - OffsetExpr(VectorSelector(c) offset OffsetDurationExpr(1h)))',
  ],
  [
    'a - b * c offset 1h',
    'BinaryExpr(VectorSelector(a) - BinaryExpr(VectorSelector(b) * OffsetExpr(VectorSelector(c) offset OffsetDurationExpr(1h))))',
  ],
  [
    'a - b offset 1h @ 100',
    'BinaryExpr(VectorSelector(a) - StepInvariantExpr(OffsetExpr(VectorSelector(b) offset OffsetDurationExpr(1h)) @ 100))',
  ],
  // A stronger operator after the modifier takes the modified operand, not the whole operation.
  ['a + b offset 1h * 2', 'BinaryExpr(VectorSelector(a) + BinaryExpr(OffsetExpr(VectorSelector(b) offset OffsetDurationExpr(1h)) * 2))'],
  [
    'a ^ b offset 1h ^ c',
    'BinaryExpr(VectorSelector(a) ^ BinaryExpr(OffsetExpr(VectorSelector(b) offset OffsetDurationExpr(1h)) ^ VectorSelector(c)))',
  ],
  [
    'a or b offset 1h and c',
    'BinaryExpr(VectorSelector(a) or BinaryExpr(OffsetExpr(VectorSelector(b) offset OffsetDurationExpr(1h)) and VectorSelector(c)))',
  ],
  ['a - -b offset 1h', 'BinaryExpr(VectorSelector(a) - UnaryExpr(- OffsetExpr(VectorSelector(b) offset OffsetDurationExpr(1h))))'],
  // Parentheses stop the move: Prometheus rejects an offset on a parenthesised expression.
  ['(a - b) offset 1h', 'OffsetExpr(ParenExpr(BinaryExpr(VectorSelector(a) - VectorSelector(b))) offset OffsetDurationExpr(1h))'],
];

test('postfix modifiers bind to the right-most operand, as in Prometheus', () => {
  for (const [text, expected] of cases) assert.equal(shape(parsePromQL(text), text), expected, text);
});

test('spans stay exact: every node covers its own text', () => {
  const text = 'sum(x) - y offset 1d > bool 2 * z @ 100';
  const tree = parsePromQL(text);
  tree.iterate({
    enter(node) {
      if (node.name === 'OffsetExpr') assert.equal(text.slice(node.from, node.to), 'y offset 1d');
      if (node.name === 'StepInvariantExpr') assert.equal(text.slice(node.from, node.to), 'z @ 100');
    },
  });
  assert.equal(tree.length, text.length);
  assert.equal(tree.resolveInner(text.indexOf('1d') + 1, -1).name, 'NumberDurationLiteralInDurationContext');
});

test('a tree with nothing to move is returned as parsed (no rebuild)', () => {
  const tree = parser.parse('rate(a[5m] offset 1h) - b');
  assert.equal(withModifierPrecedence(tree), tree);
});

test('long chains are read in one pass (a chain that cannot be read keeps its parsed shape)', () => {
  for (const text of [
    'a' + ' - a'.repeat(20_000) + ' offset 1h',
    '-'.repeat(20_000) + 'a offset 1h',
    'a' + ' ^ a'.repeat(5_000) + ' offset 1h',
  ]) {
    const tree = parsePromQL(text);
    assert.equal(tree.length, text.length);
  }
});

test('a half-typed query keeps the parsed shape', () => {
  for (const text of ['a - offset 1h', 'a - [5m]', '- @ 100', 'a + (b offset']) {
    assert.doesNotThrow(() => parsePromQL(text), text);
  }
});
