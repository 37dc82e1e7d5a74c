/**
 * Time controls of the preview, shared by the extension host and the webview: range presets,
 * auto-refresh intervals, lines per page of a log query, and the step a user may type
 * (`30s`, `1m30s`, `15`).
 */

const second = 1000;
const minute = 60 * second;
const hour = 60 * minute;
const day = 24 * hour;

export interface Choice {
  label: string;
  ms: number;
}

export const rangePresets: readonly Choice[] = [
  { label: '5m', ms: 5 * minute },
  { label: '15m', ms: 15 * minute },
  { label: '30m', ms: 30 * minute },
  { label: '1h', ms: hour },
  { label: '3h', ms: 3 * hour },
  { label: '6h', ms: 6 * hour },
  { label: '12h', ms: 12 * hour },
  { label: '1d', ms: day },
  { label: '2d', ms: 2 * day },
  { label: '7d', ms: 7 * day },
];

export const defaultRangeMs = hour;

/** Auto-refresh choices; 0 is off. */
export const refreshChoices: readonly Choice[] = [
  { label: 'Off', ms: 0 },
  { label: '10s', ms: 10 * second },
  { label: '30s', ms: 30 * second },
  { label: '1m', ms: minute },
  { label: '5m', ms: 5 * minute },
];

/** Lines per page of a LogQL log query (Loki's `limit`, whose own default is 100). */
export const lineLimits: readonly number[] = [100, 500, 1000, 5000];
export const defaultLineLimit = 500;

const unitMs: Record<string, number> = { ms: 1, s: second, m: minute, h: hour, d: day, w: 7 * day, y: 365 * day };

/**
 * A step typed by the user, in ms: a Prometheus duration (`1m30s`) or a plain number of
 * seconds (`15`, `0.5`), as Prometheus' `step` parameter accepts. Undefined when invalid or ≤ 0.
 */
export function parseStep(text: string): number | undefined {
  const trimmed = text.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) {
    const ms = Math.round(Number(trimmed) * second);
    return ms > 0 ? ms : undefined;
  }
  const parts = /^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/.exec(trimmed);
  if (!parts || trimmed === '') return undefined;
  const units = ['y', 'w', 'd', 'h', 'm', 's', 'ms'];
  const ms = units.reduce((total, unit, index) => total + Number(parts[index + 1] ?? 0) * unitMs[unit], 0);
  return ms > 0 ? ms : undefined;
}

/** `90000` -> `1m30s`; the shortest Prometheus duration for a step. */
export function formatDuration(ms: number): string {
  if (ms <= 0 || !Number.isFinite(ms)) return '0s';
  let rest = Math.round(ms);
  let out = '';
  for (const unit of ['d', 'h', 'm', 's', 'ms']) {
    const size = unitMs[unit];
    const count = Math.floor(rest / size);
    if (count > 0) {
      out += `${count}${unit}`;
      rest -= count * size;
    }
  }
  return out;
}
