import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CompletionItem, CompletionList, Range } from 'vscode-languageserver-types';
import { sameRangeList, withSharedEditRange } from '../../../server/src/service/completionDefaults';
import { DeferredDocumentation } from '../../../server/src/service/deferredDocumentation';

const range = (from: number, to: number): Range => ({ start: { line: 3, character: from }, end: { line: 3, character: to } });
const item = (label: string, newText = label, at = range(10, 14)): CompletionItem => ({ label, textEdit: { range: at, newText } });

/** An item as the client receives it (JSON leaves out fields set to undefined). */
const wire = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

/** What a client that takes list defaults inserts for an item (LSP 3.17 `itemDefaults.editRange`). */
function applied(list: CompletionList, item: CompletionItem): { range: Range; text: string } {
  if (item.textEdit && 'range' in item.textEdit) return { range: item.textEdit.range, text: item.textEdit.newText };
  return { range: list.itemDefaults!.editRange as Range, text: item.textEditText ?? item.label };
}

test('items that share an edit range get it once, and their text only where it is not the label', () => {
  const list: CompletionList = { isIncomplete: false, items: [item('up'), item('rate', 'rate($1)'), item('by', 'by', range(20, 22))] };
  const shared = withSharedEditRange(list);
  assert.deepEqual(shared.itemDefaults?.editRange, range(10, 14));
  assert.deepEqual(wire(shared.items[0]), { label: 'up' });
  assert.deepEqual(wire(shared.items[1]), { label: 'rate', textEditText: 'rate($1)' });
  assert.deepEqual(shared.items[2], list.items[2], 'an item with another range keeps its own edit');
  // A client inserts exactly what the full list said.
  for (const [index, original] of list.items.entries()) assert.deepEqual(applied(shared, shared.items[index]), applied(list, original));
});

test('a list with an item that has no edit of its own is left alone', () => {
  const list: CompletionList = { isIncomplete: true, items: [item('up'), { label: 'sum', insertText: 'sum($1)' }] };
  assert.equal(withSharedEditRange(list), list);
  const insertReplace: CompletionList = {
    isIncomplete: false,
    items: [{ label: 'up', textEdit: { newText: 'up', insert: range(1, 2), replace: range(1, 4) } }],
  };
  assert.equal(withSharedEditRange(insertReplace), insertReplace);
  const empty: CompletionList = { isIncomplete: false, items: [] };
  assert.equal(withSharedEditRange(empty), empty);
});

test('a query list is sent with one edit per item, or the shared range, and documentation left for resolve', () => {
  const at = range(4, 6);
  const items: CompletionItem[] = [
    { label: 'up', documentation: 'a metric' },
    { label: 'rate', insertText: 'rate($1)', insertTextFormat: 2, documentation: { kind: 'markdown', value: '**rate**' } },
    { label: 'by' },
  ];
  const plain = sameRangeList(items, at, true, {});
  assert.deepEqual(wire(plain), {
    isIncomplete: true,
    items: [
      { label: 'up', documentation: 'a metric', textEdit: { range: at, newText: 'up' } },
      {
        label: 'rate',
        insertTextFormat: 2,
        documentation: { kind: 'markdown', value: '**rate**' },
        textEdit: { range: at, newText: 'rate($1)' },
      },
      { label: 'by', textEdit: { range: at, newText: 'by' } },
    ],
  });
  const deferred = new DeferredDocumentation();
  const compact = sameRangeList(items, at, false, { sharedEditRange: true, deferred });
  assert.deepEqual(wire(compact.itemDefaults), { editRange: at });
  assert.deepEqual(
    compact.items.map((item) => [item.documentation, applied(compact, item).text]),
    [
      [undefined, 'up'],
      [undefined, 'rate($1)'],
      [undefined, 'by'],
    ],
  );
  // Resolving (as the client sends the item back, JSON and all) gives each its documentation again.
  assert.deepEqual(
    compact.items.map((item) => deferred.resolve(wire(item) as CompletionItem).documentation),
    items.map((item) => item.documentation),
  );
  assert.equal(items[1].insertText, 'rate($1)', 'the items given are left as they were');
});
