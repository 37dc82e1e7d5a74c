import { CompletionItemKind, type CompletionItem } from 'vscode-languageserver-types';
import { scopingMatchers, streamLimit, streamSelector, type LokiSnapshot } from '../live/lokiSnapshot';
import type { SeriesMatcher } from '../live/metricFacts';
import type { ExprCompletion, ExprHover } from '../types';
import { completionContext } from './completionContext';
import { pipelinesOf, type Pipeline } from './pipelineLabels';

/**
 * What a live Loki adds to LogQL completion and hover: stream label names and values from the
 * server, scoped to the matchers already typed in the same selector (in
 * `{namespace="prod", app="|"}` only apps that log in `prod`). The static items (labels used in
 * the query, common labels) follow the live ones. Reads the snapshot only, so it never waits.
 */

/** The most live items offered; the client filters further as the user types. */
const maxItems = 500;
const matcherOps = new Set(['=', '!=', '=~', '!~']);

/** `base` (the static completion) with live stream labels or values in front of it. */
export function liveLogQLCompletion(text: string, offset: number, snapshot: LokiSnapshot, base: ExprCompletion): ExprCompletion {
  if (!snapshot.reachable) return base;
  try {
    return withLiveItems(text, offset, snapshot, base);
  } catch {
    return base;
  }
}

function withLiveItems(text: string, offset: number, snapshot: LokiSnapshot, base: ExprCompletion): ExprCompletion {
  const ctx = completionContext(text, offset);
  const { what } = ctx;
  if (what.kind !== 'label-name' && what.kind !== 'label-value') return base;
  const pipelines = pipelinesOf(text, ctx.lex);
  const selector = pipelines.find((p) => p.selectorFrom < offset && offset <= p.selectorTo);
  let live: readonly string[] | undefined;
  let item: (value: string, index: number) => CompletionItem;
  if (what.kind === 'label-name') {
    // Labels a pipeline stage handles are usually extracted ones, not stream labels.
    if (what.where === 'drop-keep' || what.where === 'filter') return base;
    // In `by (…)` the selector usually comes later: scope by it when the query has just one.
    const scopeFrom = what.where === 'selector' ? selector : pipelines.length === 1 ? pipelines[0] : undefined;
    live = snapshot.labelNames(scopeOf(scopeFrom))?.filter((name) => !name.startsWith('__'));
    item = (name, index) => ({ label: name, kind: CompletionItemKind.Field, detail: `stream label in Loki`, sortText: rank(index) });
  } else {
    if (!selector) return base; // a label filter after a parser: the label may not be a stream label
    const label = what.label;
    const quote = what.quoted ? text[ctx.from - 1] : undefined;
    live = snapshot.labelValues(label, scopeOf(selector, label));
    item = (value, index) => ({
      label: value,
      kind: CompletionItemKind.Value,
      detail: `${label} in Loki`,
      sortText: rank(index),
      insertText: quote === '`' ? value : quote ? escapeGo(value) : JSON.stringify(value),
      filterText: quote ? value : JSON.stringify(value),
    });
  }
  if (!live) return { ...base, isIncomplete: true };
  const shown = new Set(live.slice(0, maxItems));
  const items = [...shown].map(item);
  for (const other of base.items) if (!shown.has(other.label)) items.push({ ...other, sortText: `1${other.sortText ?? other.label}` });
  return { from: base.from, to: base.to, items, isIncomplete: (base.isIncomplete ?? false) || live.length > maxItems };
}

/**
 * Hover on a stream label in a selector: how many values Loki knows for it, overall and among
 * the streams the rest of the selector picks. Undefined when the cursor is elsewhere or the
 * values are not known yet.
 */
