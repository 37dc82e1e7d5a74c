import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import {
  describeKubectlFailure,
  forwardingPort,
  likelyScore,
  listServicesArgs,
  parseServiceList,
  portForwardArgs,
} from '../../client/src/portForwardTargets';
import { freePort } from './codeServer';
import { FakeKubectl } from '../fixtures/kubectl/fakeKubectl';

// The stand-in kubectl the VS Code suite points `alertsmith.kubectl.path` at, run here the way
// client/src/portForward.ts runs it (same arguments, same parsing of its output), against a
// loopback HTTP server standing in for Prometheus. No workbench needed: this always runs.

describe('fake kubectl (test/fixtures/kubectl)', () => {
  let upstream: Server;
  let kubectl: FakeKubectl;

  before(async () => {
    upstream = createServer((request, response) => response.end(`prometheus saw ${request.url}`));
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    kubectl = new FakeKubectl();
    kubectl.configure({ upstream: `127.0.0.1:${(upstream.address() as AddressInfo).port}` });
  });
  after(async () => {
    await kubectl.stop();
    await new Promise((resolve) => upstream.close(resolve));
  });

  test('`get svc -A -o json` lists a kube-prometheus-stack cluster the extension ranks as it should', () => {
    const run = spawnSync(kubectl.path, listServicesArgs('kind-alertsmith'), { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    const parsed = parseServiceList(run.stdout);
    assert.ok('services' in parsed, JSON.stringify(parsed));
    const likely = parsed.services
      .filter((service) => service.score >= likelyScore)
      .map((service) => `${service.namespace}/${service.name}`);
    assert.deepEqual(likely, ['monitoring/kube-prometheus-stack-prometheus', 'monitoring/prometheus-operated']);
    assert.ok(parsed.services.length > 8, 'unrelated Services too');
    assert.equal(parsed.services.find((service) => service.name === 'payments-api')?.port, 9090, 'a 9090 that is not Prometheus');
  });

  test('`port-forward` proxies to the upstream, prints what kubectl prints and dies of SIGTERM', async () => {
    const local = await freePort();
    const target = { namespace: 'monitoring', name: 'kube-prometheus-stack-prometheus', port: 9090 };
    const child = spawn(kubectl.path, portForwardArgs(target, local), { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.setEncoding('utf8');
    const forwarding = new Promise<string>((resolve) =>
      child.stdout.on('data', (chunk: string) => {
        stdout += chunk;
        const line = stdout.split('\n').find((text) => forwardingPort(text) !== undefined);
        if (line) resolve(line);
      }),
    );
    assert.equal(await forwarding, `Forwarding from 127.0.0.1:${local} -> 9090`);
    const answer = await fetch(`http://127.0.0.1:${local}/api/v1/status/buildinfo`);
    assert.equal(await answer.text(), 'prometheus saw /api/v1/status/buildinfo');
    assert.match(stdout, new RegExp(`Handling connection for ${local}\\n`));

    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    child.kill('SIGTERM');
    assert.equal(await exited, 'SIGTERM');
    await assert.rejects(fetch(`http://127.0.0.1:${local}/`), 'nothing listens once it is gone');
    const events = kubectl.events().filter((event) => event.pid === child.pid);
    assert.deepEqual(
      events.map((event) => event.event),
      ['run', 'start', 'listening', 'connection', 'exit'],
    );
  });

  test('`port-forward` to a Service that is gone fails on stderr as kubectl does', () => {
    kubectl.configure({ mode: 'service-not-found' });
    try {
      const target = { namespace: 'monitoring', name: 'kube-prometheus-stack-prometheus', port: 9090 };
      const run = spawnSync(kubectl.path, portForwardArgs(target, 0), { encoding: 'utf8' });
      assert.equal(run.status, 1);
      assert.equal(run.stderr, 'Error from server (NotFound): services "kube-prometheus-stack-prometheus" not found\n');
      assert.equal(
        describeKubectlFailure('Port-forward stopped', { exitCode: run.status, stderr: run.stderr }, kubectl.path),
        'Port-forward stopped: Error from server (NotFound): services "kube-prometheus-stack-prometheus" not found',
      );
    } finally {
      kubectl.configure({ mode: 'forward' });
    }
  });

  test("a busy local port and an unknown Service port fail in kubectl's words", async () => {
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    try {
      const local = (busy.address() as AddressInfo).port;
      const taken = spawnSync(kubectl.path, portForwardArgs({ namespace: 'monitoring', name: 'prometheus-operated', port: 9090 }, local), {
        encoding: 'utf8',
      });
      assert.equal(taken.status, 1);
      assert.match(taken.stderr, new RegExp(`^Unable to listen on port ${local}: .*address already in use`, 'm'));
      assert.match(taken.stderr, new RegExp(`^error: unable to listen on any of the requested ports: \\[\\{${local} 9090\\}\\]$`, 'm'));
    } finally {
      busy.close();
    }
    const wrongPort = spawnSync(kubectl.path, portForwardArgs({ namespace: 'payments', name: 'payments-db', port: 9090 }, 0), {
      encoding: 'utf8',
    });
    assert.equal(wrongPort.stderr, 'error: Service payments-db does not have a service port 9090\n');
  });
});
