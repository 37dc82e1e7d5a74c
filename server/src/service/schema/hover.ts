/** Hover on a field name of an Operator manifest or rule file: its doc, type and an example. */
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import type { YamlFile } from '../yaml/types';
import { fieldMarkdown } from './describe';
import { schemaAt, schemaOfDocument } from './kinds';

export interface SchemaHover {
  markdown: string;
  /** Document offsets of the key hovered. */
  from: number;
  to: number;
}

export function schemaHover(yaml: YamlFile, offset: number): SchemaHover | undefined {
  const document = yaml.documents.find((candidate) => candidate.range[0] <= offset && offset <= candidate.range[2]);
  const root = document && schemaOfDocument(document);
  if (!document || !root) return undefined;
  // Walk down through the collections that hold the offset, to the key under it.
  const path: (string | number)[] = [];
  let node = document.contents as Node | null;
  while (node) {
    if (isMap(node)) {
      const pair = node.items.find(
        (item) => isScalar(item.key) && item.key.range && item.key.range[0] <= offset && offset <= item.key.range[1],
      );
      if (pair && isScalar(pair.key) && pair.key.range) {
        const name = String(pair.key.value);
        const field = schemaAt(root, [...path, name]);
        return field && { markdown: fieldMarkdown(name, field), from: pair.key.range[0], to: pair.key.range[1] };
      }
      const holder = node.items.find((item) => contains(item.value as Node | null, offset));
      if (!holder || !isScalar(holder.key)) return undefined;
      path.push(String(holder.key.value));
      node = holder.value as Node | null;
    } else if (isSeq(node)) {
      const index = node.items.findIndex((item) => contains(item as Node | null, offset));
      if (index < 0) return undefined;
      path.push(index);
      node = node.items[index] as Node | null;
    } else return undefined;
  }
  return undefined;
}

function contains(node: Node | null, offset: number): boolean {
  return !!node?.range && node.range[0] <= offset && offset <= node.range[2];
}
