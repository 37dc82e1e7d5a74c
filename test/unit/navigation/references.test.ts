import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { findMetricReferences } from '../../../server/src/service/navigation';
import { covered, indexFiles, withCursor, type Files } from './helpers';

const files: Files = {
  'file:///rules.yaml':
    'groups:\n  - name: g\n    rules:\n      - record: job:up:sum\n        expr: sum by (job) (up)\n      - alert: JobDown\n        expr: job:up:sum == 0\n',
  'file:///more.yaml': "groups:\n  - name: h\n    rules:\n      - alert: Half\n        expr: 'job:up:sum / count by (job) (up) < 0.5'\n",
  'file:///q.promql': '{__name__="job:up:sum"} or up',
};

const where = (locations: Array<{ uri: string; range: { start: { line: number; character: number } } }>) =>
  locations.map((l) => `${l.uri.slice(8)}:${l.range.start.line}:${l.range.start.character}`);

describe('findMetricReferences', () => {
  const cases: Array<{ title: string; uri: string; marked: string; includeDeclaration: boolean; expected: string[] }> = [
    {
      title: 'a recording rule, with its declaration',
      uri: 'file:///q.promql',
      marked: '{__name__="job:u‸p:sum"} or up',
      includeDeclaration: true,
      expected: ['rules.yaml:3:16', 'rules.yaml:6:14', 'more.yaml:4:15', 'q.promql:0:11'],
    },
    {
      title: 'a recording rule, from its declaration, without it',
      uri: 'file:///rules.yaml',
      marked: files['file:///rules.yaml'].replace('record: job', 'record: ‸job'),
      includeDeclaration: false,
      expected: ['rules.yaml:6:14', 'more.yaml:4:15', 'q.promql:0:11'],
    },
    {
      title: 'any metric, such as up, has its uses listed too',
      uri: 'file:///q.promql',
      marked: '{__name__="job:up:sum"} or ‸up',
      includeDeclaration: true,
      expected: ['rules.yaml:4:28', 'more.yaml:4:44', 'q.promql:0:27'],
    },
    {
      title: 'nothing at a keyword',
      uri: 'file:///q.promql',
      marked: '{__name__="job:up:sum"} o‸r up',
      includeDeclaration: true,
      expected: [],
    },
  ];
  for (const { title, uri, marked, includeDeclaration, expected } of cases) {
    test(title, () => {
      const { text, position } = withCursor(marked);
      const index = indexFiles({ ...files, [uri]: text });
      const locations = findMetricReferences(index, uri, position, includeDeclaration);
      assert.deepEqual(where(locations), expected);
      const texts: Files = { ...files, [uri]: text };
      const names = new Set(locations.map((l) => covered(texts[l.uri], l.range)));
      assert.ok(names.size <= 1, `one name everywhere: ${[...names].join(', ')}`);
    });
  }
});
