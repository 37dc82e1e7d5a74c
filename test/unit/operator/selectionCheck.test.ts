import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, codes, workspace } from './helpers';

const prometheus = (spec: string, namespace = 'monitoring') =>
  `apiVersion: monitoring.coreos.com/v1\nkind: Prometheus\nmetadata: {name: k8s, namespace: ${namespace}}\nspec: ${spec}\n`;
const serviceMonitor = (labels: string, namespace = 'monitoring') =>
  `apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata:\n  name: app\n  namespace: ${namespace}\n  labels: {${labels}}\nspec:\n  selector: {}\n  endpoints: []\n`;
const rule = (labels: string, namespace = 'monitoring') =>
  `apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nmetadata:\n  name: rules\n  namespace: ${namespace}\n  labels: {${labels}}\nspec: {groups: []}\n`;

const selection = (files: Record<string, string>, path: string, settings = {}) =>
  codes(check(workspace(files), path, settings), 'operator/not-selected-by-prometheus').map((p) => `${p.severity}: ${p.message}`);

test('selected by label: nothing; not selected by the Prometheus beside it: warning', () => {
  const spec = '{serviceMonitorSelector: {matchLabels: {team: frontend}}}';
  assert.deepEqual(selection({ 'm/prom.yaml': prometheus(spec), 'm/sm.yaml': serviceMonitor('team: frontend') }, 'm/sm.yaml'), []);
  assert.deepEqual(selection({ 'm/prom.yaml': prometheus(spec), 'm/sm.yaml': serviceMonitor('team: backend') }, 'm/sm.yaml'), [
    'warning: Prometheus monitoring/k8s (in this folder) does not select this ServiceMonitor: its serviceMonitorSelector wants team=frontend, this ServiceMonitor has team=backend.',
  ]);
  // A subfolder counts as beside it.
  assert.equal(
    selection({ 'm/prom.yaml': prometheus(spec), 'm/apps/sm.yaml': serviceMonitor('x: y') }, 'm/apps/sm.yaml')[0]?.split(':')[0],
    'warning',
  );
});

test('{} selects all; a missing selector selects none', () => {
  assert.deepEqual(
    selection({ 'prom.yaml': prometheus('{serviceMonitorSelector: {}}'), 'sm.yaml': serviceMonitor('a: b') }, 'sm.yaml'),
    [],
  );
  const missing = selection({ 'prom.yaml': prometheus('{ruleSelector: {}}'), 'sm.yaml': serviceMonitor('a: b') }, 'sm.yaml');
  assert.equal(missing.length, 1);
  assert.match(missing[0], /^information: Prometheus monitoring\/k8s has no serviceMonitorSelector/);
});

test('a Prometheus in another folder that does not select it: information only', () => {
  const result = selection(
    {
      'infra/prom.yaml': prometheus('{serviceMonitorSelector: {matchLabels: {team: frontend}}}'),
      'apps/sm.yaml': serviceMonitor('team: backend'),
    },
    'apps/sm.yaml',
  );
  assert.equal(result.length, 1);
  assert.match(result[0], /^information: No Prometheus in the workspace selects this ServiceMonitor.*defined elsewhere/);
});

test('namespace selectors: own namespace when missing, {} for all', () => {
  const spec = (namespaceSelector: string) => `{serviceMonitorSelector: {}${namespaceSelector}}`;
  const inApi = serviceMonitor('a: b', 'api');
  const missing = selection({ 'prom.yaml': prometheus(spec('')), 'sm.yaml': inApi }, 'sm.yaml');
  assert.match(
    missing[0],
    /^warning: .*does not include namespace api \(without serviceMonitorNamespaceSelector it watches only its own namespace, monitoring\)/,
  );
  assert.deepEqual(selection({ 'prom.yaml': prometheus(spec(', serviceMonitorNamespaceSelector: {}')), 'sm.yaml': inApi }, 'sm.yaml'), []);
});

