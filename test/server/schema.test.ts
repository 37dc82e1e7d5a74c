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
