import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { credentialKey, legacyPrometheusKey, sameServer, serverUrlKey } from '../../../client/src/connectionKeys';

describe('credentials are keyed by server URL', () => {
  const same: Array<[string, string]> = [
    ['http://localhost:9090', 'http://localhost:9090/'],
    ['http://LOCALHOST:9090', 'http://localhost:9090'],
    ['https://prom.example.com:443/', 'https://prom.example.com'],
    ['http://prom.example.com:80', 'http://prom.example.com'],
    ['  http://127.0.0.1:41234 ', 'http://127.0.0.1:41234'],
    ['https://gw.example.com/prometheus/', 'https://gw.example.com/prometheus'],
    ['https://user:secret@prom.example.com', 'https://prom.example.com'],
  ];
  for (const [a, b] of same) test(`${a.trim()} and ${b} share credentials`, () => assert.ok(sameServer(a, b)));

  const different: Array<[string, string]> = [
    ['http://localhost:9090', 'http://127.0.0.1:9090'],
    ['http://localhost:9090', 'http://localhost:9091'],
    ['http://prom.example.com', 'https://prom.example.com'],
    ['https://gw.example.com/prometheus', 'https://gw.example.com/loki'],
    ['https://prom-a.example.com', 'https://prom-b.example.com'],
  ];
  for (const [a, b] of different) {
    test(`${a} and ${b} do not`, () => {
      assert.ok(!sameServer(a, b));
      assert.notEqual(credentialKey('prometheus', a), credentialKey('prometheus', b));
    });
  }

  test('Prometheus and Loki at one URL keep separate secrets', () =>
    assert.notEqual(credentialKey('prometheus', 'https://gw.example.com'), credentialKey('loki', 'https://gw.example.com')));

  test('a key never holds the password of a URL', () => {
    const key = credentialKey('loki', 'https://admin:hunter2@loki.example.com/?token=x#y');
    assert.equal(key, 'alertsmith.loki.auth@https://loki.example.com');
  });

  test('no URL, no key; the pre-URL secret has its own name', () => {
    assert.equal(credentialKey('prometheus', '  '), undefined);
    assert.notEqual(credentialKey('prometheus', 'http://localhost:9090'), legacyPrometheusKey);
  });

  test('anything but an http(s) URL is only trimmed', () => {
    assert.equal(serverUrlKey(' prometheus:9090/ '), 'prometheus:9090');
    assert.equal(serverUrlKey('not a url'), 'not a url');
  });
});
