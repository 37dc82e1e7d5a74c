import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import {
  describeKubectlFailure,
  forwardingPort,
  likelyScore,
  listServicesArgs,
  parseServiceList,
  portForwardArgs,
  scoreService,
} from '../../../client/src/portForwardTargets';

// Written for this test in the shape of `kubectl get svc -A -o json` on a kube-prometheus-stack cluster.
const recorded = readFileSync(join(import.meta.dirname, 'fixtures', 'kubectl-get-svc.json'), 'utf8');

describe('parseServiceList', () => {
  test('the Prometheus services come first and only they are pre-selected', () => {
    const result = parseServiceList(recorded);
    assert.ok('services' in result);
    const names = result.services.map((service) => `${service.namespace}/${service.name}:${service.port}`);
    const likely = result.services.filter((service) => service.score >= likelyScore).length;
    assert.equal(likely, 2);
    assert.deepEqual(names.slice(0, likely).sort(), [
      'monitoring/kps-kube-prometheus-stack-prometheus:9090',
      'monitoring/prometheus-operated:9090',
    ]);
  });

  test('every service with a TCP port is listed; UDP-only ports and nameless items are not', () => {
    const result = parseServiceList(recorded);
    assert.ok('services' in result);
    assert.equal(result.services.length, 10);
    assert.equal(result.services.find((service) => service.name === 'kube-dns')?.port, 53);
    assert.equal(
      result.services.find((service) => service.name === 'broken'),
      undefined,
    );
  });

  test('not JSON, or JSON without items, is an error in words', () => {
    assert.deepEqual(parseServiceList('error: You must be logged in to the server'), {
      error: 'kubectl did not print JSON: error: You must be logged in to the server',
    });
    assert.deepEqual(parseServiceList('{"kind":"Status"}'), { error: 'kubectl printed JSON without an `items` list' });
  });
});

describe('scoreService', () => {
  const cases: Array<[string, Record<string, string>, { port: number; name?: string }, 'likely' | 'unlikely']> = [
    ['prometheus-operated', {}, { port: 9090, name: 'web' }, 'likely'],
    ['my-kube-prometheus-stack-prometheus', {}, { port: 9090 }, 'likely'],
    ['prometheus-server', { 'app.kubernetes.io/name': 'prometheus' }, { port: 80 }, 'likely'],
    ['metrics', {}, { port: 9090 }, 'unlikely'],
    ['kps-kube-prometheus-stack-alertmanager', {}, { port: 9093, name: 'http-web' }, 'unlikely'],
    ['prometheus-node-exporter', {}, { port: 9100 }, 'unlikely'],
    ['prometheus-pushgateway', {}, { port: 9091 }, 'unlikely'],
  ];
  for (const [name, labels, port, expected] of cases) {
    test(`${name}:${port.port} is ${expected}`, () =>
      assert.equal(scoreService(name, labels, port) >= likelyScore ? 'likely' : 'unlikely', expected));
  }

  test("the chart's Services for scraping cluster components rank below an application's 9090", () => {
    const application = scoreService('payments-api', { app: 'payments-api' }, { port: 9090, name: 'metrics' });
    const components: Array<[string, number]> = [
      ['kube-prometheus-stack-kubelet', 10250],
      ['kube-prometheus-stack-coredns', 9153],
      ['kps-kube-prometheus-stack-kube-etcd', 2381],
      ['kps-kube-prometheus-stack-kube-scheduler', 10259],
      ['kps-kube-prometheus-stack-kube-controller-manager', 10257],
      ['kps-kube-prometheus-stack-kube-proxy', 10249],
    ];
    for (const [name, port] of components) assert.ok(scoreService(name, {}, { port }) < application, name);
  });
});

describe('kubectl arguments and output', () => {
  test('port-forward binds to loopback and honours the context', () => {
    assert.deepEqual(portForwardArgs({ namespace: 'monitoring', name: 'prometheus-operated', port: 9090 }, 41234, 'kind-dev'), [
      '--context',
      'kind-dev',
      'port-forward',
      '--namespace',
      'monitoring',
      'svc/prometheus-operated',
      '41234:9090',
      '--address',
      '127.0.0.1',
    ]);
    assert.deepEqual(listServicesArgs(' '), ['get', 'svc', '--all-namespaces', '--output', 'json']);
  });

  test('the forwarding line gives the local port', () => {
    assert.equal(forwardingPort('Forwarding from 127.0.0.1:41234 -> 9090'), 41234);
    assert.equal(forwardingPort('Handling connection for 41234'), undefined);
  });

  const failures: Array<[Parameters<typeof describeKubectlFailure>[1], RegExp]> = [
    [{ spawnError: 'spawn kubectl ENOENT' }, /kubectl was not found at "kubectl".*alertsmith\.kubectl\.path/],
    [
      { exitCode: 1, stderr: 'The connection to the server localhost:8080 was refused - did you specify the right host or port?\n' },
      /was refused.*Is the cluster reachable/,
    ],
    [{ exitCode: 1, stderr: 'error: context "prod" does not exist\n' }, /context "prod" does not exist.*alertsmith\.kubectl\.context/],
    [
      { exitCode: 1, stderr: 'Error from server (Forbidden): services is forbidden: User "x" cannot list resource\n' },
      /Forbidden.*credentials/,
    ],
    [{ exitCode: 137, stderr: '' }, /exited with code 137/],
  ];
  for (const [failure, expected] of failures) {
    test(`failure: ${failure.spawnError ?? failure.stderr?.slice(0, 40) ?? failure.exitCode}`, () =>
      assert.match(describeKubectlFailure('Listing services', failure, 'kubectl'), expected));
  }
});
