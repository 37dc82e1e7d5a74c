import type { CompletionItem, CompletionList, Range, TextEdit } from 'vscode-languageserver-types';
import type { DeferredDocumentation } from './deferredDocumentation';

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
    // A spread and an undefined field (JSON leaves it out): V8 copies `{ ...item }` fast, while
    // `{ textEdit, ...rest } = item` goes property by property.
    return edit.newText === item.label ? { ...item, textEdit: undefined } : { ...item, textEdit: undefined, textEditText: edit.newText };
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

/**
 * A query completion list as it is sent: its items all insert over `range`, so each is copied
 * once, with its edit, or with only its text where the client takes the list's default range
 * (see withSharedEditRange), and without its documentation where the client resolves items
 * (kept by `deferred`). For the ~400 items of an empty metric slot, copying them in one pass
 * per step took most of the server's time for the request.
 */
export function sameRangeList(
  items: readonly CompletionItem[],
  range: Range,
  isIncomplete: boolean,
  options: { sharedEditRange?: boolean; deferred?: DeferredDocumentation },
): CompletionList {
  const { sharedEditRange, deferred } = options;
  deferred?.startList();
  const sent = items.map((item): CompletionItem => {
    const newText = item.insertText ?? item.label;
    const copy: CompletionItem = { ...item, insertText: undefined };
    if (!sharedEditRange) copy.textEdit = { range, newText };
    else if (newText !== item.label) copy.textEditText = newText;
    if (deferred && item.documentation !== undefined) {
      copy.data = deferred.keep(item.documentation);
      copy.documentation = undefined;
    }
    return copy;
  });
  return sharedEditRange ? { isIncomplete, itemDefaults: { editRange: range }, items: sent } : { isIncomplete, items: sent };
}
