import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { DocumentDiagnosticReport } from 'vscode-languageserver-protocol';
import { LspClient } from './lspClient';

// VS Code pulls diagnostics and re-pulls every open document after `workspace/diagnostic/refresh`.
// The server answers "unchanged" for documents nothing has touched, so one edit to a Service
// re-validates the monitors that depend on it, not the whole editor.

const serviceUri = 'file:///pull/service.yaml';
const monitorUri = 'file:///pull/monitor.yaml';
const rulesUri = 'file:///pull/rules.yaml';
const recordingUri = 'file:///pull/recording.yaml';

const service = (app: string) => `apiVersion: v1
kind: Service
metadata:
  name: payments-api
  namespace: payments
  labels:
    app: ${app}
spec:
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
      app: payments-api
  endpoints:
    - port: http-metrics
`;

const rules = `groups:
  - name: api
    rules:
      - alert: HighErrors
        expr: sum(rate(http_requests_total{code="500"}[5m])) > 1
`;

const recording = (name: string) => `groups:
  - name: recorded
    rules:
      - record: ${name}
        expr: sum by (job) (rate(http_requests_total[5m]))
`;

describe('pulled diagnostics (VS Code) answer "unchanged" where nothing changed', { timeout: 20_000 }, () => {
  let client: LspClient;
  let refreshes = 0;
  let refreshed: () => void = () => undefined;

  before(async () => {
    client = await LspClient.start({
      // No live servers: a connection changing state re-checks every document, on its own clock.
      settings: { prometheus: { url: '' }, loki: { url: '' } },
      capabilities: { workspace: { configuration: true, diagnostics: { refreshSupport: true } }, textDocument: { diagnostic: {} } },
    });
    const indexed = nextRefresh();
    client.connection.onRequest('workspace/diagnostic/refresh', () => {
      refreshes++;
      refreshed();
      return null;
    });
    await indexed; // the server refreshes once the workspace is indexed and the settings are known
    for (const [uri, text] of [
      [serviceUri, service('payments-api')],
      [monitorUri, monitor],
      [rulesUri, rules],
      [recordingUri, recording('job:http_requests:rate5m')],
    ]) {
      await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    }
  });
  after(async () => {
    await client.stop();
  });

  const pull = (uri: string, previousResultId?: string) =>
    client.request<DocumentDiagnosticReport & { resultId?: string }>('textDocument/diagnostic', {
      textDocument: { uri },
      previousResultId,
    });

  /** Resolves at the next `workspace/diagnostic/refresh` the server sends. */
  const nextRefresh = () => new Promise<void>((resolve) => (refreshed = resolve));

  test('a second pull of an untouched document is "unchanged" with the same result id', async () => {
    const first = await pull(rulesUri);
    assert.equal(first.kind, 'full');
    assert.ok(first.resultId);
    const second = await pull(rulesUri, first.resultId);
    assert.deepEqual(second, { kind: 'unchanged', resultId: first.resultId });
    const stale = await pull(rulesUri, 'not-a-result-id');
    assert.equal(stale.kind, 'full', 'an unknown previous id gets the full report');
  });

  test('editing a Service re-validates the monitor it breaks, not the unrelated rule file', async () => {
    const monitorBefore = await pull(monitorUri);
    const rulesBefore = await pull(rulesUri);
    assert.equal(monitorBefore.kind, 'full');
    assert.ok(!('items' in monitorBefore && monitorBefore.items.some((d) => d.code === 'operator/selector-matches-no-service')));

    const refresh = nextRefresh();
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: serviceUri, version: 2 },
      contentChanges: [{ text: service('payments') }],
    });
    await refresh;

    const monitorAfter = await pull(monitorUri, monitorBefore.resultId);
    assert.equal(monitorAfter.kind, 'full');
    assert.ok(
      'items' in monitorAfter && monitorAfter.items.some((d) => d.code === 'operator/selector-matches-no-service'),
      JSON.stringify(monitorAfter),
    );
    assert.deepEqual(await pull(rulesUri, rulesBefore.resultId), { kind: 'unchanged', resultId: rulesBefore.resultId });
  });

  test('renaming a recording rule re-validates every open document (their checks may use it)', async () => {
    const rulesBefore = await pull(rulesUri);
    const refreshesBefore = refreshes;
    const refresh = nextRefresh();
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: recordingUri, version: 2 },
      contentChanges: [{ text: recording('job:http_requests:rate1m') }],
    });
    await refresh;
    assert.ok(refreshes > refreshesBefore);
    assert.equal((await pull(rulesUri, rulesBefore.resultId)).kind, 'full');
  });
});
