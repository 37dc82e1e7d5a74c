import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, codes, deploymentYaml, serviceYaml, uri, workspace } from './helpers';

const monitor = (namespace: string, app: string, extra = '') =>
  `apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata: {name: ${app}, namespace: ${namespace}}\nspec:\n  selector: {matchLabels: {app: ${app}}}\n${extra}  endpoints: [{port: metrics}]\n`;
const paths = (uris: string[]) => uris.map((u) => u.replace('file:///w/', ''));

test('editing a Service affects the monitors that watch its namespace or select its labels', () => {
  const index = workspace({
    'a/sm.yaml': monitor('api', 'payments'),
    'b/sm.yaml': monitor('web', 'payments'),
    'c/sm.yaml': monitor('web', 'shop'),
    'd/sm.yaml': monitor('other', 'x', '  namespaceSelector: {any: true}\n'),
    'svc.yaml': serviceYaml('payments', { app: 'payments' }, { namespace: 'api' }),
  });
  assert.deepEqual(paths(index.affectedUris(uri('svc.yaml'))), ['a/sm.yaml', 'b/sm.yaml', 'd/sm.yaml', 'svc.yaml']);
  // Moving the Service to namespace web: both the old and the new watchers are affected.
  const moved = index.updateFile(uri('svc.yaml'), serviceYaml('payments', { app: 'cart' }, { namespace: 'web' }));
  assert.deepEqual(paths(moved), ['a/sm.yaml', 'b/sm.yaml', 'c/sm.yaml', 'd/sm.yaml', 'svc.yaml']);
  // Editing a monitor affects only its own file.
  assert.deepEqual(paths(index.updateFile(uri('c/sm.yaml'), monitor('web', 'cart'))), ['c/sm.yaml']);
});

test('diagnostics follow create, change and delete', () => {
  const index = workspace({ 'sm.yaml': monitor('api', 'payments'), 'other.yaml': serviceYaml('x', { app: 'x' }, { namespace: 'api' }) });
  assert.equal(codes(check(index, 'sm.yaml'), 'operator/selector-matches-no-service')[0]?.severity, 'warning');
  index.updateFile(uri('svc.yaml'), serviceYaml('payments', { app: 'payments' }, { namespace: 'api' }));
  assert.deepEqual(check(index, 'sm.yaml'), []);
  index.updateFile(uri('svc.yaml'), serviceYaml('payments', { app: 'payment' }, { namespace: 'api' }));
  assert.equal(codes(check(index, 'sm.yaml'), 'operator/selector-matches-no-service').length, 1);
  assert.deepEqual(paths(index.removeFile(uri('svc.yaml'))), ['sm.yaml']);
  index.removeFile(uri('other.yaml'));
  assert.equal(codes(check(index, 'sm.yaml'), 'operator/selector-matches-no-service')[0]?.severity, 'information');
  assert.equal(index.objectCount('api'), 1);
});

test('a kustomization change moves the objects of its folder', () => {
  const index = workspace({
    'app/sm.yaml': monitor('api', 'payments'),
    'app/svc.yaml': serviceYaml('payments', { app: 'payments' }),
  });
  assert.equal(codes(check(index, 'app/sm.yaml'), 'operator/namespace-excluded').length, 1);
  const affected = index.updateFile(uri('app/kustomization.yaml'), 'namespace: api\n');
  assert.ok(affected.includes(uri('app/sm.yaml')));
  assert.deepEqual(check(index, 'app/sm.yaml'), []);
  // Like kustomize's namespace transformer, the kustomization overrides a written namespace too.
  const moved = index.updateFile(uri('app/kustomization.yaml'), 'namespace: shop\n');
  assert.ok(moved.includes(uri('app/sm.yaml')));
  assert.deepEqual(
    index
      .objectsIn('shop')
      .map((object) => object.kind)
      .sort(),
    ['Service', 'ServiceMonitor'],
  );
  assert.deepEqual(index.objectsIn('api'), []);
  assert.deepEqual(check(index, 'app/sm.yaml'), []);
  index.removeFile(uri('app/kustomization.yaml'));
  assert.deepEqual(
    index.objectsIn('default').map((object) => object.kind),
    ['Service'],
  );
  assert.deepEqual(
    index.objectsIn('api').map((object) => object.kind),
    ['ServiceMonitor'],
  );
});

test('a kustomization leaves Namespace objects alone', () => {
  const index = workspace({
    'app/ns.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata: {name: monitoring}\n',
    'app/kustomization.yaml': 'namespace: api\nresources: [ns.yaml]\n',
  });
  assert.deepEqual(index.objectsIn('api'), []);
});

test('the default namespace setting re-resolves every object without one', () => {
  const index = workspace({ 'svc.yaml': serviceYaml('a', { app: 'a' }), 'dep.yaml': deploymentYaml('a', { app: 'a' }, [], 'fixed') });
  assert.deepEqual(index.setDefaultNamespace('team'), [uri('svc.yaml'), uri('dep.yaml')]);
  assert.deepEqual(
    index.objectsIn('team').map((object) => object.kind),
    ['Service'],
  );
  assert.deepEqual(
    index.objectsIn('fixed').map((object) => object.kind),
    ['Deployment'],
  );
  assert.deepEqual(index.setDefaultNamespace('team'), []);
});

test('lineOf maps offsets to 0-based lines', () => {
  const index = workspace({ 'x.yaml': 'kind: Service\nmetadata:\n  name: a\n' });
  assert.deepEqual(
    [0, 13, 14, 25].map((offset) => index.lineOf(uri('x.yaml'), offset)),
    [0, 0, 1, 2],
  );
});

test('loadFiles (the initial scan) gives the same index as file-by-file updates, in any order', () => {
  const files: [string, string][] = [
    [uri('app/svc.yaml'), serviceYaml('payments', { app: 'payments' })],
    [uri('app/sm.yaml'), monitor('api', 'payments')],
    [uri('app/kustomization.yaml'), 'namespace: api\n'],
  ];
  const loaded = workspace({});
  loaded.loadFiles(files);
  assert.deepEqual(
    loaded
      .objectsIn('api')
      .map((object) => object.kind)
      .sort(),
    ['Service', 'ServiceMonitor'],
  );
  assert.deepEqual(check(loaded, 'app/sm.yaml'), []);
  const reversed = workspace({});
  reversed.loadFiles([...files].reverse());
  assert.deepEqual(
    reversed
      .objectsIn('api')
      .map((object) => object.kind)
      .sort(),
    ['Service', 'ServiceMonitor'],
  );
});
