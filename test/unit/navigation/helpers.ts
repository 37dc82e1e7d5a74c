import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position, Range, TextEdit } from 'vscode-languageserver-types';
import { parseAlertsmithDocument } from '../../../server/src/service/document';
import { SymbolIndex } from '../../../server/src/service/navigation';

/** A workspace of files (uri -> text); the language comes from the extension. */
export type Files = Record<string, string>;

export function indexFiles(files: Files): SymbolIndex {
  const index = new SymbolIndex();
  for (const [uri, text] of Object.entries(files)) index.update(uri, text, parseAlertsmithDocument({ uri, languageId: '', text }));
  return index;
}

/**
 * Splits a text with one `‸` cursor into the text and the position (`|` is a YAML block
 * indicator, so it cannot mark the cursor here).
 */
export function withCursor(marked: string): { text: string; position: Position } {
  const at = marked.indexOf('‸');
  if (at < 0) throw new Error('no ‸ cursor in test input');
  const text = marked.slice(0, at) + marked.slice(at + 1);
  return { text, position: TextDocument.create('file:///x', '', 0, text).positionAt(at) };
}

/** The text a range covers. */
export function covered(text: string, range: Range): string {
  const document = TextDocument.create('file:///x', '', 0, text);
  return text.slice(document.offsetAt(range.start), document.offsetAt(range.end));
}

/** Applies edits as an editor would. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///x', '', 0, text), [...edits]);
}
