// Which files an edit re-checks: exact sets for each kind of edit, and a check that no file
// whose diagnostics change is ever left out.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultSettings } from '../../../server/src/service/settings';
import { validateOperatorFile } from '../../../server/src/service/operator/validate';
import type { OperatorIndex } from '../../../server/src/service/operator/workspaceIndex';
import { deploymentYaml, serviceYaml, uri, workspace } from './helpers';

const paths = (uris: string[]) => uris.map((u) => u.replace('file:///w/', '')).sort();

const kindOf = (kind: string) => (kind === 'sm' ? 'ServiceMonitor' : 'PodMonitor');
/** `sm`/`pm` in `namespace` selecting `selector` (flow YAML); `scope` is a namespaceSelector. */
const monitor = (kind: 'sm' | 'pm', name: string, namespace: string, selector: string, scope = '') =>
  `apiVersion: monitoring.coreos.com/v1\nkind: ${kindOf(kind)}\nmetadata: {name: ${name}, namespace: ${namespace}}\n` +
  `spec:\n  selector: ${selector}\n${scope ? `  namespaceSelector: ${scope}\n` : ''}` +
  `  ${kind === 'sm' ? 'endpoints' : 'podMetricsEndpoints'}: [{port: metrics}]\n`;

/** Services, a Deployment and monitors in namespaces api, web and shop; no Prometheus CR. */
function targets(): Record<string, string> {
  return {
    'svc-payments.yaml': serviceYaml(
      'payments',
      { app: 'payments', tier: 'backend' },
      { namespace: 'api', podSelector: { app: 'payments' } },
    ),
    'svc-cart.yaml': serviceYaml('cart', { app: 'cart' }, { namespace: 'api' }),
    'svc-v2.yaml': serviceYaml('payments-v2', { app: 'payments-v2' }, { namespace: 'api' }),
    'svc-web.yaml': serviceYaml('web', { app: 'web' }, { namespace: 'web' }),
    'deploy.yaml': deploymentYaml('payments', { app: 'payments' }, ['metrics:8080'], 'api'),
    'sm-payments.yaml': monitor('sm', 'payments', 'api', '{matchLabels: {app: payments}}'),
    'sm-cart.yaml': monitor('sm', 'cart', 'api', '{matchLabels: {app: cart}}'),
    'sm-v2.yaml': monitor('sm', 'v2', 'api', '{matchLabels: {app: payments-v2}}'),
    'sm-backend.yaml': monitor('sm', 'backend', 'api', '{matchExpressions: [{key: tier, operator: In, values: [backend, web]}]}'),
    'sm-web.yaml': monitor('sm', 'web', 'web', '{matchLabels: {app: web}}'),
    // Matches payments, but only in api, which it does not watch: a namespace-excluded notice.
    'sm-web-payments.yaml': monitor('sm', 'web-payments', 'web', '{matchLabels: {app: payments}}'),
    // Matches nothing anywhere, watching every namespace: its message names the nearest Services.
    'sm-any.yaml': monitor('sm', 'any', 'shop', '{matchLabels: {app: shop}}', '{any: true}'),
    'pm-payments.yaml': monitor('pm', 'payments', 'api', '{matchLabels: {app: payments}}'),
    'pm-orphan.yaml': monitor('pm', 'orphan', 'api', '{matchLabels: {app: nothing}}'),
    'pm-web.yaml': monitor('pm', 'web', 'web', '{matchLabels: {app: web}}'),
  };
}

/** Every file's diagnostics, to compare before and after an edit. */
function allDiagnostics(index: OperatorIndex): Map<string, string> {
  return new Map(index.uris().map((u) => [u, JSON.stringify(validateOperatorFile(u, index, defaultSettings.operator))]));
}

/**
 * Applies an edit (`text` undefined removes the file) and returns the affected paths, after
 * asserting that they include every file whose diagnostics changed.
 */
