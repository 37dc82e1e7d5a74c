import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { WireLogEntry, WireStream } from '../../../server/src/protocol';
import {
  compactLabels,
  compareNs,
  emptyLogList,
  factorLabels,
  findMatches,
  formatLabels,
  mergeStreams,
  loadMoreEndNs,
  oldestNs,
  refreshedList,
} from '../../../client/webview/logRows';

/** A line at `ns` nanoseconds (a string, as on the wire). */
function entry(ns: string, line: string): WireLogEntry {
  return { time: Number(BigInt(ns) / 1_000_000n), timeNs: ns, line };
}

const api1 = { app: 'api', pod: 'api-1' };
const api2 = { app: 'api', pod: 'api-2' };

describe('mergeStreams', () => {
  test('lines of all streams, newest first to the nanosecond (beyond 2^53)', () => {
    const page: WireStream[] = [
      { labels: api1, entries: [entry('1767268800000000900', 'a3'), entry('1767268800000000100', 'a1')] },
      { labels: api2, entries: [entry('1767268800000000500', 'b2'), entry('999', 'b0')] },
    ];
    const list = mergeStreams(emptyLogList, page);
    assert.deepEqual(
      list.rows.map((row) => [row.line, row.stream]),
      [
        ['a3', 0],
        ['b2', 1],
        ['a1', 0],
        ['b0', 1],
      ],
    );
    assert.deepEqual(list.streams, [api1, api2]);
    assert.equal(oldestNs(list), '999');
  });

  test('a next page appends older lines, reuses label sets in any key order, and drops repeated lines', () => {
    const first = mergeStreams(emptyLogList, [{ labels: api1, entries: [entry('300', 'c'), entry('200', 'b')] }]);
    const next = mergeStreams(first, [
      { labels: { pod: 'api-1', app: 'api' }, entries: [entry('200', 'b'), entry('100', 'a')] },
      { labels: api2, entries: [entry('150', 'x')] },
    ]);
    assert.deepEqual(
      next.rows.map((row) => row.line),
      ['c', 'b', 'x', 'a'],
    );
    assert.equal(next.streams.length, 2);
    assert.equal(first.rows.length, 2, 'the earlier list is not changed');
  });

  test('equal timestamps keep the order Loki sent; the same text in two streams is two lines', () => {
    const list = mergeStreams(emptyLogList, [
      { labels: api1, entries: [entry('5', 'first'), entry('5', 'second')] },
      { labels: api2, entries: [entry('5', 'first')] },
    ]);
    assert.deepEqual(
      list.rows.map((row) => `${row.stream}:${row.line}`),
      ['0:first', '0:second', '1:first'],
    );
  });

  test('"load more" ends one past the oldest nanosecond, or at it when the last page added nothing', () => {
    const list = mergeStreams(emptyLogList, [{ labels: api1, entries: [entry('1767268800000000999', 'x')] }]);
    assert.equal(loadMoreEndNs(list, false), '1767268800000001000', 'exact beyond 2^53');
    assert.equal(loadMoreEndNs(list, true), '1767268800000000999');
    assert.equal(loadMoreEndNs(emptyLogList, false), undefined);
  });

  test('an auto-refresh joins the lines listed where it reaches back to them, less those the range left behind', () => {
    const listed = mergeStreams(emptyLogList, [
      { labels: api1, entries: [entry('3000000', 'c'), entry('2000000', 'b'), entry('1000000', 'a')] },
    ]);
    const page = (...entries: WireStream['entries']) => [{ labels: api1, entries }];
    const joined = refreshedList(listed, page(entry('4000000', 'd'), entry('3000000', 'c')), true, 0);
    assert.deepEqual(
      joined?.rows.map((row) => row.line),
      ['d', 'c', 'b', 'a'],
    );
    assert.deepEqual(
      refreshedList(listed, page(entry('4000000', 'd'), entry('3000000', 'c')), true, 2)?.rows.map((row) => row.line),
      ['d', 'c', 'b'],
      'lines older than the range start (2 ms) are dropped',
    );
    assert.equal(refreshedList(listed, page(entry('5000000', 'e'), entry('4000000', 'd')), true, 0), undefined, 'a gap');
    assert.equal(refreshedList(listed, page(entry('4000000', 'd'), entry('3000000', 'c')), false, 0), undefined, 'the whole range');
    assert.equal(refreshedList(emptyLogList, page(entry('4000000', 'd')), true, 0), undefined);
    assert.equal(refreshedList(listed, [], true, 0), undefined);
  });

  test('structured metadata rides along; an empty page changes nothing', () => {
    const list = mergeStreams(emptyLogList, [{ labels: api1, entries: [{ ...entry('1', 'x'), metadata: { trace_id: 'abc' } }] }]);
    assert.deepEqual(list.rows[0].metadata, { trace_id: 'abc' });
    assert.deepEqual(mergeStreams(list, []).rows, list.rows);
    assert.equal(oldestNs(emptyLogList), undefined);
  });
});

