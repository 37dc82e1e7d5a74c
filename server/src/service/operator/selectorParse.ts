import type { YAMLMap } from 'yaml';
import type { LabelSelector, SelectorExpression } from './model';
import {
  asMap,
  asSeq,
  collectionSpan,
  isNullNode,
  keySpanOf,
  labelSetOf,
  locatedString,
  pairOf,
  scalarText,
  spanOf,
  valueOf,
} from './yamlNodes';

/**
 * Reads the `metav1.LabelSelector` under `key` of `parent`. A missing key gives undefined. A null
 * value (`selector:` with nothing after it) is an empty selector where Go's zero value applies
 * (`nullIsEmpty`, the monitors' own `selector`), and undefined where Go sees a nil pointer (the
 * Prometheus CR's selectors, which then select nothing).
 */
export function parseLabelSelector(parent: YAMLMap, key: string, nullIsEmpty: boolean): LabelSelector | undefined {
  const pair = pairOf(parent, key);
  const keySpan = keySpanOf(parent, key);
  if (!pair || !keySpan) return undefined;
  if (isNullNode(pair.value) && !nullIsEmpty) return undefined;
  const map = asMap(pair.value);
  const span = spanOf(pair.value ?? undefined) ?? { from: keySpan.to, to: keySpan.to };
  const matchExpressions: SelectorExpression[] = [];
  const expressionsNode = asSeq(valueOf(map, 'matchExpressions'));
  for (const item of expressionsNode?.items ?? []) {
    const expression = asMap(item);
    const itemSpan = spanOf(expression);
    const expressionKey = scalarText(valueOf(expression, 'key'));
    if (!expression || !itemSpan || expressionKey === undefined) continue;
    const valuesNode = asSeq(valueOf(expression, 'values'));
    const values = (valuesNode?.items ?? []).flatMap((value) => locatedString(value) ?? []);
    matchExpressions.push({
      key: expressionKey,
      operator: scalarText(valueOf(expression, 'operator')) ?? '',
      values: values.map((value) => value.value),
      valueSpans: values.map((value) => value.span),
      valuesNode: collectionSpan(valuesNode),
      span: itemSpan,
    });
  }
  return {
    matchLabels: labelSetOf(valueOf(map, 'matchLabels')),
    matchExpressions,
    keySpan,
    span,
    node: collectionSpan(map),
    matchExpressionsNode: collectionSpan(expressionsNode),
  };
}
