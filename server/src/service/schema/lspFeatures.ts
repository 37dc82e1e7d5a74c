/** Schema completion and hover as LSP results, for the language-service facade. */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { MarkupKind, type CompletionItem, type CompletionList, type Hover, type Position } from 'vscode-languageserver-types';
import type { YamlFile } from '../yaml/types';
import { schemaCompletion, type SchemaCompletionContext } from './completion';
import { schemaHover } from './hover';

/** Field, value and whole-monitor items at a position of a YAML document, as text edits. */
export function schemaCompletionList(document: TextDocument, position: Position, context?: SchemaCompletionContext): CompletionList {
  const result = schemaCompletion(document.getText(), document.offsetAt(position), context);
  if (!result) return { isIncomplete: false, items: [] };
  const range = { start: document.positionAt(result.from), end: document.positionAt(result.to) };
  const items = result.items.map(({ insertText, ...item }): CompletionItem => ({
    ...item,
    textEdit: { range, newText: insertText ?? item.label },
  }));
  return { isIncomplete: false, items };
}

/** The doc of the field whose key is under the cursor. */
export function schemaHoverAt(document: TextDocument, yaml: YamlFile | undefined, offset: number): Hover | null {
  const hover = yaml && schemaHover(yaml, offset);
  if (!hover) return null;
  return {
    contents: { kind: MarkupKind.Markdown, value: hover.markdown },
    range: { start: document.positionAt(hover.from), end: document.positionAt(hover.to) },
  };
}
