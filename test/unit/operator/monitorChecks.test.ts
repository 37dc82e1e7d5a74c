import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, codes, deploymentYaml, serviceYaml, summary, workspace, y } from './helpers';

const monitor = (selector: string, extra = '', metadata = '') => y`
  apiVersion: monitoring.coreos.com/v1
  kind: ServiceMonitor
  metadata:
    name: payments
    namespace: api${metadata}
  spec:
    selector:
      ${selector}
    endpoints:
    - port: metrics${extra}
  `;

const noiseFree = (problems: ReturnType<typeof check>) => problems.filter((problem) => !problem.code.includes('not-selected'));

test('selector matching a Service in its namespace: no problem', () => {
  const index = workspace({
    'sm.yaml': monitor('matchLabels: {app: payments}'),
    'svc.yaml': serviceYaml('payments', { app: 'payments' }, { namespace: 'api' }),
  });
  assert.deepEqual(check(index, 'sm.yaml'), []);
});

test('selector matching nothing while the namespace has Services: warning naming the nearest and the label', () => {
  const index = workspace({
    'sm.yaml': monitor('matchLabels: {app: payments}'),
    'svc.yaml': serviceYaml('payments-api', { app: 'payments-api' }, { namespace: 'api' }),
  });
  const problems = check(index, 'sm.yaml');
  assert.deepEqual(summary(index, 'sm.yaml', problems), ["operator/selector-matches-no-service warning 'selector'"]);
  assert.match(problems[0].message, /Service api\/payments-api has app=payments-api, selector wants app=payments/);
  assert.equal(problems[0].related[0].uri, 'file:///w/svc.yaml');
});

test('matchExpressions operators decide the match', () => {
  const cases: [string, boolean][] = [
    ['matchExpressions: [{key: app, operator: In, values: [payments, web]}]', true],
    ['matchExpressions: [{key: app, operator: In, values: [web]}]', false],
    ['matchExpressions: [{key: app, operator: NotIn, values: [web]}]', true],
    ['matchExpressions: [{key: app, operator: NotIn, values: [payments]}]', false],
    ['matchExpressions: [{key: tier, operator: Exists}]', true],
    ['matchExpressions: [{key: canary, operator: Exists}]', false],
    ['matchExpressions: [{key: canary, operator: DoesNotExist}]', true],
    ['matchExpressions: [{key: tier, operator: DoesNotExist}]', false],
    ['matchExpressions: [{key: app, operator: Equals, values: [payments]}]', false],
  ];
  for (const [selector, matches] of cases) {
    const index = workspace({
      'sm.yaml': monitor(selector),
      'svc.yaml': serviceYaml('payments', { app: 'payments', tier: 'backend' }, { namespace: 'api' }),
    });
    assert.equal(codes(check(index, 'sm.yaml'), 'operator/selector-matches-no-service').length, matches ? 0 : 1, selector);
  }
});

test('a matching Service in a namespace the monitor does not watch: namespace-excluded', () => {
  const index = workspace({
    'sm.yaml': monitor('matchLabels: {app: payments}'),
    'svc.yaml': serviceYaml('payments', { app: 'payments' }, { namespace: 'shop' }),
  });
  const problems = check(index, 'sm.yaml');
  assert.deepEqual(summary(index, 'sm.yaml', problems), ["operator/namespace-excluded warning 'selector'"]);
  assert.match(problems[0].message, /shop\/payments/);
  assert.equal(problems[0].fixes?.[0].title, 'Watch namespace shop (namespaceSelector.matchNames)');
});

test('namespaceSelector matchNames and any: true widen the watched namespaces', () => {
  const service = serviceYaml('payments', { app: 'payments' }, { namespace: 'shop' });
  for (const namespaceSelector of ['namespaceSelector: {matchNames: [shop]}', 'namespaceSelector: {any: true}']) {
    const text = monitor('matchLabels: {app: payments}').replace('  endpoints:', `  ${namespaceSelector}\n  endpoints:`);
    const index = workspace({ 'sm.yaml': text, 'svc.yaml': service });
    assert.deepEqual(check(index, 'sm.yaml'), [], namespaceSelector);
  }
  const onlyOther = monitor('matchLabels: {app: payments}').replace(
    '  endpoints:',
    '  namespaceSelector: {matchNames: [web]}\n  endpoints:',
  );
  const index = workspace({ 'sm.yaml': onlyOther, 'svc.yaml': service });
  assert.deepEqual(summary(index, 'sm.yaml', check(index, 'sm.yaml')), ["operator/namespace-excluded warning 'namespaceSelector'"]);
});

