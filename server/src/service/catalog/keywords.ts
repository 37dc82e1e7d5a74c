/** A PromQL keyword, modifier or operator with hover documentation (our own words). */
export interface KeywordSpec {
  name: string;
  kind:
    | 'grouping' // by, without
    | 'vector-matching' // on, ignoring, group_left, group_right
    | 'fill' // fill, fill_left, fill_right
    | 'modifier' // offset, @
    | 'range-modifier' // anchored, smoothed
    | 'at-preprocessor' // start(), end() after @
    | 'comparison' // bool
    | 'set-operator' // and, or, unless
    | 'binary-operator'; // + - * / % ^ atan2 == != > < >= <=
  experimental?: boolean;
  featureFlag?: string;
  doc: string;
  example: string;
}

// Keywords, modifiers and operators of Prometheus 3.14 (promql/parser/lex.go). Semantics follow
// https://prometheus.io/docs/prometheus/latest/querying/operators/ and .../basics/; the wording is ours.
// Feature flags: docs/feature_flags.md of the same release.
const FILL_FLAG = 'promql-binop-fill-modifiers';
const RANGE_FLAG = 'promql-extended-range-selectors';

export const keywords: KeywordSpec[] = [
  {
    name: 'by',
    kind: 'grouping',
    doc: 'Groups an aggregation by the listed labels: one output series per distinct combination, and every other label is dropped. May be written before or after the parenthesised argument.',
    example: 'sum by (namespace, pod) (rate(container_cpu_usage_seconds_total[5m]))',
  },
  {
    name: 'without',
    kind: 'grouping',
    doc: 'Groups an aggregation by all labels except the listed ones, which are removed from the result. Keeps labels you did not know about, which `by` would drop.',
    example: 'sum without (instance, pod) (rate(http_requests_total[5m]))',
  },
  {
    name: 'on',
    kind: 'vector-matching',
    doc: 'Makes a binary operation between two vectors match series only on the listed labels; the result keeps just those labels (unless `group_left`/`group_right` is used). `on()` with an empty list matches everything against everything.',
    example: 'rate(http_requests_total{code=~"5.."}[5m]) / on(job, instance) rate(http_requests_total[5m])',
  },
  {
    name: 'ignoring',
    kind: 'vector-matching',
    doc: 'Makes a binary operation between two vectors match series on all labels except the listed ones. Typical when one side has an extra label such as `code` or `mode`.',
    example:
      'sum without (code) (rate(http_requests_total{code=~"5.."}[5m])) / ignoring(code) sum without (code) (rate(http_requests_total[5m]))',
  },
  {
    name: 'group_left',
    kind: 'vector-matching',
    doc: 'Allows many-to-one matching: several series on the left may match one series on the right, and the result keeps the left-hand labels. Labels listed in its parentheses are copied from the right side — the usual way to join in labels from an info metric. Only valid after `on` or `ignoring`.',
    example: 'sum by (namespace, pod) (rate(container_cpu_usage_seconds_total[5m])) * on(namespace, pod) group_left(node) kube_pod_info',
  },
  {
    name: 'group_right',
    kind: 'vector-matching',
    doc: 'The mirror of `group_left`: one series on the left may match many on the right, and the result keeps the right-hand labels. Labels listed in its parentheses are copied from the left side. Only valid after `on` or `ignoring`.',
    example: 'kube_pod_info * on(namespace, pod) group_right(node) kube_pod_container_status_restarts_total',
  },
  {
    name: 'fill',
    kind: 'fill',
    experimental: true,
    featureFlag: FILL_FLAG,
    doc: 'Experimental (needs `--enable-feature=promql-binop-fill-modifiers`). In a binary operation between vectors, a series that has no partner on the other side is matched against the given number instead of being dropped. It cannot create a series missing on both sides, is not allowed with `and`/`or`/`unless`, and must come after any `bool`, `on`/`ignoring` and `group_*` modifiers.',
    example: 'sum by (job) (rate(http_requests_total[5m])) + fill(0) sum by (job) (rate(http_requests_failed_total[5m]))',
  },
  {
    name: 'fill_left',
    kind: 'fill',
    experimental: true,
    featureFlag: FILL_FLAG,
    doc: 'Experimental (needs `--enable-feature=promql-binop-fill-modifiers`). Like `fill`, but only supplies the given number for series missing on the left-hand side. May be combined with `fill_right`.',
    example:
      'sum by (method) (rate(http_requests_failed_total[5m])) / ignoring(code) fill_left(0) sum by (method) (rate(http_requests_total[5m]))',
  },
  {
    name: 'fill_right',
    kind: 'fill',
    experimental: true,
    featureFlag: FILL_FLAG,
    doc: 'Experimental (needs `--enable-feature=promql-binop-fill-modifiers`). Like `fill`, but only supplies the given number for series missing on the right-hand side. Labels copied by `group_left(...)` are not invented for filled series.',
    example: 'node_memory_MemTotal_bytes - on(instance) fill_right(0) node_memory_MemAvailable_bytes',
  },
  {
    name: 'bool',
    kind: 'comparison',
    doc: 'Turns a comparison from a filter into a test: instead of dropping series where the comparison is false, it returns 0 or 1 for every matched series. Required when comparing two scalars.',
    example: 'sum(up{job="kubelet"} == bool 0)',
  },
  {
    name: 'offset',
    kind: 'modifier',
    doc: 'Shifts the time a selector or subquery is evaluated at into the past (or the future with a negative duration), relative to each evaluation step. Must follow the selector directly; a computed duration needs parentheses, e.g. `offset (1h / 2)`.',
    example: 'rate(http_requests_total[5m]) / rate(http_requests_total[5m] offset 1w)',
  },
  {
    name: '@',
    kind: 'modifier',
    doc: 'Pins a selector or subquery to a fixed evaluation time: a Unix timestamp in seconds, or `start()`/`end()` of the query range. The value is then the same at every step of a range query. Can be combined with `offset`.',
    example: 'topk(5, rate(http_requests_total[1h] @ end()))',
  },
  {
    name: 'start',
    kind: 'at-preprocessor',
    doc: 'After `@`, stands for the start time of the range query (the evaluation time for an instant query). Needs no feature flag in this position.',
    example: 'http_requests_total @ start()',
  },
  {
    name: 'end',
    kind: 'at-preprocessor',
    doc: 'After `@`, stands for the end time of the range query (the evaluation time for an instant query). Pairs well with `[range()]` to look back over the whole graph.',
    example: 'max_over_time(kube_deployment_status_replicas_unavailable[range()] @ end())',
  },
  {
    name: 'anchored',
    kind: 'range-modifier',
    experimental: true,
    featureFlag: RANGE_FLAG,
    doc: 'Experimental (needs `--enable-feature=promql-extended-range-selectors`). Written after a range, it makes `rate`, `increase`, `delta`, `changes` and `resets` start from the newest sample at or before the range start (within the lookback window) and end at the last sample inside the range, with no extrapolation, so `increase` returns whole numbers. Not for native histograms or subqueries.',
    example: 'increase(kube_pod_container_status_restarts_total[1h] anchored)',
  },
  {
    name: 'smoothed',
    kind: 'range-modifier',
    experimental: true,
    featureFlag: RANGE_FLAG,
    doc: 'Experimental (needs `--enable-feature=promql-extended-range-selectors`). Estimates the values at both ends of the range by interpolating between the samples around each boundary (works with `rate`, `increase`, `delta`); on an instant selector it interpolates at the evaluation time. It needs a sample after the range, so rules using it should set a `query_offset`.',
    example: 'rate(http_requests_total{job="api"}[5m] smoothed)',
  },
  {
    name: 'and',
    kind: 'set-operator',
    doc: 'Intersection: keeps the left-hand series that have a matching series (by all labels, or by `on`/`ignoring`) on the right. Values and labels come from the left side only.',
    example: 'rate(http_requests_total{code=~"5.."}[5m]) > 1 and rate(http_requests_total[5m]) > 10',
  },
  {
    name: 'or',
    kind: 'set-operator',
    doc: 'Union: all left-hand series, plus the right-hand series that have no match on the left. Often used to supply a default, e.g. `or vector(0)`.',
    example: 'sum(rate(http_requests_total{code=~"5.."}[5m])) or vector(0)',
  },
  {
    name: 'unless',
    kind: 'set-operator',
    doc: 'Complement: keeps the left-hand series that have no matching series on the right. Handy to silence an alert while another condition holds.',
    example: 'up{job="node-exporter"} == 0 unless on(instance) node_maintenance_mode == 1',
  },
  {
    name: 'atan2',
    kind: 'binary-operator',
    doc: 'Four-quadrant arctangent of the left operand divided by the right, in radians, applied to each matched pair of samples. Takes the same vector-matching modifiers as arithmetic operators.',
    example: 'sensor_y_position atan2 sensor_x_position',
  },
  {
    name: '+',
    kind: 'binary-operator',
    doc: 'Addition. Between vectors it matches series with identical labels (or per `on`/`ignoring`) and drops the metric name; with a scalar it applies to every sample. Native histograms can be added to each other.',
    example: 'node_memory_Buffers_bytes + node_memory_Cached_bytes',
  },
  {
    name: '-',
    kind: 'binary-operator',
    doc: 'Subtraction, with the same matching rules as `+`; also the unary minus. Native histograms can be subtracted from each other.',
    example: 'node_memory_MemTotal_bytes - node_memory_MemAvailable_bytes',
  },
  {
    name: '*',
    kind: 'binary-operator',
    doc: 'Multiplication. Multiplying by an info-style metric whose value is 1 is the common way to join labels with `group_left`.',
    example: 'rate(node_cpu_seconds_total{mode!="idle"}[5m]) * 100',
  },
  {
    name: '/',
    kind: 'binary-operator',
    doc: 'Division. Dividing by zero gives +Inf, -Inf or NaN rather than an error, so guard ratios when the denominator can be 0.',
    example: 'sum(rate(http_requests_total{code=~"5.."}[5m])) / sum(rate(http_requests_total[5m]))',
  },
  {
    name: '%',
    kind: 'binary-operator',
    doc: 'Modulo: the remainder of dividing the left value by the right one (floating point, sign of the left operand).',
    example: 'time() % 86400',
  },
  {
    name: '^',
    kind: 'binary-operator',
    doc: 'Exponentiation, the operator with the highest precedence; it is right-associative, so `2 ^ 3 ^ 2` is `2 ^ 9`.',
    example: 'node_filesystem_size_bytes / 2 ^ 30',
  },
  {
    name: '==',
    kind: 'binary-operator',
    doc: 'Equality comparison. Without `bool` it filters, keeping only the left-hand series whose value equals the right; with `bool` it returns 1 or 0.',
    example: 'up{job="apiserver"} == 0',
  },
  {
    name: '!=',
    kind: 'binary-operator',
    doc: 'Inequality comparison. Without `bool` it keeps the series whose value differs from the right-hand side; with `bool` it returns 1 or 0.',
    example: 'kube_deployment_spec_replicas != kube_deployment_status_replicas_available',
  },
  {
    name: '>',
    kind: 'binary-operator',
    doc: 'Greater-than comparison. Without `bool` it keeps the series whose value is greater — the usual shape of an alert threshold; with `bool` it returns 1 or 0.',
    example: 'rate(kube_pod_container_status_restarts_total[15m]) * 60 * 5 > 0',
  },
  {
    name: '<',
    kind: 'binary-operator',
    doc: 'Less-than comparison. Without `bool` it keeps the series whose value is smaller; with `bool` it returns 1 or 0.',
    example: 'node_filesystem_avail_bytes / node_filesystem_size_bytes < 0.1',
  },
  {
    name: '>=',
    kind: 'binary-operator',
    doc: 'Greater-or-equal comparison. Without `bool` it filters; with `bool` it returns 1 or 0.',
    example: 'kube_node_status_condition{condition="Ready",status="true"} >= 1',
  },
  {
    name: '<=',
    kind: 'binary-operator',
    doc: 'Less-or-equal comparison. Without `bool` it filters; with `bool` it returns 1 or 0.',
    example: 'kube_deployment_status_replicas_available <= 0',
  },
];

export const keywordsByName: ReadonlyMap<string, KeywordSpec> = new Map(keywords.map((k) => [k.name, k]));