function edit(index: OperatorIndex, path: string, text: string | undefined): string[] {
  const before = allDiagnostics(index);
  const affected = text === undefined ? index.removeFile(uri(path)) : index.updateFile(uri(path), text);
  const after = allDiagnostics(index);
  const changed = [...new Set([...before.keys(), ...after.keys()])].filter((u) => u !== uri(path) && before.get(u) !== after.get(u));
  assert.deepEqual(
    paths(changed).filter((p) => !paths(affected).includes(p)),
    [],
    `edit of ${path} changed diagnostics outside its affected set`,
  );
  return paths(affected);
}

test('a Service label edit: monitors that select its old or new labels, and unmatched ones watching its namespace', () => {
  const files = targets();
  const index = workspace(files);
  const renamed = files['svc-payments.yaml'].replace('app: payments,', 'app: payments-v2,');
  // Old labels: sm-payments, sm-web-payments; both: sm-backend; new: sm-v2; unmatched in scope: sm-any.
  const expected = ['sm-any.yaml', 'sm-backend.yaml', 'sm-payments.yaml', 'sm-v2.yaml', 'sm-web-payments.yaml', 'svc-payments.yaml'];
  assert.deepEqual(edit(index, 'svc-payments.yaml', renamed), expected);
  assert.deepEqual(edit(index, 'svc-payments.yaml', files['svc-payments.yaml']), expected);
  assert.deepEqual(index.affectedUris(uri('svc-payments.yaml')).length, 5);
});

test('a Service edit that no other monitor selects re-checks its monitors and the unmatched watchers only', () => {
  const files = targets();
  const index = workspace(files);
  const text = files['svc-cart.yaml'].replace('{app: cart}', '{app: cart, owner: team-a}');
  assert.deepEqual(edit(index, 'svc-cart.yaml', text), ['sm-any.yaml', 'sm-cart.yaml', 'svc-cart.yaml']);
  // sm-web-payments watches web and matches nothing there.
  const web = files['svc-web.yaml'].replace('metrics', 'http-metrics');
  assert.deepEqual(edit(index, 'svc-web.yaml', web), ['sm-any.yaml', 'sm-web-payments.yaml', 'sm-web.yaml', 'svc-web.yaml']);
});

test('a Service moving namespace: watchers of the old and of the new namespace', () => {
  const files = targets();
  const index = workspace(files);
  const moved = files['svc-payments.yaml'].replace('namespace: api', 'namespace: web');
  // sm-web-payments now matches it; sm-web (web, app=web) and the cart/v2 monitors are untouched.
  assert.deepEqual(edit(index, 'svc-payments.yaml', moved), [
    'sm-any.yaml',
    'sm-backend.yaml',
    'sm-payments.yaml',
    'sm-web-payments.yaml',
    'svc-payments.yaml',
  ]);
});

test('removing a Service affects what depended on it; creating one, what will', () => {
  const files = targets();
  const index = workspace(files);
  assert.deepEqual(edit(index, 'svc-payments.yaml', undefined), [
    'sm-any.yaml',
    'sm-backend.yaml',
    'sm-payments.yaml',
    'sm-web-payments.yaml',
  ]);
  assert.deepEqual(edit(index, 'svc-payments.yaml', files['svc-payments.yaml']), [
    'sm-any.yaml',
    'sm-backend.yaml',
    'sm-payments.yaml',
    'sm-web-payments.yaml',
    'svc-payments.yaml',
  ]);
});

