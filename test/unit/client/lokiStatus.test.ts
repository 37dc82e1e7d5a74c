import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { connectionView, lokiItemVisible, type LokiRelevance } from '../../../client/src/connectionView';

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

  const none: LokiRelevance = { logqlEditor: false, urlConfigured: false, portForward: false, state: undefined };
  const cases: Array<[string, Partial<LokiRelevance>, boolean]> = [
    ['a PromQL user with the default URL and no Loki sees nothing', { state: 'unreachable' }, false],
    ['…nor while it is still connecting', { state: 'connecting' }, false],
    ['editing LogQL shows it, even unreachable', { logqlEditor: true, state: 'unreachable' }, true],
    ['editing LogQL shows why it is off', { logqlEditor: true, state: 'disabled' }, true],
    ['a Loki URL the user set shows it everywhere', { urlConfigured: true, state: 'unreachable' }, true],
    ['a port-forward shows it', { portForward: true, state: 'connecting' }, true],
    ['a Loki that answers at the default URL shows it', { state: 'connected' }, true],
  ];
  for (const [title, relevance, visible] of cases) test(title, () => assert.equal(lokiItemVisible({ ...none, ...relevance }), visible));
});
