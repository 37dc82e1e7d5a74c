import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { connectionView } from '../../../client/src/connectionView';

describe('connectionView', () => {
  const cases: Array<[string, Parameters<typeof connectionView>, { text: RegExp; tooltip: RegExp; tone: 'normal' | 'warning' }]> = [
    ['before the first answer', [undefined], { text: /sync~spin/, tooltip: /Checking/, tone: 'normal' }],
    [
      'connected with a version',
      [{ url: 'http://p:9090', state: 'connected', version: '3.5.0', metricCount: 1234 }],
      { text: /Prometheus 3\.5\.0$/, tooltip: /Connected to http:\/\/p:9090 \(Prometheus 3\.5\.0\)\n1,234 metric names/, tone: 'normal' },
    ],
    [
      'connected, version unknown',
      [{ url: 'http://p:9090', state: 'connected' }],
      { text: /\$\(pulse\) Prometheus$/, tooltip: /Connected to http:\/\/p:9090\n/, tone: 'normal' },
    ],
    [
      'unreachable says why',
      [{ url: 'http://p:9090', state: 'unreachable', message: 'ECONNREFUSED' }],
      { text: /unreachable/, tooltip: /is unreachable:\nECONNREFUSED/, tone: 'warning' },
    ],
    ['off', [{ url: '', state: 'disabled' }], { text: /circle-slash/, tooltip: /not trusted/, tone: 'normal' }],
    [
      'through a port-forward',
      [{ url: 'http://127.0.0.1:41234', state: 'connected' }, 'monitoring/prometheus-operated:9090 → 127.0.0.1:41234'],
      { text: /Prometheus/, tooltip: /Port-forward: monitoring\/prometheus-operated/, tone: 'normal' },
    ],
  ];
  for (const [title, args, expected] of cases) {
    test(title, () => {
      const view = connectionView(...args);
      assert.match(view.text, expected.text);
      assert.match(view.tooltip, expected.tooltip);
      assert.equal(view.tone, expected.tone);
    });
  }
});