test('a workload edit: PodMonitors that select it or match nothing in its namespace, and ServiceMonitors whose targetPort checks involve it', () => {
  const files = targets();
  const index = workspace(files);
  const ports = files['deploy.yaml'].replace('containerPort: 8080', 'containerPort: 9090');
  // svc-payments routes to it, so the ServiceMonitors matching svc-payments check its ports.
  const expected = ['deploy.yaml', 'pm-orphan.yaml', 'pm-payments.yaml', 'sm-backend.yaml', 'sm-payments.yaml'];
  assert.deepEqual(edit(index, 'deploy.yaml', ports), expected);
  // With app=web it is what pm-web (in web, matching nothing there) selects, in another namespace.
  const relabelled = files['deploy.yaml'].replace('{app: payments}', '{app: web}');
  assert.deepEqual(edit(index, 'deploy.yaml', relabelled), [...expected, 'pm-web.yaml'].sort());
  assert.deepEqual(edit(index, 'deploy.yaml', files['deploy.yaml']), [...expected, 'pm-web.yaml'].sort());
  // Moved to web: pm-web watches web and matches nothing there, so its nearest candidates change.
  const moved = files['deploy.yaml'].replace('namespace: api', 'namespace: web');
  assert.deepEqual(edit(index, 'deploy.yaml', moved), [...expected, 'pm-web.yaml'].sort());
});

test('a monitor edit re-checks only its own file', () => {
  const files = targets();
  const index = workspace(files);
  assert.deepEqual(edit(index, 'sm-payments.yaml', files['sm-payments.yaml'].replace('app: payments', 'app: cart')), ['sm-payments.yaml']);
});

const prometheus = (name: string, spec: string) =>
  `apiVersion: monitoring.coreos.com/v1\nkind: Prometheus\nmetadata: {name: ${name}, namespace: monitoring}\nspec: ${spec}\n`;
const labelled = (kind: string, name: string, namespace: string, labels: string) =>
  `apiVersion: monitoring.coreos.com/v1\nkind: ${kind}\nmetadata: {name: ${name}, namespace: ${namespace}, labels: {${labels}}}\nspec: {}\n`;

function selection(): Record<string, string> {
  return {
    'prom.yaml': prometheus(
      'k8s',
      '{serviceMonitorSelector: {matchLabels: {team: a}}, serviceMonitorNamespaceSelector: {}, ruleSelector: {}, ruleNamespaceSelector: {matchExpressions: [{key: rules, operator: In, values: ["on"]}]}}',
    ),
    'prom-c.yaml': prometheus('c', '{serviceMonitorSelector: {matchLabels: {team: c}}, serviceMonitorNamespaceSelector: {}}'),
    'sm-a.yaml': labelled('ServiceMonitor', 'a', 'apps', 'team: a'),
    'sm-b.yaml': labelled('ServiceMonitor', 'b', 'apps', 'team: b'),
    'sm-c.yaml': labelled('ServiceMonitor', 'c', 'apps', 'team: c'),
    'rule-x.yaml': labelled('PrometheusRule', 'x', 'x', 'role: alerts'),
    'rule-y.yaml': labelled('PrometheusRule', 'y', 'y', 'role: alerts'),
    'ns-x.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata: {name: x, labels: {rules: "on"}}\n',
    'ns-apps.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata: {name: apps}\n',
  };
}

test('a Prometheus CR edit: what its selectors cover before or after, and what no Prometheus selects for sure', () => {
  const files = selection();
  const index = workspace(files);
  const changed = files['prom.yaml'].replace('team: a', 'team: d');
  // sm-c is selected by Prometheus c either way; rule-y is selected only if namespace y has rules=on.
  assert.deepEqual(edit(index, 'prom.yaml', changed), ['prom.yaml', 'rule-x.yaml', 'rule-y.yaml', 'sm-a.yaml', 'sm-b.yaml']);
  assert.deepEqual(edit(index, 'prom-c.yaml', files['prom-c.yaml'].replace('team: c', 'team: e')), [
    'prom-c.yaml',
    'sm-a.yaml',
    'sm-b.yaml',
    'sm-c.yaml',
  ]);
});

