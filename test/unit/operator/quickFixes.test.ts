import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { OperatorProblem } from '../../../server/src/service/operator/problem';
import { applyEdits, operatorQuickFixes } from '../../../server/src/service/operator/quickFixes';
import type { OperatorIndex } from '../../../server/src/service/operator/workspaceIndex';
import { check, codes, uri, workspace, y } from './helpers';

/** Applies the fix titled `title` and returns the new text of `path`. */
function fixed(index: OperatorIndex, problem: OperatorProblem, title: string, path: string): string {
  const fix = operatorQuickFixes(problem, (u) => index.text(u)).find((candidate) => candidate.title === title);
  assert.ok(fix, `no fix '${title}'; have ${operatorQuickFixes(problem, (u) => index.text(u)).map((f) => f.title)}`);
  const edits = fix.edits.filter((edit) => edit.uri === uri(path));
  return applyEdits(index.text(uri(path))!, edits);
}

const service = y`
  apiVersion: v1
  kind: Service
  metadata:
    name: payments-api
    namespace: api
    labels:
      app: payments-api
  spec:
    ports:
    - name: metrics
      port: 9090
  `;

const monitor = y`
  apiVersion: monitoring.coreos.com/v1
  kind: ServiceMonitor
  metadata:
    name: payments
    namespace: api
  spec:
    selector:
      matchLabels:
        app: payments
        tier: backend
    endpoints:
    - port: metric
  `;

test('selector fixes: set the labels on the Service (changing and adding)', () => {
  const index = workspace({ 'sm.yaml': monitor, 'svc.yaml': service });
  const [problem] = codes(check(index, 'sm.yaml'), 'operator/selector-matches-no-service');
  const after = fixed(index, problem, 'Set label app=payments, tier=backend on Service api/payments-api', 'svc.yaml');
  assert.equal(after, service.replace('app: payments-api\n', 'app: payments\n    tier: backend\n'));
  // The fixed workspace has no selector problem left.
  index.updateFile(uri('svc.yaml'), after);
  assert.deepEqual(codes(check(index, 'sm.yaml'), 'operator/selector-matches-no-service'), []);
});

test('selector fixes: change the selector to the Service value', () => {
  const oneLabel = monitor.replace('    tier: backend\n', '');
  const index = workspace({ 'sm.yaml': oneLabel, 'svc.yaml': service });
  const [problem] = codes(check(index, 'sm.yaml'), 'operator/selector-matches-no-service');
  const after = fixed(index, problem, 'Change selector to app=payments-api (as on Service api/payments-api)', 'sm.yaml');
  assert.equal(after, oneLabel.replace('app: payments\n', 'app: payments-api\n'));
});

test('creating a missing labels map with the document indentation', () => {
  const bare = 'kind: Service\nmetadata:\n    name: web\n    namespace: api\nspec:\n    ports: [{name: metrics, port: 80}]\n';
  const index = workspace({ 'sm.yaml': monitor.replace('    tier: backend\n', '').replace('metric\n', 'metrics\n'), 'svc.yaml': bare });
  const [problem] = codes(check(index, 'sm.yaml'), 'operator/selector-matches-no-service');
  const after = fixed(index, problem, 'Set label app=payments on Service api/web', 'svc.yaml');
  assert.equal(after, bare.replace('namespace: api\n', 'namespace: api\n    labels:\n        app: payments\n'));
});

test('flow-style label maps get the label inside the braces', () => {
  const flow = 'kind: Service\nmetadata: {name: web, namespace: api, labels: {app: web}}\nspec: {ports: [{name: metrics, port: 80}]}\n';
  const index = workspace({ 'sm.yaml': monitor.replace('metric\n', 'metrics\n'), 'svc.yaml': flow });
  const [problem] = codes(check(index, 'sm.yaml'), 'operator/selector-matches-no-service');
  const after = fixed(index, problem, 'Set label app=payments, tier=backend on Service api/web', 'svc.yaml');
  assert.equal(after, flow.replace('{app: web}', '{app: payments, tier: backend}'));
});

test('port fix: use the Service port name', () => {
  const matching = service.replace('app: payments-api', 'app: payments\n    tier: backend');
  const index = workspace({ 'sm.yaml': monitor, 'svc.yaml': matching });
  const [problem] = codes(check(index, 'sm.yaml'), 'operator/port-not-found');
  assert.equal(fixed(index, problem, "Change port to 'metrics'", 'sm.yaml'), monitor.replace('port: metric\n', 'port: metrics\n'));
});

