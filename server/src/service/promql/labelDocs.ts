/**
 * Labels that mean the same thing almost everywhere: set by Prometheus itself, by
 * Kubernetes service discovery relabelling, or by histogram/summary exposition. Our own words.
 */
export const wellKnownLabels: ReadonlyMap<string, string> = new Map([
  ['job', 'The scrape job (`job_name`, or the ServiceMonitor/PodMonitor it came from) that collected the series.'],
  ['instance', 'The scraped target, usually `host:port`; set from `__address__` unless relabelled.'],
  ['__name__', 'The metric name itself. `{__name__=~"node_.*"}` selects by name pattern.'],
  ['le', 'Upper bound ("less than or equal") of a classic histogram bucket; `+Inf` is the total. `histogram_quantile` needs it kept.'],
  ['quantile', 'The φ-quantile a summary series reports, e.g. `0.99`.'],
  ['namespace', 'Kubernetes namespace of the target or of the object the series describes.'],
  ['pod', 'Kubernetes pod name.'],
  ['container', 'Container name inside the pod; cAdvisor series with `container=""` are pod-level totals.'],
  ['node', 'Kubernetes node name.'],
  ['service', 'Kubernetes Service whose endpoints were scraped (Prometheus Operator adds it).'],
  ['endpoint', 'Name of the Service port that was scraped (Prometheus Operator adds it).'],
]);

/** Labels worth offering in any selector or grouping, most common first. */
export const commonLabels: readonly string[] = ['job', 'instance', 'namespace', 'pod', 'container', 'node', 'service'];
