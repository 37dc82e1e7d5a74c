import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TreeBuffer, type Tree } from '@lezer/common';
import { parser as promqlParser } from '@prometheus-io/lezer-promql';
import { parser as logqlParser } from '@grafana/lezer-logql';
import { firstErrorNode, treeHasErrors } from '../../../server/src/service/promql/tree';

/** The reference answer: a walk over every node. */
function walkFindsError(tree: Tree): boolean {
  let found = false;
  tree.iterate({
    enter: (ref) => {
      found ||= ref.type.isError;
    },
  });
  return found;
}

// A sum of 150 selectors is too big for one node buffer: the tree nests trees, not only buffers.
const longSum = Array.from({ length: 150 }, (_, i) => `m${i}{job="j"}`).join(' + ');

const cases: Array<{ parser: typeof promqlParser; query: string; errors: boolean }> = [
  { parser: promqlParser, query: 'sum by (job) (rate(http_requests_total[5m]))', errors: false },
  { parser: promqlParser, query: 'sum by (job) (rate(http_requests_total[5m])', errors: true },
  { parser: promqlParser, query: 'up{job=}', errors: true },
  { parser: promqlParser, query: '', errors: true },
  { parser: promqlParser, query: longSum, errors: false },
  { parser: promqlParser, query: `${longSum} +`, errors: true },
  { parser: promqlParser, query: `(${longSum}) and on() ) x`, errors: true },
  { parser: logqlParser, query: 'sum(rate({app="api"} |= "error" [5m]))', errors: false },
  { parser: logqlParser, query: '{app="api"} | json | line_format "{{.a}}"', errors: false },
  { parser: logqlParser, query: '{app="api"} |= ', errors: true },
  { parser: logqlParser, query: 'rate({app="api"}[5m]', errors: true },
];

test('treeHasErrors agrees with a walk over every node', () => {
  for (const { parser, query, errors } of cases) {
    const tree = parser.parse(query);
    assert.equal(walkFindsError(tree), errors, `reference: ${query.slice(0, 60)}`);
    assert.equal(treeHasErrors(tree), errors, query.slice(0, 60));
    assert.equal(firstErrorNode(tree) !== undefined, errors, query.slice(0, 60));
  }
});

test('the long query really nests trees (the case the buffer scan must recurse into)', () => {
  const tree = promqlParser.parse(`${longSum} +`);
  assert.ok(tree.children.some((child) => !(child instanceof TreeBuffer)));
  let firstError: number | undefined;
  tree.iterate({
    enter: (ref) => {
      if (ref.type.isError) firstError ??= ref.from;
    },
  });
  assert.notEqual(firstError, undefined);
  assert.equal(firstErrorNode(tree)?.from, firstError);
});