test('namespace fix: add to an existing matchNames, or create namespaceSelector', () => {
  const elsewhere = service.replace('namespace: api', 'namespace: shop').replace('app: payments-api', 'app: payments\n    tier: backend');
  const created = workspace({ 'sm.yaml': monitor, 'svc.yaml': elsewhere });
  const [problem] = codes(check(created, 'sm.yaml'), 'operator/namespace-excluded');
  const title = 'Watch namespace shop (namespaceSelector.matchNames)';
  assert.equal(fixed(created, problem, title, 'sm.yaml'), monitor + '  namespaceSelector:\n    matchNames:\n      - shop\n');

  const withNames = monitor.replace('spec:\n', 'spec:\n  namespaceSelector:\n    matchNames:\n    - api\n');
  const existing = workspace({ 'sm.yaml': withNames, 'svc.yaml': elsewhere });
  const [again] = codes(check(existing, 'sm.yaml'), 'operator/namespace-excluded');
  assert.equal(fixed(existing, again, title, 'sm.yaml'), withNames.replace('    - api\n', '    - api\n    - shop\n'));

  const flow = monitor.replace('spec:\n', 'spec:\n  namespaceSelector: {matchNames: [api]}\n');
  const flowIndex = workspace({ 'sm.yaml': flow, 'svc.yaml': elsewhere });
  const [third] = codes(check(flowIndex, 'sm.yaml'), 'operator/namespace-excluded');
  assert.equal(fixed(flowIndex, third, title, 'sm.yaml'), flow.replace('[api]', '[api, shop]'));
});

test('not-selected fix: add the label the Prometheus wants to the monitor', () => {
  const prometheus =
    'kind: Prometheus\nmetadata: {name: k8s, namespace: api}\nspec:\n  serviceMonitorSelector:\n    matchLabels: {release: "1.0"}\n';
  const index = workspace({ 'prom.yaml': prometheus, 'sm.yaml': monitor });
  const [problem] = codes(check(index, 'sm.yaml'), 'operator/not-selected-by-prometheus');
  const after = fixed(index, problem, 'Set label release=1.0 on ServiceMonitor api/payments', 'sm.yaml');
  assert.equal(after, monitor.replace('namespace: api\n', 'namespace: api\n  labels:\n    release: "1.0"\n'));
  index.updateFile(uri('sm.yaml'), after);
  assert.deepEqual(codes(check(index, 'sm.yaml'), 'operator/not-selected-by-prometheus'), []);
});

test('field fixes: did-you-mean and timeout', () => {
  const typo = monitor.replace('  endpoints:', '  endpoint:');
  const typoIndex = workspace({ 'sm.yaml': typo });
  const [unknown] = codes(check(typoIndex, 'sm.yaml'), 'operator/unknown-field');
  assert.equal(fixed(typoIndex, unknown, "Change to 'endpoints'", 'sm.yaml'), monitor);
  const text = monitor.replace('- port: metric\n', '- port: metric\n    interval: 10s\n    scrapeTimeout: 30s\n');
  const index = workspace({ 'sm.yaml': text });
  const [timeout] = codes(check(index, 'sm.yaml'), 'operator/timeout-exceeds-interval');
  assert.equal(fixed(index, timeout, 'Set scrapeTimeout to 10s', 'sm.yaml'), text.replace('scrapeTimeout: 30s', 'scrapeTimeout: 10s'));
});

/** A ServiceMonitor whose selector has the given matchExpressions items (lines relative to the `-`). */
const expressionMonitor = (expressions: string) =>
  [
    'apiVersion: monitoring.coreos.com/v1',
    'kind: ServiceMonitor',
    'metadata:',
    '  name: payments',
    '  namespace: api',
    'spec:',
    '  selector:',
    '    matchExpressions:',
    ...expressions.split('\n').map((line) => `    ${line}`),
    '  endpoints:',
    '  - port: metrics',
    '',
  ].join('\n');

/** The fix titles on offer for the selector problem, and the text of `path` after applying `title`. */
function expressionFix(monitorText: string, serviceText: string, title?: string, path = 'sm.yaml') {
  const index = workspace({ 'sm.yaml': monitorText, 'svc.yaml': serviceText });
  const [problem] = codes(check(index, 'sm.yaml'), 'operator/selector-matches-no-service');
  assert.ok(problem, 'a selector problem');
  const titles = operatorQuickFixes(problem, (u) => index.text(u)).map((fix) => fix.title);
  if (!title) return { titles };
  const after = fixed(index, problem, title, path);
  index.updateFile(uri(path), after);
  assert.deepEqual(codes(check(index, 'sm.yaml'), 'operator/selector-matches-no-service'), [], `still unmatched after '${title}'`);
  return { titles, after };
}

