import { parseDuration } from '../duration';

/**
 * Values of PromQL literals as Prometheus reads them: strings through Go's unquoting
 * (prometheus/util/strutil/quote.go), numbers through strconv.ParseInt/ParseFloat and
 * durations through model.ParseDuration (promql/parser/generated_parser.y, number_duration_literal).
 */

/** The value of a quoted string token; escapes Go rejects are kept as written (the lexer reports them). */
export function unquoteString(token: string): string {
  const quote = token[0];
  if (quote === '`') return token.slice(1, token.endsWith('`') && token.length > 1 ? -1 : undefined);
  const body = token.slice(1, token.length > 1 && token.endsWith(quote) ? -1 : undefined);
  return body.replace(
    /\\(?:([abfnrtv\\'"])|([0-7]{3})|x([0-9a-fA-F]{2})|u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8}))/g,
    (whole, simple, oct, x, u, U) => {
      if (simple) return ({ a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' } as Record<string, string>)[simple] ?? simple;
      const code = parseInt(oct ?? x ?? u ?? U, oct ? 8 : 16);
      try {
        return String.fromCodePoint(code);
      } catch {
        return whole;
      }
    },
  );
}

const maxInt64 = 2n ** 63n - 1n;

/** The value of a number token (`1e3`, `0x1F`, `1_000`, `Inf`, `NaN`), or an error message. */
export function numberValue(token: string): { value: number } | { error: string } {
  const lower = token.toLowerCase();
  if (lower === 'inf') return { value: Infinity };
  if (lower === 'nan') return { value: NaN };
  const digits = token.replace(/_/g, '');
  if (/^0[xX]/.test(digits)) {
    if (digits.length === 2) return { error: `error parsing number: invalid syntax in ${JSON.stringify(token)}` };
    if (BigInt(digits) > maxInt64) return { error: `error parsing number: ${JSON.stringify(token)} is out of range` };
    return { value: Number(BigInt(digits)) };
  }
  const value = Number(digits);
  if (Number.isNaN(value)) return { error: `error parsing number: invalid syntax in ${JSON.stringify(token)}` };
  if (!Number.isFinite(value)) return { error: `error parsing number: ${JSON.stringify(token)} is out of range` };
  return { value };
}

/** Largest duration Go's time.Duration holds, in seconds (about 292 years). */
const maxDurationSeconds = 2 ** 63 / 1e9;

/**
 * Seconds of a number or duration token used as a duration; a plain number means seconds.
 * Returns an error message in Prometheus' words when the token is not a valid duration.
 */
export function durationSeconds(token: string): { seconds: number } | { error: string } {
  if (/[smhdwy]$/.test(token) && !/^0[xX]/.test(token)) {
    const ms = parseDuration(token);
    if (ms === undefined) return { error: `not a valid duration string: ${JSON.stringify(token)}` };
    if (ms / 1000 > maxDurationSeconds) return { error: 'duration out of range' };
    return { seconds: ms / 1000 };
  }
  const parsed = numberValue(token);
  if ('error' in parsed) return parsed;
  if (Math.abs(parsed.value) > maxDurationSeconds || Number.isNaN(parsed.value)) return { error: 'duration out of range' };
  return { seconds: parsed.value };
}

/** The value of a (possibly signed) number literal such as `-1.5e3`, or undefined. */
export function literalValue(text: string): number | undefined {
  const match = /^([+-]?)\s*(.*)$/s.exec(text.trim());
  if (!match) return undefined;
  const parsed = /[smhdwy]$/.test(match[2]) && !/^0[xX]/.test(match[2]) ? durationSeconds(match[2]) : numberValue(match[2]);
  if ('error' in parsed) return undefined;
  const value = 'seconds' in parsed ? parsed.seconds : parsed.value;
  return match[1] === '-' ? -value : value;
}
