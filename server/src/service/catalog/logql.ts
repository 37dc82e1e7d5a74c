/**
 * LogQL as of Loki 3.8 (grafana/loki main at 65e30f8, pkg/logql/syntax/lex.go, syntax.y and
 * pkg/logql/log/fmt.go): every function, aggregation, parser, formatter, pipeline stage and
 * operator, with a signature, a description in our own words and an example. Names are
 * facts from Loki's lexer (see /work/shared/corpus/logql/keywords.json); when Loki adds a
 * keyword, add it here and to docs/catalog.md.
 */

export const logqlCatalogVersion = 'Loki 3.8';

export type LogQLEntryKind =
  | 'range-aggregation'
  | 'vector-aggregation'
  | 'function'
  | 'parser'
  | 'formatter'
  | 'stage'
  | 'line-filter'
  | 'label-filter'
  | 'binary-operator'
  | 'keyword'
  | 'conversion'
  | 'parser-flag';

export interface LogQLEntry {
  name: string;
  kind: LogQLEntryKind;
  /** How it is written, with placeholders. */
  signature: string;
  doc: string;
  example: string;
  /** Range aggregations: whether the range must be unwrapped (`| unwrap x`), may be, or must not be. */
  unwrap?: 'required' | 'optional' | 'forbidden';
  /** Aggregations: whether `by`/`without` is accepted. */
  grouping?: boolean;
  /** Snippet for completion (`$1` placeholders). */
  snippet?: string;
}

const range = (
  name: string,
  unwrap: LogQLEntry['unwrap'],
  grouping: boolean,
  doc: string,
  example: string,
  parameter = false,
): LogQLEntry => ({
  name,
  kind: 'range-aggregation',
  signature: `${name}(${parameter ? 'φ, ' : ''}${unwrap === 'required' ? '<log query> | unwrap <label> [<range>]' : '<log query> [<range>]'})${grouping ? ' [by|without (<labels>)]' : ''}`,
  doc,
  example,
  unwrap,
  grouping,
  snippet:
    unwrap === 'required'
      ? `${name}(${parameter ? '${1:0.99}, ' : ''}{\${2}} | \${3:logfmt} | unwrap \${4:label} [\${5:5m}])`
      : `${name}({\${1}} [\${2:5m}])`,
});

const vector = (name: string, doc: string, example: string, parameter?: string, grouping = true): LogQLEntry => ({
  name,
  kind: 'vector-aggregation',
  signature: `${name}${grouping ? ' [by|without (<labels>)]' : ''}(${parameter ? `${parameter}, ` : ''}<metric query>)`,
  doc,
  example,
  grouping,
  snippet: parameter ? `${name}(\${1:5}, \${2})` : `${name}(\${1})`,
});

export const logqlRangeAggregations: LogQLEntry[] = [
  range(
    'rate',
    'optional',
    false,
    'Log lines per second over the range. With `| unwrap`, the per-second rate of the unwrapped values instead.',
    'rate({app="api"} |= "error" [5m])',
  ),
  range(
    'count_over_time',
    'forbidden',
    false,
    'How many log lines each stream produced within the range.',
    'count_over_time({app="api"}[1h])',
  ),
  range('bytes_rate', 'forbidden', false, 'Bytes of log lines per second over the range.', 'bytes_rate({namespace="prod"}[5m])'),
  range(
    'bytes_over_time',
    'forbidden',
    false,
    'Bytes of log lines each stream produced within the range.',
    'bytes_over_time({app="api"}[1h])',
  ),
  range(
    'absent_over_time',
    'optional',
    false,
    'A one-element vector with value 1 when no line matched within the range; empty otherwise. Useful for "logs stopped" alerts.',
    'absent_over_time({app="api"}[10m])',
  ),
  range(
    'rate_counter',
    'required',
    false,
    'Per-second rate of an unwrapped value that behaves like a counter (resets are handled).',
    'rate_counter({app="api"} | logfmt | unwrap requests_total [5m])',
  ),
  range(
    'sum_over_time',
    'required',
    false,
    'Sum of the unwrapped values within the range.',
    'sum_over_time({app="api"} | json | unwrap bytes(size) [5m])',
  ),
  range(
    'avg_over_time',
    'required',
    true,
    'Average of the unwrapped values within the range.',
    'avg_over_time({app="api"} | logfmt | unwrap duration(took) [5m]) by (route)',
  ),
  range(
    'max_over_time',
    'required',
    true,
    'Largest unwrapped value within the range.',
    'max_over_time({app="api"} | logfmt | unwrap latency_ms [5m]) by (pod)',
  ),
  range(
    'min_over_time',
    'required',
    true,
    'Smallest unwrapped value within the range.',
    'min_over_time({app="api"} | logfmt | unwrap latency_ms [5m]) by (pod)',
  ),
  range(
    'stddev_over_time',
    'required',
    true,
    'Population standard deviation of the unwrapped values within the range.',
    'stddev_over_time({app="api"} | logfmt | unwrap latency_ms [5m])',
  ),
  range(
    'stdvar_over_time',
    'required',
    true,
    'Population variance of the unwrapped values within the range.',
    'stdvar_over_time({app="api"} | logfmt | unwrap latency_ms [5m])',
  ),
  range(
    'quantile_over_time',
    'required',
    true,
    'The φ-quantile (0 ≤ φ ≤ 1) of the unwrapped values within the range.',
    'quantile_over_time(0.99, {app="api"} | json | unwrap duration(latency) [5m]) by (route)',
    true,
  ),
  range(
    'first_over_time',
    'required',
    true,
    'The first (oldest) unwrapped value within the range.',
    'first_over_time({app="api"} | logfmt | unwrap queue_size [1m]) by (pod)',
  ),
  range(
    'last_over_time',
    'required',
    true,
    'The last (newest) unwrapped value within the range.',
    'last_over_time({app="api"} | logfmt | unwrap queue_size [1m]) by (pod)',
  ),
];

