/**
 * What a selector matches, for hover, go-to-definition and code lenses: a ServiceMonitor's
 * selector -> Services, a PodMonitor's -> workloads, a Prometheus' selectors -> the monitors and
 * rules it picks up.
 */
import type { LabelSelector, OperatorObject, SelectableKind, Span } from './model';
import { isMonitor, isPrometheusLike, selectableKindOf } from './model';
import { effectiveSelector, monitorMatches } from './monitorChecks';
import { selects } from './selectionCheck';
import { describeSelector } from './selector';
import type { OperatorIndex } from './workspaceIndex';

/** One object a selector matches, with where a link to it should land. */
export interface SelectorMatch {
  uri: string;
  from: number;
  to: number;
  /** 0-based line of `from`. */
  line: number;
  kind: string;
  name: string;
  namespace: string;
}

export interface SelectorMatches {
  /** The selector (its key and value) the offset is in. */
  span: Span;
  description: string;
  /** Plural noun of what it selects: "Services", "workloads", "ServiceMonitors"… */
  noun: string;
  matches: SelectorMatch[];
}

const nouns: Record<SelectableKind, [string, string]> = {
  serviceMonitor: ['ServiceMonitor', 'ServiceMonitors'],
  podMonitor: ['PodMonitor', 'PodMonitors'],
  probe: ['Probe', 'Probes'],
  rule: ['PrometheusRule', 'PrometheusRules'],
};

function toMatch(object: OperatorObject, index: OperatorIndex): SelectorMatch {
  const anchor = object.nameSpan ?? object.kindSpan;
  return {
    uri: object.uri,
    from: anchor.from,
    to: anchor.to,
    line: index.lineOf(object.uri, anchor.from),
    kind: object.kind,
    name: object.name ?? '(unnamed)',
    namespace: object.namespace,
  };
}

function selectorSpan(selector: LabelSelector): Span {
  return { from: selector.keySpan.from, to: Math.max(selector.span.to, selector.keySpan.to) };
}

const within = (span: Span, offset: number) => offset >= span.from && offset <= span.to;

/** Every selector of a file with its matches (monitor selectors and Prometheus selectors). */
export function selectorsOf(uri: string, index: OperatorIndex): SelectorMatches[] {
  const out: SelectorMatches[] = [];
  for (const object of index.file(uri)?.objects ?? []) {
    if (isMonitor(object)) {
      if (!object.selector) continue;
      const matches = monitorMatches(object, index).map((match) => toMatch(match, index));
      const noun = object.kind === 'ServiceMonitor' ? 'Services' : 'workloads';
      out.push({ span: selectorSpan(object.selector), description: describeSelector(effectiveSelector(object)), noun, matches });
    }
    if (isPrometheusLike(object)) {
      const prometheus = object;
      for (const [kind, selector] of Object.entries(prometheus.selectors) as [SelectableKind, LabelSelector][]) {
        const matches = index
          .allSelectables()
          .filter((candidate) => selectableKindOf(candidate) === kind && selects(prometheus, candidate, index))
          .map((match) => toMatch(match, index));
        out.push({ span: selectorSpan(selector), description: describeSelector(selector), noun: nouns[kind][1], matches });
      }
    }
  }
  return out;
}

/** The selector at `offset` and what it matches, for hover and go-to-definition. */
export function selectorMatchesAt(uri: string, offset: number, index: OperatorIndex): SelectorMatches | undefined {
  return selectorsOf(uri, index).find((entry) => within(entry.span, offset));
}

/** `matches 2 Services`. */
export function matchCountTitle(entry: SelectorMatches): string {
  const count = entry.matches.length;
  const noun = count === 1 ? entry.noun.replace(/s$/, '') : entry.noun;
  return `matches ${count} ${noun}`;
}

/** Markdown for a hover: what the selector matches, each with a link to its file and line. */
export function selectorHoverMarkdown(entry: SelectorMatches): string {
  const header = `**Selector** \`${entry.description}\` ${matchCountTitle(entry)}`;
  if (entry.matches.length === 0) return `${header} in the workspace.`;
  const shown = entry.matches.slice(0, 20).map((match) => {
    const name = `${match.namespace}/${match.name}`;
    return `- ${match.kind} [${name}](${match.uri}#L${match.line + 1})`;
  });
  const more = entry.matches.length > 20 ? [`- … and ${entry.matches.length - 20} more`] : [];
  return [header, '', ...shown, ...more].join('\n');
}
