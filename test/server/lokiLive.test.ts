import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CompletionList, Hover, MarkupContent } from 'vscode-languageserver-protocol';
import type { PrometheusStatus, RunQueryRequest } from '../../server/src/protocol';
import { FakeLoki } from '../fixtures/loki/fakeLoki';
import { sampleNow, sampleStreams } from '../fixtures/loki/streams';
import { LspClient, withCursor } from './lspClient';

/** Asks until `probe` answers (the server fetches in the background), bounded in count. */
async function eventually<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const value = await probe();
    if (value !== undefined) return value;
  }
  throw new Error(`no ${what} after 50 requests`);
}

describe('the language server with a live Loki (loopback)', () => {
  let loki: FakeLoki;
  let client: LspClient;
  const statuses: PrometheusStatus[] = [];
  let connectedNotice: Promise<void>;
  before(async () => {
    loki = await FakeLoki.start(sampleStreams);
    client = await LspClient.start({ settings: { loki: { url: loki.url }, prometheus: { url: '' } } });
    connectedNotice = new Promise((resolve) =>
      client.connection.onNotification('alertsmith/lokiStatus', (status: PrometheusStatus) => {
        statuses.push(status);
        if (status.state === 'connected') resolve();
      }),
    );
  });
  after(async () => {
    await client?.stop();
    await loki?.stop();
  });

  /** Live items (detail "… in Loki") offered at the ‸ of a freshly opened document. */
  async function liveItems(uri: string, languageId: string, marked: string): Promise<string[]> {
    const { text, position } = withCursor(marked);
    await client.open(uri, languageId, text);
    return eventually(async () => {
      const list = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position });
      const live = list.items.filter((item) => item.detail?.endsWith('in Loki')).map((item) => item.label);
      return live.length > 0 ? live : undefined;
    }, `live completion in ${uri}`);
  }

  it('reports the connection: alertsmith/lokiStatus notifications and the status request', async () => {
    const status = await eventually(async () => {
      const current = await client.request<PrometheusStatus>('alertsmith/lokiStatus/get', undefined);
      return current.state === 'connected' ? current : undefined;
    }, 'connected status');
    assert.deepEqual(status, { url: loki.url, state: 'connected', metricCount: 3 });
    await connectedNotice;
    assert.deepEqual(
      statuses.map((s) => s.state),
      ['connecting', 'connected'],
    );
    const check = await client.request<{ state: string; version?: string }>('alertsmith/loki/checkConnection', undefined);
    assert.deepEqual(check, { url: loki.url, state: 'connected', version: '3.5.1' });
  });

  it('completes stream label values in a .logql file, scoped to the matchers typed', async () => {
    assert.deepEqual(await liveItems('file:///live/q.logql', 'logql', '{namespace="prod", app="‸"}'), ['api', 'web']);
  });

  it('completes stream label names and values in a Loki rule file', async () => {
    const rules = (expr: string) =>
      `groups:\n  - name: logs\n    rules:\n      - alert: WorkerErrors\n        expr: ${expr}\n        for: 5m\n`;
    assert.deepEqual(await liveItems('file:///live/rules.yaml', 'yaml', rules('sum(count_over_time({app="worker", ‸}[5m])) > 0')), [
      'app',
      'level',
      'namespace',
    ]);
    assert.deepEqual(await liveItems('file:///live/rules2.yaml', 'yaml', rules('sum(count_over_time({app="‸"}[5m])) > 0')), [
      'api',
      'web',
      'worker',
    ]);
  });

  it('hover on a stream label counts its live values', async () => {
    const uri = 'file:///live/hover.logql';
    await client.open(uri, 'logql', '{app="api"} |= "timeout"');
    const markdown = await eventually(async () => {
      const hover = await client.request<Hover | null>('textDocument/hover', {
        textDocument: { uri },
        position: { line: 0, character: 2 },
      });
      const value = (hover?.contents as MarkupContent | undefined)?.value;
      return value?.includes('Loki:') ? value : undefined;
    }, 'live hover');
    assert.match(markdown, /\*\*3\*\* values of `app`/);
  });

  it("hover on a selector's brace counts the streams it selects (/loki/api/v1/series) in one request", async () => {
    const uri = 'file:///live/streams.logql';
    await client.open(uri, 'logql', '{app="api"} |= "timeout"');
    // The hover waits a little for the lookup it starts, so the first answer already has it.
    const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } });
    const markdown = (hover?.contents as MarkupContent | undefined)?.value ?? '';
    assert.match(markdown, /\*\*2\*\* streams match `\{app="api"\}`/);
    assert.match(markdown, /tell them apart: `level` \(2\), `namespace` \(2\)/);
  });

  it('runs a LogQL log query for the preview', async () => {
    const result = await client.request<RunQueryRequest.Result>('alertsmith/runQuery', {
      expr: '{app="api"}',
      language: 'logql',
      kind: 'range',
      start: sampleNow - 3_600_000,
      end: sampleNow,
      limit: 3,
    });
    assert.ok(result.ok && result.data.resultType === 'streams');
    assert.equal(result.limitReached, true);
    assert.equal(result.data.streams.flatMap((s) => s.entries).length, 3);
  });

  it('keeps traffic bounded: each distinct lookup reached Loki once or twice', () => {
    const valueLookups = loki.requests.filter((r) => r.path.startsWith('/loki/api/v1/label/'));
    const distinct = new Set(valueLookups.map((r) => `${r.path}?${r.params.get('query') ?? ''}`));
    assert.ok(valueLookups.length <= distinct.size * 2, `${valueLookups.length} value lookups for ${distinct.size} distinct ones`);
    assert.ok(loki.requests.length < 30, `${loki.requests.length} requests in all`);
  });
});
