/** Hover on a field name of an Operator manifest or rule file: its doc, type and an example. */
import { isScalar, visit } from 'yaml';
import type { YamlFile } from '../yaml/types';
import { pathOf } from './cursor';
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
  let hover: SchemaHover | undefined;
  visit(document, {
    Pair(_, pair, ancestors) {
      const key = pair.key;
      if (!isScalar(key) || !key.range) return undefined;
      const [from, to] = key.range;
      if (offset < from || offset > to) return undefined;
      const path = pathOf([...ancestors, pair]);
      const name = path[path.length - 1];
      const field = schemaAt(root, path);
      if (field && typeof name === 'string') hover = { markdown: fieldMarkdown(name, field), from, to };
      return visit.BREAK;
    },
  });
  return hover;
}
