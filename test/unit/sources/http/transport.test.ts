import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { ResponseTooLargeError, transportFor, type HttpRequest } from '../../../../server/src/sources/http/transport';

/** What one loopback server saw of a request. */
interface Seen {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

type Handler = (request: IncomingMessage, response: ServerResponse, body: string) => void;

/** A loopback server that records every request and answers through `handler`. */
async function loopback(handler: Handler, create: (listener: Handler) => Server = (l) => createHttpServer(wrap(l))) {
  const seen: Seen[] = [];
  const server = create((request, response, body) => {
    seen.push({ method: request.method ?? '', path: request.url ?? '', headers: request.headers, body });
    handler(request, response, body);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return { server, seen, port, stop: () => new Promise<void>((done) => server.close(() => done())) };
}

/** Reads the request body before calling the handler. */
function wrap(handler: Handler) {
  return (request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => handler(request, response, Buffer.concat(chunks).toString('utf8')));
  };
}

function request(url: string, extra: Partial<HttpRequest> = {}): HttpRequest {
  return { url: new URL(url), method: 'GET', headers: {}, signal: AbortSignal.timeout(3000), maxBytes: 1 << 20, ...extra };
}

const send = (req: HttpRequest, tlsSkipVerify = false) => transportFor(req.url, tlsSkipVerify)(req);

describe('HTTP transport against loopback servers', () => {
  let main: Awaited<ReturnType<typeof loopback>>;
  let other: Awaited<ReturnType<typeof loopback>>;
  const big = 'x'.repeat(64 << 10);

  before(async () => {
    other = await loopback((_request, response) => response.end('elsewhere'));
    main = await loopback((request, response) => {
      const url = new URL(request.url ?? '/', 'http://localhost');
      const to = url.searchParams.get('to');
      switch (url.pathname) {
        case '/redirect':
          response.writeHead(Number(url.searchParams.get('status') ?? 302), { location: to ?? '/final' }).end('moved');
          return;
        case '/loop':
          response.writeHead(302, { location: '/loop' }).end();
          return;
        case '/gzip':
          response.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' }).end(gzipSync(big));
          return;
        case '/large':
          response.writeHead(200, { 'content-length': String(big.length) }).end(big);
          return;
        case '/cut':
          response.writeHead(200, { 'content-length': '1000' });
          response.write('only part');
          setTimeout(() => response.socket?.destroy(), 20);
          return;
        default:
          response.writeHead(200, { 'content-type': 'text/plain' }).end(`final ${request.method}`);
      }
    });
  });
  after(async () => {
    await main.stop();
    await other.stop();
  });

  it('follows a same-origin redirect with the credentials', async () => {
    main.seen.length = 0;
    const response = await send(request(`http://127.0.0.1:${main.port}/redirect`, { headers: { Authorization: 'Bearer secret' } }));
    assert.deepEqual([response.status, response.body], [200, 'final GET']);
    assert.deepEqual(
      main.seen.map((seen) => [seen.path, seen.headers.authorization]),
      [
        ['/redirect', 'Bearer secret'],
        ['/final', 'Bearer secret'],
      ],
    );
  });

  it('drops credentials, not other headers, when a redirect leaves the origin', async () => {
    other.seen.length = 0;
    const to = `http://127.0.0.1:${other.port}/api`;
    const response = await send(
      request(`http://127.0.0.1:${main.port}/redirect?to=${encodeURIComponent(to)}`, {
        headers: { Authorization: 'Basic czpz', cookie: 'session=1', 'X-Scope-OrgID': 'tenant-a' },
      }),
    );
    assert.equal(response.body, 'elsewhere');
    const headers = other.seen[0].headers;
    assert.deepEqual([headers.authorization, headers.cookie, headers['x-scope-orgid']], [undefined, undefined, 'tenant-a']);
  });

  it('a 303 turns a POST into a GET without a body; a 307 keeps both', async () => {
    for (const [status, method, body] of [
      [303, 'GET', ''],
      [307, 'POST', 'query=up'],
    ] as const) {
      main.seen.length = 0;
      const response = await send(
        request(`http://127.0.0.1:${main.port}/redirect?status=${status}`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: 'query=up',
        }),
      );
      assert.equal(response.body, `final ${method}`);
      const final = main.seen[1];
      assert.deepEqual([final.method, final.body, final.headers['content-type'] !== undefined], [method, body, method === 'POST']);
    }
  });

  it('gives up on a redirect loop', async () => {
    await assert.rejects(send(request(`http://127.0.0.1:${main.port}/loop`)), /more than 10 redirects/);
  });

  it('decodes gzip, and counts the size cap after decoding', async () => {
    const response = await send(request(`http://127.0.0.1:${main.port}/gzip`));
    assert.equal(response.body, big);
    assert.equal(response.contentType, 'application/json');
    await assert.rejects(send(request(`http://127.0.0.1:${main.port}/gzip`, { maxBytes: 4096 })), ResponseTooLargeError);
  });

  it('refuses a body over the cap, declared or not', async () => {
    await assert.rejects(send(request(`http://127.0.0.1:${main.port}/large`, { maxBytes: 4096 })), ResponseTooLargeError);
  });

  it('rejects a body the server cut short', async () => {
    await assert.rejects(send(request(`http://127.0.0.1:${main.port}/cut`)));
  });
});

describe('HTTPS transport and tlsSkipVerify', () => {
  let directory = '';
  let server: Awaited<ReturnType<typeof loopback>> | undefined;

  before(async () => {
    directory = mkdtempSync(join(tmpdir(), 'alertsmith-tls-'));
    try {
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'rsa:2048',
          '-nodes',
          '-subj',
          '/CN=127.0.0.1',
          '-days',
          '1',
          '-keyout',
          join(directory, 'key.pem'),
          '-out',
          join(directory, 'cert.pem'),
        ],
        { stdio: 'ignore' },
      );
    } catch {
      return; // no openssl: the suite below skips
    }
    const key = readFileSync(join(directory, 'key.pem'));
    const cert = readFileSync(join(directory, 'cert.pem'));
    server = await loopback(
      (_request, response) => response.end('secure'),
      (listener) => createHttpsServer({ key, cert }, wrap(listener)),
    );
  });
  after(async () => {
    await server?.stop();
    rmSync(directory, { recursive: true, force: true });
  });

  it('refuses a self-signed certificate unless told to skip verification', async (t) => {
    if (!server) return t.skip('openssl is not installed');
    const url = `https://127.0.0.1:${server.port}/`;
    await assert.rejects(send(request(url)), /self[- ]signed/);
    assert.equal((await send(request(url), true)).body, 'secure');
  });
});
