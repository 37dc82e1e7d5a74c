import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PassThrough } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { CancellationTokenSource, createConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver/node';
import { createMessageConnection, type MessageConnection } from 'vscode-jsonrpc/node';
import { registerRunQuery } from '../../../server/src/handlers/runQuery';
import { CheckConnectionRequest, RunQueryRequest } from '../../../server/src/protocol';
import type { PrometheusConnection } from '../../../server/src/sources/prometheus/types';

/** The requests over real JSON-RPC streams, as the VS Code client sends them, against a loopback Prometheus. */
describe('alertsmith/runQuery over JSON-RPC', () => {
  let prometheus: Server;
  let client: MessageConnection;
  let target: PrometheusConnection | undefined;
  let aborted = 0;

  before(async () => {
    prometheus = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('close', () => response.writableEnded || aborted++);
      request.on('end', () => {
        if (request.url?.startsWith('/api/v1/status/buildinfo')) {
          return void response.end(JSON.stringify({ status: 'success', data: { version: '3.5.0', revision: 'abc' } }));
        }
        if (new URLSearchParams(body).get('query') === 'slow') return; // answers never
        const result = [{ metric: { job: 'a' }, value: [1700000000, '+Inf'] }];
        response.end(JSON.stringify({ status: 'success', data: { resultType: 'vector', result } }));
      });
    });
    await new Promise<void>((resolve) => prometheus.listen(0, '127.0.0.1', resolve));
    target = { url: `http://127.0.0.1:${(prometheus.address() as AddressInfo).port}` };

    const toServer = new PassThrough();
    const toClient = new PassThrough();
    const server = createConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
    registerRunQuery(server, () => target);
    server.listen();
    client = createMessageConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
    client.listen();
  });
  after(() => {
    client.dispose();
    prometheus.close();
    prometheus.closeAllConnections();
  });

  test('an instant query comes back in the wire form', async () => {
    const result = await client.sendRequest(RunQueryRequest.type, { expr: 'up', kind: 'instant', time: 1_700_000_000_000 });
    assert.ok(result.ok);
    assert.deepEqual(result.data, {
      resultType: 'vector',
      series: [{ metric: { job: 'a' }, timeRuns: [1_700_000_000_000, 0, 1], values: ['+Inf'] }],
    });
  });

  test('$/cancelRequest aborts the HTTP request to Prometheus', async () => {
    const source = new CancellationTokenSource();
    const pending = client.sendRequest(RunQueryRequest.type, { expr: 'slow', kind: 'instant' }, source.token);
    await new Promise((resolve) => setTimeout(resolve, 100));
    source.cancel();
    await assert.rejects(pending, /cancelled/); // answered with RequestCancelled…
    for (let i = 0; i < 50 && aborted === 0; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(aborted, 1, '…and the server closed its request to Prometheus');
  });

  test('checkConnection reports the version', async () => {
    assert.deepEqual(await client.sendRequest(CheckConnectionRequest.type, undefined), {
      url: target?.url,
      state: 'connected',
      version: '3.5.0',
    });
  });

  test('without a connection (untrusted or no URL) both say so', async () => {
    const saved = target;
    target = undefined;
    try {
      const result = await client.sendRequest(RunQueryRequest.type, { expr: 'up', kind: 'instant' });
      assert.ok(!result.ok);
      assert.equal(result.kind, 'disabled');
      assert.equal((await client.sendRequest(CheckConnectionRequest.type, undefined)).state, 'disabled');
    } finally {
      target = saved;
    }
  });
});