describe('compareNs', () => {
  const cases: Array<[string, string, number]> = [
    ['1767268800000000001', '1767268800000000000', 1],
    ['999', '1000', -1],
    ['0042', '42', 0],
    ['0', '0', 0],
  ];
  for (const [a, b, sign] of cases) test(`${a} vs ${b}`, () => assert.equal(Math.sign(compareNs(a, b)), sign));
});

describe('factorLabels', () => {
  test('labels all streams share are factored out; the most varied label comes first on a row', () => {
    const { common, own } = factorLabels([
      { namespace: 'shop', app: 'checkout', pod: 'c-1' },
      { namespace: 'shop', app: 'checkout', pod: 'c-2' },
      { namespace: 'shop', app: 'payments', pod: 'p-1' },
    ]);
    assert.deepEqual(common, { namespace: 'shop' });
    assert.deepEqual(own, [
      [
        ['pod', 'c-1'],
        ['app', 'checkout'],
      ],
      [
        ['pod', 'c-2'],
        ['app', 'checkout'],
      ],
      [
        ['pod', 'p-1'],
        ['app', 'payments'],
      ],
    ]);
  });

  test('a label some streams lack is not common; one stream has only common labels; none has nothing', () => {
    assert.deepEqual(factorLabels([{ a: '1', b: '2' }, { a: '1' }]).common, { a: '1' });
    assert.deepEqual(factorLabels([api1]), { common: api1, own: [[]] });
    assert.deepEqual(factorLabels([]), { common: {}, own: [] });
  });
});

describe('label text', () => {
  test('the header writes a selector; rows are compact and quote only what needs it', () => {
    assert.equal(formatLabels({ pod: 'a', app: 'x"y' }), 'app="x\\"y", pod="a"');
    assert.equal(
      compactLabels([
        ['pod', 'api-7d9f8-abcde'],
        ['job', 'shop/api'],
        ['msg', 'two words'],
        ['empty', ''],
      ]),
      'pod=api-7d9f8-abcde job=shop/api msg="two words" empty=""',
    );
  });
});

describe('findMatches', () => {
  const cases: Array<[string, string, Array<[number, number]>]> = [
    ['Payment gateway TIMEOUT', 'timeout', [[16, 23]]],
    [
      'aaaa',
      'aa',
      [
        [0, 2],
        [2, 4],
      ],
    ],
    ['no match', 'xyz', []],
    ['anything', '', []],
    // `İ` lower-cases to two characters: positions must still be those of the original text.
    ['İstanbul error', 'error', [[9, 14]]],
  ];
  for (const [text, needle, expected] of cases)
    test(`${JSON.stringify(needle)} in ${JSON.stringify(text)}`, () => assert.deepEqual(findMatches(text, needle), expected));
});
