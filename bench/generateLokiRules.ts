/**
 * A large Loki rule file for benchmarks: error rates from line filters, json + line_format,
 * logfmt label filters, unwrapped duration quantiles and byte rates, across every YAML scalar
 * style, varied per app so no two expressions are identical.
 */

const apps = ['payments', 'checkout', 'cart', 'search', 'auth', 'catalog', 'shipping', 'billing', 'email', 'ads', 'reviews', 'gateway'];

function group(app: string, index: number): string[] {
  const namespace = `${app}-${index % 5}`;
  const sel = `namespace="${namespace}", app="${app}-${index}"`;
  return [
    `  - name: ${app}-${index}.logs`,
    '    interval: 1m',
    '    rules:',
    `      - record: ${app}_${index}:log_errors:rate5m`,
    `        expr: sum by (app) (rate({${sel}} |= "error" [5m]))`,
    `      - alert: ${app}${index}ErrorLogsHigh`,
    `        expr: sum by (app) (rate({${sel}} |= "error" != "timeout" [5m])) > 10`,
    '        for: 5m',
    '        labels:',
    '          severity: warning',
    '        annotations:',
    `          summary: "{{ $labels.app }} logs {{ $value }} errors per second"`,
    `      - alert: ${app}${index}SlowRequests`,
    '        expr: |',
    `          quantile_over_time(0.99, {${sel}} | json | unwrap duration(latency) | __error__="" [5m]) by (route)`,
    '            > 2',
    '        labels:',
    '          severity: critical',
    `      - record: ${app}_${index}:status_5xx:count1m`,
    '        expr: >-',
    `          sum by (status) (count_over_time({${sel}} | logfmt | status >= 500`,
    `            | line_format "{{.method}} {{.path}} {{.status}}" [1m]))`,
    `      - record: ${app}_${index}:log_bytes:rate5m`,
    `        expr: 'sum by (namespace) (bytes_rate({namespace="${namespace}"} |~ "(?i)panic|fatal" [5m]))'`,
    `      - alert: ${app}${index}NoLogs`,
    `        expr: "absent_over_time({${sel.replace(/"/g, '\\"')}}[15m])"`,
    '        for: 15m',
  ];
}

/** About `lines` lines of `groups:` (whole groups, so slightly more). */
export function generateLokiRuleFile(lines: number): string {
  const out = ['groups:'];
  for (let i = 0; out.length < lines; i++) out.push(...group(apps[i % apps.length], i));
  return out.join('\n') + '\n';
}
