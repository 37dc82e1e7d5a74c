import { isMap, isScalar, type Node } from 'yaml';
import { parseDuration } from '../duration';
import type { FieldEntry } from '../yaml/ruleShape';
import type { DocumentProblem } from '../yaml/types';

/**
 * Readers for rule-file field values, with Go's yaml.v3 decoding in mind: any scalar decodes
 * into a string field as written, null is the zero value, collections are type errors.
 */

export type Problems = DocumentProblem[];

/** How label and metric names are validated: Prometheus 3 accepts UTF-8, 2.x only legacy names. */
export type NameValidation = 'utf8' | 'legacy';

export function spanOf(
  node: Node | null | undefined,
  fallback: { from: number; to: number } = { from: 0, to: 0 },
): { from: number; to: number } {
  const range = node?.range;
  return range ? { from: range[0], to: Math.max(range[1], range[0]) } : fallback;
}

export function keySpan(entry: FieldEntry): { from: number; to: number } {
  return spanOf(entry.keyNode);
}

/** Where to report a problem about a field's value: the value, or the key when the value is empty. */
export function valueSpan(entry: FieldEntry): { from: number; to: number } {
  const span = spanOf(entry.written ?? entry.value, keySpan(entry));
  return span.to > span.from ? span : keySpan(entry);
}

/** The text of a scalar as Go would decode it into a string; undefined for collections. */
export function scalarString(text: string, node: Node | null): string | undefined {
  if (node === null) return '';
  if (!isScalar(node)) return undefined;
  if (node.value === null || node.value === undefined) return '';
  if (typeof node.value === 'string') return node.value;
  const range = node.range;
  return range ? text.slice(range[0], range[1]) : String(node.value);
}

export function goType(node: Node | null): string {
  if (isMap(node)) return '!!map';
  if (node && 'items' in node) return '!!seq';
  return '!!str';
}

/** A string field: reports collections; returns the string (or undefined). */
export function stringField(text: string, entry: FieldEntry | undefined, problems: Problems): string | undefined {
  if (!entry) return undefined;
  const value = scalarString(text, entry.value);
  if (value === undefined) {
    problems.push({
      ...valueSpan(entry),
      code: 'rules/invalid-field-type',
      message: `cannot unmarshal ${goType(entry.value)} into string: \`${entry.key}\` must be a string`,
    });
  }
  return value;
}

/** A duration field (`5m`, `1h30m`); returns milliseconds, 0 when absent or null. */
export function durationField(text: string, entry: FieldEntry | undefined, problems: Problems): number {
  if (!entry) return 0;
  const value = scalarString(text, entry.value);
  if (value === undefined) {
    problems.push({
      ...valueSpan(entry),
      code: 'rules/invalid-field-type',
      message: `\`${entry.key}\` must be a duration such as 5m, not a ${goType(entry.value)}`,
    });
    return 0;
  }
  if (isScalar(entry.value) && entry.value.value === null) return 0;
  const ms = parseDuration(value);
  if (ms === undefined) {
    const hint = /^\d+$/.test(value) ? ` (add a unit: ${value}s, ${value}m, …)` : '';
    problems.push({ ...valueSpan(entry), code: 'rules/invalid-duration', message: `not a valid duration string: "${value}"${hint}` });
    return 0;
  }
  return ms;
}

/** `limit`: a number scalar; a quoted "5", a word or a bool is a type error to Go (`cannot unmarshal !!str into int`). */
export function integerField(entry: FieldEntry | undefined, problems: Problems): void {
  if (!entry || (isScalar(entry.value) && entry.value.value === null) || entry.value === null) return;
  const value = isScalar(entry.value) ? entry.value.value : undefined;
  if (typeof value !== 'number') {
    const tag = typeof value === 'boolean' ? '!!bool' : isScalar(entry.value) ? '!!str' : goType(entry.value);
    problems.push({
      ...valueSpan(entry),
      code: 'rules/invalid-limit',
      message: `cannot unmarshal ${tag} into int: \`${entry.key}\` must be an integer`,
    });
  }
}

const legacyLabelName = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const legacyMetricName = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function isValidLabelName(name: string, scheme: NameValidation): boolean {
  if (scheme === 'legacy') return legacyLabelName.test(name);
  return name.length > 0 && !loneSurrogate.test(name);
}

export function isValidMetricName(name: string, scheme: NameValidation): boolean {
  if (scheme === 'legacy') return legacyMetricName.test(name);
  return name.length > 0 && !loneSurrogate.test(name);
}
