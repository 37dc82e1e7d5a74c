import type { ExprFeatureDeps, MetricInfo, RecordingRuleInfo } from '../../../server/src/service/types';
import { metricLookup } from '../../../server/src/service/catalog/metrics';

/** Splits `rate(foo[|` into the text without the `|` and the cursor offset. */
export function cursor(input: string): { text: string; offset: number } {
  const offset = input.indexOf('|');
  if (offset < 0) throw new Error(`no cursor in ${input}`);
  return { text: input.slice(0, offset) + input.slice(offset + 1), offset };
}

export const fakeMetrics: MetricInfo[] = [
  { name: 'http_requests_total', type: 'counter', help: 'HTTP requests served.', labels: ['code', 'method', 'handler'] },
  { name: 'http_request_duration_seconds', type: 'histogram', help: 'Request latency.', unit: 'seconds', labels: ['handler'] },
  { name: 'rpc_duration_seconds', type: 'summary', help: 'RPC latency.', labels: ['service'] },
  { name: 'node_memory_MemAvailable_bytes', type: 'gauge', help: 'Available memory.', unit: 'bytes' },
  { name: 'up', type: 'gauge', help: 'Whether the last scrape worked.' },
  { name: 'my.dotted.metric', type: 'gauge', help: 'A UTF-8 name.', labels: ['my.label'] },
];

export const fakeRules: RecordingRuleInfo[] = [
  {
    name: 'job:http_requests:rate5m',
    expr: 'sum by (job, code) (rate(http_requests_total[5m]))',
    uri: 'file:///work/rules.yaml',
    line: 11,
  },
];

export function fakeDeps(overrides: Partial<ExprFeatureDeps> = {}): ExprFeatureDeps {
  return { metrics: metricLookup(fakeMetrics), recordingRules: fakeRules, experimentalFeaturesEnabled: false, ...overrides };
}
