import type { MetricInfo } from '../types';
import type { LiveMetadata, LiveSnapshot } from './snapshot';

/**
 * Facts about one metric derived from a live snapshot: its metadata (following Prometheus'
 * naming of metric families), label names, label values and series count.
 */

type MetricType = MetricInfo['type'];

const knownTypes: ReadonlySet<string> = new Set([
  'counter',
  'gauge',
  'histogram',
  'summary',
  'info',
  'stateset',
  'gaugehistogram',
  'unknown',
]);

/** Metadata of a series name plus the family it was found under and the type the series has. */
export interface ResolvedMetadata extends LiveMetadata {
  family: string;
  /** The family's declared type (`histogram` for `foo_bucket` of a histogram family). */
  familyType: MetricType;
  /**
   * What the series itself behaves like: `_bucket`, `_count` and `_sum` of a histogram or
   * summary are counters; those of a gauge histogram are gauges; `_created` is a gauge.
   */
  seriesType: MetricType;
}

/**
 * Families are keyed as exposed: OpenMetrics declares `# TYPE http_requests counter` for the
 * series `http_requests_total`, histograms and summaries own `_bucket`/`_sum`/`_count`.
 * See prometheus/prometheus model/textparse/openmetricsparse.go and the OpenMetrics spec.
 */
const familySuffixes: ReadonlyArray<{ suffix: string; types: readonly string[] }> = [
  { suffix: '_total', types: ['counter'] },
  { suffix: '_created', types: ['counter', 'histogram', 'summary'] },
  { suffix: '_bucket', types: ['histogram', 'gaugehistogram'] },
  { suffix: '_count', types: ['histogram', 'summary'] },
  { suffix: '_sum', types: ['histogram', 'summary'] },
  { suffix: '_gcount', types: ['gaugehistogram'] },
  { suffix: '_gsum', types: ['gaugehistogram'] },
  { suffix: '_info', types: ['info'] },
];

export function resolveMetadata(snapshot: LiveSnapshot, name: string): ResolvedMetadata | undefined {
  const exact = snapshot.metadata(name);
  if (exact) {
    const familyType = toType(exact.type);
    return { ...exact, family: name, familyType, seriesType: familyType };
  }
  for (const { suffix, types } of familySuffixes) {
    if (!name.endsWith(suffix)) continue;
    const family = name.slice(0, -suffix.length);
    const entry = snapshot.metadata(family);
    if (!entry || !types.includes(entry.type)) continue;
    const familyType = toType(entry.type);
    return { ...entry, family, familyType, seriesType: seriesTypeOf(familyType, suffix) };
  }
  return undefined;
}

function seriesTypeOf(familyType: MetricType, suffix: string): MetricType {
  if (suffix === '_created') return 'gauge';
  if (familyType === 'gaugehistogram') return 'gauge';
  if (familyType === 'histogram' || familyType === 'summary') return 'counter';
  return familyType;
}

function toType(type: string): MetricType {
  return knownTypes.has(type) ? (type as MetricType) : 'unknown'; // `untyped` from the text format too
}

/** An equality or regex matcher used to narrow a metric's series. */
export interface SeriesMatcher {
  label: string;
  op: '=' | '!=' | '=~' | '!~';
  value: string;
}

/** The series of `metric` that pass every matcher; undefined when the series are not known. */
export function matchingSeries(
  snapshot: LiveSnapshot,
  metric: string,
  matchers: readonly SeriesMatcher[] = [],
): Readonly<Record<string, string>>[] | undefined {
  const series = snapshot.series(metric);
  if (!series) return undefined;
  const tests = matchers.map(matcherTest);
  return series.labels.filter((set) => tests.every((test) => test(set)));
}

/** Label names the metric's series carry, sorted, without `__name__`. */
export function labelNamesOf(snapshot: LiveSnapshot, metric: string): string[] | undefined {
  const series = snapshot.series(metric);
  if (!series) return undefined;
  const names = new Set<string>();
  for (const set of series.labels) for (const name of Object.keys(set)) if (name !== '__name__') names.add(name);
  return [...names].sort();
}

/** Distinct values of `label` among the series of `metric` that pass `matchers`, sorted. */
export function labelValuesOf(
  snapshot: LiveSnapshot,
  metric: string,
  label: string,
  matchers: readonly SeriesMatcher[] = [],
): string[] | undefined {
  const series = matchingSeries(
    snapshot,
    metric,
    matchers.filter((matcher) => matcher.label !== label),
  );
  if (!series) return undefined;
  const values = new Set<string>();
  for (const set of series) if (set[label] !== undefined) values.add(set[label]);
  return [...values].sort();
}

/** Series count, with `atLeast` when the lookup was cut at its limit. */
export function seriesCountOf(snapshot: LiveSnapshot, metric: string): { count: number; atLeast: boolean } | undefined {
  const series = snapshot.series(metric);
  return series ? { count: series.labels.length, atLeast: series.truncated } : undefined;
}

/** True when a label set passes every matcher. */
export function matchesAll(matchers: readonly SeriesMatcher[], set: Readonly<Record<string, string>>): boolean {
  return matchers.every((matcher) => matcherTest(matcher)(set));
}

/** True when a matcher accepts a series that lacks the label (Prometheus treats it as ""). */
export function matchesEmpty(matcher: SeriesMatcher): boolean {
  return matcherTest(matcher)({});
}

function matcherTest(matcher: SeriesMatcher): (set: Readonly<Record<string, string>>) => boolean {
  if (matcher.op === '=' || matcher.op === '!=') {
    const want = matcher.op === '=';
    return (set) => ((set[matcher.label] ?? '') === matcher.value) === want;
  }
  const regex = anchoredRegex(matcher.value);
  const want = matcher.op === '=~';
  // A regex JavaScript cannot read (RE2-only syntax) narrows nothing rather than everything.
  if (!regex) return () => true;
  return (set) => regex.test(set[matcher.label] ?? '') === want;
}

/** Prometheus anchors label regexes at both ends (`^(?:re)$`). */
function anchoredRegex(source: string): RegExp | undefined {
  try {
    return new RegExp(`^(?:${source})$`, 's');
  } catch {
    return undefined;
  }
}
