import { parseDuration } from '../duration';

const unitNames: [number, string][] = [
  [365 * 24 * 3600_000, 'year'],
  [7 * 24 * 3600_000, 'week'],
  [24 * 3600_000, 'day'],
  [3600_000, 'hour'],
  [60_000, 'minute'],
  [1000, 'second'],
  [1, 'millisecond'],
];

/** `5400000` -> `1 hour 30 minutes`. */
export function humanizeMs(ms: number): string {
  if (ms === 0) return '0 seconds';
  const parts: string[] = [];
  let rest = ms;
  for (const [size, name] of unitNames) {
    if (rest < size) continue;
    const count = Math.floor(rest / size);
    rest %= size;
    parts.push(`${count} ${name}${count === 1 ? '' : 's'}`);
  }
  return parts.join(' ');
}

/** `1h30m` -> `1 hour 30 minutes = 5400 seconds`; undefined when it is not a duration. */
export function describeDuration(text: string): string | undefined {
  const ms = parseDuration(text);
  if (ms === undefined) return undefined;
  const seconds = ms / 1000;
  const human = humanizeMs(ms);
  const inSeconds = `${seconds.toLocaleString('en-US', { maximumFractionDigits: 3 })} second${seconds === 1 ? '' : 's'}`;
  return human === inSeconds ? human : `${human} = ${inSeconds}`;
}
