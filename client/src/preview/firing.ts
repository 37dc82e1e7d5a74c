import type { AlertThreshold, WireSeries, WireValue } from '../../../server/src/protocol';
import { sampleTimes } from '../../../server/src/timeRuns';
import type { TimeInterval } from './previewMessaging';

/** What decides when a rule would have fired, besides the samples. */
export interface FiringRule {
  /** The range query's step: samples further apart than this mean the condition lapsed. */
  stepMs: number;
  /** `for:`: the condition must hold this long before the alert fires. */
  forMs: number;
  /** `keep_firing_for:`: the alert stays firing this long after the condition stops. */
  keepFiringForMs?: number;
  /**
   * When the series are the value side of `value <op> threshold`, the condition is the
   * comparison; without it, a sample being present means the alert expression returned it.
   */
  threshold?: Pick<AlertThreshold, 'op' | 'value'>;
}

/**
 * When an alerting rule would have fired, judged at the step of a range query (Prometheus
 * evaluates at the group interval, so edges are as exact as the step). Per series: the
 * condition holds over runs of consecutive steps; a run fires once it has lasted `for`
 * (Prometheus' pending -> firing in rules/alerting.go, Eval); `keep_firing_for` extends a
 * firing period, and a run that starts while the series still fires continues it. The
 * periods of all series are merged. https://github.com/prometheus/prometheus/blob/main/rules/alerting.go
 */
export function firingIntervals(series: readonly WireSeries[], rule: FiringRule): TimeInterval[] {
  const all: TimeInterval[] = [];
  for (const one of series) all.push(...seriesFiring(one, rule));
  return mergeIntervals(all, rule.stepMs);
}

function seriesFiring(series: WireSeries, rule: FiringRule): TimeInterval[] {
  const keep = Math.max(0, rule.keepFiringForMs ?? 0);
  const out: TimeInterval[] = [];
  let current: TimeInterval | undefined;
  for (const run of conditionRuns(series, rule)) {
    if (current && run[0] <= current.end + rule.stepMs) {
      current.end = Math.max(current.end, run[run.length - 1] + keep);
      continue;
    }
    const firesAt = run.find((time) => time - run[0] >= rule.forMs);
    if (firesAt === undefined) continue;
    current = { start: firesAt, end: run[run.length - 1] + keep };
    out.push(current);
  }
  return out;
}

/** Sample times grouped into runs where the condition held at consecutive steps. */
function conditionRuns(series: WireSeries, rule: FiringRule): number[][] {
  const runs: number[][] = [];
  let run: number[] = [];
  let last = -Infinity;
  // Allow some jitter: Prometheus aligns steps, but a gap of one step still means "absent".
  const maxGap = rule.stepMs * 1.5;
  sampleTimes(series.timeRuns).forEach((time, index) => {
    if (!holds(series.values[index], rule.threshold)) return;
    if (run.length > 0 && time - last > maxGap) {
      runs.push(run);
      run = [];
    }
    run.push(time);
    last = time;
  });
  if (run.length > 0) runs.push(run);
  return runs;
}

function holds(value: WireValue | undefined, threshold: FiringRule['threshold']): boolean {
  if (value === undefined) return false;
  if (!threshold) return true;
  const number = numeric(value);
  if (Number.isNaN(number)) return false; // NaN compares false in PromQL too
  switch (threshold.op) {
    case '>':
      return number > threshold.value;
    case '<':
      return number < threshold.value;
    case '>=':
      return number >= threshold.value;
    case '<=':
      return number <= threshold.value;
    case '==':
      return number === threshold.value;
    case '!=':
      return number !== threshold.value;
  }
}

export function numeric(value: WireValue): number {
  if (typeof value === 'number') return value;
  return value === '+Inf' ? Infinity : value === '-Inf' ? -Infinity : NaN;
}

/** Sorts and merges intervals that overlap or touch (within `slackMs`). */
export function mergeIntervals(intervals: readonly TimeInterval[], slackMs = 0): TimeInterval[] {
  const sorted = [...intervals].sort((a, b) => a.start - b.start);
  const merged: TimeInterval[] = [];
  for (const interval of sorted) {
    const last = merged[merged.length - 1];
    if (last && interval.start <= last.end + slackMs) last.end = Math.max(last.end, interval.end);
    else merged.push({ ...interval });
  }
  return merged;
}
