import type { SyntaxNode } from '@lezer/common';
import type { ExprFeatureDeps } from '../types';
import { aggregationsByName } from '../catalog/aggregations';
import { functionsByName } from '../catalog/functions';
import { keywordsByName } from '../catalog/keywords';
import { describeDuration, humanizeMs } from './durationDescription';
import { signatureLabel } from './functionSignatures';
import { wellKnownLabels } from './labelDocs';
import { knownLabels, metricMarkdown, recordingRuleMarkdown, resolveMetric } from './metricFamilies';
import { parsePromQL } from './parse';

/** Hover text for the token under the cursor, in expression offsets. */
export interface PromQLHover {
  from: number;
  to: number;
  markdown: string;
}

/** Keyword and operator tokens of the grammar that have an entry in the keyword catalog. */
const keywordNodes = new Set([
  'By',
  'Without',
  'On',
  'Ignoring',
  'GroupLeft',
  'GroupRight',
  'Bool',
  'Offset',
  'At',
  'Anchored',
  'Smoothed',
  'And',
  'Or',
  'Unless',
  'Atan2',
  'Fill',
  'FillLeft',
  'FillRight',
  'AtStart',
  'AtEnd',
  'Add',
  'Sub',
  'Mul',
  'Div',
  'Mod',
  'Pow',
  'Eql',
  'Neq',
  'Gtr',
  'Lss',
  'Gte',
  'Lte',
]);

const matchOperatorDocs: Record<string, string> = {
  '=': 'Label matcher: the label equals the string exactly (a missing label counts as `""`).',
  '!=': 'Label matcher: the label does not equal the string.',
  '=~': 'Label matcher: the label matches the RE2 regular expression, anchored at both ends.',
  '!~': 'Label matcher: the label does not match the RE2 regular expression (anchored at both ends).',
};

/** Hover for the function, keyword, duration, metric or label at `offset` of `text`. */
export function hoverPromQL(text: string, offset: number, deps: ExprFeatureDeps): PromQLHover | undefined {
  const tree = parsePromQL(text);
  // Prefer the token starting at the cursor, then the one ending there (`rate|(`).
  for (const side of [1, -1] as const) {
    for (let node: SyntaxNode | null = tree.resolveInner(offset, side), depth = 0; node && depth < 3; node = node.parent, depth++) {
      if (node.from > offset || node.to < offset) break;
      const hover = hoverNode(text, node, deps);
      if (hover) return hover;
    }
  }
  return undefined;
}

