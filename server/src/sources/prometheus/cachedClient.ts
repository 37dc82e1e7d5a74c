import { AsyncCache, type CacheOptions } from '../http/asyncCache';
import type { LookupOptions, MetricMetadata, PrometheusClient, Result } from './types';

export { AsyncCache, type CacheOptions };

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
