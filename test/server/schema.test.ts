import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { CompletionItem, CompletionList, Hover, MarkupContent, TextEdit } from 'vscode-languageserver-protocol';
import { LspClient, withCursor } from './lspClient';

const monitor = `apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  endpoints:
    - port: http
      ‸
`;

const service = `apiVersion: v1
kind: Service
metadata:
  name: checkout
  namespace: shop
  labels: {app: checkout}
spec:
  selector: {app: checkout}
  ports:
    - name: http
      port: 80
    - name: metrics
      port: 9090
`;

/** The text a snippet inserts when every placeholder keeps its default. */
function expandSnippet(snippet: string): string {
  return snippet
    .replace(/\$\{\d+:([^}]*)\}/g, '$1')
    .replace(/\$\d+/g, '')
    .replace(/\\([$}\\])/g, '$1');
}

describe('schema completion and hover over LSP', () => {
  let client: LspClient;
  before(async () => {
    client = await LspClient.start();
  });
  after(async () => {
    await client.stop();
  });

  test('endpoint fields inside a ServiceMonitor, as edits at the cursor', async () => {
    const { text, position } = withCursor(monitor);
    await client.open('file:///schema/monitor.yaml', 'yaml', text);
    const list = await client.request<CompletionList | CompletionItem[]>('textDocument/completion', {
      textDocument: { uri: 'file:///schema/monitor.yaml' },
      position,
    });
    const items = Array.isArray(list) ? list : list.items;
    const names = items.map((item) => item.label);
    for (const name of ['path', 'interval', 'scheme', 'relabelings', 'honorLabels'])
      assert.ok(names.includes(name), `${name} in ${names.join(',')}`);
    assert.ok(!names.includes('port'), 'port is already there');
    const interval = items.find((item) => item.label === 'interval')!;
    assert.deepEqual((interval.textEdit as TextEdit).range, { start: position, end: position });
    assert.equal((interval.textEdit as TextEdit).newText, 'interval: ${1:30s}');
  });

  test('a ServiceMonitor for a Service of the workspace, inserted into an empty file, matches it', async () => {
    await client.open('file:///schema/app/service.yaml', 'yaml', service);
    await client.open('file:///schema/app/monitor.yaml', 'yaml', '');
    const list = await client.request<CompletionList>('textDocument/completion', {
      textDocument: { uri: 'file:///schema/app/monitor.yaml' },
      position: { line: 0, character: 0 },
    });
    const item = list.items.find((candidate) => candidate.label === 'ServiceMonitor for shop/checkout');
    assert.ok(item, JSON.stringify(list.items.map((candidate) => candidate.label)));
    const text = expandSnippet((item.textEdit as TextEdit).newText);
    const { diagnostics } = await client.change('file:///schema/app/monitor.yaml', text);
    const codes = diagnostics.map((diagnostic) => diagnostic.code);
    assert.ok(
      !codes.includes('operator/selector-matches-no-service') && !codes.includes('operator/port-not-found'),
      `${codes.join()}\n${text}`,
    );
    assert.match(text, /port: metrics\n/);
  });

  test('hover on a field key shows its type and doc', async () => {
    const text = monitor.replace('‸', '');
    await client.open('file:///schema/hover.yaml', 'yaml', text);
    const hover = await client.request<Hover | null>('textDocument/hover', {
      textDocument: { uri: 'file:///schema/hover.yaml' },
      position: { line: 7, character: 4 },
    });
    assert.match((hover?.contents as MarkupContent).value, /\*\*endpoints\*\* — `array of objects`/);
  });
});