test('a namespace with no Services in the workspace gives information, not a warning', () => {
  const index = workspace({
    'sm.yaml': monitor('matchLabels: {app: payments}'),
    'svc.yaml': serviceYaml('other', { app: 'other' }, { namespace: 'elsewhere' }),
  });
  const problems = check(index, 'sm.yaml');
  assert.deepEqual(summary(index, 'sm.yaml', problems), ["operator/selector-matches-no-service information 'selector'"]);
  assert.match(problems[0].message, /created by the cluster|another repository/);
});

test('a selector that fits a cluster-created Service is information even beside other Services', () => {
  const text = y`
    apiVersion: monitoring.coreos.com/v1
    kind: ServiceMonitor
    metadata: {name: kubelet, namespace: monitoring}
    spec:
      namespaceSelector: {matchNames: [kube-system]}
      selector:
        matchLabels: {app.kubernetes.io/name: kubelet}
      endpoints:
      - port: https-metrics
    `;
  const index = workspace({ 'sm.yaml': text, 'svc.yaml': serviceYaml('dns-extra', { app: 'x' }, { namespace: 'kube-system' }) });
  const problems = check(index, 'sm.yaml');
  assert.deepEqual(
    problems.map((p) => p.severity),
    ['information'],
  );
  assert.match(problems[0].message, /kubelet/);
});

test('namespace from the kustomization in the same folder, else the default setting', () => {
  const files = {
    'app/kustomization.yaml': 'namespace: api\nresources: [sm.yaml, svc.yaml]\n',
    'app/sm.yaml': monitor('matchLabels: {app: payments}').replace('  namespace: api\n', ''),
    'app/svc.yaml': serviceYaml('payments', { app: 'payments' }),
    'other/svc.yaml': serviceYaml('payments', { app: 'payments' }),
  };
  const index = workspace(files);
  assert.deepEqual(check(index, 'app/sm.yaml'), []);
  assert.equal(index.file('file:///w/app/svc.yaml')?.objects[0].namespace, 'api');
  assert.equal(index.file('file:///w/other/svc.yaml')?.objects[0].namespace, 'default');
  const withDefault = workspace(files, 'team');
  assert.equal(withDefault.file('file:///w/other/svc.yaml')?.objects[0].namespace, 'team');
});

test('endpoint port not on any matched Service: warning with the port names and fixes', () => {
  const index = workspace({
    'sm.yaml': monitor('matchLabels: {app: payments}').replace('port: metrics', 'port: metric'),
    'svc.yaml': serviceYaml('payments', { app: 'payments' }, { namespace: 'api', ports: ['http:80', 'metrics:9090'] }),
  });
  const problems = check(index, 'sm.yaml');
  assert.deepEqual(summary(index, 'sm.yaml', problems), ["operator/port-not-found warning 'metric'"]);
  assert.match(problems[0].message, /ports http, metrics/);
  assert.deepEqual(
    problems[0].fixes?.map((fix) => fix.title),
    ["Change port to 'metrics'", "Change port to 'http'"],
  );
});

test('targetPort backing: checked only when the workload is in the workspace', () => {
  const base = {
    'sm.yaml': monitor('matchLabels: {app: payments}'),
    'svc.yaml': serviceYaml('payments', { app: 'payments' }, { namespace: 'api', ports: ['metrics:80:9000'] }),
  };
  assert.deepEqual(check(workspace(base), 'sm.yaml'), []);
  const wrong = workspace({ ...base, 'deploy.yaml': deploymentYaml('payments', { app: 'payments' }, ['http:8080'], 'api') });
  assert.deepEqual(summary(wrong, 'sm.yaml', check(wrong, 'sm.yaml')), ["operator/target-port-not-backed warning 'metrics'"]);
  const right = workspace({ ...base, 'deploy.yaml': deploymentYaml('payments', { app: 'payments' }, ['metrics:9000'], 'api') });
  assert.deepEqual(check(right, 'sm.yaml'), []);
});

test('endpoint targetPort checked against the backing containers', () => {
  const files = {
    'sm.yaml': monitor('matchLabels: {app: payments}', '\n      targetPort: 9999'),
    'svc.yaml': serviceYaml('payments', { app: 'payments' }, { namespace: 'api', ports: ['metrics:80:web'] }),
    'deploy.yaml': deploymentYaml('payments', { app: 'payments' }, ['web:8080'], 'api'),
  };
  const index = workspace(files);
  assert.deepEqual(summary(index, 'sm.yaml', check(index, 'sm.yaml')), ["operator/target-port-not-backed warning '9999'"]);
});