export function liveLogQLHover(text: string, offset: number, snapshot: LokiSnapshot): ExprHover | undefined {
  if (!snapshot.reachable) return undefined;
  try {
    for (const pipeline of pipelinesOf(text)) {
      const onBrace = offset === pipeline.selectorFrom || (offset === pipeline.selectorTo - 1 && text[offset] === '}');
      if (onBrace) return streamsHover(pipeline, offset, snapshot);
      const matcher = pipeline.matchers.find((m) => m.nameFrom <= offset && offset < m.nameTo);
      if (!matcher) continue;
      const all = snapshot.labelValues(matcher.name);
      if (!all) return undefined;
      const scope = scopeOf(pipeline, matcher.name);
      const scoped = scope.length > 0 ? snapshot.labelValues(matcher.name, scope) : undefined;
      const examples = (scoped ?? all).slice(0, 8).map((value) => `\`${value}\``);
      const lines = [
        `Loki: **${all.length}** value${all.length === 1 ? '' : 's'} of \`${matcher.name}\` in ${snapshot.window}` +
          (scoped ? `, **${scoped.length}** among streams matching \`${streamSelector(scope)}\`` : '') +
          '.',
      ];
      if (examples.length > 0) lines.push(`e.g. ${examples.join(', ')}${(scoped ?? all).length > examples.length ? ', …' : ''}`);
      return { from: matcher.nameFrom, to: matcher.nameTo, markdown: lines.join('\n\n') };
    }
  } catch {
    return undefined;
  }
  return undefined;
}

/** Most example streams a selector's hover lists. */
const exampleStreams = 5;

/**
 * Hover on a selector's `{` or `}`: how many streams it selects in Loki (`/series`), the
 * labels that tell them apart (what `by (…)` could group on), and a few of them.
 */
function streamsHover(pipeline: Pipeline, offset: number, snapshot: LokiSnapshot): ExprHover | undefined {
  const scope = scopeOf(pipeline);
  if (scope.length === 0) return undefined;
  const streams = snapshot.streams(scope);
  if (!streams) return undefined;
  const selector = streamSelector(scope);
  const count = streams.length >= streamLimit ? `${streamLimit.toLocaleString('en-US')} or more` : String(streams.length);
  const lines = [`Loki: **${count}** stream${streams.length === 1 ? '' : 's'} match \`${selector}\` in ${snapshot.window}.`];
  const values = new Map<string, Set<string>>();
  for (const set of streams)
    for (const [name, value] of Object.entries(set)) (values.get(name) ?? values.set(name, new Set()).get(name)!).add(value);
  const varying = [...values]
    .filter(([name, seen]) => seen.size > 1 || streams.some((set) => set[name] === undefined))
    .sort((a, b) => b[1].size - a[1].size || a[0].localeCompare(b[0]))
    .map(([name, seen]) => `\`${name}\` (${seen.size})`);
  if (varying.length > 0) lines.push(`Labels that tell them apart: ${varying.join(', ')}`);
  if (streams.length > 0) {
    const shown = streams
      .slice(0, exampleStreams)
      .map((set) => streamSelector(Object.entries(set).map(([label, value]) => ({ label, op: '=', value }))));
    lines.push('```logql\n' + shown.join('\n') + (streams.length > exampleStreams ? '\n…' : '') + '\n```');
  }
  return { from: offset, to: offset + 1, markdown: lines.join('\n\n') };
}

/** Static hover and live hover together: the live text under the static one. */
export function mergeHovers(base: ExprHover | undefined, live: ExprHover | undefined): ExprHover | undefined {
  if (!live) return base;
  if (!base) return live;
  return { from: base.from, to: base.to, markdown: `${base.markdown}\n\n---\n\n${live.markdown}` };
}

/** The complete matchers of a selector, without those on `except`, as a lookup may use them. */
function scopeOf(pipeline: Pipeline | undefined, except?: string): SeriesMatcher[] {
  if (!pipeline) return [];
  const matchers = pipeline.matchers
    .filter((m) => m.name !== except && matcherOps.has(m.op))
    .map((m): SeriesMatcher => ({ label: m.name, op: m.op as SeriesMatcher['op'], value: m.value }));
  return scopingMatchers(matchers);
}

function rank(index: number): string {
  return `0${String(index).padStart(4, '0')}`;
}

/** A value inside a Go `"…"` string. */
function escapeGo(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}
