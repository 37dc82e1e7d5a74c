import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { CancellationTokenSource } from 'vscode-languageserver';
import { logqlQueryKind, runLogQLQuery } from '../../../server/src/handlers/runLogQL';
import { HttpLokiClient } from '../../../server/src/sources/loki/httpClient';
import { parseLokiQueryData } from '../../../server/src/sources/loki/queryApi';
import { FakeLoki } from '../../fixtures/loki/fakeLoki';
import { matrixResponse, parseErrorResponse, partialWarning } from '../../fixtures/loki/responses';
import { ns, sampleNow, sampleStreams } from '../../fixtures/loki/streams';
import { sampleTimes } from '../../../server/src/timeRuns';

const hour = 3_600_000;

describe('runQuery for LogQL against a loopback Loki', () => {
  let loki: FakeLoki;
  before(async () => (loki = await FakeLoki.start(sampleStreams)));
  after(() => loki.stop());
  beforeEach(() => {
    loki.override = undefined;
    loki.requests.length = 0;
  });
  const run = (params: Parameters<typeof runLogQLQuery>[1], token?: CancellationTokenSource) =>
    runLogQLQuery(new HttpLokiClient({ url: loki.url, timeoutMs: 5000 }), params, () => sampleNow, token?.token);

  it('a log query: newest lines first, stream labels, structured metadata, limit not reached', async () => {
    const result = await run({ expr: '{namespace="prod"}', language: 'logql', kind: 'range' });
    assert.ok(result.ok && result.data.resultType === 'streams');
    const sent = loki.requests[0];
    assert.equal(sent.path, '/loki/api/v1/query_range');
    assert.equal(sent.params.get('direction'), 'backward');
    assert.equal(sent.params.get('limit'), '500');
    assert.equal(sent.params.get('end'), ns(sampleNow));
    assert.equal(sent.params.get('start'), ns(sampleNow - hour));
    assert.equal(sent.headers['x-loki-response-encoding-flags'], 'categorize-labels');
    const streams = result.data.streams;
    assert.deepEqual(
      streams.map((s) => s.labels.app),
      ['api', 'web'],
    );
    const lines = streams.flatMap((s) => s.entries);
    assert.equal(lines.length, 5);
    for (const stream of streams)
      for (let i = 1; i < stream.entries.length; i++) assert.ok(stream.entries[i - 1].time >= stream.entries[i].time, 'newest first');
    const traced = lines.find((line) => line.line.startsWith('GET /index.html'));
    assert.deepEqual(traced?.metadata, { trace_id: '4bf92f3577b34da6' });
    assert.equal(traced?.timeNs, ns(sampleNow - 3 * 60_000, 1));
    assert.equal(traced?.time, sampleNow - 3 * 60_000);
    assert.equal(result.limitReached, false);
  });

  it('limit reached, then "load more" from the oldest line (endNs is exclusive)', async () => {
    const first = await run({ expr: '{app="api"} |= "level"', language: 'logql', kind: 'range', limit: 2 });
    assert.ok(first.ok && first.data.resultType === 'streams');
    assert.equal(first.limitReached, true);
    const shown = first.data.streams.flatMap((s) => s.entries);
    assert.equal(shown.length, 2);
    const oldest = shown.reduce((a, b) => (BigInt(a.timeNs) < BigInt(b.timeNs) ? a : b));

    const more = await run({ expr: '{app="api"} |= "level"', language: 'logql', kind: 'range', limit: 2, endNs: oldest.timeNs });
    assert.equal(loki.requests[1].params.get('end'), oldest.timeNs);
    assert.ok(more.ok && more.data.resultType === 'streams');
    const next = more.data.streams.flatMap((s) => s.entries.map((e) => e.line));
    assert.deepEqual(next.sort(), ['level=error msg="db unavailable" path=/users', 'level=error msg="panic recovered" path=/cart']);
    assert.equal(more.limitReached, true);
  });

  it('a metric range query: the chosen step is sent, the answer is a matrix', async () => {
    const result = await run({
      expr: 'sum by (app) (count_over_time({namespace="prod"}[5m]))',
      language: 'logql',
      kind: 'range',
      start: sampleNow - hour,
      end: sampleNow,
    });
    assert.ok(result.ok && result.data.resultType === 'matrix');
    assert.equal(loki.requests[0].params.get('step'), '15');
    assert.equal(result.stepMs, 15_000);
    assert.equal(result.data.series.length, 2);
    assert.equal(sampleTimes(result.data.series[0].timeRuns)[0], sampleNow - hour);
  });

  it('a metric instant query is a vector at the requested time', async () => {
    const result = await run({ expr: 'count_over_time({app="worker"}[1h])', language: 'logql', kind: 'instant', time: sampleNow });
    assert.equal(loki.requests[0].path, '/loki/api/v1/query');
    assert.equal(loki.requests[0].params.get('time'), ns(sampleNow));
    assert.ok(result.ok);
    assert.deepEqual(result.data, {
      resultType: 'vector',
      series: [{ metric: sampleStreams[3].labels, timeRuns: [sampleNow, 0, 1], values: [1] }],
    });
  });

  it("Loki's parse error comes back as the server's message", async () => {
    loki.override = () => parseErrorResponse(1, 13, 'syntax error: unexpected IDENTIFIER, expecting STRING');
    const result = await run({ expr: '{app="api"} |= error', language: 'logql', kind: 'range' });
    assert.deepEqual(result, {
      ok: false,
      kind: 'api',
      status: 400,
      errorType: undefined,
      message: 'loki/api/v1/query_range: parse error at line 1, col 13: syntax error: unexpected IDENTIFIER, expecting STRING',
    });
  });

  it('a partial answer keeps its data and shows the warning', async () => {
    loki.override = () => matrixResponse([{ metric: { app: 'api' }, values: [[sampleNow / 1000, '3']] }], [partialWarning(500)]);
    const result = await run({ expr: 'count_over_time({app=~".+"}[5m])', language: 'logql', kind: 'range' });
    assert.ok(result.ok);
    assert.deepEqual(result.warnings, [partialWarning(500)]);
    assert.equal(result.data.resultType === 'matrix' && result.data.series.length, 1);
  });

  it('cancelling aborts the request to Loki', async () => {
    loki.override = () => 'hang';
    const source = new CancellationTokenSource();
    const pending = run({ expr: '{app="api"}', language: 'logql', kind: 'range' }, source);
    for (let i = 0; i < 200 && loki.requests.length === 0; i++) await new Promise((resolve) => setImmediate(resolve));
    source.cancel();
    const result = await pending;
    assert.equal(result.ok ? 'ok' : result.kind, 'aborted');
  });
});

describe('LogQL result parsing', () => {
  it('log or metric query', () => {
    assert.equal(logqlQueryKind('{app="api"} |= "x" | json'), 'log');
    assert.equal(logqlQueryKind('sum(rate({app="api"}[5m]))'), 'metric');
    assert.equal(logqlQueryKind('{app="api" |= '), 'log');
  });
  it('streams with and without categorized labels; malformed entries are refused', () => {
    const data = parseLokiQueryData({
      resultType: 'streams',
      encodingFlags: ['categorize-labels'],
      result: [
        {
          stream: { app: 'a' },
          values: [
            ['2', 'x', { parsed: { status: '500' } }],
            ['1', 'y'],
          ],
        },
      ],
      stats: {},
    });
    assert.deepEqual(data, {
      resultType: 'streams',
      streams: [
        {
          labels: { app: 'a' },
          entries: [
            { timeNs: '2', line: 'x', metadata: { status: '500' } },
            { timeNs: '1', line: 'y' },
          ],
        },
      ],
    });
    const bad = parseLokiQueryData({ resultType: 'streams', result: [{ stream: {}, values: [[1, 'x']] }] });
    assert.equal('kind' in bad && bad.kind, 'invalid-response');
  });
});
