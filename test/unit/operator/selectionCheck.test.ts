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

test('namespace selectors: own namespace when missing, {} for all, labels of Namespace objects', () => {
  const spec = (namespaceSelector: string) => `{serviceMonitorSelector: {}${namespaceSelector}}`;
  const inApi = serviceMonitor('a: b', 'api');
  const cases: [string, Record<string, string>, string][] = [
    ['', {}, 'warning'],
    [', serviceMonitorNamespaceSelector: {}', {}, ''],
    [
      ', serviceMonitorNamespaceSelector: {matchLabels: {team: x}}',
      { 'ns.yaml': 'kind: Namespace\nmetadata: {name: api, labels: {team: x}}\n' },
      '',
    ],
    [', serviceMonitorNamespaceSelector: {matchLabels: {team: x}}', { 'ns.yaml': 'kind: Namespace\nmetadata: {name: api}\n' }, 'warning'],
    // No Namespace object in the workspace: its labels are unknown, so no claim is made.
    [', serviceMonitorNamespaceSelector: {matchLabels: {team: x}}', {}, ''],
    [', serviceMonitorNamespaceSelector: {matchLabels: {kubernetes.io/metadata.name: web}}', {}, 'warning'],
  ];
  for (const [namespaceSelector, extra, expected] of cases) {
    const result = selection({ 'prom.yaml': prometheus(spec(namespaceSelector)), 'sm.yaml': inApi, ...extra }, 'sm.yaml');
    assert.equal(result[0]?.split(':')[0] ?? '', expected, namespaceSelector + JSON.stringify(extra));
    if (expected) assert.match(result[0], /does not include namespace api/);
  }
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
