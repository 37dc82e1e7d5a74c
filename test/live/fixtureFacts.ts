import { readFileSync } from 'node:fs';
import { fixturePath } from './prometheusHarness';

/**
 * What the OpenMetrics fixture holds, read from the file itself so expected results follow
 * the data rather than being typed in twice.
 */
export interface FixtureSeries {
  name: string;
  labels: Record<string, string>;
  /** [seconds, value] in time order. */
  samples: Array<[number, number]>;
}

export function readFixture(): { series: FixtureSeries[]; metadata: Record<string, { type: string; help: string; unit: string }> } {
  const bySeries = new Map<string, FixtureSeries>();
  const metadata: Record<string, { type: string; help: string; unit: string }> = {};
  for (const line of readFileSync(fixturePath, 'utf8').split('\n')) {
    const header = /^# (TYPE|HELP|UNIT) (\S+) (.*)$/.exec(line);
    if (header) {
      const entry = (metadata[header[2]] ??= { type: '', help: '', unit: '' });
      entry[header[1].toLowerCase() as 'type' | 'help' | 'unit'] = header[3];
      continue;
    }
    const sample = /^([a-zA-Z_:][\w:]*)\{([^}]*)\} (\S+) (\d+)$/.exec(line);
    if (!sample) continue;
    const key = `${sample[1]}{${sample[2]}}`;
    let series = bySeries.get(key);
    if (!series) {
      const labels = Object.fromEntries([...sample[2].matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
      series = { name: sample[1], labels, samples: [] };
      bySeries.set(key, series);
    }
    series.samples.push([Number(sample[4]), sample[3] === '+Inf' ? Infinity : Number(sample[3])]);
  }
  return { series: [...bySeries.values()], metadata };
}

/** The sample value in effect at `time` (the latest at or before it). */
export function valueAt(series: FixtureSeries, time: number): number | undefined {
  let value: number | undefined;
  for (const [t, v] of series.samples) if (t <= time) value = v;
  return value;
}

/** Per-second slope of a series whose samples grow linearly (every counter of the fixture). */
export function slope(series: FixtureSeries): number {
  const [first, last] = [series.samples[0], series.samples[series.samples.length - 1]];
  return (last[1] - first[1]) / (last[0] - first[0]);
}
