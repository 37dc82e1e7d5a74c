import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parse } from 'yaml';
import { defaultSettings } from '../../../server/src/service/settings';
import { OperatorIndex, OperatorCode, validateOperatorFile } from '../../../server/src/service/operator';
import { accept, complete, cursorAt, labels } from './helpers';

const service = (name: string, namespace: string, labels: string, ports: string) =>
  `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\n  labels: ${labels}\nspec:\n  ports:\n${ports}`;

const payments = service(
  'payments-api',
  'payments',
  '{app.kubernetes.io/name: payments, tier: "backend"}',
  '    - name: http\n      port: 80\n    - name: http-metrics\n      port: 9090\n',
);
const worker = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: worker
  namespace: jobs
spec:
  template:
    metadata:
      labels: {app: worker}
    spec:
      containers:
        - name: worker
          ports:
            - name: grpc
              containerPort: 9000
            - name: prom-metrics
              containerPort: 9102
`;
const prometheus = `apiVersion: monitoring.coreos.com/v1
kind: Prometheus
metadata:
  name: main
  namespace: payments
spec:
  serviceMonitorSelector:
    matchLabels: {release: main}
  podMonitorSelector:
    matchLabels: {release: main}
  podMonitorNamespaceSelector: {}
`;

function workspace(files: Record<string, string>): OperatorIndex {
  const index = new OperatorIndex('default');
  for (const [path, text] of Object.entries(files)) index.updateFile(`file:///w/${path}`, text);
  return index;
}

/** Accepts the item, indexes the result and returns the file's operator problem codes. */
function insertAndCheck(index: OperatorIndex, path: string, marked: string, label: string): { text: string; codes: string[] } {
  const uri = `file:///w/${path}`;
  const result = complete(marked, { index, uri })!;
  const item = result.items.find((candidate) => candidate.label === label);
  assert.ok(item, `${label} in ${labels(result).join(', ')}`);
  const text = accept(cursorAt(marked).text, result, item);
  index.updateFile(uri, text);
  return { text, codes: validateOperatorFile(uri, index, defaultSettings.operator).map((problem) => problem.code) };
}

describe('monitors for what the workspace holds', () => {
  test('an empty file offers a ServiceMonitor per Service and a PodMonitor per workload', () => {
    const index = workspace({ 'app/service.yaml': payments, 'jobs/worker.yaml': worker });
    assert.deepEqual(labels(complete('‸', { index, uri: 'file:///w/app/monitor.yaml' })), [
      'ServiceMonitor for payments/payments-api',
      'PodMonitor for jobs/worker',
    ]);
  });

  test('the inserted ServiceMonitor matches its Service and port, and the Prometheus selects it', () => {
    const index = workspace({ 'app/service.yaml': payments, 'prom/prometheus.yaml': prometheus });
    const { text, codes } = insertAndCheck(index, 'app/monitor.yaml', '‸', 'ServiceMonitor for payments/payments-api');
    const monitor = parse(text);
    assert.deepEqual(monitor.spec.selector.matchLabels, { 'app.kubernetes.io/name': 'payments', tier: 'backend' });
    assert.equal(monitor.spec.endpoints[0].port, 'http-metrics');
    assert.equal(monitor.metadata.namespace, 'payments');
    assert.deepEqual(monitor.metadata.labels, { release: 'main' });
    assert.ok(!codes.includes(OperatorCode.selectorMatchesNoService), codes.join());
    assert.ok(!codes.includes(OperatorCode.portNotFound), codes.join());
    assert.ok(!codes.includes(OperatorCode.notSelectedByPrometheus), codes.join());
  });

  test('after a --- separator in the Service file itself, with its 4-space indentation', () => {
    const four = payments.replace(/^ {2}(?=\S)/gm, '    ').replace(/^ {4}(?= *- )/gm, '        ');
    const marked = `${four}---\nServ‸\n`;
    const index = workspace({ 'app/all.yaml': cursorAt(marked).text });
    const { text, codes } = insertAndCheck(index, 'app/all.yaml', marked, 'ServiceMonitor for payments/payments-api');
    assert.match(text, /\n---\napiVersion: monitoring\.coreos\.com\/v1\nkind: ServiceMonitor\nmetadata:\n {4}name: payments-api\n/);
    assert.ok(!codes.includes(OperatorCode.selectorMatchesNoService), codes.join());
    assert.ok(!codes.includes(OperatorCode.portNotFound), codes.join());
  });

  test('the first named port when none looks like metrics', () => {
    const plain = service('web', 'default', '{app: web}', '    - port: 80\n    - name: http\n      port: 8080\n');
    const index = workspace({ 'web.yaml': plain });
    const { text, codes } = insertAndCheck(index, 'monitor.yaml', '‸', 'ServiceMonitor for default/web');
    assert.equal(parse(text).spec.endpoints[0].port, 'http');
    assert.ok(!codes.includes(OperatorCode.portNotFound), codes.join());
  });

  test('the inserted PodMonitor matches the workload pods and their metrics port', () => {
    const index = workspace({ 'jobs/worker.yaml': worker });
    const { text, codes } = insertAndCheck(index, 'jobs/podmonitor.yaml', '‸', 'PodMonitor for jobs/worker');
    assert.equal(parse(text).spec.podMetricsEndpoints[0].port, 'prom-metrics');
    assert.ok(!codes.includes(OperatorCode.podMonitorMatchesNoPod), codes.join());
    assert.ok(!codes.includes(OperatorCode.portNotFound), codes.join());
  });

  test('Services of the same folder come first', () => {
    const index = workspace({
      'a/service.yaml': service('alpha', 'default', '{app: alpha}', '    - name: metrics\n      port: 1\n'),
      'z/service.yaml': service('zulu', 'default', '{app: zulu}', '    - name: metrics\n      port: 1\n'),
    });
    assert.deepEqual(labels(complete('‸', { index, uri: 'file:///w/z/monitor.yaml' })), [
      'ServiceMonitor for default/zulu',
      'ServiceMonitor for default/alpha',
    ]);
  });

  test('only at the top of an empty document', () => {
    const index = workspace({ 'app/service.yaml': payments });
    const context = { index, uri: 'file:///w/app/monitor.yaml' };
    assert.deepEqual(labels(complete('kind: Service\n‸', context)), []);
    assert.deepEqual(labels(complete('  ‸', context)), []);
    assert.equal(labels(complete('# monitors\n---\n‸\n---\nkind: Service\n', context)).length, 1);
  });
});

