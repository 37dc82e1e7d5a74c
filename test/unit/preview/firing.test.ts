import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { WireSeries, WireValue } from '../../../server/src/protocol';
import { firingIntervals, mergeIntervals, type FiringRule } from '../../../client/src/preview/firing';
import { timeRuns } from '../../../server/src/timeRuns';

const step = 60_000;

/** A series from a compact picture: one character per step, `.` = absent, digits = values. */
function series(picture: string): WireSeries {
  const times: number[] = [];
  const values: WireValue[] = [];
  [...picture].forEach((ch, index) => {
    if (ch === '.') return;
    times.push(index * step);
    values.push(ch === 'n' ? 'NaN' : Number(ch));
  });
  return { metric: {}, timeRuns: timeRuns(times), values };
}

/** Intervals as step indexes, for readable expectations. */
function firing(pictures: string[], rule: Partial<FiringRule>): Array<[number, number]> {
  return firingIntervals(pictures.map(series), { stepMs: step, forMs: 0, ...rule }).map(({ start, end }) => [start / step, end / step]);
}

describe('firingIntervals', () => {
  const cases: Array<{ title: string; pictures: string[]; rule: Partial<FiringRule>; expected: Array<[number, number]> }> = [
    {
      title: 'present samples fire at once without for',
      pictures: ['..111...11'],
      rule: {},
      expected: [
        [2, 4],
        [8, 9],
      ],
    },
    { title: 'for: a run must last for before it fires', pictures: ['..1111..11'], rule: { forMs: 2 * step }, expected: [[4, 5]] },
    { title: 'a run shorter than for never fires', pictures: ['.11.11.11.'], rule: { forMs: 2 * step }, expected: [] },
    {
      title: 'threshold: the value side compared with the number',
      pictures: ['1357531'],
      rule: { threshold: { op: '>', value: 4 } },
      expected: [[2, 4]],
    },
    {
      title: 'threshold <= and for together',
      pictures: ['9211129'],
      rule: { threshold: { op: '<=', value: 2 }, forMs: step },
      expected: [[2, 5]],
    },
    {
      title: 'NaN never satisfies a comparison',
      pictures: ['5n5'],
      rule: { threshold: { op: '!=', value: 0 } },
      expected: [
        [0, 0],
        [2, 2],
      ],
    },
    {
      title: 'keep_firing_for extends and bridges short gaps',
      pictures: ['11..11.....'],
      rule: { keepFiringForMs: 3 * step },
      expected: [[0, 8]],
    },
    {
      title: 'keep_firing_for: a run that resumes while firing needs no new for',
      pictures: ['111.1......'],
      rule: { forMs: 2 * step, keepFiringForMs: 2 * step },
      expected: [[2, 6]],
    },
    {
      title: 'series are merged into one timeline',
      pictures: ['11......', '....11..', '.11.....'],
      rule: {},
      expected: [
        [0, 2],
        [4, 5],
      ],
    },
  ];
  for (const { title, pictures, rule, expected } of cases) test(title, () => assert.deepEqual(firing(pictures, rule), expected));
});

describe('mergeIntervals', () => {
  test('sorts, merges overlaps and touching intervals within the slack', () => {
    assert.deepEqual(
      mergeIntervals(
        [
          { start: 10, end: 20 },
          { start: 0, end: 5 },
          { start: 6, end: 8 },
          { start: 19, end: 30 },
        ],
        1,
      ),
      [
        { start: 0, end: 8 },
        { start: 10, end: 30 },
      ],
    );
  });
});
