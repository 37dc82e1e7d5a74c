import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  connectionView,
  editorLanguages,
  lokiItemVisible,
  prometheusItemVisible,
  urlChosen,
  type ItemRelevance,
} from '../../../client/src/connectionView';

const logql = { promql: false, logql: true };

describe('Loki status item', () => {
  test('speaks of Loki and its label names', () => {
    const view = connectionView({ url: 'http://l:3100', state: 'connected', version: '3.5.1', metricCount: 42 }, undefined, 'Loki');
    assert.equal(view.text, '$(pulse) Loki 3.5.1');
    assert.match(view.tooltip, /^Connected to http:\/\/l:3100 \(Loki 3\.5\.1\)\n42 label names/);
  });

  test("off says which settings turn it off, or the server's reason", () => {
    assert.match(connectionView({ url: '', state: 'disabled' }, undefined, 'Loki').tooltip, /alertsmith\.loki\.enabled is off/);
    const untrusted = { url: 'http://l:3100', state: 'disabled' as const, message: 'live features are off in an untrusted workspace' };
    assert.match(connectionView(untrusted, undefined, 'Loki').tooltip, /untrusted workspace\.$/);
  });

  const none: ItemRelevance = { editor: { promql: false, logql: false }, urlChosen: false, portForward: false, state: undefined };
  const cases: Array<[string, Partial<ItemRelevance>, boolean]> = [
    ['a PromQL user with the default URL and no Loki sees nothing', { state: 'unreachable' }, false],
    ['…nor while it is still connecting', { state: 'connecting' }, false],
    ['editing LogQL shows it, even unreachable', { editor: logql, state: 'unreachable' }, true],
    ['editing LogQL shows why it is off', { editor: logql, state: 'disabled' }, true],
    ['a Loki URL the user set shows it everywhere', { urlChosen: true, state: 'unreachable' }, true],
    ['a port-forward shows it', { portForward: true, state: 'connecting' }, true],
    ['a Loki that answers at the default URL shows it', { state: 'connected' }, true],
  ];
  for (const [title, relevance, visible] of cases) test(title, () => assert.equal(lokiItemVisible({ ...none, ...relevance }), visible));
});

describe('Prometheus status item', () => {
  const none: ItemRelevance = { editor: { promql: false, logql: false }, urlChosen: false, portForward: false, state: undefined };
  const cases: Array<[string, Partial<ItemRelevance>, boolean]> = [
    ['outside LogQL editors it shows, even unreachable at the default URL', { state: 'unreachable' }, true],
    ['…and while it is off', { state: 'disabled' }, true],
    ['in a LogQL editor a Prometheus nobody chose is hidden', { editor: logql, state: 'unreachable' }, false],
    ['in a LogQL editor a Prometheus URL the user set shows it', { editor: logql, urlChosen: true, state: 'unreachable' }, true],
    ['in a LogQL editor a port-forward shows it', { editor: logql, portForward: true, state: 'connecting' }, true],
    ['in a LogQL editor a Prometheus that answers shows it', { editor: logql, state: 'connected' }, true],
    ['a file with PromQL and LogQL shows it', { editor: { promql: true, logql: true }, state: 'unreachable' }, true],
  ];
  for (const [title, relevance, visible] of cases)
    test(title, () => assert.equal(prometheusItemVisible({ ...none, ...relevance }), visible));
});

describe('a server the user chose', () => {
  const cases: Array<[string, Parameters<typeof urlChosen>[0], boolean]> = [
    ['the default alone is no choice', {}, false],
    ['a URL in user settings is', { globalValue: 'http://prometheus:9090' }, true],
    ['a URL emptied to turn live features off is not', { globalValue: '' }, false],
    ['an emptied workspace URL wins over the user one', { globalValue: 'http://p:9090', workspaceValue: ' ' }, false],
    ['a folder URL wins over an emptied workspace one', { workspaceValue: '', workspaceFolderValue: 'http://p:9090' }, true],
  ];
  for (const [title, inspected, chosen] of cases) test(title, () => assert.equal(urlChosen(inspected), chosen));
});

describe('what the active editor holds', () => {
  const cases: Array<[string, Parameters<typeof editorLanguages>, { promql: boolean; logql: boolean }]> = [
    ['a .promql file', ['promql', false], { promql: true, logql: false }],
    ['a .logql file', ['logql', false], { promql: false, logql: true }],
    ['YAML matching alertsmith.logql.ruleFiles', ['yaml', true], { promql: false, logql: true }],
    ['YAML the server found Loki rules in', ['yaml', false, ['logql']], { promql: false, logql: true }],
    ['YAML with both', ['yaml', false, ['promql', 'logql']], { promql: true, logql: true }],
    ['YAML the server has not checked yet', ['yaml', false, undefined], { promql: false, logql: false }],
    [
      'YAML the server has not checked yet keeps what the last editor held',
      ['yaml', false, undefined, { promql: false, logql: true }],
      { promql: false, logql: true },
    ],
    [
      'checked YAML no longer looks at the last editor',
      ['yaml', false, [], { promql: false, logql: true }],
      { promql: false, logql: false },
    ],
    [
      'a Markdown file does not keep the last editor',
      ['markdown', false, undefined, { promql: true, logql: false }],
      { promql: false, logql: false },
    ],
    ['a Markdown file', ['markdown', false, ['logql']], { promql: false, logql: false }],
  ];
  for (const [title, args, expected] of cases) test(title, () => assert.deepEqual(editorLanguages(...args), expected));
});
