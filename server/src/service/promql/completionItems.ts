import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem } from 'vscode-languageserver-types';
import type { ExprFeatureDeps, RecordingRuleInfo, ValueType } from '../types';
import { aggregations } from '../catalog/aggregations';
import { functions, type FunctionSpec } from '../catalog/functions';
import { keywordsByName } from '../catalog/keywords';
import type { CompletionTarget } from './completionContext';
import { describeDuration } from './durationDescription';
import { aggregationParams, callSnippet, functionParams, signatureLabel } from './functionSignatures';
import { commonLabels, wellKnownLabels } from './labelDocs';
import {
  isCounterLike,
  isPlainLabelName,
  isPlainMetricName,
  knownLabels,
  metricMarkdown,
  recordingRuleMarkdown,
  resolveMetric,
  seriesNames,
  type ResolvedMetric,
} from './metricFamilies';

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
      return {
        items: functionItems(
          functions.filter((f) => !durationFunctionNames.includes(f.name)),
          target.expected,
          options,
        ),
        capped: false,
      };
    case 'durationFunction':
      return {
        items: functionItems(
          functions.filter((f) => durationFunctionNames.includes(f.name)),
          'scalar',
          { ...options, deps: { ...options.deps, experimentalFeaturesEnabled: true } },
        ),
        capped: false,
      };
    case 'aggregation':
      return { items: aggregationItems(options), capped: false };
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

function sortKey(group: number, rank: number | string): string {
  return `${group}_${typeof rank === 'number' ? String(rank).padStart(4, '0') : rank}`;
}

/** VS Code-like fuzzy test: the typed characters appear in order. */
function fuzzyMatch(typed: string, candidate: string): boolean {
  if (typed === '') return true;
  const lower = candidate.toLowerCase();
  let at = 0;
  for (const c of typed.toLowerCase()) {
    at = lower.indexOf(c, at);
    if (at < 0) return false;
    at++;
  }
  return true;
}

function markdown(value: string) {
  return { kind: MarkupKind.Markdown, value };
}

/** A metric-slot candidate: cheap to list by the thousand; made into an item only if returned. */
interface MetricCandidate {
  name: string;
  sortText: string;
  rule?: RecordingRuleInfo;
  /** The family's type and the series suffix: enough to rank without a lookup. */
  ranked?: ResolvedMetric;
}

function metricItems(expected: ValueType | undefined, quoted: boolean, options: ItemOptions, asValue = false): BuiltItems {
  const { deps, typed } = options;
  const insert = (name: string) =>
    quoted ? name : asValue ? JSON.stringify(name) : isPlainMetricName(name) ? name : `{${JSON.stringify(name)}}`;
  // Cheap candidates first; items (with their markdown) only for those that are returned.
  const candidates: MetricCandidate[] = [];
  const seen = new Set<string>();
  for (const rule of deps.recordingRules) {
    if (seen.has(rule.name)) continue;
    seen.add(rule.name);
    candidates.push({ name: rule.name, sortText: sortKey(expected === 'matrix' ? 1 : 0, rule.name), rule });
  }
  for (const info of deps.metrics.all()) {
    for (const name of seriesNames(info)) {
      if (seen.has(name)) continue;
      seen.add(name);
      // Ranking needs only the family's type; the full lookup (a live server may hold 20,000
      // names) waits until an item is actually built.
      const ranked: ResolvedMetric = name === info.name ? { info } : { info, suffix: name.slice(info.name.length) };
      const group = expected === 'matrix' ? (isCounterLike(ranked) ? 0 : 1) : expected === 'vector' || expected === undefined ? 0 : 2;
      // Bucket series first where a histogram is wanted (`histogram_quantile(0.9, |`).
      const boost = expected === 'vector' && name.endsWith('_bucket') ? 'a' : 'b';
      candidates.push({ name, sortText: sortKey(group, `${boost}${name}`), ranked });
    }
  }
  let kept = candidates;
  let capped = false;
  if (candidates.length > MAX_METRIC_ITEMS) {
    // Too many to send: keep what matches the typed text, best first, and ask to be asked again.
    // Ranks are computed once per candidate, not in the comparator (thousands of names).
    const prefix = typed.toLowerCase();
    kept = candidates
      .filter((c) => fuzzyMatch(typed, c.name))
      .map((c) => ({ c, rank: c.name.toLowerCase().startsWith(prefix) ? 0 : 1 }))
      .sort((a, b) => a.rank - b.rank || (a.c.sortText < b.c.sortText ? -1 : 1))
      .slice(0, MAX_METRIC_ITEMS)
      .map(({ c }) => c);
    capped = true;
  }
  return { items: kept.map((c) => metricCandidateItem(c, insert, deps)), capped };
}

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

function functionItems(specs: FunctionSpec[], expected: ValueType | undefined, options: ItemOptions): CompletionItem[] {
  const { deps, nextChar } = options;
  return specs.map((spec) => {
    const fits = expected === undefined || expected === 'vector' ? spec.returnType === 'vector' : spec.returnType === expected;
    let group = expected === 'matrix' ? 3 : fits ? 1 : 2;
    if (spec.experimental && !deps.experimentalFeaturesEnabled) group += 2;
    const snippet = nextChar === '(' ? spec.name : callSnippet(spec.name, functionParams(spec));
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

function aggregationItems(options: ItemOptions): CompletionItem[] {
  const items: CompletionItem[] = [];
  for (const spec of aggregations) {
    const params = aggregationParams(spec);
    const call = options.nextChar === '(' ? spec.name : callSnippet(spec.name, params);
    const documentation = markdown(
      `${spec.doc}${spec.example ? `\n\nExample:\n\`\`\`promql\n${spec.example}\n\`\`\`` : ''}${experimentalNote(spec.experimental, spec.featureFlag)}`,
    );
    const group = spec.experimental && !options.deps.experimentalFeaturesEnabled ? 3 : 1;
    const base = {
      kind: CompletionItemKind.Function,
      detail: signatureLabel(spec.name),
      documentation,
      insertTextFormat: InsertTextFormat.Snippet,
    };
    items.push({ ...base, label: spec.name, sortText: sortKey(group, spec.name), insertText: call });
    if (options.nextChar !== '(') {
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
