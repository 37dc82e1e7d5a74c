import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractObjects } from '../../../server/src/service/operator/extract';
import { y } from './helpers';

const kinds = (text: string, uri = 'file:///w/x.yaml') => extractObjects(uri, text).objects.map((o) => `${o.kind}:${o.name ?? ''}`);

test('every document of a multi-document file is indexed', () => {
  const text = y`
    apiVersion: v1
    kind: Service
    metadata: {name: a}
    ---
    # comment only
    ---
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: b}
    ---
    apiVersion: v1
    kind: ConfigMap
    metadata: {name: ignored}
    `;
  assert.deepEqual(kinds(text), ['Service:a', 'Deployment:b']);
  assert.deepEqual(
    extractObjects('u', text).objects.map((o) => o.documentIndex),
    [0, 2],
  );
});

test('List kinds contribute their items', () => {
  const text = y`
    apiVersion: v1
    kind: List
    items:
    - {apiVersion: v1, kind: Service, metadata: {name: a}}
    - apiVersion: monitoring.coreos.com/v1
      kind: ServiceMonitor
      metadata: {name: b}
      spec: {selector: {}}
    `;
  assert.deepEqual(kinds(text), ['Service:a', 'ServiceMonitor:b']);
  assert.deepEqual(kinds(text.replace('kind: List', 'kind: ServiceList')), ['Service:a', 'ServiceMonitor:b']);
});

test('spans point at the written nodes', () => {
  const text = 'kind: Service\nmetadata:\n  name: web\n  labels:\n    app: "web"\nspec:\n  ports:\n  - name: metrics\n    port: 9090\n';
  const [service] = extractObjects('u', text).objects;
  assert.equal(service.kind, 'Service');
  if (service.kind !== 'Service') return;
  const slice = (span: { from: number; to: number } | undefined) => (span ? text.slice(span.from, span.to) : undefined);
  assert.equal(slice(service.kindSpan), 'Service');
  assert.equal(slice(service.nameSpan), 'web');
  assert.equal(slice(service.labels.entries[0].keySpan), 'app');
  assert.equal(slice(service.labels.entries[0].valueSpan), '"web"');
  assert.equal(slice(service.ports[0].nameSpan), 'metrics');
  assert.deepEqual(
    service.ports.map((p) => [p.name, p.port, p.targetPort]),
    [['metrics', 9090, undefined]],
  );
});

test('Helm templates are skipped with one information diagnostic', () => {
  const helm = y`
    apiVersion: monitoring.coreos.com/v1
    kind: ServiceMonitor
    metadata:
      name: {{ include "chart.fullname" . }}
      labels:
        {{- include "chart.labels" . | nindent 4 }}
    spec: {}
    `;
  const result = extractObjects('u', helm);
  assert.deepEqual(result.objects, []);
  assert.deepEqual(
    result.problems.map((p) => [p.code, p.severity, helm.slice(p.from, p.to)]),
    [['operator/helm-template-skipped', 'information', '{{ include "chart.fullname" . }}']],
  );
});

test('template actions that break the YAML are treated as Helm too', () => {
  const text = 'kind: Service\nmetadata:\n  name: web\n  labels:\n    {{ $extra }}\n    app: web\n';
  const result = extractObjects('u', text);
  assert.deepEqual(result.objects, []);
  assert.deepEqual(
    result.problems.map((p) => text.slice(p.from, p.to)),
    ['{{ $extra }}'],
  );
  // A half-typed line elsewhere in a rule file with alert templates is not Helm.
  const typing =
    'kind: PrometheusRule\nmetadata:\n  name: r\n  labels: {a: b\nspec:\n  groups:\n  - name: g\n    rules:\n    - alert: A\n      expr: up == 0\n      annotations: {summary: "{{ $labels.job }}"}\n';
  assert.deepEqual(extractObjects('u', typing).problems, []);
  assert.deepEqual(
    extractObjects('u', typing).objects.map((o) => o.kind),
    ['PrometheusRule'],
  );
});

test('alert templates in PrometheusRule annotations are not Helm', () => {
  const rule = y`
    apiVersion: monitoring.coreos.com/v1
    kind: PrometheusRule
    metadata: {name: r}
    spec:
      groups:
      - name: g
        rules:
        - alert: Down
          expr: up == 0
          annotations:
            summary: '{{ $labels.instance }} is down ({{ if $value }}yes{{ end }})'
            description: |
              {{- range $i, $v := $labels }}{{ $i }}={{ $v }} {{ end }}
    `;
  const result = extractObjects('u', rule);
  assert.deepEqual(result.problems, []);
  assert.deepEqual(
    result.objects.map((o) => o.kind),
    ['PrometheusRule'],
  );
});

test('kustomization namespaces; non-Kubernetes YAML yields nothing; broken YAML what it can', () => {
  const [kustomization] = extractObjects('file:///w/app/kustomization.yaml', 'namespace: api\nresources: [a.yaml]\n').objects;
  assert.equal(kustomization.kind === 'Kustomization' && kustomization.setsNamespace, 'api');
  assert.deepEqual(kinds('on: push\njobs: {build: {runs-on: ubuntu-latest}}\n'), []);
  // Half-typed YAML still yields what can be read, so the index stays useful while editing.
  assert.deepEqual(kinds('kind: Service\nmetadata: {name: a, labels: [broken'), ['Service:a']);
});

test('the Prometheus CR: a missing or null selector selects nothing, {} is kept', () => {
  const text = y`
    kind: Prometheus
    metadata: {name: k8s}
    spec:
      serviceMonitorSelector: {}
      podMonitorSelector:
      ruleSelector: {matchLabels: {role: alert-rules}}
    `;
  const [prometheus] = extractObjects('u', text).objects;
  assert.ok(prometheus.kind === 'Prometheus' && 'selectors' in prometheus);
  assert.deepEqual(Object.keys(prometheus.selectors).sort(), ['rule', 'serviceMonitor']);
});
