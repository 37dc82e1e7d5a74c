import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server, type Socket } from 'node:net';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { catalogMetrics } from '../../server/src/service/catalog/metrics';
import { getLanguageService } from '../../server/src/service/languageService';
import { liveMetricLookup } from '../../server/src/service/live/metricLookup';
import { AsyncCache } from '../../server/src/sources/prometheus/cachedClient';
import { HttpPrometheusClient } from '../../server/src/sources/prometheus/httpClient';
import { LiveSource } from '../../server/src/sources/prometheus/liveSource';
import { ok } from '../../server/src/sources/prometheus/types';

/**
 * Network failures against loopback servers that misbehave on purpose. Each speaks raw TCP so
 * it can hang, close mid-request or send anything.
 */
type Behaviour = (socket: Socket) => void;

const http =
  (status: string, contentType: string, body: string): Behaviour =>
  (socket) =>
    socket.once('data', () =>
      socket.end(
        `HTTP/1.1 ${status}\r\ncontent-type: ${contentType}\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
      ),
    );

const behaviours: Record<string, Behaviour> = {
  hang: () => undefined,
  close: (socket) => socket.once('data', () => socket.destroy()),
  junk: (socket) => socket.once('data', () => socket.end('SSH-2.0-OpenSSH_9.2\r\n\r\n')),
  html: http('200 OK', 'text/html', '<html><body><h1>Login</h1></body></html>'),
  'server error': http('500 Internal Server Error', 'text/plain', 'upstream connect error'),
  'api error': http('503 Service Unavailable', 'application/json', '{"status":"error","errorType":"unavailable","error":"TSDB not ready"}'),
  'wrong shape': http('200 OK', 'application/json', '{"status":"success","data":{"not":"a list"}}'),
};

const expectedKind: Record<string, string> = {
  hang: 'timeout',
  close: 'network',
  junk: 'network',
  html: 'invalid-response',
  'server error': 'http',
  'api error': 'api',
  'wrong shape': 'invalid-response',
};

describe('Prometheus client against misbehaving servers', () => {
  const servers = new Map<string, { server: Server; url: string; sockets: Set<Socket> }>();

  before(async () => {
    for (const [name, behaviour] of Object.entries(behaviours)) {
      const sockets = new Set<Socket>();
      const server = createServer((socket) => {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
        socket.on('error', () => undefined);
        behaviour(socket);
      });
      await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
      const address = server.address();
      servers.set(name, { server, sockets, url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` });
    }
  });
  after(async () => {
    for (const { server, sockets } of servers.values()) {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((done) => server.close(() => done()));
    }
  });

  for (const name of Object.keys(behaviours)) {
    it(`${name}: resolves with a ${expectedKind[name]} error`, async () => {
      const client = new HttpPrometheusClient({ url: servers.get(name)!.url, timeoutMs: 300 });
      const started = Date.now();
      const result = await client.metricNames();
      assert.equal(result.ok ? 'ok' : result.error.kind, expectedKind[name], result.ok ? '' : result.error.message);
      assert.ok(Date.now() - started < 2000, 'answered within the timeout budget');
    });
  }

  it("carries Prometheus' errorType and the body of non-JSON errors", async () => {
    const api = await new HttpPrometheusClient({ url: servers.get('api error')!.url }).metricNames();
    assert.deepEqual(api.ok ? undefined : [api.error.status, api.error.errorType], [503, 'unavailable']);
    const plain = await new HttpPrometheusClient({ url: servers.get('server error')!.url }).metricNames();
    assert.match(plain.ok ? '' : plain.error.message, /HTTP 500: upstream connect error/);
  });

  it("cancels on the caller's signal", async () => {
    const controller = new AbortController();
    const pending = new HttpPrometheusClient({ url: servers.get('hang')!.url, timeoutMs: 5000 }).metricNames({ signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    const result = await pending;
    assert.equal(result.ok ? 'ok' : result.error.kind, 'aborted');
  });

  it('never blocks completion on a hanging server, and degrades to the catalog', () => {
    const source = new LiveSource({ url: servers.get('hang')!.url, timeoutMs: 300 });
    const service = getLanguageService({ metrics: liveMetricLookup(() => source, catalogMetrics) });
    const document = TextDocument.create('file:///h.promql', 'promql', 1, 'rate(node_cpu');
    const started = Date.now();
    const labels = service.doComplete(document, { line: 0, character: 13 }).items.map((item) => item.label);
    assert.ok(Date.now() - started < 250, 'answered from memory');
    assert.ok(labels.includes('node_cpu_seconds_total'));
    source.dispose();
  });

  it('answers within the budget from a hanging server, with the stale value once known', async () => {
    const cache = new AsyncCache<string[]>({ ttlMs: 0 });
    let calls = 0;
    const never = () => new Promise<never>(() => undefined);
    assert.equal(await cache.getWithin('k', never, 30), undefined);
    await cache.get('other', async () => (calls++, ok(['a'])));
    assert.deepEqual(await cache.getWithin('other', never, 30), ['a']);
    assert.equal(calls, 1);
  });

  it('shares one request among concurrent readers', async () => {
    const cache = new AsyncCache<number>();
    let calls = 0;
    const load = async () => (calls++, await new Promise((done) => setTimeout(done, 20)), ok(7));
    const results = await Promise.all([cache.get('k', load), cache.get('k', load), cache.getWithin('k', load, 1000)]);
    assert.deepEqual([calls, results[0].ok && results[0].value, results[2]], [1, 7, 7]);
  });
});
