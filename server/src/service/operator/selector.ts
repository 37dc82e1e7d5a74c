/**
 * Kubernetes label selector semantics (k8s.io/apimachinery pkg/labels/selector.go):
 * every `matchLabels` pair and every `matchExpressions` requirement must hold; `{}` matches all.
 */
import type { LabelSelector, LabelSet, SelectorExpression } from './model';

export type Labels = ReadonlyMap<string, string>;

const cache = new WeakMap<LabelSet, Labels>();

/** The label map of a label set (cached; later duplicates win, as YAML decoders do). */
export function labelsOf(set: LabelSet): Labels {
  let labels = cache.get(set);
  if (!labels) {
    labels = new Map(set.entries.map((entry) => [entry.key, entry.value]));
    cache.set(set, labels);
  }
  return labels;
}

export function expressionHolds(expression: SelectorExpression, labels: Labels): boolean {
  const value = labels.get(expression.key);
  switch (expression.operator) {
    case 'In':
      return value !== undefined && expression.values.includes(value);
    case 'NotIn':
      return value === undefined || !expression.values.includes(value);
    case 'Exists':
      return value !== undefined;
    case 'DoesNotExist':
      return value === undefined;
    default:
      return false;
  }
}

export function selectorMatches(selector: LabelSelector, labels: Labels): boolean {
  for (const entry of selector.matchLabels.entries) {
    if (labels.get(entry.key) !== entry.value) return false;
  }
  return selector.matchExpressions.every((expression) => expressionHolds(expression, labels));
}

export function isEmptySelector(selector: LabelSelector): boolean {
  return selector.matchLabels.entries.length === 0 && selector.matchExpressions.length === 0;
}

/** One requirement of a selector that a label map does not meet. */
export interface SelectorMismatch {
  key: string;
  /** What the selector asks, e.g. `app=payments` or `tier in (api, web)`. */
  wanted: string;
  /** The object's value for the key; undefined when it does not have the label. */
  actual?: string;
  /** Set for `matchLabels` requirements: the value a fix would write. */
  wantedValue?: string;
  /** Set for `matchExpressions` requirements: the one not met. */
  expression?: SelectorExpression;
}

export function describeExpression(expression: SelectorExpression): string {
  switch (expression.operator) {
    case 'In':
      return `${expression.key} in (${expression.values.join(', ')})`;
    case 'NotIn':
      return `${expression.key} notin (${expression.values.join(', ')})`;
    case 'Exists':
      return expression.key;
    case 'DoesNotExist':
      return `!${expression.key}`;
    default:
      return `${expression.key} ${expression.operator} (unknown operator)`;
  }
}

export function mismatches(selector: LabelSelector, labels: Labels): SelectorMismatch[] {
  const out: SelectorMismatch[] = [];
  for (const entry of selector.matchLabels.entries) {
    const actual = labels.get(entry.key);
    if (actual !== entry.value) out.push({ key: entry.key, wanted: `${entry.key}=${entry.value}`, actual, wantedValue: entry.value });
  }
  for (const expression of selector.matchExpressions) {
    if (!expressionHolds(expression, labels)) {
      out.push({ key: expression.key, wanted: describeExpression(expression), actual: labels.get(expression.key), expression });
    }
  }
  return out;
}

/** How far a label map is from matching: unmet requirements, a differing value counting less than a missing key. */
export function mismatchScore(selector: LabelSelector, labels: Labels): number {
  return mismatches(selector, labels).reduce((score, mismatch) => score + (mismatch.actual === undefined ? 2 : 1), 0);
}

/** `app=payments-api` / `no label app`, for messages. */
export function describeActual(mismatch: SelectorMismatch): string {
  return mismatch.actual === undefined ? `no label ${mismatch.key}` : `${mismatch.key}=${mismatch.actual}`;
}

export function describeSelector(selector: LabelSelector): string {
  const parts = [
    ...selector.matchLabels.entries.map((entry) => `${entry.key}=${entry.value}`),
    ...selector.matchExpressions.map(describeExpression),
  ];
  return parts.length ? parts.join(', ') : '{} (everything)';
}
