import type { ExprFeatureDeps, MetricInfo, RecordingRuleInfo } from '../types';
import { tokenize } from './completionTokens';

/**
 * Series names vs metric families: a histogram `http_request_duration_seconds` is queried as
 * `…_bucket`, `…_sum` and `…_count`; catalogs and metadata name the family. Completion offers
 * the series names and hover maps them back.
 */

/** What a series name resolves to. `suffix` is set when it matched a family through one. */
export interface ResolvedMetric {
  info: MetricInfo;
  suffix?: string;
}

const familySuffixes: Record<string, MetricInfo['type'][]> = {
  _bucket: ['histogram', 'gaugehistogram'],
  _sum: ['histogram', 'summary', 'gaugehistogram'],
  _count: ['histogram', 'summary', 'gaugehistogram'],
  _total: ['counter'],
  _created: ['counter', 'histogram', 'summary'],
  _gcount: ['gaugehistogram'],
  _gsum: ['gaugehistogram'],
};

/** The metric a series name belongs to: an exact entry, else its family by suffix. */
export function resolveMetric(name: string, deps: Pick<ExprFeatureDeps, 'metrics'>): ResolvedMetric | undefined {
  const exact = deps.metrics.get(name);
  if (exact) return { info: exact };
  for (const [suffix, types] of Object.entries(familySuffixes)) {
    if (!name.endsWith(suffix)) continue;
    const family = deps.metrics.get(name.slice(0, -suffix.length));
    if (family && types.includes(family.type)) return { info: family, suffix };
  }
  return undefined;
}

/** The series names a metric is queried by. */
export function seriesNames(info: MetricInfo): string[] {
  switch (info.type) {
    case 'histogram':
      return [`${info.name}_bucket`, `${info.name}_sum`, `${info.name}_count`];
    case 'gaugehistogram':
      return [`${info.name}_bucket`, `${info.name}_gsum`, `${info.name}_gcount`];
    case 'summary':
      return [info.name, `${info.name}_sum`, `${info.name}_count`];
    default:
      return [info.name];
  }
}

/** True when rate()/increase() make sense on the series: counters and histogram/summary parts. */
export function isCounterLike(resolved: ResolvedMetric): boolean {
  if (resolved.info.type === 'counter') return true;
  if (resolved.info.type === 'histogram' || resolved.info.type === 'summary') return resolved.suffix !== undefined;
  return false;
}

/** Labels known for a series name: catalog labels, `le` on buckets, `quantile` on summaries. */
export function knownLabels(name: string, deps: Pick<ExprFeatureDeps, 'metrics' | 'recordingRules'>): string[] {
  const labels = new Set<string>();
  const resolved = resolveMetric(name, deps);
  for (const label of resolved?.info.labels ?? []) labels.add(label);
  if (resolved?.suffix === '_bucket') labels.add('le');
  if (resolved?.info.type === 'summary' && !resolved.suffix) labels.add('quantile');
  const rule = deps.recordingRules.find((candidate) => candidate.name === name);
  if (rule) for (const label of recordingRuleLabels(rule)) labels.add(label);
  return [...labels];
}

/**
 * Labels a recording rule's series probably carry: its static labels and the labels of the
 * `by (…)` lists in its expression (the outermost aggregation decides, but any is a good hint).
 */
export function recordingRuleLabels(rule: RecordingRuleInfo): string[] {
  const labels = new Set(Object.keys(rule.labels ?? {}));
  const tokens = tokenize(rule.expr);
  for (let i = 0; i + 1 < tokens.length; i++) {
    if (tokens[i].kind !== 'ident' || tokens[i].text.toLowerCase() !== 'by' || tokens[i + 1].kind !== '(') continue;
    for (let j = i + 2; j < tokens.length && tokens[j].kind !== ')'; j++) {
      if (tokens[j].kind === 'ident') labels.add(tokens[j].text);
    }
  }
  return [...labels];
}

/** True for names that need no quoting in PromQL (legacy metric-name charset). */
export function isPlainMetricName(name: string): boolean {
  return /^[a-zA-Z_:][a-zA-Z0-9_:]*$/.test(name);
}

/** True for label names that need no quoting. */
export function isPlainLabelName(name: string): boolean {
  return /^[a-zA-Z_][a-zA-Z0-9_]*$/.test(name);
}

/** Markdown describing a metric: type, help, unit, labels. */
export function metricMarkdown(info: MetricInfo, seriesName = info.name): string {
  const lines = [`**${seriesName}** — ${info.type}${info.source ? ` (${info.source})` : ''}`];
  if (seriesName !== info.name) lines.push(`Series of the ${info.type} \`${info.name}\`.`);
  if (info.help) lines.push(info.help);
  if (info.unit) lines.push(`Unit: ${info.unit}`);
  if (info.labels?.length) lines.push(`Labels: ${info.labels.map((l) => `\`${l}\``).join(', ')}`);
  return lines.join('\n\n');
}

/** Markdown describing a recording rule: its expression and where it is defined. */
export function recordingRuleMarkdown(rule: RecordingRuleInfo): string {
  const file = rule.uri.slice(rule.uri.lastIndexOf('/') + 1) || rule.uri;
  return [
    `**${rule.name}** — recording rule`,
    '```promql\n' + rule.expr + '\n```',
    `Recording rule defined in [${file}](${rule.uri}#L${rule.line + 1})`,
  ].join('\n\n');
}
