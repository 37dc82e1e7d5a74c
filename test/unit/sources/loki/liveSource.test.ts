import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { LokiLiveSource } from '../../../../server/src/sources/loki/liveSource';
import { FakeLoki } from '../../../fixtures/loki/fakeLoki';
import { sampleStreams } from '../../../fixtures/loki/streams';

describe('LokiLiveSource: answers from the cache, fetches in the background', () => {
  let loki: FakeLoki;
  before(async () => (loki = await FakeLoki.start(sampleStreams)));
  after(() => loki.stop());

  it('a miss answers undefined at once; settle() waits for the lookup; then the cache answers', async () => {
    const source = new LokiLiveSource({ url: loki.url });
    try {
      assert.equal(source.status().state, 'connecting');
      assert.equal(source.labelValues('app'), undefined);
      assert.equal(await source.settle(5000), true);
      assert.deepEqual(source.labelValues('app'), ['api', 'web', 'worker']);
      assert.equal(await source.settle(5000), false, 'nothing under way');
      // Scoped lookups are their own cache entries: `query={namespace="prod"}`.
      assert.equal(source.labelValues('app', [{ label: 'namespace', op: '=', value: 'prod' }]), undefined);
      await source.settle(5000);
      assert.deepEqual(source.labelValues('app', [{ label: 'namespace', op: '=', value: 'prod' }]), ['api', 'web']);
      const path = '/loki/api/v1/label/app/values';
      const asked = loki.count(path);
      for (let i = 0; i < 50; i++) source.labelValues('app');
      assert.equal(loki.count(path), asked, 'repeated reads do not reach Loki');
    } finally {
      source.dispose();
    }
  });

  it('label names make it reachable and count in the status; listeners hear about it', async () => {
    const source = new LokiLiveSource({ url: loki.url });
    try {
      const changed = new Promise<void>((resolve) => source.onDidChange(resolve));
      source.warm();
      await changed;
      assert.equal(source.reachable, true);
      assert.deepEqual(source.status(), { url: loki.url, state: 'connected', metricCount: 3 });
      const worker = [{ label: 'app', op: '=' as const, value: 'worker' }];
      assert.equal(source.labelNames(worker), undefined);
      await source.settle(5000);
      assert.deepEqual(source.labelNames(worker), ['app', 'level', 'namespace']);
      assert.equal(loki.requests.at(-1)?.params.get('query'), '{app="worker"}');
    } finally {
      source.dispose();
    }
  });

  it("a selector's streams come from /loki/api/v1/series (POST match[]), cached; no selector, no request", async () => {
    const source = new LokiLiveSource({ url: loki.url });
    try {
      const prod = [{ label: 'namespace', op: '=' as const, value: 'prod' }];
      const asked = loki.count('/loki/api/v1/series');
      assert.equal(source.streams([]), undefined);
      assert.equal(loki.count('/loki/api/v1/series'), asked, 'Loki wants a selector');
      assert.equal(source.streams(prod), undefined);
      assert.equal(await source.settle(5000), true);
      const streams = source.streams(prod);
      assert.ok(streams && streams.length > 0 && streams.every((set) => set.namespace === 'prod'), JSON.stringify(streams));
      const request = loki.requests.find((r) => r.path === '/loki/api/v1/series')!;
      assert.equal(request.method, 'POST');
      assert.deepEqual(request.params.getAll('match[]'), ['{namespace="prod"}']);
      for (let i = 0; i < 20; i++) source.streams(prod);
      assert.equal(loki.count('/loki/api/v1/series'), asked + 1, 'answered from the cache');
    } finally {
      source.dispose();
    }
  });

  it('an unreachable Loki says why, and is not asked again within the error TTL', async () => {
    const down = await FakeLoki.start([]);
    const url = down.url;
    await down.stop();
    const source = new LokiLiveSource({ url, timeoutMs: 2000 });
    try {
      const changed = new Promise<void>((resolve) => source.onDidChange(resolve));
      source.warm();
      await changed;
      const status = source.status();
      assert.equal(status.state, 'unreachable');
      assert.match(status.message ?? '', /ECONNREFUSED/);
      source.warm();
      assert.equal(await source.settle(1000), false, 'the failure is cached');
    } finally {
      source.dispose();
    }
  });
});
