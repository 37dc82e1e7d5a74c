import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { findRecordingRuleDefinition } from '../../../server/src/service/navigation';
import { covered, indexFiles, withCursor } from './helpers';

const rules = [
  'groups:',
  '  - name: recording',
  '    rules:',
  '      - record: job:errors:rate5m',
  '        expr: sum by (job) (rate(errors_total[5m]))',
  '      - record: "job:errors:rate5m"',
  '        expr: sum by (job) (rate(other_errors_total[5m]))',
  '',
].join('\n');

describe('findRecordingRuleDefinition', () => {
  const cases: Array<{ title: string; uri: string; marked: string; expected: string[] }> = [
    {
      title: 'from a use in a literal block of another file to both record values',
      uri: 'file:///alerts.yaml',
      marked: 'groups:\n  - name: alerts\n    rules:\n      - alert: Errors\n        expr: |\n          job:errors:‸rate5m > 0.1\n',
      expected: ['file:///rules.yaml:3:16', 'file:///rules.yaml:5:17'],
    },
    {
      title: 'from a .promql file',
      uri: 'file:///q.promql',
      marked: 'topk(5, ‸job:errors:rate5m)',
      expected: ['file:///rules.yaml:3:16', 'file:///rules.yaml:5:17'],
    },
    {
      title: 'from a {__name__="…"} matcher',
      uri: 'file:///q.promql',
      marked: '{__name__="job:errors:rate5m‸"}',
      expected: ['file:///rules.yaml:3:16', 'file:///rules.yaml:5:17'],
    },
    { title: 'a metric no rule records has none', uri: 'file:///q.promql', marked: 'rate(errors_‸total[5m])', expected: [] },
    { title: 'nothing under the cursor', uri: 'file:///q.promql', marked: 'sum(x) ‸ ', expected: [] },
  ];
  for (const { title, uri, marked, expected } of cases) {
    test(title, () => {
      const { text, position } = withCursor(marked);
      const index = indexFiles({ 'file:///rules.yaml': rules, [uri]: text });
      const locations = findRecordingRuleDefinition(index, uri, position);
      assert.deepEqual(
        locations.map((l) => `${l.uri}:${l.range.start.line}:${l.range.start.character}`),
        expected,
      );
      for (const location of locations) assert.equal(covered(rules, location.range), 'job:errors:rate5m');
    });
  }

  test('from the record value itself to its own definition', () => {
    const { text, position } = withCursor('groups:\n  - name: g\n    rules:\n      - record: a:‸b\n        expr: sum(x)\n');
    const locations = findRecordingRuleDefinition(indexFiles({ 'file:///r.yaml': text }), 'file:///r.yaml', position);
    assert.deepEqual(locations, [{ uri: 'file:///r.yaml', range: { start: { line: 3, character: 16 }, end: { line: 3, character: 19 } } }]);
  });
});
