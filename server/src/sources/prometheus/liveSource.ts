import type { PrometheusAuth, PrometheusStatus } from '../../protocol';
import { liveMetricReferences } from '../../service/live/liveChecks';
import type { LiveMetadata, LiveSeries, LiveSnapshot } from '../../service/live/snapshot';
import { readConnectionSettings } from '../http/connection';
import { Reachability } from '../http/reachability';
import { CachedPrometheusClient, type CacheOptions } from './cachedClient';
import { HttpPrometheusClient } from './httpClient';
import type { LookupOptions, PrometheusClient, PrometheusConnection, PrometheusError, Result } from './types';

export interface LiveSourceOptions {
  /**
   * Lookups cover [now - lookback, now]; default 12 h, as Prometheus' own editor. `Infinity`
   * means all retained data (the CLI: fewer false "no series" reports, and it runs once).
   */
  lookbackMs?: number;
  /** The clock; tests pin it inside their backfilled data. */
  now?: () => number;
  /** Most series read per metric (`limit=`); default 5,000. */
  seriesLimit?: number;
  cache?: CacheOptions;
  /** Replaces the HTTP client (tests). */
  client?: PrometheusClient;
}

/**
 * The live side of the language service: a LiveSnapshot whose reads answer from the cache at
 * once and, on a miss or a stale entry, fetch in the background and fire `onDidChange` when
 * new data arrived (the server then re-validates open documents). `prefetch` is for the CLI,
 * which waits (bounded) for what its expressions need before validating.
 */
export class LiveSource implements LiveSnapshot {
  readonly source: string;
  readonly window: string;
  private readonly cached: CachedPrometheusClient;
  private readonly raw: PrometheusClient;
  private readonly lookbackMs: number;
  private readonly now: () => number;
  private readonly seriesLimit: number;
  private readonly reachability: Reachability;

  constructor(connection: PrometheusConnection, options: LiveSourceOptions = {}) {
    this.source = connection.url;
    this.reachability = new Reachability(connection.url);
    this.lookbackMs = options.lookbackMs ?? 12 * 3600_000;
    this.window = Number.isFinite(this.lookbackMs) ? `the last ${describeDuration(this.lookbackMs)}` : 'its retained data';
    this.now = options.now ?? Date.now;
    this.seriesLimit = options.seriesLimit ?? 5_000;
    this.raw = options.client ?? new HttpPrometheusClient(connection);
    this.cached = new CachedPrometheusClient(this.raw, options.cache);
    this.cached.names.onSettled = (_key, result) => this.reachability.settled(true, result);
    this.cached.meta.onSettled = (_key, result) => this.reachability.settled(false, result);
    this.cached.labels.onSettled = (_key, result) => this.reachability.settled(false, result);
    this.cached.seriesSets.onSettled = (_key, result) => this.reachability.settled(false, result);
  }

  get reachable(): boolean {
    return this.reachability.reachable;
  }

  metricNames(): readonly string[] | undefined {
    return this.cached.names.peek('names', () => this.raw.metricNames(this.lookup()));
  }

  metadata(family: string): LiveMetadata | undefined {
    return this.cached.meta.peek('metadata', () => this.raw.metadata())?.[family]?.[0];
  }

  series(metric: string): LiveSeries | undefined {
    const labels = this.cached.seriesSets.peek(`series ${metric}`, () => this.loadSeries(metric));
    return labels ? { labels, truncated: labels.length >= this.seriesLimit } : undefined;
  }

  labelNames(): readonly string[] | undefined {
    return this.cached.labels.peek('labels', () => this.raw.labelNames(undefined, this.lookup()));
  }

  labelValues(label: string): readonly string[] | undefined {
    return this.cached.labels.peek(`values ${label}`, () => this.raw.labelValues(label, undefined, this.lookup()));
  }

