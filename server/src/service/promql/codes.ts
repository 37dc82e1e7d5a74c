import type { DiagnosticRule } from '../diagnosticRule';

/**
 * Every diagnostic PromQL validation reports. Errors are what Prometheus' parser rejects
 * (promql/parser/lex.go, generated_parser.y, parse.go checkAST); warnings are things it
 * accepts only behind a feature flag, or that fail at evaluation time.
 */
export const promqlRules: DiagnosticRule[] = [
  { code: 'promql/syntax-error', severity: 'error', title: 'The expression does not parse.', example: 'sum(rate(http_requests_total[5m])' },
  {
    code: 'promql/unknown-function',
    severity: 'error',
    title: 'No PromQL function has this name.',
    example: 'rates(http_requests_total[5m])',
  },
  {
    code: 'promql/wrong-argument-count',
    severity: 'error',
    title: 'A function or aggregation gets too many or too few arguments.',
    example: 'histogram_quantile(0.9)',
  },
  {
    code: 'promql/wrong-argument-type',
    severity: 'error',
    title: 'An argument has the wrong type (instant vector, range vector, scalar or string).',
    example: 'rate(http_requests_total)',
  },
  {
    code: 'promql/aggregation-parameter',
    severity: 'error',
    title: 'An aggregation is missing its parameter, has one it does not take, or the parameter has the wrong type.',
    example: 'topk(http_requests_total)',
  },
  {
    code: 'promql/operand-type',
    severity: 'error',
    title: 'An operator is applied to a range vector or a string.',
    example: 'http_requests_total[5m] * 2',
  },
  {
    code: 'promql/set-operator-on-scalar',
    severity: 'error',
    title: '`and`, `or` and `unless` work only between instant vectors.',
    example: 'up and 1',
  },
  {
    code: 'promql/bool-modifier',
    severity: 'error',
    title: '`bool` belongs to comparisons only, and comparing two scalars needs it.',
    example: '1 > 2',
  },
  {
    code: 'promql/vector-matching',
    severity: 'error',
    title: 'Vector matching (`on`, `ignoring`, `group_left`, `group_right`, `fill`) is used where it is not allowed.',
    example: 'up and on(job) group_left up',
  },
  {
    code: 'promql/empty-selector',
    severity: 'error',
    title: 'A selector must have a metric name or at least one matcher that does not match the empty string.',
    example: '{job=~".*"}',
  },
  { code: 'promql/duplicate-metric-name', severity: 'error', title: 'The metric name is given twice.', example: 'up{__name__="up"}' },
  {
    code: 'promql/range-selector',
    severity: 'error',
    title: 'A range `[…]` follows something other than a plain vector selector.',
    example: 'rate(sum(http_requests_total)[5m])',
  },
  {
    code: 'promql/subquery',
    severity: 'error',
    title: 'A subquery `[range:step]` follows something other than an instant vector.',
    example: 'http_requests_total[5m][1h:1m]',
  },
  {
    code: 'promql/offset',
    severity: 'error',
    title: '`offset` is placed where Prometheus does not allow it, or given twice.',
    example: 'rate(http_requests_total[5m]) offset 1h',
  },
  {
    code: 'promql/at-modifier',
    severity: 'error',
    title: '`@` is placed where Prometheus does not allow it, given twice, or its timestamp is out of range.',
    example: 'sum(up) @ 1700000000',
  },
  {
    code: 'promql/info-function',
    severity: 'error',
    title: 'The second argument of `info` must be a label selector without a metric name.',
    example: 'info(up, target_info{k8s_cluster_name="a"})',
  },
  {
    code: 'promql/range-modifier',
    severity: 'error',
    title: '`anchored`/`smoothed` is placed where it is not allowed, or both are used.',
    example: 'rate(foo[5m:1m] anchored)',
  },
  {
    code: 'promql/invalid-duration',
    severity: 'error',
    title: 'A duration is malformed, out of range, or not greater than zero where it must be.',
    example: 'rate(http_requests_total[0s])',
  },
  {
    code: 'promql/invalid-regex',
    severity: 'error',
    title: 'A regular expression is not valid RE2 (the syntax Prometheus uses).',
    example: 'up{job=~"(?!node).*"}',
  },
  { code: 'promql/invalid-number', severity: 'error', title: 'A number literal is malformed.', example: 'up > 1.2.3' },
  {
    code: 'promql/invalid-string',
    severity: 'error',
    title: 'A string has an escape sequence Go does not accept.',
    example: 'up{job="a\\qb"}',
  },
  {
    code: 'promql/experimental-function',
    severity: 'warning',
    title: 'The function or aggregation needs a Prometheus feature flag.',
    example: 'mad_over_time(http_request_duration_seconds[5m])',
  },
  {
    code: 'promql/experimental-syntax',
    severity: 'warning',
    title: 'The syntax needs a Prometheus feature flag.',
    example: 'rate(http_requests_total[5m] anchored)',
  },
  {
    code: 'promql/rule-result-type',
    severity: 'error',
    title: 'A rule expression must evaluate to an instant vector or a scalar.',
    example: 'http_requests_total[5m]',
  },
  {
    code: 'promql/too-deeply-nested',
    severity: 'warning',
    title: 'The expression is too deeply nested or too long for full analysis; only basic checks ran.',
    example: '((((((…))))))',
  },
];

export const promqlRulesByCode: ReadonlyMap<string, DiagnosticRule> = new Map(promqlRules.map((rule) => [rule.code, rule]));
