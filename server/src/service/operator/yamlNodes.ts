/** Small readers over `yaml` AST nodes that keep source ranges and never throw. */
import { isMap, isPair, isScalar, isSeq, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import type { CollectionSpan, LabelEntry, LabelSet, Located, Span } from './model';

export type AnyNode = Node | null | undefined;

export function spanOf(node: AnyNode): Span | undefined {
  const range = node?.range;
  return range ? { from: range[0], to: range[1] } : undefined;
}

export function collectionSpan(node: AnyNode): CollectionSpan | undefined {
  if (!isMap(node) && !isSeq(node)) return undefined;
  const span = spanOf(node);
  return span && { ...span, flow: Boolean(node.flow), size: node.items.length };
}

export function asMap(node: unknown): YAMLMap | undefined {
  return isMap(node) ? node : undefined;
}

export function asSeq(node: unknown): YAMLSeq | undefined {
  return isSeq(node) ? node : undefined;
}

/** The pair of `map` whose key is the scalar `key`. */
export function pairOf(map: YAMLMap | undefined, key: string): Pair<Node, Node | null> | undefined {
  if (!map) return undefined;
  for (const item of map.items) {
    if (isPair(item) && isScalar(item.key) && String(item.key.value) === key) return item as Pair<Node, Node | null>;
  }
  return undefined;
}

export function valueOf(map: YAMLMap | undefined, key: string): Node | null | undefined {
  return pairOf(map, key)?.value;
}

export function keySpanOf(map: YAMLMap | undefined, key: string): Span | undefined {
  return spanOf(pairOf(map, key)?.key as Node | undefined);
}

/** A scalar's value as a string (numbers and booleans as written); undefined for null or collections. */
export function scalarText(node: unknown): string | undefined {
  if (!isScalar(node) || node.value === null || node.value === undefined) return undefined;
  if (typeof node.source === 'string' && typeof node.value !== 'string') return node.source;
  return String(node.value);
}

export function isNullNode(node: unknown): boolean {
  return node === null || node === undefined || (isScalar(node) && (node.value === null || node.value === undefined));
}

export function locatedString(node: unknown): Located<string> | undefined {
  const value = scalarText(node);
  const span = spanOf(node as Node);
  return value !== undefined && span ? { value, span } : undefined;
}

/** An integer scalar, or a string scalar (Kubernetes `IntOrString`). */
export function locatedIntOrString(node: unknown): Located<number | string> | undefined {
  if (!isScalar(node)) return undefined;
  const span = spanOf(node);
  if (!span) return undefined;
  if (typeof node.value === 'number') return { value: node.value, span };
  if (typeof node.value === 'string') return { value: node.value, span };
  return undefined;
}

export function stringPath(root: YAMLMap | undefined, ...keys: string[]): string | undefined {
  let node: unknown = root;
  for (const key of keys) node = valueOf(asMap(node), key);
  return scalarText(node);
}

export function mapPath(root: YAMLMap | undefined, ...keys: string[]): YAMLMap | undefined {
  let node: unknown = root;
  for (const key of keys) node = valueOf(asMap(node), key);
  return asMap(node);
}

export function labelSetOf(node: unknown): LabelSet {
  const map = asMap(node);
  const entries: LabelEntry[] = [];
  for (const item of map?.items ?? []) {
    if (!isPair(item) || !isScalar(item.key)) continue;
    const key = scalarText(item.key);
    const keySpan = spanOf(item.key);
    const value = scalarText(item.value) ?? '';
    const valueSpan = spanOf(item.value as Node | null) ?? (keySpan && { from: keySpan.to, to: keySpan.to });
    if (key !== undefined && keySpan && valueSpan) entries.push({ key, value, keySpan, valueSpan });
  }
  return { entries, node: collectionSpan(map) };
}

/** The column of an offset in `text`. */
export function columnAt(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}
