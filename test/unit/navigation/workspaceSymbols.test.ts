import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SymbolKind } from 'vscode-languageserver-types';
import { workspaceSymbols } from '../../../server/src/service/navigation';
import { covered, indexFiles } from './helpers';

const rules = [
  'groups:',
  '  - name: api.rules',
  '    rules:',
  '      - record: job:http_requests:rate5m',
  '        expr: sum by (job) (rate(http_requests_total[5m]))',
  '      - alert: HighErrorRate',
  '        expr: job:http_requests:rate5m > 100',
  '  - rules:',
  '      - alert: NoGroupName',
  '        expr: up == 0',
  '',
].join('\n');

describe('workspaceSymbols', () => {
  const cases: Array<[string, string[]]> = [
    ['', ['job:http_requests:rate5m', 'HighErrorRate', 'NoGroupName']],
    ['http', ['job:http_requests:rate5m']],
    ['higherr', ['HighErrorRate']],
    ['HIGHERR', ['HighErrorRate']],
    ['rate5', ['job:http_requests:rate5m']],
    ['her', ['job:http_requests:rate5m', 'HighErrorRate']],
    ['zzz', []],
  ];
  for (const [query, expected] of cases) {
    test(`query "${query}"`, () => {
      assert.deepEqual(
        workspaceSymbols(indexFiles({ 'file:///r.yaml': rules }), query).map((s) => s.name),
        expected,
      );
    });
  }

  test('kinds, containers and locations', () => {
    const symbols = workspaceSymbols(indexFiles({ 'file:///r.yaml': rules, 'file:///q.promql': 'job:http_requests:rate5m' }), '');
    assert.deepEqual(
      symbols.map((s) => [s.name, s.kind, s.containerName, s.location.uri, covered(rules, s.location.range)]),
      [
        ['job:http_requests:rate5m', SymbolKind.Variable, 'api.rules', 'file:///r.yaml', 'job:http_requests:rate5m'],
        ['HighErrorRate', SymbolKind.Event, 'api.rules', 'file:///r.yaml', 'HighErrorRate'],
        ['NoGroupName', SymbolKind.Event, undefined, 'file:///r.yaml', 'NoGroupName'],
      ],
    );
  });

  test('the answer is capped', () => {
    const many = ['groups:', '  - name: g', '    rules:'];
    for (let i = 0; i < 30; i++) many.push(`      - record: r:${i}`, '        expr: up');
    assert.equal(workspaceSymbols(indexFiles({ 'file:///r.yaml': many.join('\n') }), '', 10).length, 10);
  });
});
