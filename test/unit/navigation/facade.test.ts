import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { getLanguageService } from '../../../server/src/service/languageService';
import { isRenameRefusal } from '../../../server/src/service/navigation';
import { withCursor } from './helpers';

const rules = 'groups:\n  - name: g\n    rules:\n      - record: job:up:sum\n        expr: sum by (job) (up)\n';

describe('language service navigation', () => {
  test('.promql files are indexed, and removing a file drops its entries', () => {
    const service = getLanguageService();
    service.indexFile('file:///rules.yaml', 'yaml', rules);
    service.indexFile('file:///q.promql', 'promql', 'job:up:sum > 0');
    const document = TextDocument.create('file:///rules.yaml', 'yaml', 1, rules);
    const at = { line: 3, character: 20 };
    assert.deepEqual(
      service.findReferences(document, at, false).map((l) => l.uri),
      ['file:///q.promql'],
    );
    service.removeFile('file:///q.promql');
    assert.deepEqual(service.findReferences(document, at, false), []);
  });

  test('the batch index of the first scan covers .promql files too', () => {
    const service = getLanguageService();
    service.indexFiles([
      { uri: 'file:///rules.yaml', languageId: 'yaml', text: rules },
      { uri: 'file:///q.promql', languageId: 'promql', text: 'job:up:sum > 0' },
    ]);
    assert.deepEqual(
      service.workspaceSymbols('job').map((s) => s.name),
      ['job:up:sum'],
    );
    const { text, position } = withCursor('job:‸up:sum > 0');
    const definition = service.findDefinition(TextDocument.create('file:///q.promql', 'promql', 1, text), position);
    assert.deepEqual(
      definition.map((l) => [l.uri, l.range.start.line]),
      [['file:///rules.yaml', 3]],
    );
  });

  test('a document is navigated by its live text, even before it is indexed', () => {
    const service = getLanguageService();
    service.indexFile('file:///rules.yaml', 'yaml', rules);
    service.indexFile('file:///q.promql', 'promql', 'up');
    // The editor's text differs from what was indexed: the request must see the live text.
    const { text, position } = withCursor('sum(job:up:‸sum)');
    const document = TextDocument.create('file:///q.promql', 'promql', 2, text);
    assert.equal(service.findDefinition(document, position).length, 1);
    const edit = service.doRename(document, position, 'job:up:total');
    assert.ok(!isRenameRefusal(edit));
    assert.deepEqual(Object.keys(edit.changes ?? {}).sort(), ['file:///q.promql', 'file:///rules.yaml']);
  });

  test('a YAML document with no recording rule at the cursor falls back to Operator definitions', () => {
    const service = getLanguageService();
    const manifests = [
      'apiVersion: v1',
      'kind: Service',
      'metadata: { name: web, namespace: default, labels: { app: web } }',
      'spec: { ports: [{ name: http, port: 80 }] }',
      '---',
      'apiVersion: monitoring.coreos.com/v1',
      'kind: ServiceMonitor',
      'metadata: { name: web, namespace: default }',
      'spec:',
      '  selector:',
      '    matchLabels: { app: web }',
      '  endpoints: [{ port: http }]',
      '',
    ].join('\n');
    service.indexFile('file:///m.yaml', 'yaml', manifests);
    const document = TextDocument.create('file:///m.yaml', 'yaml', 1, manifests);
    const onSelector = { line: 10, character: manifests.split('\n')[10].indexOf('app') + 1 };
    const operatorTargets = service.findOperatorDefinition(document, onSelector);
    assert.ok(operatorTargets.length > 0, 'the selector matches the Service');
    assert.deepEqual(service.findDefinition(document, onSelector), operatorTargets);
  });
});
