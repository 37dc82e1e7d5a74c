import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sampleTimes, timeRuns } from '../../../server/src/timeRuns';

test('a series on one grid is one run; gaps start new runs', () => {
  const grid = Array.from({ length: 1000 }, (_, i) => 1_700_000_000_000 + i * 15_000);
  assert.deepEqual(timeRuns(grid), [1_700_000_000_000, 15_000, 1000]);
  const gappy = [...grid.slice(0, 10), ...grid.slice(20, 30)];
  assert.deepEqual(timeRuns(gappy), [grid[0], 15_000, 10, grid[20], 15_000, 10]);
  assert.deepEqual(timeRuns([5]), [5, 0, 1]);
  assert.deepEqual(timeRuns([]), []);
});

test('the runs expand to exactly the times they came from', () => {
  let seed = 7;
  const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  const cases: number[][] = [
    [],
    [0],
    [1, 1, 1, 2],
    [3, 2, 1],
    // Prometheus times are seconds with a fraction: ms that are not whole numbers.
    Array.from({ length: 200 }, (_, i) => 1_700_000_000_123.4 + i * 0.1),
    Array.from({ length: 200 }, (_, i) => (1_700_000_000.001 + i * 15.003) * 1000),
    Array.from({ length: 300 }, () => Math.floor(random() * 1e6)).sort((a, b) => a - b),
  ];
  for (const times of cases) assert.deepEqual(sampleTimes(timeRuns(times)), times);
});
