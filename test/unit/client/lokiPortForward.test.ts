import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { likelyScore, lokiRanking, parseServiceList, scoreLokiService } from '../../../client/src/portForwardTargets';

// Written for this test in the shape of `kubectl get svc -A -o json` on a cluster with the
// grafana/loki Helm chart in simple-scalable mode (release "loki") beside kube-prometheus-stack.
const recorded = readFileSync(join(import.meta.dirname, 'fixtures', 'kubectl-get-svc-loki.json'), 'utf8');

describe('Port-forward Loki: ranking Services', () => {
  test('the gateway comes first, then the read path; only those are pre-selected', () => {
    const result = parseServiceList(recorded, lokiRanking);
    assert.ok('services' in result);
    const likely = result.services.filter((service) => service.score >= likelyScore);
    assert.deepEqual(
      likely.map((service) => `${service.name}:${service.port}`),
      ['loki-gateway:80', 'loki-read:3100'],
    );
  });

  test('the Prometheus ranking of the same list does not pick a Loki', () => {
    const result = parseServiceList(recorded);
    assert.ok('services' in result);
    assert.equal(result.services[0].name, 'prometheus-operated');
    assert.ok(result.services.filter((service) => service.score >= likelyScore).every((service) => !service.name.includes('loki')));
  });

  test('the HTTP port is forwarded, not gRPC, memberlist or memcached', () => {
    assert.deepEqual(
      lokiRanking.preferredPort([
        { port: 9095, name: 'grpc' },
        { port: 3100, name: 'http-metrics' },
      ]),
      {
        port: 3100,
        name: 'http-metrics',
      },
    );
    assert.deepEqual(
      lokiRanking.preferredPort([
        { port: 9095, name: 'grpc' },
        { port: 80, name: 'http' },
      ]),
      { port: 80, name: 'http' },
    );
    assert.deepEqual(lokiRanking.preferredPort([{ port: 11211, name: 'client' }, { port: 80 }]), { port: 80 });
  });

  const loki = { 'app.kubernetes.io/name': 'loki' };
  const cases: Array<[string, Record<string, string>, { port: number; name?: string }, 'likely' | 'unlikely']> = [
    ['loki', {}, { port: 3100 }, 'likely'], // single binary
    ['loki-stack', { app: 'loki' }, { port: 3100 }, 'likely'], // the old loki-stack chart
    ['logs-loki-distributed-query-frontend', { 'app.kubernetes.io/name': 'loki-distributed' }, { port: 3100 }, 'likely'],
    ['logs-loki-distributed-gateway', {}, { port: 80 }, 'likely'],
    ['my-grafana-loki-gateway', { 'app.kubernetes.io/name': 'grafana-loki' }, { port: 80 }, 'likely'], // Bitnami
    ['lokistack-dev-query-frontend-http', { 'app.kubernetes.io/name': 'lokistack' }, { port: 3100 }, 'likely'], // Loki Operator
    ['loki-querier', loki, { port: 3100 }, 'likely'],
    ['loki-write', loki, { port: 3100 }, 'unlikely'],
    ['loki-index-gateway', loki, { port: 3100 }, 'unlikely'],
    ['loki-read-headless', loki, { port: 3100 }, 'unlikely'],
    ['loki-canary', loki, { port: 3500 }, 'unlikely'],
    ['loki-promtail', {}, { port: 3101 }, 'unlikely'],
    ['grafana', { 'app.kubernetes.io/name': 'grafana' }, { port: 80 }, 'unlikely'],
    ['api-gateway', {}, { port: 80 }, 'unlikely'],
  ];
  for (const [name, labels, port, expected] of cases) {
    test(`${name}:${port.port} is ${expected}`, () =>
      assert.equal(scoreLokiService(name, labels, port) >= likelyScore ? 'likely' : 'unlikely', expected));
  }
});
