import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { SavedState } from '../../../client/src/preview/previewMessaging';
import { parsePreviewQuery, parseSavedState, parseViewState } from '../../../client/src/preview/savedState';

const saved: SavedState = {
  view: 'table',
  rangeMs: 6 * 3_600_000,
  stepText: '30s',
  refreshMs: 30_000,
  stacked: true,
  limit: 1000,
  query: {
    expr: 'sum(rate({app="api"} |= "error" [5m])) > 10',
    title: 'ManyErrors',
    language: 'logql',
    uri: 'file:///work/rules/loki.yaml',
    range: { start: { line: 4, character: 14 }, end: { line: 4, character: 58 } },
    alert: {
      name: 'ManyErrors',
      for: '5m',
      forMs: 300_000,
      keepFiringForMs: 60_000,
      threshold: { op: '>', value: 10, valueExpr: 'sum(rate({app="api"} |= "error" [5m]))' },
    },
  },
};

describe('parseSavedState', () => {
  test('a state the page saved comes back whole', () => {
    assert.deepEqual(parseSavedState(JSON.parse(JSON.stringify(saved))), saved);
  });

  test('without a runnable query there is nothing to restore', () => {
    const cases: unknown[] = [
      undefined,
      null,
      'state',
      [saved],
      { ...saved, query: undefined },
      { ...saved, query: { ...saved.query, expr: '   ' } },
      { ...saved, query: { ...saved.query, expr: 42 } },
      { ...saved, query: { ...saved.query, expr: 'x'.repeat(100_001) } },
      { ...saved, query: { ...saved.query, title: undefined } },
      { ...saved, query: { ...saved.query, language: 'sql' } },
    ];
    for (const value of cases) assert.equal(parseSavedState(value), undefined, JSON.stringify(value)?.slice(0, 80));
  });

  test('an old state (toolbar only, before queries were saved) restores nothing', () => {
    assert.equal(parseSavedState({ view: 'graph', rangeMs: 3_600_000, stepText: '', refreshMs: 0, stacked: false }), undefined);
  });
});

describe('parsePreviewQuery', () => {
  test('optional parts that are malformed are dropped, not trusted', () => {
    const query = parsePreviewQuery({
      ...saved.query,
      uri: 'javascript alert(1)',
      range: { start: { line: -1, character: 0 }, end: { line: 1, character: 0 } },
      alert: { ...saved.query.alert, forMs: 'soon' },
      extra: '<script>',
    });
    assert.deepEqual(query, { expr: saved.query.expr, title: 'ManyErrors', language: 'logql' });
  });

  test('a threshold must have a known operator, a finite value and a value side', () => {
    const withThreshold = (threshold: unknown) => parsePreviewQuery({ ...saved.query, alert: { forMs: 0, threshold } })?.alert;
    assert.deepEqual(withThreshold({ op: '<', value: 1, valueExpr: 'x', flipped: true }), {
      forMs: 0,
      threshold: { op: '<', value: 1, valueExpr: 'x', flipped: true },
    });
    for (const bad of [
      { op: '=~', value: 1, valueExpr: 'x' },
      { op: '>', value: 'NaN', valueExpr: 'x' },
      { op: '>', value: 1, valueExpr: ' ' },
    ]) {
      assert.deepEqual(withThreshold(bad), { forMs: 0 }, JSON.stringify(bad));
    }
  });

  test('a range is copied field by field; a long title is cut; PromQL may name no language', () => {
    const query = parsePreviewQuery({
      expr: 'up',
      title: 'T'.repeat(500),
      range: { start: { line: 1, character: 2, junk: 'x' }, end: { line: 3, character: 4 } },
    });
    assert.deepEqual(query?.range, { start: { line: 1, character: 2 }, end: { line: 3, character: 4 } });
    assert.equal(query?.title.length, 300);
    assert.equal(query?.language, undefined);
  });
});

describe('parseViewState', () => {
  test('every choice must be one the toolbar offers; anything else takes its default', () => {
    assert.deepEqual(
      parseViewState({ view: 'chart', rangeMs: 12_345, stepText: 'x'.repeat(40), refreshMs: 1, stacked: 'yes', limit: 501 }),
      {
        view: 'graph',
        rangeMs: 3_600_000,
        stepText: '',
        refreshMs: 0,
        stacked: false,
        limit: 500,
      },
    );
    assert.deepEqual(parseViewState(undefined), parseViewState({}));
    const { query: _query, ...view } = saved;
    assert.deepEqual(parseViewState(saved), view);
  });
});
