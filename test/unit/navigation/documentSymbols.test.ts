import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver-types';
import { parseAlertsmithDocument } from '../../../server/src/service/document';
import { documentSymbols } from '../../../server/src/service/navigation';
import { covered } from './helpers';

function outline(text: string, uri = 'file:///r.yaml'): DocumentSymbol[] {
  return documentSymbols(text, parseAlertsmithDocument({ uri, languageId: '', text }));
}

const kindNames = new Map<number, string>(Object.entries(SymbolKind).map(([name, value]) => [value, name]));

/** name [detail] kind, children indented: the tree as the Outline view shows it. */
function tree(symbols: readonly DocumentSymbol[], depth = 0): string[] {
  return symbols.flatMap((s) => [
    `${'  '.repeat(depth)}${s.name}${s.detail ? ` [${s.detail}]` : ''} ${kindNames.get(s.kind)}`,
    ...tree(s.children ?? [], depth + 1),
  ]);
}

function all(symbols: readonly DocumentSymbol[]): DocumentSymbol[] {
  return symbols.flatMap((s) => [s, ...all(s.children ?? [])]);
}

const ruleFile = [
  'groups:',
  '  - name: api.rules',
  '    rules:',
  '      - record: job:http_requests:rate5m',
  '        expr: sum by (job) (rate(http_requests_total[5m]))',
  '      - alert: HighErrorRate',
  '        expr: job:http_requests:rate5m > 100',
  '        for: 5m',
  '        labels:',
  '          severity: critical',
  '  - rules:',
  '      - alert: "Quoted"',
  '        expr: up == 0',
  '      - expr: up',
  '',
].join('\n');

describe('documentSymbols', () => {
  test('a rule file: its groups, and their alerts and recording rules', () => {
    assert.deepEqual(tree(outline(ruleFile)), [
      'api.rules [2 rules] Namespace',
      '  job:http_requests:rate5m Variable',
      '  HighErrorRate [critical] Event',
      '(unnamed group) [2 rules] Namespace',
      '  Quoted Event',
      '  (unnamed rule) Object',
    ]);
  });

  test('ranges cover each entry, selections its name, and every selection lies inside its range', () => {
    const symbols = outline(ruleFile);
    const [api, unnamed] = symbols;
    assert.equal(covered(ruleFile, api.selectionRange), 'api.rules');
    assert.match(covered(ruleFile, api.range), /^name: api\.rules[\s\S]*severity: critical$/);
    const [record, alert] = api.children ?? [];
    assert.equal(covered(ruleFile, record.selectionRange), 'job:http_requests:rate5m');
    assert.equal(covered(ruleFile, alert.range).split('\n')[0], 'alert: HighErrorRate');
    assert.equal(covered(ruleFile, unnamed.children![0].selectionRange), '"Quoted"');
    for (const symbol of all(symbols)) {
      const { range, selectionRange: selection } = symbol;
      const before = (a: typeof range.start, b: typeof range.start) => a.line < b.line || (a.line === b.line && a.character <= b.character);
      assert.ok(before(range.start, selection.start) && before(selection.end, range.end), `${symbol.name}: selection outside range`);
    }
  });

  test('a rule with both `alert` and `record` is an alert, as Prometheus loads it', () => {
    const text = 'groups:\n  - name: g\n    rules:\n      - record: r:x\n        alert: Both\n        expr: up\n';
    assert.deepEqual(tree(outline(text)), ['g [1 rule] Namespace', '  Both Event']);
  });

  test('a multi-document chart file: every manifest by name, kind and namespace, with the rule groups of its PrometheusRule', () => {
    const text = [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: checkout',
      '  namespace: shop',
      '---',
      'apiVersion: monitoring.coreos.com/v1',
      'kind: PrometheusRule',
      'metadata:',
      '  name: checkout-rules',
      'spec:',
      '  groups:',
      '    - name: checkout',
      '      rules:',
      '        - alert: CheckoutDown',
      '          expr: up{job="checkout"} == 0',
      '          labels: { severity: page }',
      '---',
      'apiVersion: monitoring.coreos.com/v1',
      'kind: ServiceMonitor',
      'metadata: {}',
      '',
    ].join('\n');
    const symbols = outline(text);
    assert.deepEqual(tree(symbols), [
      'checkout [Deployment · shop] Module',
      'checkout-rules [PrometheusRule] Module',
      '  checkout [1 rule] Namespace',
      '    CheckoutDown [page] Event',
      '(unnamed) [ServiceMonitor] Module',
    ]);
    assert.equal(covered(text, symbols[1].selectionRange), 'checkout-rules');
    assert.equal(covered(text, symbols[2].selectionRange), 'ServiceMonitor', 'without a name, the kind is selected');
  });

  test('a Loki rule file is outlined like a Prometheus one', () => {
    const text =
      'groups:\n  - name: logs\n    rules:\n      - alert: Panics\n        expr: sum(count_over_time({app="api"} |= "panic" [5m])) > 0\n';
    assert.deepEqual(tree(outline(text, 'file:///loki/rules.yaml')), ['logs [1 rule] Namespace', '  Panics Event']);
  });

  test('names and severities through anchors and merge keys; a merged name selects the rule itself', () => {
    const text = [
      'groups:',
      '  - name: g',
      '    rules:',
      '      - &base',
      '        alert: Base',
      '        expr: up == 0',
      '        labels: { severity: &sev warning }',
      '      - <<: *base',
      '        labels: { severity: *sev }',
      '',
    ].join('\n');
    const symbols = outline(text);
    assert.deepEqual(tree(symbols), ['g [2 rules] Namespace', '  Base [warning] Event', '  Base [warning] Event']);
    const merged = symbols[0].children![1];
    assert.deepEqual(merged.selectionRange, { start: merged.range.start, end: merged.range.start });
  });

  test('YAML Alertsmith has nothing to say about gets no outline, so the YAML extension’s stands alone', () => {
    assert.deepEqual(outline('apiVersion: v1\nkind: Service\nmetadata:\n  name: api\n'), []);
    assert.deepEqual(outline('services:\n  web:\n    image: nginx\n'), []);
    assert.deepEqual(outline('up == 0', 'file:///q.promql'), []);
  });

  test('broken and half-typed files give what can be read, never an error', () => {
    const inputs = [
      'groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: up\n  - name: [',
      'groups:\n  - name: g\n    rules: oops\n',
      'groups:\n  - 42\n  -\n',
      'groups:',
      'apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nspec: 3\n',
      '\u0000\u0001: [}{',
    ];
    for (const text of inputs) assert.doesNotThrow(() => outline(text), text);
    assert.deepEqual(tree(outline(inputs[2])), []);
    assert.deepEqual(tree(outline(inputs[4])), ['(unnamed) [PrometheusRule] Module']);
  });
});
