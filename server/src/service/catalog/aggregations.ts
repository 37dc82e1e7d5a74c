/** A PromQL aggregation operator (`sum`, `topk`, …). Docs are our own words. */
export interface AggregationSpec {
  name: string;
  /** The parameter before the vector, for `topk(k, v)`, `quantile(φ, v)`, `count_values("label", v)`. */
  param?: { name: string; type: 'scalar' | 'string' };
  experimental: boolean;
  /** `--enable-feature` flag needed, for experimental ones. */
  featureFlag?: string;
  doc: string;
  example: string;
}

// The 14 aggregations of Prometheus 3.14 (promql/parser/lex.go, `aggregatorsStart`..).
// Semantics follow https://prometheus.io/docs/prometheus/latest/querying/operators/#aggregation-operators;
// the wording is ours.
export const aggregations: AggregationSpec[] = [
  {
    name: 'sum',
    experimental: false,
    doc: 'Adds up the sample values of all series in each group. Native histograms are summed bucket by bucket; a group that mixes floats and histograms is dropped with a warning. Use `by`/`without` to choose which labels survive.',
    example: 'sum by (namespace) (rate(container_cpu_usage_seconds_total{container!=""}[5m]))',
  },
  {
    name: 'avg',
    experimental: false,
    doc: 'Arithmetic mean of the sample values in each group. Works on floats and on native histograms (not on a mix of both within one group).',
    example: 'avg by (instance) (1 - rate(node_cpu_seconds_total{mode="idle"}[5m]))',
  },
  {
    name: 'count',
    experimental: false,
    doc: 'Number of series in each group, whatever their values. An empty input gives an empty result, not 0 — add `or vector(0)` when a zero is needed.',
    example: 'count by (node) (kube_pod_info{namespace="default"})',
  },
  {
    name: 'min',
    experimental: false,
    doc: 'Smallest float sample value in each group. Histogram samples are ignored; NaN only wins when every value in the group is NaN.',
    example: 'min by (mountpoint) (node_filesystem_avail_bytes{fstype!="tmpfs"})',
  },
  {
    name: 'max',
    experimental: false,
    doc: 'Largest float sample value in each group. Histogram samples are ignored; NaN only wins when every value in the group is NaN.',
    example: 'max by (namespace, pod) (container_memory_working_set_bytes{container!=""})',
  },
  {
    name: 'group',
    experimental: false,
    doc: 'Returns 1 for every group that has at least one series. Handy to get the distinct label combinations of a vector, or as the "one" side of a join.',
    example: 'group by (namespace, workload) (namespace_workload_pod:kube_pod_owner:relabel)',
  },
  {
    name: 'stddev',
    experimental: false,
    doc: 'Population standard deviation of the float values in each group. Histogram samples are ignored.',
    example: 'stddev by (job) (rate(http_requests_total[5m]))',
  },
  {
    name: 'stdvar',
    experimental: false,
    doc: 'Population variance (the square of `stddev`) of the float values in each group. Histogram samples are ignored.',
    example: 'stdvar by (job) (rate(http_requests_total[5m]))',
  },
  {
    name: 'topk',
    param: { name: 'k', type: 'scalar' },
    experimental: false,
    doc: 'Keeps the `k` series with the largest values in each group, with their original labels (unlike other aggregations it does not collapse series). `k` is a scalar; a non-integer is truncated and `k` below 1 yields nothing. Histogram samples are ignored.',
    example: 'topk(5, sum by (pod) (rate(container_cpu_usage_seconds_total{namespace="prod"}[5m])))',
  },
  {
    name: 'bottomk',
    param: { name: 'k', type: 'scalar' },
    experimental: false,
    doc: 'Keeps the `k` series with the smallest values in each group, with their original labels. `k` is a scalar; a non-integer is truncated and `k` below 1 yields nothing. Histogram samples are ignored.',
    example: 'bottomk(3, node_filesystem_avail_bytes{mountpoint="/"} / node_filesystem_size_bytes{mountpoint="/"})',
  },
  {
    name: 'count_values',
    param: { name: 'label', type: 'string' },
    experimental: false,
    doc: 'Counts how many series share each distinct sample value and writes that value into a new label named by the string parameter. Useful to see how many pods run each version or replica count.',
    example: 'count_values("replicas", kube_deployment_spec_replicas{namespace="prod"})',
  },
  {
    name: 'quantile',
    param: { name: 'φ', type: 'scalar' },
    experimental: false,
    doc: 'The φ-quantile (0 ≤ φ ≤ 1) of the float values in each group, interpolating between neighbours. φ below 0 gives -Inf, above 1 gives +Inf, NaN gives NaN. This is across series, not over time — see `quantile_over_time` and `histogram_quantile`.',
    example: 'quantile by (job) (0.9, rate(http_requests_total[5m]))',
  },
  {
    name: 'limitk',
    param: { name: 'k', type: 'scalar' },
    experimental: true,
    featureFlag: 'promql-experimental-functions',
    doc: 'Experimental (needs `--enable-feature=promql-experimental-functions`). Returns up to `k` series of each group, picked deterministically by their label hash rather than by value, so the same series keep being chosen across evaluations. Good for sampling a few series of a high-cardinality metric.',
    example: 'limitk(10, rate(http_requests_total{job="api"}[5m]))',
  },
  {
    name: 'limit_ratio',
    param: { name: 'ratio', type: 'scalar' },
    experimental: true,
    featureFlag: 'promql-experimental-functions',
    doc: 'Experimental (needs `--enable-feature=promql-experimental-functions`). Keeps a deterministic, hash-based sample of roughly `ratio` (between -1 and 1) of the series in each group. A negative ratio selects the complement: `limit_ratio(r, v)` and `limit_ratio(-(1 - r), v)` together return every series once.',
    example: 'limit_ratio(0.1, rate(container_network_receive_bytes_total[5m]))',
  },
];

export const aggregationsByName: ReadonlyMap<string, AggregationSpec> = new Map(aggregations.map((a) => [a.name, a]));
