import { fail, ok, type ApiError, type Result } from './result';

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
  error?: ApiError;
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
  lastError(key: string): ApiError | undefined {
    return this.entries.get(key)?.error;
  }

  /** The loads still under way, for a caller that may wait a little for them. */
  inflight(): Promise<unknown>[] {
    const out: Promise<unknown>[] = [];
    for (const entry of this.entries.values()) if (entry.inflight) out.push(entry.inflight);
    return out;
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
