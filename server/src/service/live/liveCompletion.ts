import type { CompletionItem } from 'vscode-languageserver-types';
import { CompletionItemKind } from 'vscode-languageserver-types';
import { labelValuesOf, type SeriesMatcher } from './metricFacts';
import { unquote } from './selectors';
import type { LiveSnapshot } from './snapshot';

/** Label-value items for the cursor, in expression offsets; `isIncomplete` while values are being fetched. */
export interface LiveCompletion {
  from: number;
  to: number;
  items: CompletionItem[];
  isIncomplete: boolean;
}

/** The most items offered; the client filters further as the user types. */
const maxItems = 500;

const matcherPattern = /([A-Za-z_][A-Za-z0-9_]*|"(?:[^"\\]|\\.)*")\s*(=~|!~|!=|=)\s*("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`)/g;

/**
 * Values of the label being typed, from the live server, scoped to the selector around the
 * cursor: in `http_requests_total{job="api", code="|"}` only codes of the `api` job's series.
 * Answers undefined when the cursor is not at a label value (the static completion handles it).
 * Works on unfinished input, so it reads the text, not the tree.
 */
export function liveLabelValueCompletion(text: string, offset: number, snapshot: LiveSnapshot): LiveCompletion | undefined {
  if (!snapshot.reachable) return undefined;
  const before = text.slice(0, offset);
  // An unfinished value: the quote opened and not closed before the cursor (or not typed yet).
  const typing = /([A-Za-z_][A-Za-z0-9_]*|"(?:[^"\\]|\\.)*")\s*(=~|!~|!=|=)\s*(?:"((?:\\.|[^"\\])*)|'((?:\\.|[^'\\])*)|`([^`]*))?$/.exec(
    before,
  );
  if (!typing) return undefined;
  const quoteIndex = [3, 4, 5].find((group) => typing[group] !== undefined);
  const quote = quoteIndex === undefined ? undefined : ['"', "'", '`'][quoteIndex - 3];
  const partial = quoteIndex === undefined ? '' : typing[quoteIndex];
  const brace = openBrace(before, typing.index);
  if (brace === undefined) return undefined;
  const label = unquote(typing[1]);
  const metric = /([A-Za-z_:][A-Za-z0-9_:]*)\s*$/.exec(text.slice(0, brace))?.[1];
  const close = text.indexOf('}', offset);
  const others = readMatchers(text.slice(brace + 1, close === -1 ? text.length : close)).filter((matcher) => matcher.label !== label);
  const name = metric ?? others.find((matcher) => matcher.label === '__name__' && matcher.op === '=')?.value;
  const values = name ? labelValuesOf(snapshot, name, label, others) : snapshot.labelValues(label)?.slice().sort();

  const from = offset - partial.length;
  // Replace the rest of the value too, up to its closing quote when there is one.
  const rest = quote ? (new RegExp(`^(?:\\\\.|[^\\\\${quote === '`' ? '`' : quote}])*`).exec(text.slice(offset))?.[0] ?? '') : '';
  if (!values) return { from, to: offset + rest.length, items: [], isIncomplete: true };
  const items = values.slice(0, maxItems).map((value, index): CompletionItem => ({
    label: value,
    kind: CompletionItemKind.Value,
    detail: name ? `${label} of ${name}` : `value of ${label}`,
    sortText: String(index).padStart(4, '0'),
    insertText: quote ? escapeFor(value, quote) : JSON.stringify(value),
    filterText: quote ? value : JSON.stringify(value),
  }));
  return { from, to: offset + rest.length, items, isIncomplete: values.length > maxItems };
}

/** Offset of the `{` that opens the selector containing `at`, if it is the innermost open bracket there. */
function openBrace(before: string, at: number): number | undefined {
  const stack: number[] = [];
  for (let i = 0; i < at; i++) {
    const char = before[i];
    if (char === '"' || char === "'" || char === '`') {
      for (i++; i < at && before[i] !== char; i++) if (before[i] === '\\' && char !== '`') i++;
    } else if (char === '#') {
      while (i < at && before[i] !== '\n') i++;
    } else if (char === '{' || char === '(' || char === '[') stack.push(i);
    else if (char === '}' || char === ')' || char === ']') stack.pop();
  }
  const top = stack[stack.length - 1];
  return top !== undefined && before[top] === '{' ? top : undefined;
}

function readMatchers(body: string): SeriesMatcher[] {
  const out: SeriesMatcher[] = [];
  for (const match of body.matchAll(matcherPattern)) {
    out.push({ label: unquote(match[1]), op: match[2] as SeriesMatcher['op'], value: unquote(match[3]) });
  }
  return out;
}

function escapeFor(value: string, quote: string): string {
  if (quote === '`') return value;
  return value.replace(/\\/g, '\\\\').replace(new RegExp(quote, 'g'), `\\${quote}`).replace(/\n/g, '\\n');
}
