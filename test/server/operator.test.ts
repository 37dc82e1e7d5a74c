import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
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

  test("closing a Service's unsaved edits re-checks the monitors they broke against the file on disk", async () => {
    const folder = mkdtempSync(join(tmpdir(), 'alertsmith-close-'));
    // No live servers: their state changes would re-check every open file, whatever closing does.
    const quiet = await LspClient.start({ settings: { prometheus: { url: '' }, loki: { enabled: false } } });
    try {
      const onDisk = service.replace('name: payments-api\n', 'name: orders-api\n').replaceAll('app: payments-api', 'app: orders');
      writeFileSync(join(folder, 'service.yaml'), onDisk);
      const serviceUri = pathToFileURL(join(folder, 'service.yaml')).href;
      const monitorUri = pathToFileURL(join(folder, 'monitor.yaml')).href;
      const selectorProblems = (d: { diagnostics: { code?: unknown }[] }) =>
        d.diagnostics.filter((diagnostic) => diagnostic.code === 'operator/selector-matches-no-service').length;
      await quiet.open(serviceUri, 'yaml', onDisk);
      const orders = monitor.replace('app: payments\n', 'app: orders\n').replace('port: metrics', 'port: http-metrics');
      assert.equal(selectorProblems(await quiet.open(monitorUri, 'yaml', orders)), 0);

      // An unsaved edit relabels the Service: the monitor no longer finds it.
      let pushed = quiet.nextDiagnostics(monitorUri);
      await quiet.change(serviceUri, onDisk.replaceAll('app: orders', 'app: billing'));
      assert.equal(selectorProblems(await pushed), 1);
      // Closing without saving: the Service is what the disk says again, and the monitor finds it.
      pushed = quiet.nextDiagnostics(monitorUri, undefined, 5000);
      await quiet.close(serviceUri);
      assert.equal(selectorProblems(await pushed), 0);
    } finally {
      await quiet.stop();
      rmSync(folder, { recursive: true, force: true });
    }
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

  test('a quick fix for a matchExpressions selector: add the Service value to the In list', async () => {
    const checkout = service.replace(/payments-api/g, 'checkout-api').replace('namespace: payments', 'namespace: checkout');
    await client.open('file:///op/checkout-service.yaml', 'yaml', checkout);
    const text = monitor
      .replace('namespace: payments', 'namespace: checkout')
      .replace(
        '    matchLabels:\n      app: payments\n',
        '    matchExpressions:\n      - key: app\n        operator: In\n        values: [checkout]\n',
      )
      .replace('port: metrics', 'port: http-metrics');
    const { diagnostics } = await client.open('file:///op/checkout-monitor.yaml', 'yaml', text);
    const problem = diagnostics.find((d) => d.code === 'operator/selector-matches-no-service');
    assert.ok(problem, JSON.stringify(diagnostics));
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: 'file:///op/checkout-monitor.yaml' },
      range: problem.range,
      context: { diagnostics: [problem] },
    });
    const title = 'Change selector: add checkout-api to app In (as on Service checkout/checkout-api)';
    const fix = actions.find((action) => action.title === title);
    assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
    const fixed = apply(text, fix.edit!.changes!['file:///op/checkout-monitor.yaml']);
    assert.match(fixed, /values: \[checkout, checkout-api\]/);
    const after = await client.change('file:///op/checkout-monitor.yaml', fixed);
    assert.deepEqual(after.diagnostics, []);
  });
});

describe('re-checking after an edit, over LSP', () => {
  let client: LspClient;
  before(async () => {
    // No live servers: a connection status change would re-check every open file.
    client = await LspClient.start({ settings: { prometheus: { url: '' }, loki: { url: '' } } });
  });
  after(async () => {
    await client.stop();
  });

  test('editing a Service re-checks the open monitors it affects, and no other open file', async () => {
    const svc = service.replace(/payments/g, 'search');
    const other = service.replace(/payments/g, 'cart');
    const selecting = monitor
      .replace(/payments/g, 'search')
      .replace('app: search\n', 'app: search-api\n')
      .replace('port: metrics', 'port: http-metrics');
    const unrelated = monitor
      .replace(/payments/g, 'cart')
      .replace('app: cart', 'app: cart-api')
      .replace('port: metrics', 'port: http-metrics');
    await client.open('file:///scope/svc.yaml', 'yaml', svc);
    await client.open('file:///scope/cart-svc.yaml', 'yaml', other);
    const before = await client.open('file:///scope/search-monitor.yaml', 'yaml', selecting);
    assert.deepEqual(before.diagnostics, []);
    assert.deepEqual((await client.open('file:///scope/cart-monitor.yaml', 'yaml', unrelated)).diagnostics, []);
    await client.open('file:///scope/sentinel.promql', 'promql', 'up');
    const pushesBefore = client.pushCount('file:///scope/cart-monitor.yaml');

    const rechecked = client.nextDiagnostics('file:///scope/search-monitor.yaml');
    await client.change('file:///scope/svc.yaml', svc.replace('    app: search-api\nspec', '    app: search-v2\nspec'));
    const { diagnostics } = await rechecked;
    assert.ok(
      diagnostics.some((d) => d.code === 'operator/selector-matches-no-service'),
      JSON.stringify(diagnostics),
    );
    // Pushes arrive in order: once the sentinel's arrive, any push from the Service edit has too.
    await client.change('file:///scope/sentinel.promql', 'up == 1');
    assert.equal(client.pushCount('file:///scope/cart-monitor.yaml'), pushesBefore);
  });
});