export const logqlVectorAggregations: LogQLEntry[] = [
  vector('sum', 'Adds up the values of the series, per group.', 'sum by (app) (rate({namespace="prod"}[5m]))'),
  vector('avg', 'Average of the series values, per group.', 'avg by (app) (rate({namespace="prod"}[5m]))'),
  vector('min', 'Smallest series value, per group.', 'min by (app) (rate({namespace="prod"}[5m]))'),
  vector('max', 'Largest series value, per group.', 'max by (app) (rate({namespace="prod"}[5m]))'),
  vector('count', 'Number of series, per group.', 'count by (app) (rate({namespace="prod"}[5m]))'),
  vector('stddev', 'Population standard deviation of the series values, per group.', 'stddev(rate({namespace="prod"}[5m]))'),
  vector('stdvar', 'Population variance of the series values, per group.', 'stdvar(rate({namespace="prod"}[5m]))'),
  vector('topk', 'The k series with the largest values, per group.', 'topk(5, sum by (app) (rate({namespace="prod"}[5m])))', 'k'),
  vector('bottomk', 'The k series with the smallest values, per group.', 'bottomk(5, sum by (app) (rate({namespace="prod"}[5m])))', 'k'),
  vector(
    'approx_topk',
    'An estimate of topk for very many series, computed with a count-min sketch. Instant queries only, and no by/without.',
    'approx_topk(10, sum by (app) (rate({namespace="prod"}[5m])))',
    'k',
    false,
  ),
  vector(
    'sort',
    'Orders the series by value, smallest first (instant queries).',
    'sort(sum by (app) (rate({namespace="prod"}[5m])))',
    undefined,
    false,
  ),
  vector(
    'sort_desc',
    'Orders the series by value, largest first (instant queries).',
    'sort_desc(sum by (app) (rate({namespace="prod"}[5m])))',
    undefined,
    false,
  ),
];

export const logqlFunctions: LogQLEntry[] = [
  {
    name: 'label_replace',
    kind: 'function',
    signature: 'label_replace(<metric query>, "<dst_label>", "<replacement>", "<src_label>", "<regex>")',
    doc: 'When the regex matches the whole value of src_label, sets dst_label to the replacement, in which $1, $2 … refer to the regex groups. Series that do not match are returned unchanged.',
    example: 'label_replace(rate({app="api"}[5m]), "svc", "$1", "app", "(.*)-api")',
    snippet: 'label_replace(${1}, "${2:dst}", "${3:\\$1}", "${4:src}", "${5:(.*)}")',
  },
  {
    name: 'vector',
    kind: 'function',
    signature: 'vector(<number>)',
    doc: 'A series without labels holding the number; handy as a default with `or`.',
    example: 'sum(rate({app="api"} |= "error" [5m])) or vector(0)',
    snippet: 'vector(${1:0})',
  },
  {
    name: 'ip',
    kind: 'function',
    signature: 'ip("<address | CIDR | from-to>")',
    doc: 'Matches IP addresses: in a line filter, lines containing an address in the range (with |= or != only); in a label filter, labels holding one (with = or !=).',
    example: '{app="nginx"} | logfmt | remote_addr = ip("10.0.0.0/8")',
    snippet: 'ip("${1:10.0.0.0/8}")',
  },
];

export const logqlParsers: LogQLEntry[] = [
  {
    name: 'json',
    kind: 'parser',
    signature: 'json [<label>="<path>", …]',
    doc: 'Parses each line as JSON. Without arguments every field becomes a label (nested keys joined with `_`); with arguments only the given paths (`a.b`, `a[0]`, `a["b c"]`) are extracted.',
    example: '{app="api"} | json status="response.status", method',
    snippet: 'json',
  },
  {
    name: 'logfmt',
    kind: 'parser',
    signature: 'logfmt [--strict] [--keep-empty] [<label>[="<key>"], …]',
    doc: 'Parses key=value pairs. `--strict` stops at the first malformed pair and sets __error__; `--keep-empty` keeps keys without a value. With arguments only those keys are extracted.',
    example: '{app="api"} | logfmt --strict level, took="duration"',
    snippet: 'logfmt',
  },
  {
    name: 'regexp',
    kind: 'parser',
    signature: 'regexp "<RE2 with named groups>"',
    doc: 'Extracts one label per named group `(?P<name>…)` of an RE2 regular expression; it needs at least one named group.',
    example: '{app="nginx"} | regexp `(?P<method>\\w+) (?P<path>[^ ]+)`',
    snippet: 'regexp "${1:(?P<name>\\\\w+)}"',
  },
  {
    name: 'pattern',
    kind: 'parser',
    signature: 'pattern "<pattern>"',
    doc: 'Extracts labels by position: `<name>` captures text up to the literal that follows it, `<_>` skips text. Needs a named capture; two captures may not touch.',
    example: '{app="nginx"} | pattern "<ip> - - <_> \\"<method> <path> <_>\\" <status> <size>"',
    snippet: 'pattern "${1:<_> <name> <_>}"',
  },
  {
    name: 'unpack',
    kind: 'parser',
    signature: 'unpack',
    doc: "Unpacks lines written by Promtail's `pack` stage: the embedded labels become labels and the `_entry` field becomes the log line.",
    example: '{app="api"} | unpack | level="error"',
    snippet: 'unpack',
  },
];