test('PodMonitor: selector against pod templates, port against container ports', () => {
  const podMonitor = (selector: string, port: string) => y`
    apiVersion: monitoring.coreos.com/v1
    kind: PodMonitor
    metadata: {name: worker, namespace: jobs}
    spec:
      selector:
        matchLabels: {${selector}}
      podMetricsEndpoints:
      - port: ${port}
    `;
  const deploy = deploymentYaml('worker', { app: 'worker' }, ['metrics:9100'], 'jobs');
  const cases: [string, string, string[]][] = [
    ['app: worker', 'metrics', []],
    ['app: workers', 'metrics', ["operator/podmonitor-matches-no-pod warning 'selector'"]],
    ['app: worker', 'http', ["operator/port-not-found warning 'http'"]],
  ];
  for (const [selector, port, expected] of cases) {
    const index = workspace({ 'pm.yaml': podMonitor(selector, port), 'deploy.yaml': deploy });
    assert.deepEqual(summary(index, 'pm.yaml', noiseFree(check(index, 'pm.yaml'))), expected, `${selector} ${port}`);
  }
  const empty = workspace({ 'pm.yaml': podMonitor('app: worker', 'metrics') });
  assert.deepEqual(
    check(empty, 'pm.yaml').map((p) => `${p.code} ${p.severity}`),
    ['operator/podmonitor-matches-no-pod information'],
  );
});

test('PodMonitor selecting the pods of a Prometheus CR uses the labels the operator sets', () => {
  const index = workspace({
    'prom.yaml':
      'apiVersion: monitoring.coreos.com/v1\nkind: Prometheus\nmetadata: {name: k8s, namespace: monitoring}\nspec: {podMonitorSelector: {}}\n',
    'deploy.yaml': deploymentYaml('other', { app: 'other' }, ['http:80'], 'monitoring'),
    'pm.yaml': y`
      apiVersion: monitoring.coreos.com/v1
      kind: PodMonitor
      metadata: {name: prom, namespace: monitoring}
      spec:
        selector: {matchLabels: {app.kubernetes.io/name: prometheus, prometheus: k8s}}
        podMetricsEndpoints: [{port: web}]
      `,
  });
  assert.deepEqual(check(index, 'pm.yaml'), []);
});

test('Services in front of operator-managed pods are backed by the ports the operator declares', () => {
  const index = workspace({
    'am.yaml': 'kind: Alertmanager\nmetadata: {name: main, namespace: monitoring}\nspec: {replicas: 3}\n',
    'svc.yaml': serviceYaml(
      'alertmanager-main',
      { 'app.kubernetes.io/name': 'alertmanager' },
      {
        namespace: 'monitoring',
        ports: ['web:9093:web', 'reloader-web:8080:reloader-web'],
        podSelector: { 'app.kubernetes.io/name': 'alertmanager', alertmanager: 'main' },
      },
    ),
    'sm.yaml': y`
      kind: ServiceMonitor
      metadata: {name: am, namespace: monitoring}
      spec:
        selector: {matchLabels: {app.kubernetes.io/name: alertmanager}}
        endpoints: [{port: web}, {port: reloader-web}]
      `,
  });
  assert.deepEqual(check(index, 'sm.yaml'), []);
  index.updateFile('file:///w/svc.yaml', index.text('file:///w/svc.yaml')!.replace('targetPort: web', 'targetPort: http'));
  assert.deepEqual(summary(index, 'sm.yaml', check(index, 'sm.yaml')), ["operator/target-port-not-backed warning 'web'"]);
});

test('PodMonitor: matching pods in a namespace it does not watch, and any: true', () => {
  const podMonitor = (namespaceSelector: string) =>
    `kind: PodMonitor\nmetadata: {name: w, namespace: jobs}\nspec:\n  selector: {matchLabels: {app: worker}}\n${namespaceSelector}  podMetricsEndpoints: [{port: metrics}]\n`;
  const deploy = deploymentYaml('worker', { app: 'worker' }, ['metrics:9100'], 'batch');
  const excluded = workspace({ 'pm.yaml': podMonitor(''), 'deploy.yaml': deploy });
  assert.deepEqual(summary(excluded, 'pm.yaml', check(excluded, 'pm.yaml')), ["operator/namespace-excluded warning 'selector'"]);
  const any = workspace({ 'pm.yaml': podMonitor('  namespaceSelector: {any: true}\n'), 'deploy.yaml': deploy });
  assert.deepEqual(check(any, 'pm.yaml'), []);
});