/** `code severity: message` of both selection codes, for one object in namespace api. */
function namespaceVerdict(kind: 'serviceMonitor' | 'podMonitor' | 'rule', namespaceSelector: string, namespaceLabels?: string): string[] {
  const object =
    kind === 'rule'
      ? rule('a: b', 'api')
      : serviceMonitor('a: b', 'api').replace('kind: ServiceMonitor', kind === 'podMonitor' ? 'kind: PodMonitor' : 'kind: ServiceMonitor');
  const files: Record<string, string> = {
    'prom.yaml': prometheus(`{${kind}Selector: {}, ${kind}NamespaceSelector: ${namespaceSelector}}`),
    'obj.yaml': object,
  };
  if (namespaceLabels !== undefined)
    files['ns.yaml'] = `apiVersion: v1\nkind: Namespace\nmetadata: {name: api, labels: {${namespaceLabels}}}\n`;
  return check(workspace(files), 'obj.yaml')
    .filter((p) => p.code.includes('not-selected') || p.code.includes('namespace-labels'))
    .map((p) => `${p.code} ${p.severity}: ${p.message}`);
}

test('namespace label selectors are evaluated against Namespace objects: matchLabels and matchExpressions', () => {
  const selected: [string, string][] = [
    ['{matchLabels: {team: x}}', 'team: x'],
    ['{matchExpressions: [{key: team, operator: In, values: [x, y]}]}', 'team: y'],
    ['{matchExpressions: [{key: team, operator: NotIn, values: [x]}]}', ''],
    ['{matchExpressions: [{key: team, operator: Exists}]}', 'team: z'],
    ['{matchExpressions: [{key: team, operator: DoesNotExist}]}', 'other: z'],
    ['{matchLabels: {team: x}, matchExpressions: [{key: tier, operator: In, values: [infra]}]}', 'team: x, tier: infra'],
    // The label Kubernetes adds to every namespace counts, even when the Namespace object omits it.
    ['{matchLabels: {kubernetes.io/metadata.name: api}}', ''],
  ];
  for (const [selector, labels] of selected) {
    for (const kind of ['serviceMonitor', 'podMonitor', 'rule'] as const)
      assert.deepEqual(namespaceVerdict(kind, selector, labels), [], `${kind} ${selector}`);
  }
  const excluded: [string, string, RegExp][] = [
    ['{matchLabels: {team: x}}', 'team: y', /it wants team=x, Namespace api has team=y/],
    ['{matchLabels: {team: x}}', '', /it wants team=x, Namespace api has no label team/],
    ['{matchExpressions: [{key: team, operator: In, values: [x]}]}', 'team: z', /it wants team in \(x\), Namespace api has team=z/],
    ['{matchExpressions: [{key: team, operator: NotIn, values: [x]}]}', 'team: x', /it wants team notin \(x\)/],
    ['{matchExpressions: [{key: team, operator: Exists}]}', '', /it wants team, Namespace api has no label team/],
    ['{matchExpressions: [{key: team, operator: DoesNotExist}]}', 'team: x', /it wants !team/],
    [
      '{matchLabels: {kubernetes.io/metadata.name: web}}',
      '',
      /it wants kubernetes.io\/metadata.name=web, Namespace api has kubernetes.io\/metadata.name=api/,
    ],
  ];
  for (const [selector, labels, reason] of excluded) {
    for (const kind of ['serviceMonitor', 'podMonitor', 'rule'] as const) {
      const [problem, ...rest] = namespaceVerdict(kind, selector, labels);
      assert.equal(rest.length, 0);
      assert.match(problem, /^operator\/not-selected-by-prometheus warning: .*NamespaceSelector does not include namespace api/, selector);
      assert.match(problem, reason);
    }
  }
});