export const logqlFormatters: LogQLEntry[] = [
  {
    name: 'line_format',
    kind: 'formatter',
    signature: 'line_format "<Go template>"',
    doc: 'Replaces the log line with a Go template rendered over the labels (`{{.label}}`); `__line__` and `__timestamp__` give the original line and time.',
    example: '{app="api"} | json | line_format "{{.level}} {{.msg}}"',
    snippet: 'line_format "{{.${1:label}}}"',
  },
  {
    name: 'label_format',
    kind: 'formatter',
    signature: 'label_format <label>=<source label> | <label>="<Go template>", …',
    doc: 'Renames labels (`dst=src`) or sets them from a template (`dst="{{.a}}-{{.b}}"`). Each label at most once per stage.',
    example: '{app="api"} | logfmt | label_format duration_ms="{{ .took | duration_seconds | mulf 1000 }}"',
    snippet: 'label_format ${1:new}=${2:old}',
  },
];

export const logqlStages: LogQLEntry[] = [
  {
    name: 'unwrap',
    kind: 'stage',
    signature: '| unwrap <label> | unwrap bytes(<label>) | unwrap duration(<label>)',
    doc: 'Turns a label into the sample value of a range aggregation such as sum_over_time. Only inside range aggregations; lines whose label is not a number get __error__.',
    example: 'avg_over_time({app="api"} | logfmt | unwrap duration(took) [5m])',
    snippet: 'unwrap ${1:label}',
  },
  {
    name: 'drop',
    kind: 'stage',
    signature: 'drop <label>[, <label>="<value>", …]',
    doc: 'Removes labels, all of them with a name or only when the matcher matches.',
    example: '{app="api"} | json | drop trace_id, level="debug"',
    snippet: 'drop ${1:label}',
  },
  {
    name: 'keep',
    kind: 'stage',
    signature: 'keep <label>[, <label>="<value>", …]',
    doc: 'Keeps only the listed labels (and those matching a matcher), dropping the rest.',
    example: '{app="api"} | json | keep level, status',
    snippet: 'keep ${1:label}',
  },
  {
    name: 'decolorize',
    kind: 'stage',
    signature: 'decolorize',
    doc: 'Strips ANSI color escape codes from the log line.',
    example: '{app="cli"} | decolorize',
    snippet: 'decolorize',
  },
];

export const logqlLineFilters: LogQLEntry[] = [
  {
    name: '|=',
    kind: 'line-filter',
    signature: '|= "<text>"',
    doc: 'Keeps lines that contain the text (case-sensitive).',
    example: '{app="api"} |= "error"',
  },
  {
    name: '!=',
    kind: 'line-filter',
    signature: '!= "<text>"',
    doc: 'Drops lines that contain the text.',
    example: '{app="api"} != "healthcheck"',
  },
  {
    name: '|~',
    kind: 'line-filter',
    signature: '|~ "<RE2 regex>"',
    doc: 'Keeps lines that match the RE2 regular expression anywhere (not anchored).',
    example: '{app="api"} |~ "(?i)timeout|deadline"',
  },
  {
    name: '!~',
    kind: 'line-filter',
    signature: '!~ "<RE2 regex>"',
    doc: 'Drops lines that match the RE2 regular expression.',
    example: '{app="api"} !~ "GET /(health|ready)"',
  },
  {
    name: '|>',
    kind: 'line-filter',
    signature: '|> "<pattern>"',
    doc: 'Keeps lines that match a pattern in which `<_>` stands for any text; faster than a regex.',
    example: '{app="nginx"} |> "<_> 500 <_>"',
  },
  {
    name: '!>',
    kind: 'line-filter',
    signature: '!> "<pattern>"',
    doc: 'Drops lines that match the pattern.',
    example: '{app="nginx"} !> "<_> 200 <_>"',
  },
  {
    name: 'or',
    kind: 'line-filter',
    signature: '<filter> "<a>" or "<b>"',
    doc: 'In a line filter, alternatives: `|= "a" or "b"` keeps lines with either; `!= "a" or "b"` drops both. Between label filters, either filter may match.',
    example: '{app="api"} |= "error" or "fatal"',
  },
];

