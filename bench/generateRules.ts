/**
 * A large, realistic rule file for benchmarks: recording and alerting rules in the shapes
 * SRE teams write (error ratios, latency quantiles, saturation, kube-state-metrics joins),
 * with every YAML scalar style, varied per service so no two expressions are identical.
 */

const services = ['payments', 'checkout', 'cart', 'search', 'auth', 'catalog', 'shipping', 'billing', 'email', 'ads', 'reviews', 'gateway'];

function recordingGroup(service: string, index: number): string[] {
  const job = `${service}-${index}`;
  return [
    `  - name: ${job}.recording`,
    `    interval: 30s`,
    `    rules:`,
    `      - record: ${service}_${index}:http_requests:rate5m`,
    `        expr: sum by (job, namespace) (rate(http_requests_total{job="${job}"}[5m]))`,
    `        labels:`,
    `          team: ${service}`,
    `      - record: ${service}_${index}:http_requests_errors:ratio_rate5m`,
    `        expr: |`,
    `          sum by (job) (rate(http_requests_total{job="${job}", code=~"5.."}[5m]))`,
    `            /`,
    `          sum by (job) (rate(http_requests_total{job="${job}"}[5m]))`,
    `      - record: ${service}_${index}:http_request_duration_seconds:p99`,
    `        expr: >-`,
    `          histogram_quantile(0.99, sum by (job, le) (`,
    `            rate(http_request_duration_seconds_bucket{job="${job}"}[5m])))`,
    `      - record: ${service}_${index}:container_cpu_usage:sum_rate`,
    `        expr: 'sum by (namespace, pod) (rate(container_cpu_usage_seconds_total{namespace="${service}", container!=""}[5m]))'`,
  ];
}

function alertGroup(service: string, index: number): string[] {
  const job = `${service}-${index}`;
  return [
    `  - name: ${job}.alerts`,
    `    rules:`,
    `      - alert: ${capitalize(service)}${index}HighErrorRate`,
    `        expr: ${service}_${index}:http_requests_errors:ratio_rate5m{job="${job}"} > 0.05`,
    `        for: 10m`,
    `        labels:`,
    `          severity: critical`,
    `        annotations:`,
    `          summary: "{{ $labels.job }} fails {{ $value | humanizePercentage }} of requests"`,
    `          runbook_url: https://runbooks.example.com/${service}/high-error-rate`,
    `      - alert: ${capitalize(service)}${index}PodCrashLooping`,
    `        expr: "max_over_time(kube_pod_container_status_waiting_reason{namespace=\\"${service}\\", reason=\\"CrashLoopBackOff\\"}[5m]) >= 1"`,
    `        for: 15m`,
    `        labels:`,
    `          severity: warning`,
    `      - alert: ${capitalize(service)}${index}MemoryNearLimit`,
    `        expr: |-`,
    `          sum by (namespace, pod, container) (container_memory_working_set_bytes{namespace="${service}", container!=""})`,
    `            / on (namespace, pod, container) group_left`,
    `          max by (namespace, pod, container) (kube_pod_container_resource_limits{namespace="${service}", resource="memory"})`,
    `            > 0.9`,
    `        for: 30m`,
    `        labels:`,
    `          severity: warning`,
    `        annotations:`,
    `          description: Container {{ $labels.container }} of {{ $labels.namespace }}/{{ $labels.pod }} is at {{ $value | humanizePercentage }} of its memory limit.`,
  ];
}

function capitalize(word: string): string {
  return word[0].toUpperCase() + word.slice(1);
}

/** A rule file of at least `minLines` lines. */
export function generateRuleFile(minLines: number): string {
  const lines = ['groups:'];
  for (let index = 0; lines.length < minLines; index++) {
    const service = services[index % services.length];
    lines.push(...recordingGroup(service, index), ...alertGroup(service, index));
  }
  return lines.join('\n') + '\n';
}