test('no Namespace object: selection by namespace labels cannot be proven, so information, never a warning', () => {
  const unproven: string[] = [
    '{matchLabels: {team: x}}',
    '{matchExpressions: [{key: team, operator: NotIn, values: [x]}]}',
    '{matchExpressions: [{key: kubernetes.io/metadata.name, operator: In, values: [api]}, {key: team, operator: Exists}]}',
  ];
  for (const selector of unproven) {
    for (const kind of ['serviceMonitor', 'podMonitor', 'rule'] as const) {
      const result = namespaceVerdict(kind, selector);
      assert.equal(result.length, 1, selector);
      assert.match(
        result[0],
        /^operator\/namespace-labels-unknown information: Prometheus monitoring\/k8s selects this \w+ by its labels, but whether its \w+NamespaceSelector .* includes namespace api cannot be proven: the workspace has no Namespace object api/,
      );
    }
  }
  // Only the name label: provable without the Namespace object.
  assert.deepEqual(
    namespaceVerdict('serviceMonitor', '{matchExpressions: [{key: kubernetes.io/metadata.name, operator: In, values: [api, web]}]}'),
    [],
  );
  assert.match(
    namespaceVerdict('serviceMonitor', '{matchExpressions: [{key: kubernetes.io/metadata.name, operator: NotIn, values: [api]}]}')[0],
    /warning/,
  );
  // Another Prometheus that selects it for sure settles it.
  const files = {
    'prom.yaml': prometheus('{serviceMonitorSelector: {}, serviceMonitorNamespaceSelector: {matchLabels: {team: x}}}'),
    'other.yaml': prometheus('{serviceMonitorSelector: {}, serviceMonitorNamespaceSelector: {}}').replace('name: k8s', 'name: all'),
    'sm.yaml': serviceMonitor('a: b', 'api'),
  };
  assert.deepEqual(
    codes(check(workspace(files), 'sm.yaml')).filter((p) => p.code !== 'operator/selector-matches-no-service'),
    [],
  );
});

test('PrometheusRule against ruleSelector and ruleNamespaceSelector', () => {
  const spec = '{ruleSelector: {matchLabels: {role: alert-rules}}, ruleNamespaceSelector: {}}';
  assert.deepEqual(selection({ 'prom.yaml': prometheus(spec), 'r.yaml': rule('role: alert-rules', 'apps') }, 'r.yaml'), []);
  assert.match(
    selection({ 'prom.yaml': prometheus(spec), 'r.yaml': rule('role: recording') }, 'r.yaml')[0],
    /^warning: .*ruleSelector wants role=alert-rules/,
  );
});

test('no Prometheus in the workspace: the expectedLabels setting, else silence', () => {
  const files = { 'sm.yaml': serviceMonitor('app: x') };
  assert.deepEqual(selection(files, 'sm.yaml'), []);
  const expectedLabels = { release: 'kube-prometheus-stack' };
  assert.match(selection(files, 'sm.yaml', { expectedLabels })[0], /^warning: This ServiceMonitor lacks release=kube-prometheus-stack/);
  assert.deepEqual(selection({ 'sm.yaml': serviceMonitor('release: kube-prometheus-stack') }, 'sm.yaml', { expectedLabels }), []);
});

test('a ThanosRuler beside a PrometheusRule selects it like a Prometheus, and never selects monitors', () => {
  const thanosRuler =
    'kind: ThanosRuler\nmetadata: {name: tr, namespace: monitoring}\nspec: {ruleSelector: {matchLabels: {role: thanos}}}\n';
  const files = { 't/tr.yaml': thanosRuler, 't/prom.yaml': prometheus('{ruleSelector: {matchLabels: {role: k8s}}}') };
  assert.deepEqual(selection({ ...files, 't/r.yaml': rule('role: thanos') }, 't/r.yaml'), []);
  assert.match(selection({ ...files, 't/r.yaml': rule('role: other') }, 't/r.yaml')[0], /^warning: /);
  assert.deepEqual(selection({ 't/tr.yaml': thanosRuler, 't/sm.yaml': serviceMonitor('a: b') }, 't/sm.yaml'), []);
});
