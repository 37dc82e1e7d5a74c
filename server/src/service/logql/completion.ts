import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem } from 'vscode-languageserver-types';
import {
  logqlConversions,
  logqlFormatters,
  logqlFunctions,
  logqlKeywords,
  logqlLineFilters,
  logqlLabelFilterOperators,
  logqlParserFlags,
  logqlParsers,
  logqlRangeAggregations,
  logqlStages,
  logqlTemplateFunctions,
  logqlVectorAggregations,
  type LogQLEntry,
} from '../catalog/logql';
import type { ExprCompletion } from '../types';
import { completionContext } from './completionContext';
import { entryMarkdown, stageLabel } from './docs';
import { labelsAt, pipelineAt, pipelinesOf, type Pipeline, type StageKind } from './pipelineLabels';

/** Labels most Loki installations carry (Promtail, Grafana Agent/Alloy, the Kubernetes discovery). */
export const commonStreamLabels = [
  'app',
  'namespace',
  'pod',
  'container',
  'job',
  'instance',
  'host',
  'cluster',
  'env',
  'service_name',
  'level',
  'filename',
  'stream',
  'node_name',
  'component',
];
const levelValues = ['debug', 'info', 'warn', 'error', 'fatal', 'critical'];
const durations = ['1m', '5m', '10m', '15m', '30m', '1h', '6h', '1d'];

/** Stages that never set `__error__`: a filter on it before any other stage is always true. */
const neverFails = new Set<StageKind>(['line_filter', 'drop', 'keep', 'decolorize']);

/**
 * Whether a stage before the one being typed at `offset` can set `__error__` on a line: a
 * parser, a template, a typed label filter or an unwrap conversion that fails.
 */
function canFailBefore(pipeline: Pipeline | undefined, offset: number): boolean {
  const before = pipeline?.stages.filter((stage) => stage.from < offset) ?? [];
  return before.slice(0, -1).some((stage) => !neverFails.has(stage.kind));
}

/** Completion for one LogQL query at `offset`: items replace [from, to) of the query. */
export function completeLogQL(text: string, offset: number): ExprCompletion {
  try {
    return complete(text, offset);
  } catch {
    return { from: offset, to: offset, items: [] };
  }
}