test('matchExpressions fixes: add the Service value to an In list (block and flow), or set the first value on the Service', () => {
  const block = expressionMonitor('- key: app\n  operator: In\n  values:\n  - payments\n  - web');
  const { titles, after } = expressionFix(block, service, 'Change selector: add payments-api to app In (as on Service api/payments-api)');
  assert.deepEqual(titles, [
    'Change selector: add payments-api to app In (as on Service api/payments-api)',
    'Set label app=payments on Service api/payments-api',
  ]);
  assert.equal(after, block.replace('      - web\n', '      - web\n      - payments-api\n'));
  const flow = expressionMonitor('- {key: app, operator: In, values: [payments, web]}');
  assert.equal(
    expressionFix(flow, service, 'Change selector: add payments-api to app In (as on Service api/payments-api)').after,
    flow.replace('[payments, web]', '[payments, web, payments-api]'),
  );
  assert.equal(
    expressionFix(flow, service, 'Set label app=payments on Service api/payments-api', 'svc.yaml').after,
    service.replace('app: payments-api', 'app: payments'),
  );
});

test('matchExpressions fixes: remove the Service value from a NotIn list; the last value takes the requirement with it', () => {
  const backend = service.replace('app: payments-api', 'app: payments-api\n    tier: backend');
  // `app` Exists keeps the cluster's own Services (which have no app label) out of the match.
  const flow = expressionMonitor('- {key: app, operator: Exists}\n- {key: tier, operator: NotIn, values: [backend, web]}');
  const title = 'Change selector: remove backend from tier NotIn (as on Service api/payments-api)';
  const { titles, after } = expressionFix(flow, backend, title);
  // No value would satisfy NotIn for sure, so nothing is offered on the Service's side.
  assert.deepEqual(titles, [title]);
  assert.equal(after, flow.replace('[backend, web]', '[web]'));
  const last = expressionMonitor('- {key: app, operator: Exists}\n- key: tier\n  operator: NotIn\n  values: [backend]');
  assert.equal(
    expressionFix(last, backend, 'Change selector: drop the requirement tier notin (backend) (as on Service api/payments-api)').after,
    last.replace('    - key: tier\n      operator: NotIn\n      values: [backend]\n', ''),
  );
  const canary = expressionMonitor('- {key: canary, operator: DoesNotExist}\n- {key: app, operator: Exists}');
  assert.equal(
    expressionFix(
      canary,
      service.replace('app: payments-api', 'app: payments-api\n    canary: "true"'),
      'Change selector: drop the requirement !canary (as on Service api/payments-api)',
    ).after,
    canary.replace('    - {key: canary, operator: DoesNotExist}\n', ''),
  );
});

test('matchExpressions fixes with matchLabels beside them, and none where no edit makes it match', () => {
  const mixed = expressionMonitor('- {key: tier, operator: In, values: [web]}').replace(
    'selector:\n',
    'selector:\n    matchLabels: {app: payments}\n',
  );
  const backend = service.replace('app: payments-api', 'app: payments-api\n    tier: backend');
  const { titles } = expressionFix(
    mixed,
    backend,
    'Change selector: app=payments-api; add backend to tier In (as on Service api/payments-api)',
  );
  assert.ok(titles.includes('Set label app=payments, tier=web on Service api/payments-api'), String(titles));
  // Exists on a label the Service lacks: its value is unknown, and the selector cannot take one.
  assert.deepEqual(expressionFix(expressionMonitor('- {key: team, operator: Exists}'), service).titles, []);
});

test('namespace selector fix: label the Namespace object the way the Prometheus selects namespaces', () => {
  const prometheus = y`
    kind: Prometheus
    metadata: {name: k8s, namespace: api}
    spec:
      serviceMonitorSelector: {}
      serviceMonitorNamespaceSelector:
        matchExpressions: [{key: monitoring, operator: In, values: [enabled]}]
    `;
  const namespace = 'kind: Namespace\nmetadata:\n  name: api\n  labels:\n    team: payments\n';
  const index = workspace({ 'prom.yaml': prometheus, 'ns.yaml': namespace, 'sm.yaml': monitor });
  const [problem] = codes(check(index, 'sm.yaml'), 'operator/not-selected-by-prometheus');
  assert.match(problem.message, /it wants monitoring in \(enabled\), Namespace api has no label monitoring/);
  const after = fixed(index, problem, 'Set label monitoring=enabled on Namespace api', 'ns.yaml');
  assert.equal(after, namespace + '    monitoring: enabled\n');
  index.updateFile(uri('ns.yaml'), after);
  assert.deepEqual(codes(check(index, 'sm.yaml'), 'operator/not-selected-by-prometheus'), []);
});
