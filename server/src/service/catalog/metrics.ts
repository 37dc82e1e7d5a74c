import type { MetricInfo, MetricLookup } from '../types';

// Filled in by the catalog work: well-known metrics of node_exporter, kube-state-metrics,
// cAdvisor/kubelet, kube-apiserver, Go and process collectors. Help text in our own words.
export const wellKnownMetrics: MetricInfo[] = [];

/** A lookup over a list of metrics. */
export function metricLookup(metrics: Iterable<MetricInfo>): MetricLookup {
  const byName = new Map<string, MetricInfo>();
  for (const metric of metrics) byName.set(metric.name, metric);
  return { get: (name) => byName.get(name), all: () => byName.values() };
}

export const catalogMetrics: MetricLookup = metricLookup(wellKnownMetrics);
