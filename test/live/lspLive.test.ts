import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { LspClient } from '../server/lspClient';
import { readFixture } from './fixtureFacts';
import { prometheusMissing, startPrometheus, type RunningPrometheus } from './prometheusHarness';

/** Asks until `probe` answers (the server fetches in the background), bounded in count. */
async function eventually<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('the language server with a live Prometheus', { skip: prometheusMissing() }, () => {
  let prometheus: RunningPrometheus;
  let client: LspClient;
  before(async () => {
    prometheus = await startPrometheus();
    client = await LspClient.start({ settings: { prometheus: { url: prometheus.url } } });
  });
  after(async () => {
    await client?.stop();
    await prometheus?.stop();
  });

  it('reports the connection through alertsmith/prometheusStatus', async () => {
    const status = await eventually(async () => {
      const current = await client.request<{ state: string; metricCount?: number }>('alertsmith/prometheusStatus/get', undefined);
      return current.state === 'connected' ? current : undefined;
    }, 'a connected status');
    assert.ok((status.metricCount ?? 0) > 0);
  });

  it('hover on a metric shows the type and help the server declares', async () => {
    const { metadata } = readFixture();
    const uri = 'file:///live/hover.promql';
    await client.open(uri, 'promql', 'room_temperature_celsius');
    const markdown = await eventually(async () => {
      const hover = await client.request<Hover | null>('textDocument/hover', {
        textDocument: { uri },
        position: { line: 0, character: 5 },
      });
      const value = (hover?.contents as MarkupContent | undefined)?.value;
      return value?.includes(metadata.room_temperature_celsius.help) ? value : undefined;
    }, 'live metadata in the hover');
    assert.match(markdown, /gauge/);
  });
});
