import type { SyntaxNode } from '@lezer/common';
import { childByName, childNodes, nodeText } from '../promql/parse';
import type { SeriesMatcher } from './metricFacts';

/**
 * Vector selectors read off the lezer-promql tree:
 * `` `foo{job="a", "x"=~"b"}` -> VectorSelector(Identifier, LabelMatchers(UnquotedLabelMatcher(LabelName, MatchOp(EqlSingle), StringLiteral), QuotedLabelMatcher(QuotedLabelName(StringLiteral), MatchOp(EqlRegex), StringLiteral))) ``
 * and `` `{"foo"}` -> VectorSelector(LabelMatchers(QuotedLabelName(StringLiteral))) `` (Prometheus 3 quoting).
 */

export interface SelectorMatcher extends SeriesMatcher {
  /** Range of the label name in the expression text. */
  labelFrom: number;
  labelTo: number;
}

export interface SelectorInfo {
  /** The metric name, from the identifier, a bare quoted name or a `__name__="…"` matcher. */
  metric?: string;
  nameFrom: number;
  nameTo: number;
  matchers: SelectorMatcher[];
}

const matchOps: Record<string, SeriesMatcher['op']> = { EqlSingle: '=', Neq: '!=', EqlRegex: '=~', NeqRegex: '!~' };

export function readSelector(text: string, selector: SyntaxNode): SelectorInfo {
  const info: SelectorInfo = { nameFrom: selector.from, nameTo: selector.to, matchers: [] };
  const identifier = childByName(selector, 'Identifier');
  if (identifier) {
    info.metric = nodeText(text, identifier);
    info.nameFrom = identifier.from;
    info.nameTo = identifier.to;
  }
  const matchers = childByName(selector, 'LabelMatchers');
  for (const child of matchers ? childNodes(matchers) : []) {
    if (child.name === 'QuotedLabelName') {
      info.metric ??= unquote(nodeText(text, child));
      info.nameFrom = child.from;
      info.nameTo = child.to;
      continue;
    }
    if (child.name !== 'UnquotedLabelMatcher' && child.name !== 'QuotedLabelMatcher') continue;
    const name = childByName(child, 'LabelName', 'QuotedLabelName');
    const op = childByName(child, 'MatchOp')?.firstChild;
    const value = childByName(child, 'StringLiteral');
    if (!name || !op || !value || !matchOps[op.name]) continue;
    const label = name.name === 'QuotedLabelName' ? unquote(nodeText(text, name)) : nodeText(text, name);
    const matcher: SelectorMatcher = {
      label,
      op: matchOps[op.name],
      value: unquote(nodeText(text, value)),
      labelFrom: name.from,
      labelTo: name.to,
    };
    if (label === '__name__' && matcher.op === '=' && info.metric === undefined) {
      info.metric = matcher.value;
      info.nameFrom = value.from;
      info.nameTo = value.to;
    } else {
      info.matchers.push(matcher);
    }
  }
  return info;
}

/** The value of a PromQL string literal (Go quoting: "…", '…' or `raw`). */
export function unquote(token: string): string {
  const quote = token[0];
  if (quote !== '"' && quote !== "'" && quote !== '`') return token;
  const body = token.slice(1, token.length > 1 && token.endsWith(quote) ? -1 : undefined);
  if (quote === '`') return body;
  const simple: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };
  return body.replace(
    /\\(?:([abfnrtv\\'"])|([0-7]{3})|x([0-9a-fA-F]{2})|u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8}))/g,
    (whole, one: string, oct: string, x: string, u: string, U: string) => {
      if (one) return simple[one] ?? one;
      try {
        return String.fromCodePoint(parseInt(oct ?? x ?? u ?? U, oct ? 8 : 16));
      } catch {
        return whole;
      }
    },
  );
}
