import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { HttpLokiClient, toNanos } from '../../../../server/src/sources/loki/httpClient';
import { readLokiSettings } from '../../../../server/src/sources/loki/liveSource';
import { FakeLoki } from '../../../fixtures/loki/fakeLoki';
import { parseErrorResponse, timeoutErrorResponse } from '../../../fixtures/loki/responses';
import { sampleNow, sampleStreams } from '../../../fixtures/loki/streams';

describe('HttpLokiClient against a loopback Loki', () => {
  let loki: FakeLoki;
  before(async () => (loki = await FakeLoki.start(sampleStreams)));
  after(() => loki.stop());
  beforeEach(() => {
    loki.override = undefined;
    loki.requests.length = 0;
  });
  const client = () => new HttpLokiClient({ url: loki.url, timeoutMs: 2000 });
  const window = { start: sampleNow - 3_600_000, end: sampleNow };

  it('label names, with the window in nanoseconds', async () => {
    const result = await client().labelNames(undefined, { window });
    assert.deepEqual(result, { ok: true, value: ['app', 'level', 'namespace'] });
    const sent = loki.requests[0].params;
    assert.equal(sent.get('start'), '1767265200000000000');
    assert.equal(sent.get('end'), '1767268800000000000');
    assert.equal(sent.has('query'), false);
  });

  it('label values scoped with query=<selector>', async () => {
    const result = await client().labelValues('app', '{namespace="prod"}');
    assert.deepEqual(result, { ok: true, value: ['api', 'web'] });
    assert.equal(loki.requests[0].path, '/loki/api/v1/label/app/values');
    assert.equal(loki.requests[0].params.get('query'), '{namespace="prod"}');
  });

  it('label values are cut at the limit', async () => {
    const result = await client().labelValues('app', undefined, { limit: 2 });
    assert.deepEqual(result, { ok: true, value: ['api', 'web'] });
  });

  it('series with match[] in a form body', async () => {
    const result = await client().series(['{app="api"}', '{app="worker"}']);
    assert.ok(result.ok);
    assert.deepEqual(
      result.value.map((set) => `${set.app}/${set.namespace}`),
      ['api/prod', 'api/staging', 'worker/batch'],
    );
    assert.equal(loki.requests[0].method, 'POST');
    assert.deepEqual(loki.requests[0].params.getAll('match[]'), ['{app="api"}', '{app="worker"}']);
  });

  it('build info without an envelope', async () => {
    const result = await client().buildInfo();
    assert.ok(result.ok);
    assert.equal(result.value.version, '3.5.1');
    assert.equal(result.value.goVersion, 'go1.24.3');
  });

  it("Loki's plain-text errors are the server's own message", async () => {
    loki.override = () => parseErrorResponse(1, 6, 'syntax error: unexpected IDENTIFIER');
    const result = await client().labelValues('app', '{app=api}');
    assert.ok(!result.ok);
    assert.equal(result.error.kind, 'api');
    assert.equal(result.error.status, 400);
    assert.equal(result.error.message, 'loki/api/v1/label/app/values: parse error at line 1, col 6: syntax error: unexpected IDENTIFIER');
  });

  it('a 504 from Loki keeps its advice', async () => {
    loki.override = () => timeoutErrorResponse();
    const result = await client().labelNames();
    assert.ok(!result.ok);
    assert.equal(result.error.status, 504);
    assert.match(result.error.message, /request timed out, decrease the duration/);
  });

  it("a proxy's HTML page is an http error, not Loki's", async () => {
    loki.override = () => ({ status: 502, contentType: 'text/html', body: '<html><body><h1>502 Bad Gateway</h1></body></html>' });
    const result = await client().labelNames();
    assert.ok(!result.ok);
    assert.equal(result.error.kind, 'http');
    assert.match(result.error.message, /HTTP 502: 502 Bad Gateway/);
  });

  it('a JSON answer that is not a list is an invalid response', async () => {
    loki.override = () => ({ status: 200, contentType: 'application/json', body: '{"status":"success","data":{"app":"api"}}' });
    const result = await client().labelNames();
    assert.equal(result.ok ? 'ok' : result.error.kind, 'invalid-response');
  });

  it('times out, cancels and caps the size', async () => {
    loki.override = () => 'hang';
    const slow = await new HttpLokiClient({ url: loki.url, timeoutMs: 150 }).labelNames();
    assert.equal(slow.ok ? 'ok' : slow.error.kind, 'timeout');

    const controller = new AbortController();
    const pending = client().labelNames(undefined, { signal: controller.signal });
    controller.abort();
    const cancelled = await pending;
    assert.equal(cancelled.ok ? 'ok' : cancelled.error.kind, 'aborted');

    loki.override = () => ({
      status: 200,
      contentType: 'application/json',
      body: JSON.stringify({ status: 'success', data: ['x'.repeat(4096)] }),
    });
    const big = await new HttpLokiClient({ url: loki.url, maxResponseBytes: 1024 }).labelNames();
    assert.equal(big.ok ? 'ok' : big.error.kind, 'too-large');
  });

  it('sends credentials and extra headers', async () => {
    await new HttpLokiClient({
      url: loki.url,
      auth: { kind: 'bearer', token: 't0k' },
      headers: { 'X-Scope-OrgID': 'team-a' },
    }).labelNames();
    assert.equal(loki.requests[0].headers.authorization, 'Bearer t0k');
    assert.equal(loki.requests[0].headers['x-scope-orgid'], 'team-a');
  });
});

describe('Loki settings and timestamps', () => {
  it('nanoseconds, never seconds without a fraction (Loki would read those as ns)', () => {
    assert.equal(toNanos(1_700_000_000_123), '1700000000123000000');
  });
  it('alertsmith.loki: defaults, enabled: false, empty URL', () => {
    assert.equal(readLokiSettings(undefined)?.url, 'http://localhost:3100');
    assert.equal(readLokiSettings({ url: 'http://loki:3100', enabled: false }), undefined);
    assert.equal(readLokiSettings({ url: '' }), undefined);
    assert.deepEqual(
      readLokiSettings({ url: 'https://loki.example', headers: { 'X-Scope-OrgID': 'a', 'bad header': 'x' }, timeoutMs: 900 }),
      {
        url: 'https://loki.example',
        auth: undefined,
        headers: { 'X-Scope-OrgID': 'a' },
        tlsSkipVerify: false,
        timeoutMs: 900,
      },
    );
  });
});