describe('workspace values', () => {
  const monitorFor = (labels: string, cursorLine: string) =>
    `apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata:\n  name: m\n  namespace: payments\nspec:\n  selector:\n    matchLabels: ${labels}\n  endpoints:\n    - ${cursorLine}\n`;

  test('endpoint port names come from the Services the selector matches', () => {
    const marked = monitorFor('{tier: backend}', 'port: ‸');
    const index = workspace({ 'app/service.yaml': payments, 'app/monitor.yaml': cursorAt(marked).text });
    assert.deepEqual(labels(complete(marked, { index, uri: 'file:///w/app/monitor.yaml' })), ['http', 'http-metrics']);
  });

  test('no port names when the selector matches nothing', () => {
    const marked = monitorFor('{tier: frontend}', 'port: ‸');
    const index = workspace({ 'app/service.yaml': payments, 'app/monitor.yaml': cursorAt(marked).text });
    assert.deepEqual(labels(complete(marked, { index, uri: 'file:///w/app/monitor.yaml' })), []);
  });

  test('PodMonitor ports come from the matched pod templates', () => {
    const marked =
      'apiVersion: monitoring.coreos.com/v1\nkind: PodMonitor\nmetadata:\n  namespace: jobs\nspec:\n  selector:\n    matchLabels: {app: worker}\n  podMetricsEndpoints:\n    - port: "pr‸"\n';
    const index = workspace({ 'jobs/worker.yaml': worker, 'jobs/monitor.yaml': cursorAt(marked).text });
    const result = complete(marked, { index, uri: 'file:///w/jobs/monitor.yaml' })!;
    assert.deepEqual(labels(result), ['grpc', 'prom-metrics']);
    assert.equal(accept(cursorAt(marked).text, result, result.items[1]), marked.replace('"pr‸"', '"prom-metrics"'));
  });

  test('Services that a monitor already covers come after the others', () => {
    const covered = service('covered', 'default', '{app: covered}', '    - name: metrics\n      port: 1\n');
    const open = service('open', 'default', '{app: open}', '    - name: metrics\n      port: 1\n');
    const existing =
      'apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata:\n  name: covered\nspec:\n  selector:\n    matchLabels: {app: covered}\n  endpoints:\n    - port: metrics\n';
    const index = workspace({ 'covered.yaml': covered, 'open.yaml': open, 'existing.yaml': existing });
    assert.deepEqual(labels(complete('‸', { index, uri: 'file:///w/new.yaml' })), [
      'ServiceMonitor for default/open',
      'ServiceMonitor for default/covered',
    ]);
  });
});