test('a Namespace edit: the selectable objects in it, when a Prometheus selects by namespace labels', () => {
  const files = selection();
  const index = workspace(files);
  assert.deepEqual(edit(index, 'ns-x.yaml', files['ns-x.yaml'].replace('"on"', '"off"')), ['ns-x.yaml', 'rule-x.yaml']);
  assert.deepEqual(edit(index, 'ns-x.yaml', files['ns-x.yaml'].replace('name: x', 'name: y')), ['ns-x.yaml', 'rule-x.yaml', 'rule-y.yaml']);
  // serviceMonitorNamespaceSelector is {}: the monitors in apps do not depend on its labels.
  assert.deepEqual(edit(index, 'ns-apps.yaml', files['ns-apps.yaml'].replace('{name: apps}', '{name: apps, labels: {a: b}}')), [
    'ns-apps.yaml',
  ]);
});

test('the first or last Prometheus CR re-checks every selectable object (expectedLabels stand in without one)', () => {
  const files = selection();
  const index = workspace({
    'sm-a.yaml': files['sm-a.yaml'],
    'rule-x.yaml': files['rule-x.yaml'],
    'svc.yaml': serviceYaml('a', { a: 'b' }),
  });
  assert.deepEqual(edit(index, 'prom.yaml', files['prom.yaml']), ['prom.yaml', 'rule-x.yaml', 'sm-a.yaml']);
  assert.deepEqual(edit(index, 'prom.yaml', undefined), ['rule-x.yaml', 'sm-a.yaml']);
});

test('a kustomization edit moves the files of its folder and the resources it lists below it', () => {
  const index = workspace({
    'k/kustomization.yaml': 'namespace: api\nresources: [own.yaml, app/svc.yaml, lib]\n',
    'k/own.yaml': serviceYaml('own', { app: 'own' }),
    'k/app/svc.yaml': serviceYaml('listed', { app: 'listed' }),
    'k/app/other.yaml': serviceYaml('unlisted', { app: 'unlisted' }),
    'k/lib/deep/dep.yaml': deploymentYaml('lib', { app: 'lib' }, []),
    'sm-api.yaml': monitor('sm', 'listed', 'api', '{matchLabels: {app: listed}}'),
    'sm-web.yaml': monitor('sm', 'listed', 'web', '{matchLabels: {app: listed}}'),
    'sm-cart.yaml': monitor('sm', 'cart', 'web', '{matchLabels: {app: cart}}'),
    'sm-cart-svc.yaml': serviceYaml('cart', { app: 'cart' }, { namespace: 'web' }),
  });
  const namespaces = () =>
    index
      .uris()
      .flatMap((u) =>
        index
          .file(u)!
          .objects.filter((o) => o.kind !== 'Kustomization')
          .map((o) => `${o.name}:${o.namespace}`),
      )
      .sort();
  assert.deepEqual(namespaces(), [
    'cart:web',
    'cart:web',
    'lib:api',
    'listed:api',
    'listed:api',
    'listed:web',
    'own:api',
    'unlisted:default',
  ]);
  assert.deepEqual(edit(index, 'k/kustomization.yaml', 'namespace: web\nresources: [own.yaml, app/svc.yaml, lib]\n'), [
    'k/app/svc.yaml',
    'k/kustomization.yaml',
    'k/lib/deep/dep.yaml',
    'k/own.yaml',
    'sm-api.yaml',
    'sm-web.yaml',
  ]);
  assert.ok(namespaces().includes('own:web') && namespaces().includes('lib:web'));
  // An outer kustomization listing the folder wins over the inner one, as kustomize applies it last.
  assert.deepEqual(edit(index, 'kustomization.yaml', 'namespace: shop\nresources: [k]\n').includes('k/app/svc.yaml'), true);
  assert.ok(namespaces().includes('listed:shop') && namespaces().includes('own:shop'));
  assert.deepEqual(edit(index, 'kustomization.yaml', undefined).includes('k/own.yaml'), true);
  assert.ok(namespaces().includes('own:web'));
});