function hoverNode(text: string, node: SyntaxNode, deps: ExprFeatureDeps): PromQLHover | undefined {
  const source = text.slice(node.from, node.to);
  const at = (markdown: string | undefined) => (markdown ? { from: node.from, to: node.to, markdown } : undefined);
  switch (node.name) {
    case 'FunctionIdentifier':
      return at(functionMarkdown(source));
    case 'AggregateOp':
      return at(aggregationMarkdown(source.toLowerCase()));
    case 'MatchOp':
      return at(matchOperatorDocs[source]);
    case 'NumberDurationLiteralInDurationContext':
    case 'NumberDurationLiteral':
      return at(durationMarkdown(source, node.name === 'NumberDurationLiteralInDurationContext'));
    case 'Identifier':
      return node.parent?.name === 'VectorSelector' ? at(metricHover(source, deps)) : undefined;
    case 'LabelName':
      return at(labelHover(source, metricOf(text, node), deps));
    case 'StringLiteral':
      return stringHover(text, node, deps);
  }
  if (keywordNodes.has(node.name)) {
    if (node.parent?.name === 'MatchOp') return undefined; // `!=` in a matcher: MatchOp answers
    return at(keywordMarkdown(source.replace(/\(\s*\)$/, '').toLowerCase()));
  }
  // `[step()]`, `[max_of(step(), 1m)]`, `offset step()`: duration-expression functions, whose
  // names Prometheus reads in any case there. After `offset` lezer ends the node before `(`.
  const call = node.name.startsWith('Duration') ? /^([A-Za-z_]+)\s*\(/.exec(text.slice(node.from)) : null;
  if (call && node.from + call[1].length <= node.to) return at(functionMarkdown(call[1].toLowerCase()));
  return undefined;
}

function codeBlock(code: string): string {
  return '```promql\n' + code + '\n```';
}

function exampleBlock(example: string): string {
  return example ? `\n\nExample:\n${codeBlock(example)}` : '';
}

function experimentalLine(experimental: boolean, flag: string | undefined, doc: string): string {
  return experimental && !doc.startsWith('Experimental') ? `\n\n_Experimental: needs \`--enable-feature=${flag}\`._` : '';
}

function functionMarkdown(name: string): string | undefined {
  const spec = functionsByName.get(name);
  if (!spec) return undefined;
  return `${codeBlock(signatureLabel(name) ?? name)}${experimentalLine(spec.experimental, spec.featureFlag, spec.doc)}\n\n${spec.doc}${exampleBlock(spec.example)}`;
}

function aggregationMarkdown(name: string): string | undefined {
  const spec = aggregationsByName.get(name);
  if (!spec) return undefined;
  return `${codeBlock(signatureLabel(name) ?? name)}${experimentalLine(spec.experimental, spec.featureFlag, spec.doc)}\n\n${spec.doc}${exampleBlock(spec.example)}`;
}

function keywordMarkdown(name: string): string | undefined {
  const spec = keywordsByName.get(name);
  if (!spec) return undefined;
  const title = spec.kind === 'at-preprocessor' ? `${name}()` : name;
  return `**${title}** — ${spec.kind.replace('-', ' ')}${experimentalLine(spec.experimental ?? false, spec.featureFlag, spec.doc)}\n\n${spec.doc}${exampleBlock(spec.example)}`;
}

function durationMarkdown(source: string, durationContext: boolean): string | undefined {
  if (/^\d+$/.test(source)) {
    // A bare number in a duration slot counts seconds (`foo[300]`).
    return durationContext ? `${source} seconds${Number(source) >= 60 ? ` = ${humanizeMs(Number(source) * 1000)}` : ''}` : undefined;
  }
  const description = describeDuration(source);
  return description ? `**${source}** — ${description}` : undefined;
}

function metricHover(name: string, deps: ExprFeatureDeps): string | undefined {
  const parts: string[] = [];
  const rule = deps.recordingRules.find((candidate) => candidate.name === name);
  if (rule) parts.push(recordingRuleMarkdown(rule));
  const resolved = resolveMetric(name, deps);
  if (resolved) {
    parts.push(metricMarkdown(resolved.info, name));
    const extra = knownLabels(name, deps).filter((label) => !resolved.info.labels?.includes(label));
    if (extra.length > 0 && !rule) parts.push(`Also: ${extra.map((l) => `\`${l}\``).join(', ')}`);
  }
  return parts.length > 0 ? parts.join('\n\n---\n\n') : undefined;
}

function labelHover(label: string, metric: string | undefined, deps: ExprFeatureDeps): string | undefined {
  const lines: string[] = [];
  const doc = wellKnownLabels.get(label);
  if (doc) lines.push(doc);
  if (metric && knownLabels(metric, deps).includes(label)) lines.push(`A label of \`${metric}\`.`);
  return lines.length > 0 ? [`**${label}** — label`, ...lines].join('\n\n') : undefined;
}

/** The metric named by the selector a matcher belongs to, if any. */
function metricOf(text: string, node: SyntaxNode): string | undefined {
  let selector: SyntaxNode | null = node;
  while (selector && selector.name !== 'VectorSelector') selector = selector.parent;
  if (!selector) return undefined;
  const identifier = selector.getChild('Identifier');
  if (identifier) return text.slice(identifier.from, identifier.to);
  const matchers = selector.getChild('LabelMatchers');
  // `{"my.metric", …}`: a quoted name directly in the list.
  const quoted = matchers?.getChild('QuotedLabelName')?.getChild('StringLiteral');
  return quoted ? unquote(text.slice(quoted.from, quoted.to)) : undefined;
}

function unquote(literal: string): string {
  const body = literal.slice(1, -1);
  return literal.startsWith('`') ? body : body.replace(/\\(.)/g, '$1');
}

function stringHover(text: string, node: SyntaxNode, deps: ExprFeatureDeps): PromQLHover | undefined {
  const parent = node.parent;
  const value = unquote(text.slice(node.from, node.to));
  let markdown: string | undefined;
  if (parent?.name === 'QuotedLabelName' && parent.parent?.name === 'LabelMatchers') markdown = metricHover(value, deps);
  else if (parent?.name === 'QuotedLabelName') markdown = labelHover(value, metricOf(text, node), deps);
  else if (
    parent &&
    /LabelMatcher$/.test(parent.name) &&
    parent.firstChild &&
    text.slice(parent.firstChild.from, parent.firstChild.to).replace(/"/g, '') === '__name__'
  ) {
    markdown = metricHover(value, deps); // `{__name__="up"}`
  }
  return markdown ? { from: node.from, to: node.to, markdown } : undefined;
}
