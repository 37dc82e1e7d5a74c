/**
 * Completion of field names and values in Prometheus Operator manifests and rule files, from the
 * schema tables: `schemaCursor` says where the cursor is, this fills in the items.
 */
import type { Document } from 'yaml';
import {
  CompletionItemKind,
  CompletionItemTag,
  InsertTextFormat,
  InsertTextMode,
  MarkupKind,
  type CompletionItem,
} from 'vscode-languageserver-types';
import type { OperatorIndex } from '../operator';
import { schemaCursor, type KeyCursor, type ValueCursor } from './cursor';
import { describeType, fieldMarkdown } from './describe';
import { operatorApiVersion, operatorKinds, schemaAt, schemaForKeys, schemaOfDocument } from './kinds';
import { monitorItems } from './monitorForService';
import { workspaceValues } from './workspaceValues';
import type { FieldSchema } from './types';

/** Items that all replace the same document range. */
export interface SchemaCompletion {
  from: number;
  to: number;
  items: CompletionItem[];
}

/** The workspace, for items that build on what exists (a ServiceMonitor for a Service). */
export interface SchemaCompletionContext {
  index: OperatorIndex;
  uri: string;
}

export function schemaCompletion(text: string, offset: number, context?: SchemaCompletionContext): SchemaCompletion | undefined {
  const cursor = schemaCursor(text, offset);
  if (!cursor) return undefined;
  const step = indentStepOf(text);
  if (cursor.position === 'document-start') {
    if (!context) return undefined;
    const items = monitorItems(context.index, context.uri, step);
    return items.length > 0 ? { from: cursor.from, to: cursor.to, items } : undefined;
  }
  const items = cursor.position === 'key' ? keyItems(cursor, step) : valueItems(cursor, offset, context);
  return items.length > 0 ? { from: cursor.from, to: cursor.to, items } : undefined;
}

function keyItems(cursor: KeyCursor, step: number): CompletionItem[] {
  const root = schemaForKeys(cursor.document);
  const target = root && schemaAt(root, cursor.path);
  if (!target) return [];
  // `- Pro‸` under an array of enums is a value, not a key.
  if (cursor.listItem && (target.type === 'enum' || target.type === 'boolean')) return valuesOf(target, '');
  // A new line under `endpoints:` without its `- ` yet: the first item, dash included.
  const items = target.type === 'array' && !cursor.listItem && !cursor.hasColon && cursor.present.size === 0 ? target.items : undefined;
  if (items?.type === 'enum' || items?.type === 'boolean') return valuesOf(items, '', '- ');
  if (items?.type === 'object' && items.fields) {
    const itemCursor = { ...cursor, column: cursor.column + 2 };
    return Object.entries(items.fields).map((entry, order) => keyItem(entry, order, itemCursor, step, '- '));
  }
  if (target.type !== 'object' || !target.fields) return [];
  const fields = target.fields;
  const excluded = new Set([...cursor.present].flatMap((name) => fields[name]?.excludes ?? []));
  return Object.entries(fields)
    .map((entry, order) => ({ entry, order }))
    .filter(({ entry: [name] }) => !cursor.present.has(name) && !excluded.has(name))
    .map(({ entry, order }) => keyItem(entry, order, cursor, step));
}

function keyItem([name, field]: [string, FieldSchema], order: number, cursor: KeyCursor, step: number, dash = ''): CompletionItem {
  return {
    label: name,
    kind: field.type === 'object' || field.type === 'array' ? CompletionItemKind.Module : CompletionItemKind.Property,
    detail: describeType(field),
    documentation: { kind: MarkupKind.Markdown, value: fieldMarkdown(name, field) },
    // The tables list the most used fields first; keep that order.
    sortText: `${field.deprecated ? 1 : 0}${String(order).padStart(3, '0')}`,
    ...(field.deprecated ? { tags: [CompletionItemTag.Deprecated] } : {}),
    insertText: cursor.hasColon ? name : `${dash}${name}${keyTail(field, ' '.repeat(cursor.column + step))}`,
    insertTextFormat: InsertTextFormat.Snippet,
    // The text carries its own indentation; editors must not add theirs.
    insertTextMode: InsertTextMode.asIs,
  };
}

/** What follows `name` when a key is inserted: a value placeholder, or a nested block. */
function keyTail(field: FieldSchema, childIndent: string): string {
  switch (field.type) {
    case 'enum':
      return `: \${1|${(field.values ?? []).map(escapeChoice).join(',')}|}`;
    case 'boolean':
      return ': ${1|true,false|}';
    case 'duration':
      return `: \${1:${field.example ?? '30s'}}`;
    case 'object':
      return `:\n${childIndent}$0`;
    case 'array':
      return `:\n${childIndent}- $0`;
    default:
      return ': $0';
  }
}

function valueItems(cursor: ValueCursor, offset: number, context: SchemaCompletionContext | undefined): CompletionItem[] {
  const root = schemaOfDocument(cursor.document);
  const field = root ? schemaAt(root, cursor.path) : rootManifestField(cursor.document, cursor.path);
  if (!field) return [];
  const known = valuesOf(field, cursor.quote);
  if (known.length > 0 || !context) return known;
  return workspaceValues(context.index, context.uri, offset, cursor.path, cursor.quote);
}

/**
 * `kind:` and `apiVersion:` of a manifest that is not yet one of ours: offer ours, unless the
 * other field already says it is something else.
 */
function rootManifestField(document: Document, path: readonly (string | number)[]): FieldSchema | undefined {
  if (path.length !== 1) return undefined;
  const apiVersion = document.get('apiVersion');
  const kind = document.get('kind');
  if (path[0] === 'kind' && (apiVersion == null || String(apiVersion).startsWith('monitoring.coreos.com/'))) {
    return { type: 'enum', doc: 'Type of the object.', values: operatorKinds };
  }
  if (path[0] === 'apiVersion' && (kind == null || (operatorKinds as readonly string[]).includes(String(kind)))) {
    return { type: 'enum', doc: 'API group and version of the object.', values: [operatorApiVersion] };
  }
  return undefined;
}

function valuesOf(field: FieldSchema, quote: string, dash = ''): CompletionItem[] {
  const values = field.type === 'boolean' ? ['true', 'false'] : field.type === 'enum' ? (field.values ?? []) : [];
  return values.map((value, rank) => {
    const text = `${quote}${value}${quote}`;
    return {
      label: value,
      kind: CompletionItemKind.EnumMember,
      detail: describeType(field),
      documentation: { kind: MarkupKind.Markdown, value: field.doc },
      sortText: String(rank).padStart(3, '0'),
      filterText: text,
      insertText: `${dash}${text}`,
      insertTextFormat: InsertTextFormat.PlainText,
    };
  });
}

function escapeChoice(value: string): string {
  return value.replace(/[$}\\,|]/g, '\\$&');
}

/** The document's indentation step: its smallest indentation, 2 when nothing is indented. */
export function indentStepOf(text: string): number {
  let step = Infinity;
  for (const match of text.matchAll(/^( +)[^\s]/gm)) step = Math.min(step, match[1].length);
  return Number.isFinite(step) && step <= 8 ? step : 2;
}
