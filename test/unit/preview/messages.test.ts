import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseWebviewMessage } from '../../../client/src/preview/messages';

const run = { type: 'run', source: 'q-1', seq: 3, kind: 'range', rangeMs: 3_600_000, stepMs: null, width: 800 };

describe('parseWebviewMessage', () => {
  const accepted: unknown[] = [
    { type: 'ready' },
    run,
    { ...run, kind: 'instant', stepMs: 15_000 },
    { type: 'cancel', source: 'q-1', seq: 3 },
    { type: 'rendered', source: 'q-1', seq: 3, ms: 42.5, series: 50, points: 50_000 },
    { type: 'log', level: 'error', message: 'boom' },
  ];
  for (const message of accepted) test(`accepts ${JSON.stringify(message)}`, () => assert.deepEqual(parseWebviewMessage(message), message));

  const rejected: Array<[string, unknown]> = [
    ['not an object', 'run'],
    ['null', null],
    ['an array', [run]],
    ['an unknown type', { type: 'fetch', url: 'http://evil' }],
    ['a bad kind', { ...run, kind: 'both' }],
    ['a source with odd characters', { ...run, source: '../../etc' }],
    ['a negative seq', { ...run, seq: -1 }],
    ['a fractional seq', { ...run, seq: 1.5 }],
    ['a range under a second', { ...run, rangeMs: 10 }],
    ['an absurd range', { ...run, rangeMs: 1e15 }],
    ['a NaN step', { ...run, stepMs: Number.NaN }],
    ['a step as text', { ...run, stepMs: '15s' }],
    ['a missing width', { ...run, width: undefined }],
    ['a log with a bad level', { type: 'log', level: 'warn', message: 'x' }],
  ];
  for (const [title, message] of rejected) test(`rejects ${title}`, () => assert.equal(parseWebviewMessage(message), undefined));

  test('drops fields the protocol does not know', () => {
    assert.deepEqual(parseWebviewMessage({ ...run, token: 'x', expr: 'evil' }), run);
  });

  test('cuts long log messages', () => {
    const parsed = parseWebviewMessage({ type: 'log', level: 'info', message: 'x'.repeat(10_000) });
    assert.ok(parsed?.type === 'log');
    assert.equal(parsed.message.length, 2000);
  });
});