function complete(text: string, offset: number): ExprCompletion {
  const ctx = completionContext(text, offset);
  const { what } = ctx;
  const pipelines = pipelinesOf(text, ctx.lex);
  const labels = labelsAt(pipelines, offset);
  const items: CompletionItem[] = [];
  const out = (): ExprCompletion => ({ from: ctx.from, to: ctx.to, items });
  const streamLabelItems = (sortPrefix: string) =>
    [...new Set([...labels.stream, ...commonStreamLabels])].map((name, i) =>
      labelItem(
        name,
        labels.stream.includes(name) ? 'stream label used in this query' : 'common stream label',
        `${sortPrefix}${String(i).padStart(3, '0')}`,
      ),
    );
  const extractedItems = () =>
    labels.extracted.map(({ name, stage }, i) =>
      labelItem(name, `extracted by ${stageLabel(stage.kind)}`, `0${String(i).padStart(3, '0')}`),
    );

  switch (what.kind) {
    case 'expression':
      if (what.afterComparison) items.push({ ...entryItem(keyword('bool'), CompletionItemKind.Keyword), sortText: '00' });
      items.push(selectorItem());
      for (const entry of [...logqlRangeAggregations, ...logqlVectorAggregations, ...logqlFunctions.filter((f) => f.name !== 'ip')])
        items.push(entryItem(entry, CompletionItemKind.Function));
      break;
    case 'label-name':
      if (what.where === 'selector') items.push(...streamLabelItems('0'));
      else {
        const extracted = extractedItems();
        items.push(...extracted, ...streamLabelItems('1').filter((item) => !extracted.some((e) => e.label === item.label)));
      }
      break;
    case 'label-value': {
      for (const value of knownValues(what.label, pipelines)) {
        items.push({
          label: value,
          kind: CompletionItemKind.Value,
          detail: `value of ${what.label}`,
          insertText: what.quoted ? value : JSON.stringify(value),
        });
      }
      break;
    }
    case 'after-selector':
      if (what.after === 'line-filter') items.push({ ...operatorItem(lineFilter('or'), 'or "$1"'), sortText: '00' });
      if (what.after === 'label-filter') {
        items.push({ ...operatorItem(labelFilterOperator('and'), 'and '), sortText: '00' });
        items.push({ ...operatorItem(lineFilter('or'), 'or '), sortText: '01' });
      }
      for (const entry of logqlLineFilters.filter((f) => f.name !== 'or')) items.push(operatorItem(entry, `${entry.name} "$1"`));
      items.push({
        label: '|',
        kind: CompletionItemKind.Operator,
        detail: 'pipe into a parser, formatter or label filter',
        insertText: '| ',
      });
      if (what.inRange)
        items.push({
          label: '[5m]',
          kind: CompletionItemKind.Snippet,
          detail: 'range of the aggregation',
          insertText: '[${1:5m}]',
          insertTextFormat: InsertTextFormat.Snippet,
        });
      break;
    case 'after-pipe':
      // Labels a parser extracted first (a filter on them is the likely next stage), then the
      // stages, then stream labels (filtering those belongs in the selector) and `__error__`.
      for (const entry of [...logqlParsers, ...logqlFormatters, ...logqlStages]) {
        if (entry.name === 'unwrap' && !what.inRange) continue;
        items.push({ ...entryItem(entry, CompletionItemKind.Keyword), sortText: `1${entry.name}` });
      }
      items.push(...extractedItems(), ...labels.stream.map((name) => labelItem(name, 'stream label', '2')));
      if (canFailBefore(pipelineAt(pipelines, offset), offset))
        items.push(labelItem('__error__', 'set by a stage that failed on a line; filter with __error__=""', '3'));
      break;
    case 'line-filter-value':
      items.push({
        label: '"…"',
        kind: CompletionItemKind.Snippet,
        detail: 'text to look for',
        insertText: '"$1"',
        insertTextFormat: InsertTextFormat.Snippet,
        sortText: '0',
      });
      items.push(ipItem());
      break;
    case 'label-filter-operator':
      for (const entry of logqlLabelFilterOperators.filter((op) => op.name !== 'and'))
        items.push(operatorItem(entry, `${entry.name} ${['=', '!=', '=~', '!~'].includes(entry.name) ? '"$1"' : '$1'}`));
      break;
    case 'unwrap-target':
      for (const entry of logqlConversions) items.push(entryItem(entry, CompletionItemKind.Function));
      items.push(...extractedItems());
      break;
    case 'parser-options':
      if (what.parser === 'logfmt')
        for (const entry of logqlParserFlags)
          if (!what.typed.includes(entry.name)) items.push(entryItem(entry, CompletionItemKind.Keyword));
      if (what.parser === 'json') {
        items.push({
          label: 'label="path"',
          kind: CompletionItemKind.Snippet,
          detail: 'extract only this field, under a label name of your choice',
          documentation: {
            kind: MarkupKind.Markdown,
            value:
              'A JSON path such as `response.status` or `items[0].id`; several, separated by commas: `| json status="response.status", id="request.id"`.',
          },
          insertText: '${1:label}="${2:path}"',
          insertTextFormat: InsertTextFormat.Snippet,
          sortText: '0',
        });
      }
      items.push({ label: '|', kind: CompletionItemKind.Operator, detail: 'next stage', insertText: '| ', sortText: '1' });
      for (const entry of logqlLineFilters.filter((f) => f.name !== 'or'))
        items.push({ ...operatorItem(entry, `${entry.name} "$1"`), sortText: `2${entry.name}` });
      break;
    case 'label-filter-value':
      items.push(...labelFilterValueItems(what.label, what.op, pipelines));
      break;
    case 'label-format-value': {
      items.push({
        label: '"{{ … }}"',
        kind: CompletionItemKind.Snippet,
        detail: 'a template for the new value',
        insertText: '"{{ .${1} }}"',
        insertTextFormat: InsertTextFormat.Snippet,
        sortText: '0',
      });
      const extracted = extractedItems();
      const renamed = [...extracted, ...streamLabelItems('2').filter((item) => !extracted.some((e) => e.label === item.label))];
      for (const item of renamed) items.push({ ...item, detail: `rename: ${item.detail}`, sortText: `1${item.sortText}` });
      break;
    }
    case 'after-range':
      items.push({
        ...entryItem(keyword('offset'), CompletionItemKind.Keyword),
        insertText: 'offset ${1:1h}',
        insertTextFormat: InsertTextFormat.Snippet,
      });
      break;
    case 'template': {
      const names = [
        ...labels.extracted.map((e) => ({ name: e.name, detail: `extracted by ${stageLabel(e.stage.kind)}` })),
        ...labels.stream.map((name) => ({ name, detail: 'stream label' })),
      ];
      for (const { name, detail } of names) items.push({ label: `.${name}`, kind: CompletionItemKind.Field, detail, sortText: `0${name}` });
      for (const fn of logqlTemplateFunctions) {
        items.push({
          label: fn.name,
          kind: CompletionItemKind.Function,
          detail: fn.signature,
          documentation: { kind: MarkupKind.Markdown, value: entryMarkdown({ ...fn, kind: 'function' }) },
          sortText: `1${fn.name}`,
        });
      }
      break;
    }
    case 'duration':
      durations.forEach((d, i) => items.push({ label: d, kind: CompletionItemKind.Unit, sortText: String(i) }));
      break;
    case 'after-aggregation':
      items.push({ label: 'by', kind: CompletionItemKind.Keyword, insertText: 'by (${1})', insertTextFormat: InsertTextFormat.Snippet });
      items.push({
        label: 'without',
        kind: CompletionItemKind.Keyword,
        insertText: 'without (${1})',
        insertTextFormat: InsertTextFormat.Snippet,
      });
      items.push({
        label: 'offset',
        kind: CompletionItemKind.Keyword,
        insertText: 'offset ${1:1h}',
        insertTextFormat: InsertTextFormat.Snippet,
      });
      for (const op of ['+', '-', '*', '/', '>', '<', '==', 'and', 'or', 'unless'])
        items.push({ label: op, kind: CompletionItemKind.Operator });
      break;
  }
  return out();
}