export const logqlLabelFilterOperators: LogQLEntry[] = [
  {
    name: '=',
    kind: 'label-filter',
    signature: '<label> = "<value>" | <label> = <number>',
    doc: 'Equal: a string comparison, or a numeric one when the value is a number, duration or size.',
    example: '{app="api"} | logfmt | level = "error"',
  },
  {
    name: '!=',
    kind: 'label-filter',
    signature: '<label> != "<value>"',
    doc: 'Not equal: a string comparison, or a numeric one against a number, duration or size.',
    example: '{app="api"} | json | status != 200',
  },
  {
    name: '=~',
    kind: 'label-filter',
    signature: '<label> =~ "<RE2 regex>"',
    doc: 'The label matches the regex (anchored at both ends).',
    example: '{app="api"} | json | path =~ "/api/v[12]/.*"',
  },
  {
    name: '!~',
    kind: 'label-filter',
    signature: '<label> !~ "<RE2 regex>"',
    doc: 'The label does not match the regex.',
    example: '{app="api"} | json | path !~ "/health.*"',
  },
  {
    name: '==',
    kind: 'label-filter',
    signature: '<label> == <number | duration | size>',
    doc: 'Numeric equality (for strings use =).',
    example: '{app="api"} | json | status == 500',
  },
  {
    name: '>',
    kind: 'label-filter',
    signature: '<label> > <number | duration | size>',
    doc: 'Greater than; with a duration (`1s`) or size (`10KB`) the label is read as one.',
    example: '{app="api"} | logfmt | took > 500ms',
  },
  {
    name: '>=',
    kind: 'label-filter',
    signature: '<label> >= <number | duration | size>',
    doc: 'Greater than or equal; the value may be a number, a duration or a size.',
    example: '{app="api"} | json | status >= 500',
  },
  {
    name: '<',
    kind: 'label-filter',
    signature: '<label> < <number | duration | size>',
    doc: 'Less than; the value may be a number, a duration or a size.',
    example: '{app="api"} | json | size < 1KB',
  },
  {
    name: '<=',
    kind: 'label-filter',
    signature: '<label> <= <number | duration | size>',
    doc: 'Less than or equal; the value may be a number, a duration or a size.',
    example: '{app="api"} | json | status <= 299',
  },
  {
    name: 'and',
    kind: 'label-filter',
    signature: '<filter> and <filter>',
    doc: 'Both label filters must match; a comma or a space means the same.',
    example: '{app="api"} | json | status >= 500 and method = "POST"',
  },
];

export const logqlBinaryOperators: LogQLEntry[] = [
  ...(['+', '-', '*', '/', '%', '^'] as const).map((op): LogQLEntry => ({
    name: op,
    kind: 'binary-operator',
    signature: `<metric> ${op} <metric>`,
    doc:
      { '+': 'Addition', '-': 'Subtraction', '*': 'Multiplication', '/': 'Division', '%': 'Modulo', '^': 'Power' }[op] +
      ' between series (matched on labels) or with a number.',
    example: `sum(rate({app="api"} |= "error" [5m])) ${op} sum(rate({app="api"}[5m]))`,
  })),
  ...(['==', '!=', '>', '>=', '<', '<='] as const).map((op): LogQLEntry => ({
    name: op,
    kind: 'binary-operator',
    signature: `<metric> ${op} [bool] <metric>`,
    doc: 'Comparison: keeps the series for which it holds; with `bool`, returns 1 or 0 for every series instead.',
    example: `sum by (app) (rate({namespace="prod"} |= "error" [5m])) ${op} 10`,
  })),
  {
    name: 'and',
    kind: 'binary-operator',
    signature: '<metric> and <metric>',
    doc: 'Set intersection: left-hand series that have a match on the right.',
    example: 'sum by (app) (rate({a="b"}[5m])) and sum by (app) (rate({c="d"}[5m]))',
  },
  {
    name: 'or',
    kind: 'binary-operator',
    signature: '<metric> or <metric>',
    doc: 'Set union: all left-hand series, plus right-hand series without a match on the left.',
    example: 'sum(rate({app="api"} |= "error" [5m])) or vector(0)',
  },
  {
    name: 'unless',
    kind: 'binary-operator',
    signature: '<metric> unless <metric>',
    doc: 'Set difference: left-hand series without a match on the right.',
    example: 'sum by (app) (rate({a="b"}[5m])) unless sum by (app) (rate({c="d"}[5m]))',
  },
];

export const logqlKeywords: LogQLEntry[] = [
  {
    name: 'by',
    kind: 'keyword',
    signature: 'by (<label>, …)',
    doc: 'Aggregates per group of the listed labels, dropping the others.',
    example: 'sum by (app) (rate({namespace="prod"}[5m]))',
  },
  {
    name: 'without',
    kind: 'keyword',
    signature: 'without (<label>, …)',
    doc: 'Aggregates per group of all labels except the listed ones.',
    example: 'sum without (pod) (rate({namespace="prod"}[5m]))',
  },
  {
    name: 'offset',
    kind: 'keyword',
    signature: '[<range>] offset <duration>',
    doc: 'Shifts the range back in time by the duration.',
    example: 'rate({app="api"}[5m] offset 1h)',
  },
  {
    name: 'bool',
    kind: 'keyword',
    signature: '<metric> <comparison> bool <metric>',
    doc: 'Makes a comparison return 0 or 1 instead of filtering.',
    example: 'sum(rate({app="api"}[5m])) > bool 10',
  },
  {
    name: 'on',
    kind: 'keyword',
    signature: '<metric> <op> on (<label>, …) <metric>',
    doc: 'Matches series of both sides on the listed labels only.',
    example: 'sum by (app, pod) (rate({a="b"}[5m])) / on (app) group_left sum by (app) (rate({a="b"}[5m]))',
  },
  {
    name: 'ignoring',
    kind: 'keyword',
    signature: '<metric> <op> ignoring (<label>, …) <metric>',
    doc: 'Matches series of both sides on all labels except the listed ones.',
    example: 'sum by (app, pod) (rate({a="b"}[5m])) / ignoring (pod) group_left sum by (app) (rate({a="b"}[5m]))',
  },
  {
    name: 'group_left',
    kind: 'keyword',
    signature: 'on|ignoring (…) group_left [(<label>, …)]',
    doc: 'Many-to-one matching: several left series may match one right series; listed labels are copied from the right.',
    example: 'sum by (app, pod) (rate({a="b"}[5m])) / on (app) group_left sum by (app) (rate({a="b"}[5m]))',
  },
  {
    name: 'group_right',
    kind: 'keyword',
    signature: 'on|ignoring (…) group_right [(<label>, …)]',
    doc: 'One-to-many matching, the mirror of group_left.',
    example: 'sum by (app) (rate({a="b"}[5m])) / on (app) group_right sum by (app, pod) (rate({a="b"}[5m]))',
  },
];

