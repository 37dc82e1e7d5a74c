/**
 * What the language service may know about a live Prometheus server. Every read is
 * synchronous and answers from memory: `undefined` means "not known (yet)", never "none".
 * The implementation in sources/prometheus/liveSource.ts starts a background fetch on such a
 * miss and tells the server when the answer arrives, so typing never waits on the network.
 */
export interface LiveSnapshot {
  /** The server's URL, for messages. */
  readonly source: string;
  /** True when the server answered its last request for metric names. Live checks need it. */
  readonly reachable: boolean;
  /** Words for the time window lookups cover, e.g. "the last 12h"; for messages. */
  readonly window: string;
  /** Names of every metric with series in the window. */
  metricNames(): readonly string[] | undefined;
  /** The raw `/api/v1/metadata` entry for a key as Prometheus stores it (a metric family name). */
  metadata(family: string): LiveMetadata | undefined;
  /** The label sets of a metric's series in the window (possibly cut at a limit). */
  series(metric: string): LiveSeries | undefined;
  /** Every label name on the server (for selectors without a metric name). */
  labelNames(): readonly string[] | undefined;
  /** Every value of a label on the server (for selectors without a metric name). */
  labelValues(label: string): readonly string[] | undefined;
}

/** One metadata entry, as scrape targets declared it with `# TYPE`, `# HELP` and `# UNIT`. */
export interface LiveMetadata {
  type: string;
  help: string;
  unit: string;
}

export interface LiveSeries {
  labels: readonly Readonly<Record<string, string>>[];
  /** True when the list was cut at the lookup limit, so counts are lower bounds. */
  truncated: boolean;
}

/** Plain data for `staticSnapshot`: what a test or a recorded fixture knows. */
export interface LiveSnapshotData {
  source?: string;
  window?: string;
  reachable?: boolean;
  metricNames?: string[];
  metadata?: Record<string, LiveMetadata>;
  /** metric name -> label sets of its series (`__name__` may be left out). */
  series?: Record<string, Record<string, string>[]>;
  labelValues?: Record<string, string[]>;
}

/** A fixed snapshot over plain data; unit tests and recorded sessions use it. */
export function staticSnapshot(data: LiveSnapshotData): LiveSnapshot {
  const allLabelNames = data.labelValues ? Object.keys(data.labelValues) : undefined;
  return {
    source: data.source ?? 'http://prometheus.test',
    window: data.window ?? 'the last 12h',
    reachable: data.reachable ?? true,
    metricNames: () => data.metricNames,
    metadata: (family) => data.metadata?.[family],
    series: (metric) => {
      const sets = data.series?.[metric];
      return sets ? { labels: sets.map((set) => ({ __name__: metric, ...set })), truncated: false } : undefined;
    },
    labelNames: () => allLabelNames,
    labelValues: (label) => data.labelValues?.[label],
  };
}
