import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { CodeAction, CodeLens, Hover, Location, MarkupContent, TextEdit } from 'vscode-languageserver-protocol';
import { LspClient } from './lspClient';

const service = `apiVersion: v1
kind: Service
metadata:
  name: payments-api
  namespace: payments
  labels:
    app: payments-api
spec:
  selector:
    app: payments-api
  ports:
    - name: http-metrics
      port: 8080
`;

const monitor = `apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata:
  name: payments
  namespace: payments
spec:
  selector:
    matchLabels:
      app: payments
  endpoints:
    - port: metrics
`;

/** Applies LSP text edits (non-overlapping) to a text. */
function apply(text: string, edits: readonly TextEdit[]): string {
  const lines = text.split('\n');
  const offset = (p: { line: number; character: number }) =>
    lines.slice(0, p.line).reduce((sum, line) => sum + line.length + 1, 0) + p.character;
  return [...edits]
    .sort((a, b) => offset(b.range.start) - offset(a.range.start))
    .reduce((out, edit) => out.slice(0, offset(edit.range.start)) + edit.newText + out.slice(offset(edit.range.end)), text);
}

describe('Prometheus Operator features over LSP', () => {
  let client: LspClient;
  before(async () => {
    client = await LspClient.start();
  });
  after(async () => {
    await client.stop();
  });

  test('a selector that matches no Service: diagnostic with related information and a quick fix that repairs it', async () => {
    await client.open('file:///op/service.yaml', 'yaml', service);
    const { diagnostics } = await client.open('file:///op/monitor.yaml', 'yaml', monitor);
    const problem = diagnostics.find((d) => d.code === 'operator/selector-matches-no-service');
    assert.ok(problem, JSON.stringify(diagnostics));
    assert.match(String(problem.message), /app=payments-api/);
    assert.equal(problem.relatedInformation?.[0].location.uri, 'file:///op/service.yaml');

    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: 'file:///op/monitor.yaml' },
      range: problem.range,
      context: { diagnostics: [problem] },
    });
    const fix = actions.find((action) => action.edit?.changes?.['file:///op/monitor.yaml']);
    assert.ok(fix, `a fix that edits the monitor: ${JSON.stringify(actions.map((a) => a.title))}`);
    const fixed = apply(monitor, fix.edit!.changes!['file:///op/monitor.yaml']);
    const after = await client.change('file:///op/monitor.yaml', fixed);
    assert.ok(!after.diagnostics.some((d) => d.code === 'operator/selector-matches-no-service'), fixed);
  });

  test('hover, definition and code lens on a selector show the matched Service', async () => {
    const matching = monitor.replace('app: payments\n', 'app: payments-api\n');
    await client.open('file:///op/matching.yaml', 'yaml', matching);
    const position = { line: 7, character: 8 }; // inside matchLabels
    const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: 'file:///op/matching.yaml' }, position });
    assert.match((hover?.contents as MarkupContent).value, /payments-api/);
    const locations = await client.request<Location[]>('textDocument/definition', {
      textDocument: { uri: 'file:///op/matching.yaml' },
      position,
    });
    assert.ok(locations.some((location) => location.uri === 'file:///op/service.yaml'));
    const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: 'file:///op/matching.yaml' } });
    assert.ok(
      lenses.some((lens) => /matches 1 Service/.test(lens.command?.title ?? '')),
      JSON.stringify(lenses),
    );
  });
});