export const logqlConversions: LogQLEntry[] = [
  {
    name: 'bytes',
    kind: 'conversion',
    signature: 'unwrap bytes(<label>)',
    doc: 'Reads the label as a size such as `10KB` or `1.5MiB` and unwraps it as a number of bytes.',
    example: 'sum_over_time({app="api"} | logfmt | unwrap bytes(size) [5m])',
    snippet: 'bytes(${1:label})',
  },
  {
    name: 'duration',
    kind: 'conversion',
    signature: 'unwrap duration(<label>)',
    doc: 'Reads the label as a Go duration such as `250ms` or `1m30s` and unwraps it as seconds.',
    example: 'avg_over_time({app="api"} | logfmt | unwrap duration(took) [5m])',
    snippet: 'duration(${1:label})',
  },
  {
    name: 'duration_seconds',
    kind: 'conversion',
    signature: 'unwrap duration_seconds(<label>)',
    doc: 'The same as duration(): the label read as a Go duration, in seconds.',
    example: 'max_over_time({app="api"} | logfmt | unwrap duration_seconds(took) [5m])',
    snippet: 'duration_seconds(${1:label})',
  },
];

export const logqlParserFlags: LogQLEntry[] = [
  {
    name: '--strict',
    kind: 'parser-flag',
    signature: 'logfmt --strict',
    doc: 'Stops at the first malformed key=value pair and marks the line with __error__ instead of skipping the pair.',
    example: '{app="api"} | logfmt --strict',
  },
  {
    name: '--keep-empty',
    kind: 'parser-flag',
    signature: 'logfmt --keep-empty',
    doc: 'Keeps standalone keys (without `=value`) as labels with an empty value.',
    example: '{app="api"} | logfmt --keep-empty',
  },
];

/** Every entry, for lookups by name (a name can have several kinds, e.g. `!=`, `or`, `bytes`). */
/** Names of the pipeline stages that follow a `|`: parsers, formatters and the other stages. */
export const logqlStageNames: ReadonlySet<string> = new Set(
  [...logqlParsers, ...logqlFormatters, ...logqlStages].map((entry) => entry.name),
);

export const logqlCatalog: LogQLEntry[] = [
  ...logqlRangeAggregations,
  ...logqlVectorAggregations,
  ...logqlFunctions,
  ...logqlParsers,
  ...logqlFormatters,
  ...logqlStages,
  ...logqlLineFilters,
  ...logqlLabelFilterOperators,
  ...logqlBinaryOperators,
  ...logqlKeywords,
  ...logqlConversions,
  ...logqlParserFlags,
];

export function logqlEntries(name: string, kind?: LogQLEntryKind): LogQLEntry[] {
  const lower = name.toLowerCase();
  return logqlCatalog.filter((entry) => entry.name === lower && (!kind || entry.kind === kind));
}

/** A function usable inside `line_format`/`label_format` templates. */
export interface LogQLTemplateFunction {
  name: string;
  /** How it is called, arguments in Go template order (a piped value is the last argument). */
  signature: string;
  doc: string;
  /** A query that uses it inside a `{{ … }}` template. */
  example: string;
}

