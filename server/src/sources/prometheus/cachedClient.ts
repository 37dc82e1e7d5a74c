import { fail, ok, type LookupOptions, type MetricMetadata, type PrometheusClient, type PrometheusError, type Result } from './types';

export interface CacheOptions {
  /** How long an answer counts as fresh; default 5 minutes (metadata changes slowly). */
  ttlMs?: number;
  /** How long a failure is remembered, so a down server is not asked on every keystroke; default 10 s. */
  errorTtlMs?: number;
  /** Oldest entries are dropped past this count; default 2,000. */
  maxEntries?: number;
  now?: () => number;
}

interface Entry<T> {
  value?: T;
  error?: PrometheusError;
  settledAt: number;
  inflight?: Promise<Result<T>>;
}

/**
 * A keyed cache of asynchronous results with three ways to read:
 * - `get` waits for a fresh answer (the CLI);
 * - `getWithin(ms)` waits at most `ms`, then answers with what it has (a possibly stale value or
 *   undefined) while the request goes on in the background (editor requests);
 * - `peek` never waits: it answers from the cache and starts a refresh when the entry is missing
 *   or stale (synchronous language-service code).
 * Concurrent reads of one key share one request (in-flight de-duplication).
 */
export class AsyncCache<T> {
  private readonly entries = new Map<string, Entry<T>>();
  private readonly ttlMs: number;
  private readonly errorTtlMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;
  /** Called when a background load settles, so the owner can refresh diagnostics. */
  onSettled?: (key: string, result: Result<T>) => void;

  constructor(options: CacheOptions = {}) {
    this.ttlMs = options.ttlMs ?? 5 * 60_000;
    this.errorTtlMs = options.errorTtlMs ?? 10_000;
    this.maxEntries = options.maxEntries ?? 2_000;
    this.now = options.now ?? Date.now;
  }

  get(key: string, load: () => Promise<Result<T>>): Promise<Result<T>> {
    const entry = this.entries.get(key);
    if (entry && this.isFresh(entry)) return Promise.resolve(entry.error ? fail(entry.error) : ok(entry.value as T));
    return this.start(key, load);
  }

  async getWithin(key: string, load: () => Promise<Result<T>>, budgetMs: number): Promise<T | undefined> {
    const entry = this.entries.get(key);
    if (entry && this.isFresh(entry)) return entry.value;
    const pending = this.start(key, load);
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), budgetMs)));
    const result = await Promise.race([pending, late]);
    clearTimeout(timer);
    if (result?.ok) return result.value;
    return this.entries.get(key)?.value;
  }

  peek(key: string, load?: () => Promise<Result<T>>): T | undefined {
    const entry = this.entries.get(key);
    if (load && (!entry || !this.isFresh(entry))) void this.start(key, load);
    return entry?.value;
  }

  /** The last failure for a key, if its latest answer was one. */
  lastError(key: string): PrometheusError | undefined {
    return this.entries.get(key)?.error;
  }

  clear(): void {
    this.entries.clear();
  }

  private isFresh(entry: Entry<T>): boolean {
    if (entry.settledAt === 0) return false;
    return this.now() - entry.settledAt < (entry.error ? this.errorTtlMs : this.ttlMs);
  }

  private start(key: string, load: () => Promise<Result<T>>): Promise<Result<T>> {
    const entry: Entry<T> = this.entries.get(key) ?? { settledAt: 0 };
    if (entry.inflight) return entry.inflight;
    const inflight = load()
      .catch((error: unknown): Result<T> => fail({ kind: 'network', message: String(error) }))
      .then((result) => {
        entry.inflight = undefined;
        entry.settledAt = this.now();
        if (result.ok) {
          entry.value = result.value;
          entry.error = undefined;
        } else {
          entry.error = result.error; // keep a stale value: better than nothing while the server is away
        }
        this.onSettled?.(key, result);
        return result;
      });
    entry.inflight = inflight;
    this.entries.delete(key); // re-insert so Map order is least-recently-started first
    this.entries.set(key, entry);
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      if (oldest !== key) this.entries.delete(oldest);
    }
    return inflight;
  }
}

/**
 * Caching decorator over any PrometheusClient, after codemirror-promql's CachedPrometheusClient:
 * same interface, answers repeated questions from memory, and adds the non-blocking reads
 * (`peek…`) the synchronous language service needs.
 */
export class CachedPrometheusClient implements PrometheusClient {
  readonly names: AsyncCache<string[]>;
  readonly meta: AsyncCache<Record<string, MetricMetadata[]>>;
  readonly labels: AsyncCache<string[]>;
  readonly seriesSets: AsyncCache<Record<string, string>[]>;

  constructor(
    private readonly client: PrometheusClient,
    options: CacheOptions = {},
  ) {
    this.names = new AsyncCache(options);
    this.meta = new AsyncCache(options);
    this.labels = new AsyncCache(options);
    this.seriesSets = new AsyncCache(options);
  }

  metricNames(options: LookupOptions = {}): Promise<Result<string[]>> {
    return this.names.get(key('names', options), () => this.client.metricNames(options));
  }

  metadata(options: LookupOptions = {}): Promise<Result<Record<string, MetricMetadata[]>>> {
    return this.meta.get(key('metadata', options), () => this.client.metadata(options));
  }

  labelNames(match?: string, options: LookupOptions = {}): Promise<Result<string[]>> {
    return this.labels.get(key(`labels ${match ?? ''}`, options), () => this.client.labelNames(match, options));
  }

  labelValues(label: string, match?: string, options: LookupOptions = {}): Promise<Result<string[]>> {
    return this.labels.get(key(`values ${label} ${match ?? ''}`, options), () => this.client.labelValues(label, match, options));
  }

  series(match: string, options: LookupOptions = {}): Promise<Result<Record<string, string>[]>> {
    return this.seriesSets.get(key(`series ${match}`, options), () => this.client.series(match, options));
  }

  clear(): void {
    for (const cache of [this.names, this.meta, this.labels, this.seriesSets] as AsyncCache<unknown>[]) cache.clear();
  }
}

/**
 * Cache key of a call. The window is left out on purpose: a rolling "last 12 h" window moves on
 * every call, and the TTL already bounds how old an answer may be.
 */
export function key(what: string, options: LookupOptions): string {
  return options.limit === undefined ? what : `${what} limit=${options.limit}`;
}
