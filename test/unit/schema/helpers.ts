import type { CompletionItem } from 'vscode-languageserver-types';
import { schemaCompletion, type SchemaCompletion, type SchemaCompletionContext } from '../../../server/src/service/schema';

/** Splits a text with one `‸` cursor marker into the text and the offset. */
export function cursorAt(marked: string): { text: string; offset: number } {
  const offset = marked.indexOf('‸');
  if (offset < 0) throw new Error('no ‸ cursor in test input');
  return { text: marked.slice(0, offset) + marked.slice(offset + 1), offset };
}

export function complete(marked: string, context?: SchemaCompletionContext): SchemaCompletion | undefined {
  const { text, offset } = cursorAt(marked);
  return schemaCompletion(text, offset, context);
}

export function labels(result: SchemaCompletion | undefined): string[] {
  return result?.items.map((item) => item.label) ?? [];
}

/** The text a snippet inserts once every placeholder keeps its default (first choice). */
export function expandSnippet(snippet: string): string {
  return snippet
    .replace(/\$\{\d+\|([^,|]*)[^}]*\|\}/g, '$1')
    .replace(/\$\{\d+:([^}]*)\}/g, '$1')
    .replace(/\$\d+/g, '')
    .replace(/\\([$}\\])/g, '$1');
}

/** The text after accepting an item of a completion result. */
export function accept(text: string, result: SchemaCompletion, item: CompletionItem): string {
  return text.slice(0, result.from) + expandSnippet(item.insertText ?? item.label) + text.slice(result.to);
}

export const serviceMonitorHead = 'apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata:\n  name: web\n';
export const podMonitorHead = 'apiVersion: monitoring.coreos.com/v1\nkind: PodMonitor\nmetadata:\n  name: web\n';
