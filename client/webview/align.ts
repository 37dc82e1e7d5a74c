import type { WireSeries } from '../../server/src/protocol';
import { sampleTimes } from '../../server/src/timeRuns';
import { numeric } from '../src/preview/firing';

/** Series on one shared time axis, as uPlot wants them: x in seconds, y per series, null = gap. */
export interface AlignedSeries {
  x: number[];
  ys: (number | null)[][];
}

/**
 * Puts series on one x axis. A range query's samples sit exactly on `start + k·step`, so
 * with a grid each sample finds its slot by arithmetic; without one (or off the grid) the
 * axis is the sorted union of all timestamps. NaN and ±Inf become gaps in the chart.
 */
export function alignSeries(series: readonly WireSeries[], grid?: { start: number; end: number; stepMs: number }): AlignedSeries {
  const timesOf = series.map((one) => sampleTimes(one.timeRuns));
  if (grid && grid.stepMs > 0 && onGrid(timesOf, grid)) {
    const count = Math.floor((grid.end - grid.start) / grid.stepMs) + 1;
    const x = Array.from({ length: count }, (_, index) => (grid.start + index * grid.stepMs) / 1000);
    const ys = series.map((one, which) => {
      const y = new Array<number | null>(count).fill(null);
      timesOf[which].forEach(
        (time, index) => (y[Math.round((time - grid.start) / grid.stepMs)] = finiteOrNull(numeric(one.values[index]))),
      );
      return y;
    });
    return { x, ys };
  }
  const times = [...new Set(timesOf.flat())].sort((a, b) => a - b);
  const slot = new Map(times.map((time, index) => [time, index]));
  const ys = series.map((one, which) => {
    const y = new Array<number | null>(times.length).fill(null);
    timesOf[which].forEach((time, index) => (y[slot.get(time) as number] = finiteOrNull(numeric(one.values[index]))));
    return y;
  });
  return { x: times.map((time) => time / 1000), ys };
}

function onGrid(timesOf: readonly number[][], grid: { start: number; end: number; stepMs: number }): boolean {
  return timesOf.every((times) =>
    times.every((time) => time >= grid.start && time <= grid.end && Math.abs(((time - grid.start) / grid.stepMs) % 1) < 1e-6),
  );
}

function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}

/**
 * Stacked values: each visible series is drawn on top of the visible ones before it (gaps
 * count as 0 below, stay gaps themselves). `bands` pair each series with the one beneath, so
 * uPlot fills only the area between them.
 */
export function stackSeries(
  ys: readonly (number | null)[][],
  visible: readonly boolean[],
): { ys: (number | null)[][]; bands: [number, number][] } {
  const length = ys[0]?.length ?? 0;
  const sums = new Array<number>(length).fill(0);
  const stacked: (number | null)[][] = [];
  const bands: [number, number][] = [];
  let below = -1;
  ys.forEach((y, index) => {
    if (!visible[index]) {
      stacked.push(y.slice());
      return;
    }
    stacked.push(y.map((value, i) => (value === null ? null : (sums[i] += value))));
    // uPlot series indexes start at 1 (0 is x); a band is [upper, lower].
    if (below >= 0) bands.push([index + 1, below + 1]);
    below = index;
  });
  return { ys: stacked, bands };
}

export function countPoints(ys: readonly (number | null)[][]): number {
  let points = 0;
  for (const y of ys) for (const value of y) if (value !== null) points++;
  return points;
}