/** Values a label is known to take: those the query's selectors match it on, and log levels. */
function knownValues(label: string, pipelines: readonly Pipeline[]): string[] {
  const used = pipelines
    .flatMap((p) => p.matchers)
    .filter((m) => m.name === label && (m.op === '=' || m.op === '!='))
    .map((m) => m.value);
  const known = label === 'level' || label === 'detected_level' ? levelValues : [];
  return [...new Set([...used, ...known])];
}

/** `ip("…")`, which filters lines and labels by address or range. */
const ipItem = () =>
  entryItem(
    logqlFunctions.find((f) => f.name === 'ip')!,
    CompletionItemKind.Function,
  );
const keyword = (name: string) => logqlKeywords.find((entry) => entry.name === name)!;
const lineFilter = (name: string) => logqlLineFilters.find((entry) => entry.name === name)!;
const labelFilterOperator = (name: string) => logqlLabelFilterOperators.find((entry) => entry.name === name)!;

/** Label names that say what their values measure, so the likely kind of value comes first. */
const durationName = /(duration|latency|elapsed|took|time|_ms|_us|_ns|_seconds|_secs?)$/i;
const sizeName = /(bytes|size|_kb|_mb|length)$/i;

/**
 * The value of a label filter: `=`/`!=` compare strings, numbers, durations or sizes (and
 * `ip("…")` matches addresses and ranges); `=~`/`!~` take a regex; the others a number, a
 * duration or a size, and a duration or size makes Loki read the label as one.
 */
function labelFilterValueItems(label: string, op: string, pipelines: readonly Pipeline[]): CompletionItem[] {
  const items: CompletionItem[] = [];
  const strings = ['=', '!=', '=~', '!~'].includes(op);
  const numbers = !['=~', '!~'].includes(op);
  if (strings) {
    for (const value of knownValues(label, pipelines))
      items.push({ label: JSON.stringify(value), kind: CompletionItemKind.Value, detail: `value of ${label}`, sortText: '0' });
    items.push({
      label: '"…"',
      kind: CompletionItemKind.Snippet,
      detail: op.endsWith('~') ? 'RE2 regex, anchored at both ends' : 'text the label equals',
      insertText: '"$1"',
      insertTextFormat: InsertTextFormat.Snippet,
      sortText: '1',
    });
  }
  if (op === '=' || op === '!=') items.push({ ...ipItem(), sortText: '2' });
  if (numbers) {
    const typed = [
      { label: '250ms', detail: 'duration: the label is read as one (ns, us, ms, s, m, h)', first: durationName.test(label) },
      { label: '10KB', detail: 'size: the label is read as bytes (B, kB, KB, MB, KiB, MiB, …)', first: sizeName.test(label) },
      { label: '100', detail: 'number: the label is read as a float', first: false },
    ];
    for (const [i, value] of typed.entries())
      items.push({
        label: value.label,
        kind: CompletionItemKind.Unit,
        detail: value.detail,
        insertText: `\${1:${value.label}}`,
        insertTextFormat: InsertTextFormat.Snippet,
        sortText: `${value.first ? 0 : 3}${i}`,
      });
  }
  return items;
}

function selectorItem(): CompletionItem {
  return {
    label: '{…}',
    kind: CompletionItemKind.Snippet,
    detail: 'stream selector',
    documentation: { kind: MarkupKind.Markdown, value: 'Selects log streams by label, e.g. `{app="api", namespace="prod"}`.' },
    insertText: '{${1:app}="${2}"}',
    insertTextFormat: InsertTextFormat.Snippet,
    sortText: '0',
    filterText: '{',
  };
}

function entryItem(entry: LogQLEntry, kind: CompletionItemKind): CompletionItem {
  return {
    label: entry.name,
    kind,
    detail: entry.signature,
    documentation: { kind: MarkupKind.Markdown, value: entryMarkdown(entry) },
    ...(entry.snippet ? { insertText: entry.snippet, insertTextFormat: InsertTextFormat.Snippet } : {}),
  };
}

function operatorItem(entry: LogQLEntry, snippet: string): CompletionItem {
  return { ...entryItem(entry, CompletionItemKind.Operator), insertText: snippet, insertTextFormat: InsertTextFormat.Snippet };
}

function labelItem(name: string, detail: string, sortText: string): CompletionItem {
  return { label: name, kind: CompletionItemKind.Field, detail, sortText };
}
