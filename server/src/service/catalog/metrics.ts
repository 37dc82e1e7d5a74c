import type { MetricInfo, MetricLookup } from '../types';
import { wellKnownMetricsData } from './metricsData';

/**
 * Well-known metrics of node_exporter, kube-state-metrics, cAdvisor/kubelet, the Kubernetes
 * control plane, etcd, CoreDNS, Alertmanager, Prometheus and the Go/process collectors
 * (the table lives in metricsData.ts). Help text is our own words.
 */
export const wellKnownMetrics: MetricInfo[] = wellKnownMetricsData;

/** A lookup over a list of metrics. */
export function metricLookup(metrics: Iterable<MetricInfo>): MetricLookup {
  const byName = new Map<string, MetricInfo>();
  for (const metric of metrics) byName.set(metric.name, metric);
  return { get: (name) => byName.get(name), all: () => byName.values() };
}

export const catalogMetrics: MetricLookup = metricLookup(wellKnownMetrics);
