/**
 * The one place that touches the network. `fetch` (Node 20's undici) by default; node:https
 * with `rejectUnauthorized: false` when the user asked to skip TLS verification, because
 * Node's built-in fetch takes no agent and undici is not one of our dependencies.
 */

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

export const fetchTransport: Transport = async (request) => {
  const response = await fetch(request.url, {
    method: request.method,
    headers: request.headers,
    body: request.body,
    signal: request.signal,
    redirect: 'follow',
  });
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (declared > request.maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw new ResponseTooLargeError(request.maxBytes);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (response.body) {
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > request.maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw new ResponseTooLargeError(request.maxBytes);
      }
      chunks.push(value);
    }
  }
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', body: Buffer.concat(chunks).toString('utf8') };
};

/**
 * node:https without certificate checks; used only for https URLs with `tlsSkipVerify`.
 * Loaded on first use: requiring node:https (and with it node:tls) costs every start of the
 * server and of `alertsmith check` ~10 ms, for a setting few turn on.
 */
export const insecureHttpsTransport: Transport = (request) => {
  // require, not import(): the bundles run through vm.Script (cli/compileCache.ts), which has no
  // dynamic-import hook.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const https = require('node:https') as typeof import('node:https');
  return new Promise((resolve, reject) => {
    const req = https.request(
      request.url,
      { method: request.method, headers: request.headers, rejectUnauthorized: false, signal: request.signal },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > request.maxBytes) {
            res.destroy();
            reject(new ResponseTooLargeError(request.maxBytes));
            return;
          }
          chunks.push(chunk);
        });
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            contentType: String(res.headers['content-type'] ?? ''),
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(request.body);
  });
};

export function transportFor(url: URL, tlsSkipVerify: boolean): Transport {
  return tlsSkipVerify && url.protocol === 'https:' ? insecureHttpsTransport : fetchTransport;
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1 << 20) return `${Math.round(bytes / (1 << 20))} MiB`;
  if (bytes >= 1 << 10) return `${Math.round(bytes / (1 << 10))} KiB`;
  return `${bytes} B`;
}
