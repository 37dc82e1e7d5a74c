import type { CompletionItem } from 'vscode-languageserver-types';
import type { ExprFeatureDeps } from '../types';
import { analyzeCompletionContext } from './completionContext';
import { buildItems } from './completionItems';
import { tokenize } from './completionTokens';

/** Completion items for one expression; the caller turns [from, to) into each item's TextEdit. */
export interface PromQLCompletion {
  from: number;
  to: number;
  items: CompletionItem[];
  /** Set when a long list was cut short: ask again as the user types. */
  isIncomplete?: boolean;
}

/**
 * Completes PromQL at `offset` of `text` (offsets into the expression). Items carry no
 * textEdit or range; each inserts `insertText ?? label` over [from, to).
 */
export function completePromQL(text: string, offset: number, deps: ExprFeatureDeps): PromQLCompletion {
  const tokens = tokenize(text);
  const context = analyzeCompletionContext(text, offset, tokens);
  const options = { deps, typed: text.slice(context.from, offset), nextChar: text.charAt(context.to) };
  const items: CompletionItem[] = [];
  const labels = new Set<string>();
  let capped = false;
  for (const target of context.targets) {
    const built = buildItems(target, options);
    capped ||= built.capped;
    for (const item of built.items) {
      // A name may be both, e.g. a metric called like an aggregation; keep the first.
      if (labels.has(item.label)) continue;
      labels.add(item.label);
      items.push(item);
    }
  }
  return { from: context.from, to: context.to, items, ...(capped ? { isIncomplete: true } : {}) };
}
