import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem } from 'vscode-languageserver-types';
import type { ExprFeatureDeps, ValueType } from '../types';
import { aggregations } from '../catalog/aggregations';
import { functions, type FunctionSpec } from '../catalog/functions';
import { keywordsByName } from '../catalog/keywords';
import type { CompletionTarget } from './completionContext';
import { describeDuration } from './durationDescription';
import { aggregationParams, callSnippet, functionParams, signatureLabel } from './functionSignatures';
import { commonLabels, wellKnownLabels } from './labelDocs';
import { isPlainLabelName, isPlainMetricName, knownLabels, metricMarkdown, recordingRuleMarkdown, resolveMetric } from './metricFamilies';
import { metricCandidates, sortKey, type MetricCandidate } from './metricCandidates';

/**
 * The second completion step: items for each target of completionContext.ts. `sortText` is
 * `<group>_<name>`, so lower groups (what fits the slot best) come first.
 */

/** What item building needs besides the target. */
export interface ItemOptions {
  deps: ExprFeatureDeps;
  /** Text typed so far in the replaced range, to pre-filter long lists. */
  typed: string;
  /** The character right after the replaced range (`(` means a call is already written). */
  nextChar: string;
}

/** Most metric items returned at once; the list is marked incomplete past it. */
export const MAX_METRIC_ITEMS = 300;

export interface BuiltItems {
  items: CompletionItem[];
  capped: boolean;
}

/** Duration-expression functions: valid inside `[…]` and after `offset` (Prometheus 3.x). */
const durationFunctionNames = ['step', 'range', 'min_of', 'max_of', 'start', 'end'];

const binaryOperators = ['+', '-', '*', '/', '%', '^', '==', '!=', '>', '<', '>=', '<=', 'and', 'or', 'unless', 'atan2'];
const matchOperators: [string, string][] = [
  ['=', 'equals'],
  ['!=', 'does not equal'],
  ['=~', 'matches the regular expression (fully anchored)'],
  ['!~', 'does not match the regular expression (fully anchored)'],
];

const durationChoices: Record<'range' | 'step' | 'offset', string[]> = {
  range: ['1m', '5m', '10m', '15m', '30m', '1h', '6h', '1d', '7d'],
  step: ['30s', '1m', '5m', '1h'],
  offset: ['5m', '1h', '1d', '1w'],
};
const unitOrder = ['y', 'w', 'd', 'h', 'm', 's', 'ms'];

/** Keywords followed by a label list get a snippet with the parentheses. */
const keywordSnippets: Record<string, string> = {
  by: 'by (${1})',
  without: 'without (${1})',
  on: 'on (${1})',
  ignoring: 'ignoring (${1})',
  group_left: 'group_left (${1})',
  group_right: 'group_right (${1})',
  fill: 'fill (${1:0})',
  fill_left: 'fill_left (${1:0})',
  fill_right: 'fill_right (${1:0})',
  offset: 'offset ${1:1h}',
};

export function buildItems(target: CompletionTarget, options: ItemOptions): BuiltItems {
  switch (target.kind) {
    case 'metricName':
      return metricItems(target.expected, target.quoted, options);
    case 'function':
      return { items: catalogItems('function', target.expected, options), capped: false };
    case 'durationFunction':
      return { items: catalogItems('durationFunction', 'scalar', options), capped: false };
    case 'aggregation':
      return { items: catalogItems('aggregation', undefined, options), capped: false };
    case 'keyword':
      return { items: target.names.map((name, i) => keywordItem(name, i, options)), capped: false };
    case 'binaryOperator':
      return { items: binaryOperators.map((op, i) => operatorItem(op, i)), capped: false };
    case 'labelName':
      return { items: labelNameItems(target.metrics, target.used, target.quoted, options), capped: false };
    case 'labelValue':
      return target.labelName === '__name__' ? metricItems(undefined, target.quoted, options, true) : { items: [], capped: false };
    case 'matchOperator':
      return {
        items: matchOperators.map(([op, doc], i) => ({
          label: op,
          kind: CompletionItemKind.Operator,
          detail: doc,
          sortText: sortKey(0, i),
        })),
        capped: false,
      };
    case 'duration':
      return { items: durationChoices[target.slot].map((text, i) => durationItem(text, i)), capped: false };
    case 'durationUnit': {
      const start = target.smallerThan ? unitOrder.indexOf(target.smallerThan) + 1 : 0;
      return { items: unitOrder.slice(start).map((unit, i) => durationItem(`${target.number}${unit}`, i)), capped: false };
    }
  }
}

