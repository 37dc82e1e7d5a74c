import type { CompletionItem, CompletionList, Range, TextEdit } from 'vscode-languageserver-types';

/**
 * A completion list whose items share one edit range, for clients that take list defaults
 * (`completionList.itemDefaults` with `editRange`, as VS Code does): the range is written once
 * instead of once per item, and an item whose text is its label carries no text at all. The
 * ~400 items offered in an empty selector are 40% less JSON this way.
 *
 * Only for lists where every item has a plain edit: with a default range, a client inserts
 * `textEditText ?? label` for any item without its own edit, so an `insertText` would be lost.
 */
export function withSharedEditRange(list: CompletionList): CompletionList {
  const edits = list.items.map((item) => item.textEdit);
  if (edits.length === 0 || !edits.every((edit): edit is TextEdit => edit !== undefined && 'range' in edit)) return list;
  const range = edits[0].range;
  const items = list.items.map((item, index): CompletionItem => {
    const edit = edits[index];
    if (!sameRange(edit.range, range)) return item; // its own edit wins over the default
    const { textEdit: _shared, ...rest } = item;
    return edit.newText === item.label ? rest : { ...rest, textEditText: edit.newText };
  });
  return { ...list, itemDefaults: { ...list.itemDefaults, editRange: range }, items };
}

function sameRange(a: Range, b: Range): boolean {
  return (
    a.start.line === b.start.line &&
    a.start.character === b.start.character &&
    a.end.line === b.end.line &&
    a.end.character === b.end.character
  );
}
