import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node, type Pair, type Scalar, type YAMLMap } from 'yaml';
import { exactSize } from './exactSize';
import { documentKindOf, type DocumentKind } from './documentKind';
import type { YamlFile } from './types';

/** One `key: value` of a mapping, with aliases resolved and `<<` merges expanded. */
export interface FieldEntry {
  key: string;
  /** The key as written; for a merged field, the key inside the merged (anchored) map. */
  keyNode: Node;
  /** The value, an alias (`*name`) replaced by the node it names. */
  value: Node | null;
  /** The value as written (an Alias node for `*name`). */
  written: Node | null;
  /** True when the field comes from a `<<: *anchor` merge rather than from this map. */
  merged: boolean;
}

/**
 * The fields of a mapping; explicit keys win over merged ones, as in Go's yaml.v3. A class, not
 * an object with closures: a 10,000-line rule file has thousands of these, and all of them live
 * as long as the parse (less to copy out of V8's young generation on a first open).
 */
export class FieldMap {
  constructor(
    readonly node: YAMLMap,
    readonly entries: FieldEntry[],
    private readonly document: Document,
  ) {}

  get(key: string): FieldEntry | undefined {
    return this.entries.find((entry) => entry.key === key);
  }

  /** Resolves an alias found deeper inside (a label value `*severity`) in this document. */
  resolve(node: Node | null | undefined): Node | null {
    return resolve(node, this.document);
  }
}

export interface RuleShape {
  /** Position of the rule in its group's `rules` list. */
  index: number;
  node: Node | null;
  /** Undefined when the list item is not a mapping. */
  fields?: FieldMap;
}

export interface RuleGroupShape {
  index: number;
  node: Node | null;
  fields?: FieldMap;
  rules: RuleShape[];
}

/** The rule groups of one document, however it holds them (rule file or manifest). */
export interface RuleFileShape {
  documentIndex: number;
  document: Document;
  kind: Extract<DocumentKind, 'rule-file' | 'prometheus-rule' | 'loki-rule'>;
  /** The map holding `groups` (undefined when a manifest has no `spec` mapping yet). */
  owner?: YAMLMap;
  groupsField?: FieldEntry;
  groups: RuleGroupShape[];
}

// A parse is read by several features (regions, structure checks, recording rules, the edit
// fast path); the walk is done once per parse, which is never modified after it is made.
const shapesOfFile = new WeakMap<YamlFile, RuleFileShape[]>();

/** Every rule-shaped document of the file, walked down to its rules. */
export function ruleFileShapes(file: YamlFile): RuleFileShape[] {
  let shapes = shapesOfFile.get(file);
  if (!shapes) shapesOfFile.set(file, (shapes = walkRuleFiles(file)));
  return shapes;
}

function walkRuleFiles(file: YamlFile): RuleFileShape[] {
  const shapes: RuleFileShape[] = [];
  file.documents.forEach((document, documentIndex) => {
    const info = documentKindOf(document, documentIndex);
    if (info.kind !== 'rule-file' && info.kind !== 'prometheus-rule' && info.kind !== 'loki-rule') return;
    const owner = info.groupsOwner;
    const groupsField = owner ? fieldsOf(owner, document).get('groups') : undefined;
    const groupItems = isSeq(groupsField?.value) ? groupsField.value.items : [];
    const groups = groupItems.map((item, index) => groupShape(item as Node | null, index, document));
    shapes.push({ documentIndex, document, kind: info.kind, owner, groupsField, groups });
  });
  return shapes;
}

function groupShape(item: Node | null, index: number, document: Document): RuleGroupShape {
  const node = resolve(item, document);
  if (!isMap(node)) return { index, node: item, rules: [] };
  const fields = fieldsOf(node, document);
  const rulesValue = fields.get('rules')?.value;
  const rules = isSeq(rulesValue)
    ? rulesValue.items.map((ruleItem, ruleIndex): RuleShape => {
        const ruleNode = resolve(ruleItem as Node | null, document);
        return { index: ruleIndex, node: ruleItem as Node | null, fields: isMap(ruleNode) ? fieldsOf(ruleNode, document) : undefined };
      })
    : [];
  return { index, node: item, fields, rules };
}

/** The fields of a map, expanding `<<` merges (a map or a list of maps, usually aliases). */
export function fieldsOf(map: YAMLMap, document: Document): FieldMap {
  const own: FieldEntry[] = [];
  const merged: FieldEntry[] = [];
  for (const item of map.items) {
    if (!isPair(item)) continue;
    const pair = item as Pair<Node, Node | null>;
    const key = keyText(pair.key);
    if (key === '<<') {
      const sources = resolve(pair.value, document);
      const maps = isSeq(sources) ? sources.items.map((source) => resolve(source as Node, document)) : [sources];
      for (const source of maps)
        if (isMap(source)) merged.push(...fieldsOf(source, document).entries.map((entry) => ({ ...entry, merged: true })));
      continue;
    }
    if (key === undefined) continue;
    own.push({ key, keyNode: pair.key, value: resolve(pair.value, document), written: pair.value ?? null, merged: false });
  }
  for (const entry of merged) if (!own.some((e) => e.key === entry.key)) own.push(entry);
  return new FieldMap(map, exactSize(own), document);
}

/** A key as Go's yaml would compare it: strings, and scalars as written (`1`, `true`). */
export function keyText(node: unknown): string | undefined {
  if (!isScalar(node)) return undefined;
  const value = (node as Scalar).value;
  if (typeof value === 'symbol') return '<<';
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return value;
  return typeof node.source === 'string' ? node.source : String(value);
}

/** The node an alias names, or the node itself. */
export function resolve(node: Node | null | undefined, document: Document): Node | null {
  if (!node) return null;
  if (isAlias(node)) return (node.resolve(document) as Node | undefined) ?? null;
  return node;
}
