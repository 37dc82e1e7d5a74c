import { isMap, isPair, isScalar, isSeq, parseAllDocuments, type Document } from 'yaml';
import { readBlockYaml } from '../../../server/src/service/yaml/blockYaml';

/** What the language service reads of a node: kind, range, value, style and source token. */
function describeNode(node: unknown): unknown {
  if (isMap(node) || isSeq(node)) {
    return {
      kind: isMap(node) ? 'map' : 'seq',
      range: node.range,
      flow: node.flow ?? false,
      items: node.items.map((item) =>
        isPair(item) ? { key: describeNode(item.key), value: describeNode(item.value) } : describeNode(item),
      ),
    };
  }
  if (isScalar(node)) {
    const token = (node as { srcToken?: Record<string, unknown> }).srcToken;
    const props = token?.props as Record<string, unknown>[] | undefined;
    return {
      kind: 'scalar',
      range: node.range,
      value: Number.isNaN(node.value) ? 'NaN' : node.value,
      type: node.type,
      source: node.source,
      format: node.format,
      tag: node.tag,
      token: token && {
        type: token.type,
        offset: token.offset,
        indent: token.indent,
        source: token.source,
        props: props?.map(({ type, offset, indent, source }) => ({ type, offset, indent, source })),
      },
    };
  }
  return { kind: String(node) };
}

function describeDocuments(documents: readonly Document.Parsed[]): unknown {
  return documents.map((document) => ({
    range: document.range,
    errors: document.errors.length,
    warnings: document.warnings.length,
    contents: describeNode(document.contents),
  }));
}

/**
 * The block reader's documents next to `yaml`'s for the same text (as the service parses it),
 * or undefined when the reader left the text to `yaml`.
 */
export function bothReadings(text: string): { fast: unknown; yaml: unknown } | undefined {
  const fast = readBlockYaml(text);
  if (!fast) return undefined;
  const reference = parseAllDocuments(text, { keepSourceTokens: true, prettyErrors: false, merge: true });
  return { fast: describeDocuments(fast), yaml: 'empty' in reference ? 'empty stream' : describeDocuments([...reference]) };
}
