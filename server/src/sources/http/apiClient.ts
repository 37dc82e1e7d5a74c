import type { HttpConnection } from './connection';
import { fail, ok, type ApiError, type Result } from './result';
import { ResponseTooLargeError, formatBytes, transportFor, type HttpResponse, type Transport } from './transport';

const defaultTimeoutMs = 10_000;
const defaultMaxResponseBytes = 32 << 20;

/** Parameters of one API call; arrays repeat the key (`match[]=a&match[]=b`). */
export type ApiParams = Record<string, string | number | string[] | undefined>;

export interface ApiClientOptions {
  /** The server's product name, for messages ("not a Loki API response"). */
  product: string;
  /**
   * The server writes its errors as plain text with a 4xx/5xx status (Loki:
   * pkg/util/server/error.go `WriteError`), so such a body is its own message, not a proxy's page.
   */
  plainTextErrors?: boolean;
}

export interface CallOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
  /** Headers for this call only (e.g. Loki's `X-Loki-Response-Encoding-Flags`). */
  headers?: Record<string, string>;
}

/**
 * One HTTP JSON API (Prometheus' or Loki's, which share the `{status, data, warnings}`
 * envelope): auth and extra headers, a timeout, a size cap and cancellation on every call, and
 * every failure — refused connections, HTML error pages, the server's own error bodies — as a
 * typed `ApiError` value. The product clients (prometheus/httpClient.ts, loki/httpClient.ts)
 * add their endpoints on top.
 */
export class HttpApiClient {
  private readonly base: URL;
  private readonly transport: Transport;

  constructor(
    readonly connection: HttpConnection,
    private readonly options: ApiClientOptions,
    transport?: Transport,
  ) {
    this.base = new URL(connection.url.endsWith('/') ? connection.url : `${connection.url}/`);
    this.transport = transport ?? transportFor(this.base, connection.tlsSkipVerify ?? false);
  }

  get url(): string {
    return this.connection.url;
  }

  /** One request, any body: transport failures become errors, the answer is returned as it came. */
  async send(method: 'GET' | 'POST', path: string, params: ApiParams, options: CallOptions = {}): Promise<Result<HttpResponse>> {
    const url = new URL(path, this.base);
    const form = encodeParams(params);
    if (method === 'GET') url.search = form;
    const timeoutMs = options.timeoutMs ?? this.connection.timeoutMs ?? defaultTimeoutMs;
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
    const maxBytes = this.connection.maxResponseBytes ?? defaultMaxResponseBytes;
    try {
      return ok(
        await this.transport({
          url,
          method,
          headers: { ...this.headers(method), ...(options.headers ?? {}) },
          body: method === 'POST' ? form : undefined,
          signal,
          maxBytes,
        }),
      );
    } catch (error) {
      if (error instanceof ResponseTooLargeError) {
        return fail({
          kind: 'too-large',
          message: `${path}: response larger than ${formatBytes(maxBytes)}; narrow the query or the time range`,
        });
      }
      if (timeout.aborted)
        return fail({ kind: 'timeout', message: `${path}: no answer from ${this.connection.url} within ${timeoutMs} ms` });
      if (options.signal?.aborted) return fail({ kind: 'aborted', message: `${path}: cancelled` });
      return fail({ kind: 'network', message: `${path}: ${networkMessage(error)}` });
    }
  }

  /**
   * One API call: returns the `data` member of a success envelope, with its `warnings`.
   * POST sends the parameters form-encoded, as Prometheus' own UI does for long queries.
   */
  async call<T>(method: 'GET' | 'POST', path: string, params: ApiParams, options: CallOptions = {}): Promise<Result<T>> {
    const response = await this.send(method, path, params, options);
    if (!response.ok) return response;
    return this.envelope<T>(path, response.value);
  }

  /** A plain JSON answer without the envelope (Loki's `/loki/api/v1/status/buildinfo`). */
  async json(path: string, options: CallOptions = {}): Promise<Result<unknown>> {
    const response = await this.send('GET', path, {}, options);
    if (!response.ok) return response;
    const { status, body } = response.value;
    const parsed = parseJson(body);
    if (status < 200 || status >= 300) return fail(this.httpError(path, response.value, parsed));
    return parsed === undefined ? fail(this.invalid(path, `not JSON${snippet(body)}`, status)) : ok(parsed);
  }

