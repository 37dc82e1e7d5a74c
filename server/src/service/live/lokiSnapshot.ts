import { matchesAll, matchesEmpty, type SeriesMatcher } from './metricFacts';

/**
 * What the language service may know about a live Loki. Like LiveSnapshot (Prometheus), every
 * read is synchronous and answers from memory: `undefined` means "not known (yet)", never
 * "none". The implementation in sources/loki/liveSource.ts fetches on a miss in the background.
 * `matchers` scope a lookup to the streams they select (Loki's `query={…}` parameter).
 */
export interface LokiSnapshot {
  /** The server's URL, for messages. */
  readonly source: string;
  /** True when the server answered its last request for label names. */
  readonly reachable: boolean;
  /** Words for the time window lookups cover, e.g. "the last 6h"; for messages. */
  readonly window: string;
  /** Stream label names, among the streams the matchers select (all streams without matchers). */
  labelNames(matchers?: readonly SeriesMatcher[]): readonly string[] | undefined;
  /** Values of a stream label, among the streams the matchers select. */
  labelValues(label: string, matchers?: readonly SeriesMatcher[]): readonly string[] | undefined;
  /**
   * The label sets of the streams the matchers select (Loki's `/series`), at most
   * `streamLimit` of them; the matchers must scope (see scopingMatchers).
   */
  streams(matchers: readonly SeriesMatcher[]): readonly Record<string, string>[] | undefined;
}

/** Most streams a `streams` lookup keeps: hover shows a count and a few examples. */
export const streamLimit = 1_000;

/**
 * The matchers a lookup may be scoped with: Loki refuses a selector whose every matcher
 * accepts the empty string (`{app=~".*"}`), so such a set scopes nothing.
 */
export function scopingMatchers(matchers: readonly SeriesMatcher[]): SeriesMatcher[] {
  return matchers.some((matcher) => !matchesEmpty(matcher)) ? [...matchers] : [];
}

/** `{app="api", level=~"warn|error"}`: the stream selector for a set of matchers. */
export function streamSelector(matchers: readonly SeriesMatcher[]): string {
  return `{${matchers.map((m) => `${m.label}${m.op}${JSON.stringify(m.value)}`).join(', ')}}`;
}

/** Plain data for `staticLokiSnapshot`: the streams a test knows. */
export interface LokiSnapshotData {
  source?: string;
  window?: string;
  reachable?: boolean;
  /** Label sets of the streams; lookups answer from them. Undefined: nothing known yet. */
  streams?: Record<string, string>[];
}

/** A fixed snapshot over plain data; unit tests use it. */
export function staticLokiSnapshot(data: LokiSnapshotData): LokiSnapshot {
  const selected = (matchers: readonly SeriesMatcher[] = []) => data.streams?.filter((set) => matchesAll(matchers, set));
  return {
    source: data.source ?? 'http://loki.test',
    window: data.window ?? 'the last 6h',
    reachable: data.reachable ?? true,
    labelNames: (matchers) => {
      const streams = selected(matchers);
      return streams && [...new Set(streams.flatMap((set) => Object.keys(set)))].sort();
    },
    labelValues: (label, matchers) => {
      const streams = selected(matchers);
      return streams && [...new Set(streams.flatMap((set) => (set[label] === undefined ? [] : [set[label]])))].sort();
    },
    streams: (matchers) => selected(matchers)?.slice(0, streamLimit),
  };
}
