/**
 * The one place that touches the network: node:http, or node:https for https URLs.
 *
 * Not Node's built-in fetch: its first call loads undici, 70–120 ms of main-thread CPU, and the
 * live sources make that first call as soon as the settings arrive, inside the server's first
 * open of a file (bench/lspBench.ts; a CPU profile showed it between the parse and the
 * diagnostics). node:http's first request costs ~25 ms in the same place.
 * What fetch did for us is done here: redirects (with credentials kept to the first origin),
 * gzip, cancellation and a size cap.
 */
import type { IncomingMessage, RequestOptions } from 'node:http';
import type { Readable } from 'node:stream';

export interface HttpRequest {
  url: URL;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  /** Form-encoded body for POST. */
  body?: string;
  signal: AbortSignal;
  /** Reading stops with `ResponseTooLargeError` past this many bytes. */
  maxBytes: number;
}

export interface HttpResponse {
  status: number;
  contentType: string;
  body: string;
}

/** Sends one request; rejects on network failure, abort or an oversized body. */
export type Transport = (request: HttpRequest) => Promise<HttpResponse>;

export class ResponseTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`response larger than ${formatBytes(maxBytes)}`);
  }
}

/** Redirects followed before giving up, as curl's default is 50 and fetch's 20; APIs need one or two. */
const maxRedirects = 10;

const redirectStatuses = new Set([301, 302, 303, 307, 308]);

/** Headers that carry credentials: sent to the configured origin only, never after a redirect elsewhere. */
const credentialHeaders = new Set(['authorization', 'proxy-authorization', 'cookie']);

/**
 * The transport for a server; `tlsSkipVerify` accepts any certificate from that server's origin
 * (not from the places it redirects to).
 */
export function transportFor(url: URL, tlsSkipVerify: boolean): Transport {
  const unverifiedOrigin = tlsSkipVerify ? url.origin : undefined;
  return (request) => send(request, unverifiedOrigin, 0);
}

async function send(request: HttpRequest, unverifiedOrigin: string | undefined, redirects: number): Promise<HttpResponse> {
  const response = await open(request, request.url.origin !== unverifiedOrigin);
  const status = response.statusCode ?? 0;
  const location = response.headers.location;
  if (!redirectStatuses.has(status) || location === undefined) return read(response, request.maxBytes);
  response.resume(); // the redirect's own body is not wanted
  if (redirects >= maxRedirects) throw new Error(`more than ${maxRedirects} redirects`);
  const next = new URL(location, request.url);
  if (next.protocol !== 'http:' && next.protocol !== 'https:') throw new Error(`redirect to unsupported URL ${next.protocol}`);
  // 303, and 301/302 after a POST, turn the request into a GET without a body (as browsers do).
  const toGet = status === 303 || ((status === 301 || status === 302) && request.method === 'POST');
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    const lower = name.toLowerCase();
    if (next.origin !== request.url.origin && credentialHeaders.has(lower)) continue;
    if (toGet && lower === 'content-type') continue;
    headers[name] = value;
  }
  const method = toGet ? 'GET' : request.method;
  return send({ ...request, url: next, method, headers, body: toGet ? undefined : request.body }, unverifiedOrigin, redirects + 1);
}

/** Sends the request; resolves with the response once its headers are in. */
function open(request: HttpRequest, rejectUnauthorized: boolean): Promise<IncomingMessage> {
  // Required on first use: node:https brings node:tls, ~10 ms at every start of the server and
  // of `alertsmith check` for the many who never reach an https server. require, not import():
  // the bundles run through vm.Script (cli/compileCache.ts), which has no dynamic-import hook.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const client =
    request.url.protocol === 'https:'
      ? (require('node:https') as typeof import('node:https'))
      : (require('node:http') as typeof import('node:http'));
  /* eslint-enable @typescript-eslint/no-require-imports */
  const headers: Record<string, string> = { ...request.headers };
  if (!Object.keys(headers).some((name) => name.toLowerCase() === 'accept-encoding')) headers['accept-encoding'] = 'gzip';
  if (request.body !== undefined) headers['content-length'] = String(Buffer.byteLength(request.body));
  const options: RequestOptions & { rejectUnauthorized: boolean } = {
    method: request.method,
    headers,
    signal: request.signal,
    rejectUnauthorized,
  };
  return new Promise((resolve, reject) => {
    const outgoing = client.request(request.url, options, resolve);
    outgoing.on('error', reject);
    outgoing.end(request.body);
  });
}

/** The whole body, decompressed, failing past `maxBytes` (counted after decompression). */
function read(response: IncomingMessage, maxBytes: number): Promise<HttpResponse> {
  const encoding = String(response.headers['content-encoding'] ?? '')
    .trim()
    .toLowerCase();
  const declared = Number(response.headers['content-length'] ?? NaN);
  if (!encoding && declared > maxBytes) {
    response.destroy();
    return Promise.reject(new ResponseTooLargeError(maxBytes));
  }
  let body: Readable = response;
  if (encoding === 'gzip' || encoding === 'x-gzip' || encoding === 'deflate') {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const zlib = require('node:zlib') as typeof import('node:zlib');
    const decoder = encoding === 'deflate' ? zlib.createInflate() : zlib.createGunzip();
    response.on('error', (error) => decoder.destroy(error));
    body = response.pipe(decoder);
  } else if (encoding && encoding !== 'identity') {
    response.destroy();
    return Promise.reject(new Error(`unsupported content-encoding ${encoding}`));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let ended = false;
    body.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        response.destroy();
        body.destroy();
        reject(new ResponseTooLargeError(maxBytes));
        return;
      }
      chunks.push(chunk);
    });
    body.on('end', () => {
      ended = true;
      resolve({
        status: response.statusCode ?? 0,
        contentType: String(response.headers['content-type'] ?? ''),
        body: Buffer.concat(chunks).toString('utf8'),
      });
    });
    body.on('error', reject);
    response.on('error', reject);
    // A connection cut (or a request aborted) mid-body ends without 'end'.
    response.on('close', () => {
      if (!ended && !response.complete) reject(new Error('connection closed before the response was complete'));
    });
  });
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1 << 20) return `${Math.round(bytes / (1 << 20))} MiB`;
  if (bytes >= 1 << 10) return `${Math.round(bytes / (1 << 10))} KiB`;
  return `${bytes} B`;
}
