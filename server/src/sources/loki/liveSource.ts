import type { PrometheusAuth, PrometheusStatus } from '../../protocol';
import { streamLimit, streamSelector, type LokiSnapshot } from '../../service/live/lokiSnapshot';
import type { SeriesMatcher } from '../../service/live/metricFacts';
import { AsyncCache, type CacheOptions } from '../http/asyncCache';
import { Reachability } from '../http/reachability';
import { readConnectionSettings } from '../http/connection';
import { describeDuration } from '../prometheus/liveSource';
import { HttpLokiClient } from './httpClient';
import type { LokiClient, LokiConnection, LokiLookupOptions } from './types';

export interface LokiLiveSourceOptions {
  /** Lookups cover [now - lookback, now]; default 6 h, Loki's own default for label queries. */
  lookbackMs?: number;
  now?: () => number;
  /** Most values kept per lookup; default 5,000 (completion shows far fewer). */
  valueLimit?: number;
  cache?: CacheOptions;
  /** Replaces the HTTP client (tests). */
  client?: LokiClient;
}

/**
 * The live Loki side of the language service, after sources/prometheus/liveSource.ts: reads
 * answer from the cache at once and, on a miss or a stale entry, fetch in the background.
 * `settle` lets an editor request wait a small budget for lookups under way, so the first
 * completion in a new selector can still show live values without ever blocking longer.
 */
export class LokiLiveSource implements LokiSnapshot {
  readonly source: string;
  readonly window: string;
  private readonly client: LokiClient;
  private readonly names: AsyncCache<string[]>;
  private readonly values: AsyncCache<string[]>;
  private readonly series: AsyncCache<Record<string, string>[]>;
  private readonly lookbackMs: number;
  private readonly now: () => number;
  private readonly valueLimit: number;
  private readonly reachability: Reachability;

  constructor(connection: LokiConnection, options: LokiLiveSourceOptions = {}) {
    this.source = connection.url;
    this.reachability = new Reachability(connection.url);
    this.lookbackMs = options.lookbackMs ?? 6 * 3600_000;
    this.window = `the last ${describeDuration(this.lookbackMs)}`;
    this.now = options.now ?? Date.now;
    this.valueLimit = options.valueLimit ?? 5_000;
    this.client = options.client ?? new HttpLokiClient(connection);
    this.names = new AsyncCache(options.cache);
    this.values = new AsyncCache(options.cache);
    this.series = new AsyncCache(options.cache);
    this.names.onSettled = (key, result) => this.reachability.settled(key === 'names', result);
    this.values.onSettled = (_key, result) => this.reachability.settled(false, result);
    this.series.onSettled = (_key, result) => this.reachability.settled(false, result);
  }

  get reachable(): boolean {
    return this.reachability.reachable;
  }

  labelNames(matchers: readonly SeriesMatcher[] = []): readonly string[] | undefined {
    const selector = matchers.length > 0 ? streamSelector(matchers) : undefined;
    const key = selector ? `names ${selector}` : 'names';
    return this.names.peek(key, () => this.client.labelNames(selector, this.lookup()));
  }

  labelValues(label: string, matchers: readonly SeriesMatcher[] = []): readonly string[] | undefined {
    const selector = matchers.length > 0 ? streamSelector(matchers) : undefined;
    return this.values.peek(`${label} ${selector ?? ''}`, () => this.client.labelValues(label, selector, this.lookup()));
  }

  streams(matchers: readonly SeriesMatcher[]): readonly Record<string, string>[] | undefined {
    if (matchers.length === 0) return undefined; // Loki wants a selector for /series
    const selector = streamSelector(matchers);
    return this.series.peek(selector, () => this.client.series([selector], { ...this.lookup(), limit: streamLimit }));
  }

  /** Starts (or refreshes) the label-name lookup that tells whether Loki answers. */
  warm(): void {
    this.labelNames();
  }

  /**
   * Waits at most `budgetMs` for the lookups under way; true when there were some and they
   * all settled in time (a second read then finds their answers).
   */
  async settle(budgetMs: number): Promise<boolean> {
    const pending = [...this.names.inflight(), ...this.values.inflight(), ...this.series.inflight()];
    if (pending.length === 0 || budgetMs <= 0) return false;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), budgetMs)));
    const done = Promise.all(pending).then(() => true as const);
    try {
      return await Promise.race([done, late]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Runs `listener` (debounced) when background fetches brought data or reachability changed. */
  onDidChange(listener: () => void): { dispose(): void } {
    return this.reachability.onDidChange(listener);
  }

  status(): PrometheusStatus {
    return this.reachability.status(this.names.peek('names')?.length);
  }

  dispose(): void {
    this.reachability.dispose();
    this.names.clear();
    this.values.clear();
    this.series.clear();
  }

  private lookup(): LokiLookupOptions {
    const end = this.now();
    return { window: { start: end - this.lookbackMs, end }, limit: this.valueLimit };
  }
}

/** The connection described by `alertsmith.loki` (`url`, `enabled`, `headers`, `tlsSkipVerify`, `timeoutMs`). */
export function readLokiSettings(section: unknown, auth?: PrometheusAuth): LokiConnection | undefined {
  return readConnectionSettings(section, 'http://localhost:3100', auth);
}

/** A LokiLiveSource from the `alertsmith.loki` settings plus secrets, or undefined when Loki is off. */
export function createLokiLiveSource(section: unknown, auth?: PrometheusAuth, options?: LokiLiveSourceOptions): LokiLiveSource | undefined {
  const connection = readLokiSettings(section, auth);
  return connection ? new LokiLiveSource(connection, options) : undefined;
}