  invalid(path: string, detail: string, status?: number): ApiError {
    return { kind: 'invalid-response', status, message: `${path}: not a ${this.options.product} API response (${detail})` };
  }

  private envelope<T>(path: string, response: HttpResponse): Result<T> {
    const { status, body } = response;
    const parsed = parseJson(body);
    if (parsed === undefined) {
      if (status < 200 || status >= 300) return fail(this.httpError(path, response, undefined));
      return fail(this.invalid(path, `not JSON${snippet(body)}`, status));
    }
    if (isRecord(parsed) && parsed.status === 'error') return fail(this.httpError(path, response, parsed));
    if (status < 200 || status >= 300) return fail(this.httpError(path, response, parsed));
    if (!isRecord(parsed) || parsed.status !== 'success' || !('data' in parsed))
      return fail(this.invalid(path, 'no success envelope', status));
    const warnings = Array.isArray(parsed.warnings) ? parsed.warnings.map(str) : undefined;
    return ok(parsed.data as T, warnings);
  }

  /** A failed answer: the server's own error (JSON envelope or, for Loki, plain text) or a foreign page. */
  private httpError(path: string, response: HttpResponse, parsed: unknown): ApiError {
    const { status, body, contentType } = response;
    if (isRecord(parsed) && parsed.status === 'error') {
      return {
        kind: 'api',
        status,
        errorType: str(parsed.errorType) || undefined,
        message: `${path}: ${str(parsed.error) || 'error'}${parsed.errorType ? ` (${str(parsed.errorType)})` : ''}`,
      };
    }
    const text = body.trim();
    if (this.options.plainTextErrors && text && parsed === undefined && !/html/i.test(contentType) && !text.startsWith('<')) {
      return { kind: 'api', status, message: `${path}: ${oneLine(text, 400)}` };
    }
    return { kind: 'http', status, message: `${path}: HTTP ${status}${snippet(body)}` };
  }

  private headers(method: 'GET' | 'POST'): Record<string, string> {
    const headers: Record<string, string> = { accept: 'application/json', ...(this.connection.headers ?? {}) };
    if (method === 'POST') headers['content-type'] = 'application/x-www-form-urlencoded';
    const auth = this.connection.auth;
    if (auth?.kind === 'bearer') headers.authorization = `Bearer ${auth.token}`;
    if (auth?.kind === 'basic') headers.authorization = `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`;
    return headers;
  }
}

export function encodeParams(params: ApiParams): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) search.append(key, String(item));
  }
  return search.toString();
}

/** A list of strings from a `data` member (label names, label values); other items are dropped. */
export function stringList(client: HttpApiClient, path: string, result: Result<unknown>, limit?: number): Result<string[]> {
  if (!result.ok) return result;
  if (!Array.isArray(result.value)) return fail(client.invalid(path, 'data is not a list'));
  const values = result.value.filter((value): value is string => typeof value === 'string');
  return ok(limit === undefined ? values : values.slice(0, limit), result.warnings);
}

/** Label sets from a `data` member (`/api/v1/series`, `/loki/api/v1/series`). */
export function labelSets(client: HttpApiClient, path: string, result: Result<unknown>, limit?: number): Result<Record<string, string>[]> {
  if (!result.ok) return result;
  if (!Array.isArray(result.value)) return fail(client.invalid(path, 'data is not a list'));
  const sets = result.value.filter(isRecord).map((set) => Object.fromEntries(Object.entries(set).map(([key, value]) => [key, str(value)])));
  return ok(limit === undefined ? sets : sets.slice(0, limit), result.warnings);
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}

function networkMessage(error: unknown): string {
  // An error that wraps the socket's (`cause`) says less than the socket's own.
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const code = isRecord(cause) && typeof cause.code === 'string' ? `${cause.code}: ` : '';
  return `${code}${cause instanceof Error ? cause.message : String(cause)}`;
}

function snippet(body: string): string {
  const text = oneLine(body.replace(/<[^>]*>/g, ' '), 120);
  return text ? `: ${text}` : '';
}

function oneLine(text: string, max: number): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max)}…` : line;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function str(value: unknown): string {
  return typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);
}