/**
 * Function and aggregation items depend only on the catalog and a few facts of the slot, yet
 * with their markdown they were a third of the server's time for a completion in an empty
 * metric slot (~130 items each time): they are built once per combination and shared, frozen
 * since every list that takes them is sent as it is (callers copy an item to change it).
 * Metric items are kept the same way, with the candidate lists of metricCandidates.ts.
 */
const catalogItemLists = new Map<string, readonly CompletionItem[]>();

function catalogItems(
  kind: 'function' | 'durationFunction' | 'aggregation',
  expected: ValueType | undefined,
  options: ItemOptions,
): CompletionItem[] {
  const call = options.nextChar === '(';
  // Duration functions are offered as plain use: the slot only exists with the feature on.
  const experimental = kind === 'durationFunction' || options.deps.experimentalFeaturesEnabled;
  const key = `${kind} ${expected} ${call} ${experimental}`;
  let items = catalogItemLists.get(key);
  if (!items) {
    const built =
      kind === 'aggregation'
        ? aggregationItems(call, experimental)
        : functionItems(
            functions.filter((f) => durationFunctionNames.includes(f.name) === (kind === 'durationFunction')),
            expected,
            call,
            experimental,
          );
    items = built.map((item) => Object.freeze(item));
    catalogItemLists.set(key, items);
  }
  return items as CompletionItem[];
}

function markdown(value: string) {
  return { kind: MarkupKind.Markdown, value };
}

function metricItems(expected: ValueType | undefined, quoted: boolean, options: ItemOptions, asValue = false): BuiltItems {
  const { deps, typed } = options;
  const insert = (name: string) =>
    quoted ? name : asValue ? JSON.stringify(name) : isPlainMetricName(name) ? name : `{${JSON.stringify(name)}}`;
  // Cheap candidates first (listed once per metric list, see metricCandidates.ts); items, with
  // their markdown, only for those that are returned.
  // Too many to send: only what matches the typed text, best first, and ask to be asked again.
  const { candidates, capped } = metricCandidates(expected, deps, typed, MAX_METRIC_ITEMS);
  const style = quoted ? 'quoted' : asValue ? 'value' : 'plain';
  const items = candidates.map((candidate) => {
    // Candidates live as long as the metric list they came from, so their items can too.
    let built = builtMetricItems.get(candidate);
    if (!built) builtMetricItems.set(candidate, (built = new Map()));
    let item = built.get(style);
    if (!item) built.set(style, (item = Object.freeze(metricCandidateItem(candidate, insert, deps))));
    return item;
  });
  return { items, capped };
}

/** Built metric items by candidate and insert style, shared like the catalog items. */
const builtMetricItems = new WeakMap<MetricCandidate, Map<string, CompletionItem>>();

function metricCandidateItem(
  { name, sortText, rule, ranked }: MetricCandidate,
  insert: (name: string) => string,
  deps: ExprFeatureDeps,
): CompletionItem {
  if (rule) {
    return {
      label: name,
      kind: CompletionItemKind.Field,
      detail: 'recording rule',
      documentation: markdown(recordingRuleMarkdown(rule)),
      insertText: insert(name),
      sortText,
    };
  }
  // The catalog may list `…_bucket` itself besides its histogram family: prefer that entry.
  const resolved = resolveMetric(name, deps) ?? ranked!;
  const shown = resolved.info;
  return {
    label: name,
    kind: CompletionItemKind.Variable,
    detail: resolved.suffix ? `${shown.type} ${resolved.suffix.slice(1)}` : shown.type,
    documentation: markdown(metricMarkdown(shown, name)),
    insertText: insert(name),
    sortText,
  };
}

function experimentalNote(experimental: boolean, flag: string | undefined): string {
  return experimental ? `\n\n_Experimental: needs \`--enable-feature=${flag ?? 'promql-experimental-functions'}\`._` : '';
}

