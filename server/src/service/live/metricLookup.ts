import type { MetricInfo, MetricLookup } from '../types';
import { labelNamesOf, resolveMetadata, seriesCountOf } from './metricFacts';
import type { LiveSnapshot } from './snapshot';

/**
 * A MetricLookup that answers from the live server when it knows the metric and from
 * `fallback` (the bundled catalog) otherwise, so completion and hover need no change to use
 * live data. `snapshot` is a getter because the connection changes with the settings.
 *
 * Histogram, gauge-histogram and summary series are reported as their family (`foo` for
 * `foo_bucket`), as the catalog does; completion expands a family to its series names.
 */
export function liveMetricLookup(snapshot: () => LiveSnapshot | undefined, fallback: MetricLookup): MetricLookup {
  return {
    get(name) {
      const live = snapshot();
      const info = live?.reachable ? liveInfo(live, name) : undefined;
      return info ? merge(info, fallback.get(info.name)) : fallback.get(name);
    },
    // The cached list itself, not a copy: completion tells an unchanged list by its identity.
    all() {
      const live = snapshot();
      const names = live?.reachable ? live.metricNames() : undefined;
      return live && names ? liveMetrics(live, names, fallback) : fallback.all();
    },
  };
}

// The metric list is rebuilt only when the server's names (or the arrival of metadata) change,
// not on every completion request: a live server can have 20,000 names.
const listCache = new WeakMap<readonly string[], { withMetadata: boolean; fallback: MetricLookup; list: MetricInfo[] }>();

function liveMetrics(live: LiveSnapshot, names: readonly string[], fallback: MetricLookup): MetricInfo[] {
  const withMetadata = names.slice(0, 50).some((name) => resolveMetadata(live, name) !== undefined);
  const cached = listCache.get(names);
  if (cached && cached.withMetadata === withMetadata && cached.fallback === fallback) return cached.list;
  // Only what the server has: offering catalog metrics it lacks would invite typos of a kind.
  const seen = new Set<string>();
  const list: MetricInfo[] = [];
  for (const name of names) {
    const meta = resolveMetadata(live, name);
    const family = meta && isFamilyType(meta.familyType) ? meta.family : name;
    if (seen.has(family)) continue;
    seen.add(family);
    list.push(
      merge(
        {
          name: family,
          type: meta?.familyType ?? 'unknown',
          help: meta?.help ?? '',
          unit: meta?.unit || undefined,
          source: sourceOf(live, name),
        },
        fallback.get(family),
      ),
    );
  }
  listCache.set(names, { withMetadata, fallback, list });
  return list;
}

function isFamilyType(type: MetricInfo['type']): boolean {
  return type === 'histogram' || type === 'gaugehistogram' || type === 'summary';
}

// Completion looks up every name of a 20,000-name list: membership must not scan the list.
const nameSets = new WeakMap<readonly string[], ReadonlySet<string>>();
function hasMetric(names: readonly string[] | undefined, name: string): boolean {
  if (!names) return false;
  let set = nameSets.get(names);
  if (!set) nameSets.set(names, (set = new Set(names)));
  return set.has(name);
}

/** What the live server says about `name`, keyed the way the catalog keys it. */
function liveInfo(live: LiveSnapshot, name: string): MetricInfo | undefined {
  const meta = resolveMetadata(live, name);
  const exists = hasMetric(live.metricNames(), name);
  if (!meta && !exists) return undefined;
  if (meta && isFamilyType(meta.familyType) && meta.family !== name) {
    // A `_bucket`/`_sum`/`_count` series: describe the family, labels of the series asked about.
    return {
      name: meta.family,
      type: meta.familyType,
      help: meta.help,
      unit: meta.unit || undefined,
      labels: labelNamesOf(live, name),
      source: sourceOf(live, name),
    };
  }
  return {
    name,
    type: meta?.familyType ?? 'unknown',
    help: meta?.help ?? '',
    unit: meta?.unit || undefined,
    labels: labelNamesOf(live, name),
    source: sourceOf(live, name),
  };
}

/** Shown in hover next to the type: where the facts come from and how many series there are. */
function sourceOf(live: LiveSnapshot, name: string): string {
  const count = seriesCountOf(live, name);
  if (!count) return 'live';
  return `live: ${count.atLeast ? 'at least ' : ''}${count.count} series in ${live.window}`;
}

function merge(live: MetricInfo, catalog: MetricInfo | undefined): MetricInfo {
  if (!catalog) return live;
  return {
    ...catalog,
    ...live,
    type: live.type === 'unknown' ? catalog.type : live.type,
    help: live.help || catalog.help,
    unit: live.unit ?? catalog.unit,
    labels: live.labels ?? catalog.labels, // the server's labels are the truth once known
  };
}
