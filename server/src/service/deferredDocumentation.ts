import type { CompletionItem, CompletionList } from 'vscode-languageserver-types';

/**
 * Completion lists without their documentation, for clients that resolve items
 * (`completionItem/resolve`, as VS Code does): a list of 400 metric and rule items with their
 * markdown is 200+ KB of JSON on every keystroke, while only the focused item's documentation
 * is ever shown. The last list's documentation is kept to answer the resolve.
 */
export class DeferredDocumentation {
  private list = 0;
  private kept: CompletionItem['documentation'][] = [];

  /** The list without documentation; each item that had some can get it back from `resolve`. */
  strip(completion: CompletionList): CompletionList {
    this.startList();
    const items = completion.items.map((item): CompletionItem => {
      if (item.documentation === undefined) return item;
      // Overridden with undefined, which JSON leaves out: V8 copies an object with a spread
      // fast, but `{ documentation, ...rest }` property by property.
      return { ...item, documentation: undefined, data: this.keep(item.documentation) };
    });
    return { ...completion, items };
  }

  /** A new list begins: the documentation of the last one is let go. */
  startList(): void {
    this.list++;
    this.kept = [];
  }

  /** Keeps an item's documentation for `resolve`; the answer is the item's `data`. */
  keep(documentation: NonNullable<CompletionItem['documentation']>): { alertsmith: { list: number; index: number } } {
    this.kept.push(documentation);
    return { alertsmith: { list: this.list, index: this.kept.length - 1 } };
  }

  /** The item with the documentation `strip` took away (items of older lists stay as they are). */
  resolve(item: CompletionItem): CompletionItem {
    const from = (item.data as { alertsmith?: { list?: unknown; index?: unknown } } | undefined)?.alertsmith;
    if (item.documentation !== undefined || from?.list !== this.list || typeof from.index !== 'number') return item;
    const documentation = this.kept[from.index];
    return documentation === undefined ? item : { ...item, documentation };
  }
}
