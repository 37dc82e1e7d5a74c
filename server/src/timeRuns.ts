/**
 * Sample times on the wire as runs of evenly spaced times: `[first, step, count]` after one
 * another. A range query's series sits on one grid, so its times are a single run unless it
 * has gaps: for 50 series × 1,000 points the times take 150 numbers instead of 50,000, which
 * were ~45% of the query preview's message (over the LSP and again into the webview).
 */

/** The runs of `times`; `sampleTimes` gives back exactly the same numbers. */
export function timeRuns(times: readonly number[]): number[] {
  const runs: number[] = [];
  let index = 0;
  while (index < times.length) {
    const first = times[index];
    const step = index + 1 < times.length ? times[index + 1] - first : 0;
    let count = 1;
    // Only times the expansion reproduces exactly join the run (non-integer ms would drift).
    while (index + count < times.length && first + count * step === times[index + count]) count++;
    runs.push(first, step, count);
    index += count;
  }
  return runs;
}

/** The times the runs stand for. */
export function sampleTimes(runs: readonly number[]): number[] {
  const times: number[] = [];
  for (let at = 0; at + 2 < runs.length; at += 3) {
    const [first, step, count] = [runs[at], runs[at + 1], runs[at + 2]];
    for (let k = 0; k < count; k++) times.push(first + k * step);
  }
  return times;
}
