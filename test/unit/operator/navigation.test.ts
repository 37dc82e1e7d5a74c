import { test } from 'node:test';
import assert from 'node:assert/strict';
import { matchCountTitle, selectorHoverMarkdown, selectorMatchesAt, selectorsOf } from '../../../server/src/service/operator/navigation';
import { serviceYaml, uri, workspace } from './helpers';

const monitorText =
  'kind: ServiceMonitor\nmetadata: {name: m, namespace: api, labels: {team: a}}\nspec:\n  selector:\n    matchLabels: {app: pay|ments}\n  endpoints: [{port: metrics}]\n';

function setup() {
  const cursor = monitorText.indexOf('|');
  const index = workspace({
    'sm.yaml': monitorText.replace('|', ''),
    'svc1.yaml': serviceYaml('payments', { app: 'payments' }, { namespace: 'api' }),
    'svc2.yaml': '# two\n' + serviceYaml('payments-canary', { app: 'payments' }, { namespace: 'api' }),
    'svc3.yaml': serviceYaml('payments', { app: 'payments' }, { namespace: 'web' }),
    'prom.yaml': 'kind: Prometheus\nmetadata: {name: k8s, namespace: api}\nspec:\n  serviceMonitorSelector: {matchLabels: {team: a}}\n',
  });
  return { index, cursor };
}

test('the selector under the cursor lists the Services it matches, with links', () => {
  const { index, cursor } = setup();
  const entry = selectorMatchesAt(uri('sm.yaml'), cursor, index);
  assert.ok(entry);
  assert.deepEqual(
    entry.matches.map((m) => `${m.uri.replace('file:///w/', '')}:${m.line} ${m.namespace}/${m.name}`),
    ['svc1.yaml:3 api/payments', 'svc2.yaml:4 api/payments-canary'],
  );
  assert.equal(matchCountTitle(entry), 'matches 2 Services');
  const hover = selectorHoverMarkdown(entry);
  assert.match(hover, /\[api\/payments-canary\]\(file:\/\/\/w\/svc2\.yaml#L5\)/);
  assert.equal(selectorMatchesAt(uri('sm.yaml'), 0, index), undefined);
});

test('a Prometheus selector lists the monitors it selects', () => {
  const { index } = setup();
  const [entry] = selectorsOf(uri('prom.yaml'), index);
  assert.equal(matchCountTitle(entry), 'matches 1 ServiceMonitor');
  assert.deepEqual(
    entry.matches.map((m) => m.name),
    ['m'],
  );
});
