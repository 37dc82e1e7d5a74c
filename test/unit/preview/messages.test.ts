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
    { ...run, limit: 500 },
    { ...run, limit: 100, more: { endNs: '1767268800123456789', start: 1_767_265_200_000 } },
    { type: 'copy', text: 'level=error msg="<b>boom</b>"' },
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
    ['a fractional limit', { ...run, limit: 10.5 }],
    ['an absurd limit', { ...run, limit: 1e9 }],
    ['a limit as text', { ...run, limit: '500' }],
    ['an endNs that is not a number', { ...run, more: { endNs: '12e9', start: 0 } }],
    ['an endNs as a number', { ...run, more: { endNs: 1767268800123456789, start: 0 } }],
    ['an endNs of 20 digits', { ...run, more: { endNs: '1'.repeat(20), start: 0 } }],
    ['more without a start', { ...run, more: { endNs: '1' } }],
    ['more on an instant run', { ...run, kind: 'instant', more: { endNs: '1', start: 0 } }],
    ['a copy that is not text', { type: 'copy', text: 42 }],
    ['a copy over 1 MiB', { type: 'copy', text: 'x'.repeat((1 << 20) + 1) }],
  ];
  for (const [title, message] of rejected) test(`rejects ${title}`, () => assert.equal(parseWebviewMessage(message), undefined));

  test('drops fields the protocol does not know', () => {
    assert.deepEqual(parseWebviewMessage({ ...run, token: 'x', expr: 'evil' }), run);
    const more = { endNs: '5', start: 1, url: 'http://evil' };
    assert.deepEqual(parseWebviewMessage({ ...run, more }), { ...run, more: { endNs: '5', start: 1 } });
  });

  test('cuts long log messages', () => {
    const parsed = parseWebviewMessage({ type: 'log', level: 'info', message: 'x'.repeat(10_000) });
    assert.ok(parsed?.type === 'log');
    assert.equal(parsed.message.length, 2000);
  });
});
