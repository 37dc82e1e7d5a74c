import type { DiagnosticRule } from '../diagnosticRule';

/**
 * Every diagnostic LogQL validation reports. Errors are what Loki rejects when it parses a
 * query or builds its pipeline (grafana/loki pkg/logql/syntax/syntax.y, ast.go, parser.go and
 * pkg/logql/log); warnings are accepted queries that do not do what they seem to.
 */
export const logqlRules: DiagnosticRule[] = [
  { code: 'logql/syntax-error', severity: 'error', title: 'The query does not parse.', example: 'sum(rate({app="api"}[5m])' },
  {
    code: 'logql/empty-stream-selector',
    severity: 'error',
    title: 'A stream selector needs at least one matcher that does not match the empty string.',
    example: '{app=~".*"}',
  },
  {
    code: 'logql/unknown-function',
    severity: 'error',
    title: 'No LogQL function or aggregation has this name.',
    example: 'rates({app="api"}[5m])',
  },
  {
    code: 'logql/invalid-regex',
    severity: 'error',
    title: 'A regular expression is not valid RE2, the syntax Loki uses.',
    example: '{app="api"} |~ "(?i)err(or"',
  },
  {
    code: 'logql/invalid-pattern',
    severity: 'error',
    title: 'A `pattern` parser or `|>`/`!>` filter pattern is malformed.',
    example: '{app="api"} | pattern "<ip><_>"',
  },
  {
    code: 'logql/invalid-template',
    severity: 'error',
    title: 'A `line_format` or `label_format` template is not valid Go template syntax or calls an unknown function.',
    example: '{app="api"} | line_format "{{.msg"',
  },
  {
    code: 'logql/invalid-parser-argument',
    severity: 'error',
    title:
      'A parser argument is malformed: a `regexp` without named groups, a JSON path that does not parse, an IP pattern that is not one.',
    example: '{app="api"} | regexp "[0-9]+"',
  },
  {
    code: 'logql/invalid-label-format',
    severity: 'error',
    title: '`label_format` sets the same label twice or sets `__error__`.',
    example: '{app="api"} | label_format a=b, a=c',
  },
  {
    code: 'logql/unwrap-outside-range-aggregation',
    severity: 'error',
    title: '`unwrap` is used outside a range aggregation such as `sum_over_time`.',
    example: '{app="api"} | json | unwrap latency',
  },
  {
    code: 'logql/unwrap-mismatch',
    severity: 'error',
    title: 'The range aggregation needs an unwrapped range (`avg_over_time`, …) or does not accept one (`count_over_time`, …).',
    example: 'avg_over_time({app="api"}[5m])',
  },
  {
    code: 'logql/grouping-not-allowed',
    severity: 'error',
    title: '`by`/`without` is not allowed on this aggregation.',
    example: 'rate({app="api"}[5m]) by (pod)',
  },
  {
    code: 'logql/aggregation-parameter',
    severity: 'error',
    title: 'An aggregation is missing its parameter, gets one it does not take, or the parameter is invalid.',
    example: 'topk(sum by (app) (rate({app="api"}[5m])))',
  },
  {
    code: 'logql/wrong-argument-type',
    severity: 'error',
    title: 'An argument has the wrong type: a log query where a metric query is expected, or the reverse.',
    example: 'sum({app="api"} |= "error")',
  },
  {
    code: 'logql/operand-type',
    severity: 'error',
    title: 'A binary operator is applied to a log query, or a set operator to a literal.',
    example: '{app="api"} > 1',
  },
  {
    code: 'logql/invalid-label-filter',
    severity: 'error',
    title: 'A label filter compares with a value of the wrong kind (a string with `>`, an IP with `=~`).',
    example: '{app="api"} | json | status > "400"',
  },
  {
    code: 'logql/invalid-line-filter',
    severity: 'error',
    title: 'A line filter uses `ip()` with an operator other than `|=` or `!=`.',
    example: '{app="api"} |~ ip("10.0.0.0/8")',
  },
  {
    code: 'logql/invalid-duration',
    severity: 'error',
    title: 'A range or offset duration is malformed.',
    example: 'rate({app="api"}[1.5m])',
  },
  {
    code: 'logql/invalid-number',
    severity: 'error',
    title: 'A number literal is not one Loki reads as a float.',
    example: 'sum(rate({app="api"}[5m])) > 0x10',
  },
  {
    code: 'logql/invalid-string',
    severity: 'error',
    title: 'A string has an escape sequence Go does not accept.',
    example: '{app="a\\qb"}',
  },
  {
    code: 'logql/log-query-in-rule',
    severity: 'error',
    title: "A rule's expression must be a metric query, not a log query.",
    example: '{app="api"} |= "error"',
  },
  {
    code: 'logql/bool-modifier',
    severity: 'warning',
    title: '`bool` only changes comparisons; on other operators it has no effect.',
    example: 'sum(rate({app="api"}[5m])) + bool 1',
  },
  {
    code: 'logql/instant-query-only',
    severity: 'warning',
    title: 'The function works in instant queries only; range queries (graphs) with it fail.',
    example: 'approx_topk(5, sum by (app) (rate({app=~".+"}[5m])))',
  },
  {
    code: 'logql/ip-filter-never-matches',
    severity: 'warning',
    title:
      'An `ip()` label filter with a malformed pattern inside `and`/`or` or after `unwrap`: Loki accepts it, and the filter matches no line.',
    example: '{app="api"} | logfmt | addr = ip("10.0.0.0/33") or status="500"',
  },
  {
    code: 'logql/too-deeply-nested',
    severity: 'warning',
    title: 'The query is too deeply nested for full analysis; only basic checks ran.',
    example: '((((((…))))))',
  },
];
