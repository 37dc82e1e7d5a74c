import type { QueryLanguage } from '../types';

/**
 * Loki rule files have the same YAML shape as Prometheus ones, so the expressions decide.
 * LogQL always starts from a stream selector `{…}` and may pipe it (`|=`, `| json`); PromQL
 * has no `|` at all and names metrics (`up{…}`, `foo[5m]`, `up`). An expression of constants
 * and calls only (`vector(1)`, `1 > 0`) is valid in both and decides nothing.
 */
export type ExpressionLanguageEvidence = QueryLanguage | 'unknown';

const stringLiteral = /"(?:[^"\\]|\\.)*"?|`[^`]*`?|'(?:[^'\\]|\\.)*'?/g;
const pipelineAfterSelector = /\}\s*(?:\||!~|!=\s*""|!>)/;
const pipelineStage = /\|\s*(?:json|logfmt|unpack|pattern|regexp|line_format|label_format|unwrap|decolorize|drop|keep)\b/;
const logqlOnlyFunction = /\b(?:bytes_over_time|bytes_rate)\s*\(/;
const rangeOverBareSelector = /\b[a-z_]+_over_time\s*\(\s*\{[^{}]*\}\s*\[|\brate\s*\(\s*\{[^{}]*\}\s*\[/;
const metricSelector =
  /(?:^|[^\w:.])(?!(?:by|without|on|ignoring|group_left|group_right|bool|offset|and|or|unless)\b)[a-zA-Z_:][\w:]*\s*[{[]/;
// Without a selector, a metric name is a bare identifier that calls nothing: `up`, `sum(x) > 1`.
// Label lists (`by (job)`) and keywords are no names; `vector(1)` and `1 > 0` name none.
const labelList = /\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^()]*\)/gi;
const bareMetricName =
  /(?:^|[^\w:.])(?!(?:by|without|on|ignoring|group_left|group_right|bool|offset|and|or|unless|inf|nan)(?![\w:]))[a-zA-Z_:][\w:]*(?![\w:]|\s*\()/i;

/** What one expression looks like: LogQL, PromQL, or could be either. */
export function expressionLanguage(expression: string): ExpressionLanguageEvidence {
  const code = expression.replace(stringLiteral, '""');
  if (pipelineAfterSelector.test(code) || pipelineStage.test(code) || logqlOnlyFunction.test(code)) return 'logql';
  if (metricSelector.test(code)) return 'promql';
  if (!code.includes('{')) return bareMetricName.test(code.replace(labelList, '')) ? 'promql' : 'unknown';
  return rangeOverBareSelector.test(code) ? 'logql' : 'unknown';
}

/**
 * The language of a rule file from all its expressions: LogQL when most of them look like it.
 * The count stops once the rest could not change the outcome (the detection is part of
 * every open and edit; a 10,000-line file has ~2,000 expressions).
 */
export function ruleFileLanguage(expressions: readonly string[]): QueryLanguage {
  let logql = 0;
  let promql = 0;
  for (let i = 0; i < expressions.length; i++) {
    const evidence = expressionLanguage(expressions[i]);
    if (evidence === 'logql') logql++;
    else if (evidence === 'promql') promql++;
    const remaining = expressions.length - i - 1;
    if (logql - promql > remaining || promql - logql >= remaining) break;
  }
  return logql > promql ? 'logql' : 'promql';
}