/** Functions available in `line_format`/`label_format` templates (pkg/logql/log/fmt.go), in our own words. */
export const logqlTemplateFunctions: LogQLTemplateFunction[] = [
  {
    name: 'ToLower',
    signature: 'ToLower <string>',
    doc: 'Lower-cases the text.',
    example: '{app="api"} | logfmt | label_format level="{{ .level | ToLower }}"',
  },
  {
    name: 'ToUpper',
    signature: 'ToUpper <string>',
    doc: 'Upper-cases the text.',
    example: '{app="api"} | logfmt | line_format "{{ .level | ToUpper }} {{ .msg }}"',
  },
  {
    name: 'Replace',
    signature: 'Replace <string> <old> <new> <n>',
    doc: 'Replaces the first n occurrences of old (all when n < 0).',
    example: '{app="api"} | logfmt | label_format route=`{{ Replace .path "/" "_" -1 }}`',
  },
  {
    name: 'Trim',
    signature: 'Trim <string> <cutset>',
    doc: 'Removes leading and trailing characters in cutset.',
    example: '{app="api"} | logfmt | label_format request_id=`{{ Trim .request_id "[]" }}`',
  },
  {
    name: 'TrimLeft',
    signature: 'TrimLeft <string> <cutset>',
    doc: 'Removes leading characters in cutset.',
    example: '{app="shop"} | json | label_format order_id=`{{ TrimLeft .order_id "0" }}`',
  },
  {
    name: 'TrimRight',
    signature: 'TrimRight <string> <cutset>',
    doc: 'Removes trailing characters in cutset.',
    example: '{app="api"} | logfmt | label_format path=`{{ TrimRight .path "/" }}`',
  },
  {
    name: 'TrimPrefix',
    signature: 'TrimPrefix <string> <prefix>',
    doc: 'Removes the prefix if present.',
    example: '{app="api"} | logfmt | label_format endpoint=`{{ TrimPrefix .path "/api/v1" }}`',
  },
  {
    name: 'TrimSuffix',
    signature: 'TrimSuffix <string> <suffix>',
    doc: 'Removes the suffix if present.',
    example: '{app="api"} | logfmt | label_format upstream=`{{ TrimSuffix .upstream ".svc.cluster.local" }}`',
  },
  {
    name: 'TrimSpace',
    signature: 'TrimSpace <string>',
    doc: 'Removes leading and trailing white space.',
    example: '{app="api"} | json | line_format "{{ .message | TrimSpace }}"',
  },
  {
    name: 'regexReplaceAll',
    signature: 'regexReplaceAll <regex> <string> <replacement>',
    doc: 'Replaces every regex match; $1 … expand groups.',
    example: '{app="api"} | logfmt | label_format user_id=`{{ regexReplaceAll "^/users/([0-9]+).*" .path "$1" }}`',
  },
  {
    name: 'regexReplaceAllLiteral',
    signature: 'regexReplaceAllLiteral <regex> <string> <replacement>',
    doc: 'Replaces every regex match with the replacement as is.',
    example: '{app="auth"} | line_format `{{ regexReplaceAllLiteral "token=[^ ]+" __line__ "token=$REDACTED" }}`',
  },
  {
    name: 'count',
    signature: 'count <regex> <string>',
    doc: 'Counts the regex matches in the text.',
    example: '{app="worker"} | logfmt | label_format retries=`{{ .msg | count "retry" }}`',
  },
  {
    name: 'urldecode',
    signature: 'urldecode <string>',
    doc: 'Decodes URL query escaping.',
    example: '{app="nginx"} | logfmt | line_format "{{ .query | urldecode }}"',
  },
  {
    name: 'urlencode',
    signature: 'urlencode <string>',
    doc: 'Applies URL query escaping.',
    example: '{app="api"} | logfmt | label_format search="{{ .search | urlencode }}"',
  },
  {
    name: 'bytes',
    signature: 'bytes <string>',
    doc: 'Reads a size such as 10KB as a number of bytes.',
    example: 'sum_over_time({app="api"} | logfmt | label_format size_bytes="{{ .size | bytes }}" | unwrap size_bytes [5m])',
  },
  {
    name: 'duration',
    signature: 'duration <string>',
    doc: 'Reads a Go duration as seconds.',
    example: '{app="api"} | logfmt | label_format took_seconds="{{ .took | duration }}"',
  },
  {
    name: 'duration_seconds',
    signature: 'duration_seconds <string>',
    doc: 'Reads a Go duration as seconds.',
    example: 'avg_over_time({app="api"} | logfmt | label_format latency="{{ .latency | duration_seconds }}" | unwrap latency [5m])',
  },
  {
    name: 'unixEpochMillis',
    signature: 'unixEpochMillis <time>',
    doc: 'Milliseconds since the Unix epoch.',
    example: '{app="api"} | line_format "{{ __timestamp__ | unixEpochMillis }} {{ __line__ }}"',
  },
  {
    name: 'unixEpochNanos',
    signature: 'unixEpochNanos <time>',
    doc: 'Nanoseconds since the Unix epoch.',
    example: '{app="api"} | label_format ts_ns="{{ __timestamp__ | unixEpochNanos }}"',
  },
  {
    name: 'toDateInZone',
    signature: 'toDateInZone <layout> <zone> <string>',
    doc: 'Parses a date in a time zone.',
    example:
      '{app="billing"} | logfmt | label_format epoch=`{{ toDateInZone "2006-01-02 15:04:05" "Europe/Berlin" .local_time | unixEpoch }}`',
  },
  {
    name: 'unixToTime',
    signature: 'unixToTime <string>',
    doc: 'Reads an epoch in days, s, ms, µs or ns (by its number of digits) as a time.',
    example: '{app="api"} | json | line_format `{{ unixToTime .created | date "2006-01-02T15:04:05Z07:00" }} {{ .msg }}`',
  },
  {
    name: 'alignLeft',
    signature: 'alignLeft <width> <string>',
    doc: 'Pads or cuts the text to the width, left-aligned.',
    example: '{app="api"} | logfmt | line_format "{{ .level | alignLeft 5 }} {{ .msg }}"',
  },
  {
    name: 'alignRight',
    signature: 'alignRight <width> <string>',
    doc: 'Pads or cuts the text to the width, right-aligned.',
    example: '{app="api"} | logfmt | line_format "{{ .took | alignRight 8 }} {{ .path }}"',
  },
  {
    name: 'b64dec',
    signature: 'b64dec <string>',
    doc: 'Decodes base64.',
    example: '{app="api"} | logfmt | line_format "{{ .payload | b64dec }}"',
  },
  {
    name: 'b64enc',
    signature: 'b64enc <string>',
    doc: 'Encodes base64.',
    example: '{app="api"} | logfmt | label_format user_b64="{{ .user | b64enc }}"',
  },
  {
    name: 'lower',
    signature: 'lower <string>',
    doc: 'Lower-cases the text.',
    example: '{app="api"} | logfmt | label_format method="{{ .method | lower }}"',
  },
  {
    name: 'upper',
    signature: 'upper <string>',
    doc: 'Upper-cases the text.',
    example: '{app="api"} | logfmt | line_format "{{ .level | upper }}: {{ .msg }}"',
  },
  {
    name: 'title',
    signature: 'title <string>',
    doc: 'Title-cases the text.',
    example: '{app="api"} | logfmt | label_format env="{{ .env | title }}"',
  },
  {
    name: 'trunc',
    signature: 'trunc <n> <string>',
    doc: 'Keeps the first n characters (the last when n < 0).',
    example: '{app="api"} | line_format "{{ __line__ | trunc 200 }}"',
  },
  {
    name: 'substr',
    signature: 'substr <start> <end> <string>',
    doc: 'The characters from start to end.',
    example: '{app="api"} | logfmt | label_format trace="{{ .trace_id | substr 0 8 }}"',
  },
  {
    name: 'contains',
    signature: 'contains <needle> <string>',
    doc: 'Whether the text contains needle.',
    example: '{app="api"} | logfmt | line_format `{{ if contains "timeout" .msg }}TIMEOUT {{ end }}{{ .msg }}`',
  },
  {
    name: 'hasPrefix',
    signature: 'hasPrefix <prefix> <string>',
    doc: 'Whether the text starts with prefix.',
    example: '{app="api"} | logfmt | label_format area=`{{ if hasPrefix "/admin" .path }}admin{{ else }}public{{ end }}`',
  },
  {
    name: 'hasSuffix',
    signature: 'hasSuffix <suffix> <string>',
    doc: 'Whether the text ends with suffix.',
    example: '{app="cdn"} | logfmt | label_format kind=`{{ if hasSuffix ".js" .path }}script{{ else }}other{{ end }}`',
  },
  {
    name: 'indent',
    signature: 'indent <n> <string>',
    doc: 'Indents every line by n spaces.',
    example: '{app="api"} | json | line_format "{{ .msg }}\\n{{ .stack | indent 4 }}"',
  },
  {
    name: 'nindent',
    signature: 'nindent <n> <string>',
    doc: 'A newline, then indent.',
    example: '{app="api"} | json | line_format "{{ .msg }}{{ .stack | nindent 4 }}"',
  },
  {
    name: 'replace',
    signature: 'replace <old> <new> <string>',
    doc: 'Replaces every occurrence of old.',
    example: '{app="api"} | logfmt | label_format route=`{{ .path | replace "/" "_" }}`',
  },
  {
    name: 'repeat',
    signature: 'repeat <n> <string>',
    doc: 'Repeats the text n times.',
    example: '{app="api"} | json | line_format `{{ repeat (int .depth) "  " }}{{ .msg }}`',
  },
  {
    name: 'trim',
    signature: 'trim <string>',
    doc: 'Removes surrounding white space.',
    example: '{app="api"} | logfmt | line_format "{{ .msg | trim }}"',
  },
  {
    name: 'trimAll',
    signature: 'trimAll <cutset> <string>',
    doc: 'Removes surrounding characters in cutset.',
    example: '{app="chat"} | logfmt | label_format channel=`{{ .channel | trimAll "#" }}`',
  },
  {
    name: 'trimSuffix',
    signature: 'trimSuffix <suffix> <string>',
    doc: 'Removes the suffix.',
    example: '{app="api"} | logfmt | label_format host=`{{ .host | trimSuffix ".internal" }}`',
  },
  {
    name: 'trimPrefix',
    signature: 'trimPrefix <prefix> <string>',
    doc: 'Removes the prefix.',
    example: '{app="api"} | logfmt | label_format endpoint=`{{ .path | trimPrefix "/api" }}`',
  },
  {
    name: 'int',
    signature: 'int <value>',
    doc: 'Converts to an integer.',
    example: '{app="api"} | logfmt | label_format outcome=`{{ if gt (int .status) 499 }}error{{ else }}ok{{ end }}`',
  },
  {
    name: 'float64',
    signature: 'float64 <value>',
    doc: 'Converts to a float.',
    example: '{app="api"} | logfmt | label_format speed=`{{ if gt (float64 .latency) 0.5 }}slow{{ else }}fast{{ end }}`',
  },
  {
    name: 'add',
    signature: 'add <a> <b> …',
    doc: 'Integer sum of the arguments.',
    example: '{app="worker"} | logfmt | label_format attempt="{{ add .retries 1 }}"',
  },
  {
    name: 'sub',
    signature: 'sub <a> <b>',
    doc: 'Integer a − b.',
    example: '{app="worker"} | logfmt | label_format elapsed_ms="{{ sub .end_ms .start_ms }}"',
  },
  {
    name: 'mul',
    signature: 'mul <a> <b> …',
    doc: 'Integer product of the arguments.',
    example: '{app="db"} | logfmt | label_format bytes="{{ mul .pages 8192 }}"',
  },
  {
    name: 'div',
    signature: 'div <a> <b>',
    doc: 'Integer a ÷ b, rounded toward zero.',
    example: '{app="api"} | logfmt | label_format status_class="{{ div .status 100 }}xx"',
  },
  {
    name: 'mod',
    signature: 'mod <a> <b>',
    doc: 'Integer remainder of a ÷ b.',
    example: '{app="api"} | logfmt | label_format shard="{{ mod .user_id 16 }}"',
  },
  {
    name: 'max',
    signature: 'max <a> <b> …',
    doc: 'Integer maximum of the arguments.',
    example: '{app="queue"} | logfmt | label_format backlog="{{ max .pending 0 }}"',
  },
  {
    name: 'min',
    signature: 'min <a> <b> …',
    doc: 'Integer minimum of the arguments.',
    example: '{app="queue"} | logfmt | label_format batch="{{ min .batch_size 1000 }}"',
  },
  {
    name: 'addf',
    signature: 'addf <a> <b> …',
    doc: 'Float sum of the arguments.',
    example: '{app="node"} | logfmt | label_format cpu="{{ addf .cpu_user .cpu_system }}"',
  },
  {
    name: 'subf',
    signature: 'subf <a> <b> …',
    doc: 'Float a − b (− further arguments).',
    example: '{app="node"} | logfmt | label_format mem_used="{{ subf .mem_total .mem_free }}"',
  },
  {
    name: 'mulf',
    signature: 'mulf <a> <b> …',
    doc: 'Float product of the arguments.',
    example: '{app="api"} | logfmt | label_format hit_percent="{{ mulf .hit_ratio 100 }}"',
  },
  {
    name: 'divf',
    signature: 'divf <a> <b> …',
    doc: 'Float a ÷ b (÷ further arguments).',
    example: '{app="api"} | logfmt | label_format size_mib="{{ divf .size 1048576 }}"',
  },
  {
    name: 'maxf',
    signature: 'maxf <a> <b> …',
    doc: 'Float maximum of the arguments.',
    example: '{app="api"} | logfmt | label_format latency="{{ maxf .latency 0.001 }}"',
  },
  {
    name: 'minf',
    signature: 'minf <a> <b> …',
    doc: 'Float minimum of the arguments.',
    example: '{app="api"} | logfmt | label_format ratio="{{ minf .ratio 1.0 }}"',
  },
  {
    name: 'ceil',
    signature: 'ceil <value>',
    doc: 'Rounds up.',
    example: '{app="api"} | logfmt | label_format seconds="{{ .took_s | ceil }}"',
  },
  {
    name: 'floor',
    signature: 'floor <value>',
    doc: 'Rounds down.',
    example: '{app="node"} | logfmt | label_format cores="{{ .cpu | floor }}"',
  },
  {
    name: 'round',
    signature: 'round <value> <precision>',
    doc: 'Rounds to the precision.',
    example: '{app="api"} | logfmt | label_format latency="{{ round .latency 2 }}"',
  },
  {
    name: 'fromJson',
    signature: 'fromJson <string>',
    doc: 'Decodes JSON into a value.',
    example: '{app="api"} | logfmt | line_format "{{ (fromJson .payload).user }}"',
  },
  {
    name: 'date',
    signature: 'date <layout> <time>',
    doc: 'Formats a time with a Go layout.',
    example: '{app="api"} | line_format `{{ __timestamp__ | date "15:04:05" }} {{ __line__ }}`',
  },
  {
    name: 'toDate',
    signature: 'toDate <layout> <string>',
    doc: 'Parses a time with a Go layout.',
    example: '{app="api"} | logfmt | label_format epoch=`{{ toDate "2006-01-02T15:04:05Z07:00" .time | unixEpoch }}`',
  },
  {
    name: 'now',
    signature: 'now',
    doc: 'The current time.',
    example: '{app="api"} | label_format queried_at=`{{ now | date "2006-01-02" }}`',
  },
  {
    name: 'unixEpoch',
    signature: 'unixEpoch <time>',
    doc: 'Seconds since the Unix epoch.',
    example: '{app="api"} | label_format ts="{{ __timestamp__ | unixEpoch }}"',
  },
  {
    name: 'default',
    signature: 'default <default> <value>',
    doc: 'The value, or default when it is empty.',
    example: '{app="api"} | logfmt | line_format `{{ .user | default "anonymous" }}: {{ .msg }}`',
  },
  {
    name: '__line__',
    signature: '__line__',
    doc: 'The original log line.',
    example: '{app="api"} | line_format "{{ .pod }}: {{ __line__ }}"',
  },
  {
    name: '__timestamp__',
    signature: '__timestamp__',
    doc: 'The time of the log line.',
    example: '{app="api"} | line_format `{{ __timestamp__ | date "2006-01-02T15:04:05.000Z07:00" }} {{ __line__ }}`',
  },
];
