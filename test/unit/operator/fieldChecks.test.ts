import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAllDocuments, type Document } from 'yaml';
import { extractObjects } from '../../../server/src/service/operator/extract';
import { didYouMean } from '../../../server/src/service/operator/fields';
import { y } from './helpers';

const endpoint = (fields: string) => y`
  apiVersion: monitoring.coreos.com/v1
  kind: ServiceMonitor
  metadata: {name: m}
  spec:
    selector: {}
    endpoints:
    - {port: web, ${fields}}
  `;

function local(text: string): string[] {
  return extractObjects('u', text).problems.map((p) => `${p.code} ${p.severity} '${text.slice(p.from, p.to)}'`);
}

test('durations, timeout ≤ interval and path', () => {
  const cases: [string, string[]][] = [
    ['interval: 30s, scrapeTimeout: 10s, path: /metrics', []],
    ['interval: 1m30s', []],
    ['interval: 30 seconds', ["operator/invalid-duration error '30 seconds'"]],
    ['interval: 1m, scrapeTimeout: 5x', ["operator/invalid-duration error '5x'"]],
    ['interval: 15s, scrapeTimeout: 30s', ["operator/timeout-exceeds-interval error '30s'"]],
    ['interval: 1m, scrapeTimeout: 1m', []],
    ['scrapeTimeout: 30s', []],
    ['path: metrics', ["operator/invalid-path error 'metrics'"]],
  ];
  for (const [fields, expected] of cases) assert.deepEqual(local(endpoint(fields)), expected, fields);
});

test('unknown spec fields get a warning with a did-you-mean', () => {
  const text = y`
    apiVersion: monitoring.coreos.com/v1
    kind: ServiceMonitor
    metadata: {name: m}
    spec:
      selector: {}
      namespaceSelectors: {any: true}
      endpoint:
      - port: web
      jobLabel: app
      frobnicate: 1
    `;
  const problems = extractObjects('u', text).problems;
  assert.deepEqual(
    problems.map((p) => p.message),
    [
      "Unknown field 'namespaceSelectors' in ServiceMonitor.spec; did you mean 'namespaceSelector'?",
      "Unknown field 'endpoint' in ServiceMonitor.spec; did you mean 'endpoints'?",
      "Unknown field 'frobnicate' in ServiceMonitor.spec.",
    ],
  );
  assert.equal(problems[0].fixes?.[0].title, "Change to 'namespaceSelector'");
});

test('a YAML merge key is no unknown field, whichever way the file was parsed', () => {
  const text =
    'defaults: &defaults\n  interval: 30s\n  path: /metrics\n---\nkind: ServiceMonitor\nspec:\n  selector: {}\n  endpoints:\n  - port: web\n    <<: {scheme: https}\n';
  assert.deepEqual(local(text), []);
  // The language service hands over its own parse (merge keys on, duplicate keys reported).
  const reused = parseAllDocuments(text, { keepSourceTokens: true, merge: true, prettyErrors: false });
  assert.deepEqual(extractObjects('u', text, [...reused] as Document.Parsed[]).problems, []);
});

test('a parse handed over with duplicate keys indexes like its own (no Helm notice for an alert template)', () => {
  const text = y`
    apiVersion: monitoring.coreos.com/v1
    kind: PrometheusRule
    metadata:
      name: rules
      labels: {release: prometheus}
    spec:
      groups:
      - name: g
        rules:
        - alert: Down
          expr: up == 0
          annotations:
            summary: "{{ $labels.instance }} is down"
            summary: "{{ $labels.instance }} is down"
    `;
  const own = extractObjects('u', text);
  const reused = extractObjects('u', text, [...parseAllDocuments(text, { keepSourceTokens: true, merge: true })] as Document.Parsed[]);
  assert.equal(own.objects.length, 1);
  assert.deepEqual(
    reused.objects.map((o) => [o.kind, o.name, o.labels]),
    own.objects.map((o) => [o.kind, o.name, o.labels]),
  );
  assert.deepEqual(reused.problems, own.problems);
});

test('each kind has its own field list', () => {
  const podMonitor =
    'kind: PodMonitor\nspec:\n  selector: {}\n  podMetricsEndpoints:\n  - {port: web, portNumber: 8080, bearerTokenFile: /x}\n';
  assert.deepEqual(local(podMonitor), ["operator/unknown-field warning 'bearerTokenFile'"]);
  const prometheus =
    'kind: Prometheus\nspec:\n  serviceMonitorSelector: {}\n  scrapeInterval: 30s\n  scrapeTimeout: 1m\n  evaluationInteval: 1m\n';
  assert.deepEqual(local(prometheus), [
    "operator/unknown-field warning 'evaluationInteval'",
    "operator/timeout-exceeds-interval error '1m'",
  ]);
  const rule =
    'kind: PrometheusRule\nspec:\n  groups:\n  - name: g\n    interval: 1m\n    rules: []\n    partial_response_strategy: warn\n';
  assert.deepEqual(local(rule), []);
  const probe = 'kind: Probe\nspec:\n  prober: {url: blackbox:9115, path: probe}\n  interval: 30s\n';
  assert.deepEqual(local(probe), ["operator/invalid-path error 'probe'"]);
});

test('didYouMean: close names only', () => {
  const cases: [string, string | undefined][] = [
    ['endpoint', 'endpoints'],
    ['Selector', 'selector'],
    ['jobLable', 'jobLabel'],
    ['xyz', undefined],
    ['completelyDifferent', undefined],
  ];
  for (const [name, expected] of cases) {
    assert.equal(didYouMean(name, ['endpoints', 'selector', 'jobLabel', 'namespaceSelector']), expected, name);
  }
});
