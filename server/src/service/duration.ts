/**
 * Prometheus durations: one or more `<number><unit>` parts, units from largest to smallest
 * (`1h30m`, `90s`, `1w`), each unit at most once. Follows `ParseDuration` in
 * prometheus/common model/time.go; the PromQL lexer also accepts a plain number of seconds,
 * which callers handle themselves.
 */

const unitMs: Record<string, number> = {
  y: 365 * 24 * 3600_000,
  w: 7 * 24 * 3600_000,
  d: 24 * 3600_000,
  h: 3600_000,
  m: 60_000,
  s: 1000,
  ms: 1,
};

const unitOrder = ['y', 'w', 'd', 'h', 'm', 's', 'ms'];
const part = /(\d+)(ms|y|w|d|h|m|s)/y;

/** Milliseconds of a Prometheus duration string, or undefined when it is not one. */
export function parseDuration(text: string): number | undefined {
  if (text === '') return undefined;
  if (text === '0') return 0;
  let total = 0;
  let lastUnit = -1;
  part.lastIndex = 0;
  while (part.lastIndex < text.length) {
    const start = part.lastIndex;
    const match = part.exec(text);
    if (!match || match.index !== start) return undefined;
    const unitIndex = unitOrder.indexOf(match[2]);
    if (unitIndex <= lastUnit) return undefined;
    lastUnit = unitIndex;
    total += Number(match[1]) * unitMs[match[2]];
    if (!Number.isSafeInteger(total)) return undefined;
  }
  return total;
}

/** `5400000` -> `1h30m`: the shortest Prometheus spelling of a millisecond count. */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0s';
  let rest = ms;
  let out = '';
  for (const unit of unitOrder) {
    const size = unitMs[unit];
    if (rest >= size) {
      out += `${Math.floor(rest / size)}${unit}`;
      rest %= size;
    }
  }
  return out;
}