  /**
   * Loads what live checks on these expressions need: metric names, metadata and the series of
   * every metric they name. Waits at most `budgetMs`; afterwards the snapshot holds whatever
   * arrived. Resolves to the first error when the server could not be reached.
   */
  async prefetch(expressions: readonly string[], budgetMs: number): Promise<PrometheusError | undefined> {
    const deadline = Date.now() + budgetMs; // wall clock, not the (possibly pinned) data clock
    const within = <T>(promise: Promise<T>) => raceTimeout(promise, Math.max(0, deadline - Date.now()));
    const [names] =
      (await within(
        Promise.all([
          this.cached.names.get('names', () => this.raw.metricNames(this.lookup())),
          this.cached.meta.get('metadata', () => this.raw.metadata()),
        ]),
      )) ?? [];
    if (!names) return { kind: 'timeout', message: `no answer from ${this.source} within ${budgetMs} ms` };
    if (!names.ok) return names.error;
    const metrics = new Set(expressions.flatMap((expression) => liveMetricReferences(expression)));
    const known = new Set(names.value);
    await within(
      Promise.all(
        [...metrics]
          .filter((metric) => known.has(metric))
          .map((metric) => this.cached.seriesSets.get(`series ${metric}`, () => this.loadSeries(metric))),
      ),
    );
    return undefined;
  }

  /** Starts (or refreshes) the basic lookups; the editor calls it when the connection is configured. */
  warm(): void {
    this.metricNames();
    this.metadata('');
  }

  /** Runs `listener` (debounced) when background fetches brought new data or reachability changed. */
  onDidChange(listener: () => void): { dispose(): void } {
    return this.reachability.onDidChange(listener);
  }

  status(): PrometheusStatus {
    return this.reachability.status(this.cached.names.peek('names')?.length);
  }

  dispose(): void {
    this.reachability.dispose();
    this.cached.clear();
  }

  private lookup(limit?: number): LookupOptions {
    if (!Number.isFinite(this.lookbackMs)) return { limit };
    const end = this.now();
    return { window: { start: end - this.lookbackMs, end }, limit };
  }

  private loadSeries(metric: string): Promise<Result<Record<string, string>[]>> {
    return this.raw.series(`{__name__=${JSON.stringify(metric)}}`, this.lookup(this.seriesLimit));
  }
}

/**
 * Builds a LiveSource from the `alertsmith.prometheus` settings section plus secrets, or
 * undefined when live features are off (`url` empty). Junk in settings is ignored.
 */
export function createLiveSource(section: unknown, auth?: PrometheusAuth, options?: LiveSourceOptions): LiveSource | undefined {
  const connection = readPrometheusSettings(section, auth);
  return connection ? new LiveSource(connection, options) : undefined;
}

/** The connection described by `alertsmith.prometheus` (`url`, `headers`, `tlsSkipVerify`, `timeoutMs`). */
export function readPrometheusSettings(section: unknown, auth?: PrometheusAuth): PrometheusConnection | undefined {
  return readConnectionSettings(section, 'http://localhost:9090', auth);
}

/**
 * For `alertsmith check --prometheus URL`: connects over all retained data, loads what the
 * expressions need (waiting at most `budgetMs`) and returns the source to validate with, or a
 * one-line warning for stderr when the server could not be used (checks then run without it).
 */
export async function connectForCheck(
  url: string,
  expressions: readonly string[],
  budgetMs = 20_000,
): Promise<{ source?: LiveSource; warning?: string }> {
  const source = new LiveSource({ url, timeoutMs: Math.min(budgetMs, 15_000) }, { lookbackMs: Infinity });
  const error = await source.prefetch(expressions, budgetMs);
  if (error || !source.reachable) {
    source.dispose();
    return { warning: `live checks skipped: no usable answer from ${url}${error ? ` (${error.message})` : ''}` };
  }
  return { source };
}

function raceTimeout<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms)));
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** `6h`, `2d`, `90m`: a window length for messages. */
export function describeDuration(ms: number): string {
  if (ms % 86_400_000 === 0) return `${ms / 86_400_000}d`;
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  return `${Math.round(ms / 60_000)}m`;
}