function functionItems(
  specs: FunctionSpec[],
  expected: ValueType | undefined,
  call: boolean,
  experimentalEnabled: boolean,
): CompletionItem[] {
  return specs.map((spec) => {
    const fits = expected === undefined || expected === 'vector' ? spec.returnType === 'vector' : spec.returnType === expected;
    let group = expected === 'matrix' ? 3 : fits ? 1 : 2;
    if (spec.experimental && !experimentalEnabled) group += 2;
    const snippet = call ? spec.name : callSnippet(spec.name, functionParams(spec));
    const example = spec.example ? `\n\nExample:\n\`\`\`promql\n${spec.example}\n\`\`\`` : '';
    return {
      label: spec.name,
      kind: CompletionItemKind.Function,
      detail: signatureLabel(spec.name),
      documentation: markdown(
        `${spec.doc}${example}${spec.doc.startsWith('Experimental') ? '' : experimentalNote(spec.experimental, spec.featureFlag)}`,
      ),
      sortText: sortKey(group, spec.name),
      insertText: snippet,
      insertTextFormat: InsertTextFormat.Snippet,
      ...(spec.experimental ? { labelDetails: { description: 'experimental' } } : {}),
    };
  });
}

function aggregationItems(callWritten: boolean, experimentalEnabled: boolean): CompletionItem[] {
  const items: CompletionItem[] = [];
  for (const spec of aggregations) {
    const params = aggregationParams(spec);
    const call = callWritten ? spec.name : callSnippet(spec.name, params);
    const documentation = markdown(
      `${spec.doc}${spec.example ? `\n\nExample:\n\`\`\`promql\n${spec.example}\n\`\`\`` : ''}${experimentalNote(spec.experimental, spec.featureFlag)}`,
    );
    const group = spec.experimental && !experimentalEnabled ? 3 : 1;
    const base = {
      kind: CompletionItemKind.Function,
      detail: signatureLabel(spec.name),
      documentation,
      insertTextFormat: InsertTextFormat.Snippet,
    };
    items.push({ ...base, label: spec.name, sortText: sortKey(group, spec.name), insertText: call });
    if (!callWritten) {
      // `sum by (…) (…)`: the grouping first, as the Prometheus docs write it.
      const body = callSnippet('', params).replace(/\$\{(\d+)/g, (_, n: string) => `\${${Number(n) + 1}`);
      items.push({
        ...base,
        label: `${spec.name} by`,
        sortText: sortKey(group, `${spec.name}~by`),
        insertText: `${spec.name} by (\${1}) ${body}`,
      });
    }
  }
  return items;
}

function keywordItem(name: string, rank: number, options: ItemOptions): CompletionItem {
  const spec = keywordsByName.get(name.replace('()', ''));
  const experimental = spec?.experimental ?? false;
  const group = experimental && !options.deps.experimentalFeaturesEnabled ? 2 : 0;
  const snippet = keywordSnippets[name];
  const example = spec?.example ? `\n\nExample:\n\`\`\`promql\n${spec.example}\n\`\`\`` : '';
  return {
    label: name,
    kind: CompletionItemKind.Keyword,
    documentation: spec ? markdown(`${spec.doc}${example}`) : undefined,
    sortText: sortKey(group, rank),
    ...(snippet && options.nextChar !== '(' ? { insertText: snippet, insertTextFormat: InsertTextFormat.Snippet } : {}),
    ...(experimental ? { labelDetails: { description: 'experimental' } } : {}),
  };
}

function operatorItem(op: string, rank: number): CompletionItem {
  const spec = keywordsByName.get(op);
  const isWord = /^[a-z]/.test(op);
  return {
    label: op,
    kind: isWord ? CompletionItemKind.Keyword : CompletionItemKind.Operator,
    documentation: spec ? markdown(spec.doc) : undefined,
    sortText: sortKey(isWord ? 1 : 2, rank),
  };
}

function durationItem(text: string, rank: number): CompletionItem {
  return { label: text, kind: CompletionItemKind.Unit, detail: describeDuration(text), sortText: sortKey(0, rank) };
}

function labelNameItems(metrics: string[], used: string[], quoted: boolean, options: ItemOptions): CompletionItem[] {
  const items = new Map<string, CompletionItem>();
  const add = (label: string, group: number, detail: string, rank: number | string = label) => {
    if (items.has(label) || used.includes(label)) return;
    items.set(label, {
      label,
      kind: CompletionItemKind.Property,
      detail,
      documentation: wellKnownLabels.has(label) ? markdown(wellKnownLabels.get(label)!) : undefined,
      sortText: sortKey(group, rank),
      ...(quoted || isPlainLabelName(label) ? {} : { insertText: JSON.stringify(label), filterText: label }),
    });
  };
  for (const metric of metrics) for (const label of knownLabels(metric, options.deps)) add(label, 0, `label of ${metric}`);
  commonLabels.forEach((label, i) => add(label, 1, i < 2 ? 'set by Prometheus on every scraped series' : 'common label', i));
  return [...items.values()];
}
