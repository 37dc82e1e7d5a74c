import type { DiagnosticRule } from '../diagnosticRule';

/**
 * Checks that need a live Prometheus server. They are reported only while the server answers,
 * and only from what is already cached: they never make typing wait.
 */
export const liveRules: DiagnosticRule[] = [
  {
    code: 'live/no-series',
    severity: 'warning',
    title: 'The metric has no series on the connected Prometheus, and no recording rule in the workspace produces it.',
    example: 'http_request_totl',
  },
  {
    code: 'live/rate-on-non-counter',
    severity: 'warning',
    title: '`rate`, `irate` or `increase` is applied to a metric whose metadata says it is not a counter.',
    example: 'rate(node_memory_MemFree_bytes[5m])',
  },
  {
    code: 'live/histogram-quantile-without-le',
    severity: 'warning',
    title: '`histogram_quantile` gets series without the `le` label: the metric has no buckets, or an aggregation dropped `le`.',
    example: 'histogram_quantile(0.9, sum by (job) (rate(http_request_duration_seconds_bucket[5m])))',
  },
  {
    code: 'live/unknown-label',
    severity: 'warning',
    title: "A matcher needs a label that none of the metric's series carries, so the selector matches nothing.",
    example: 'http_requests_total{stauts="500"}',
  },
];
