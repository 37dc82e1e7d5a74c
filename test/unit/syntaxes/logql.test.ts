import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { hasScope, scopesOf, tokenize } from './tokenize';

/** [query, token start (‸ marks it inside a longer context), scope it must carry] */
const cases: Array<[string, string, string]> = [
  ['{app="api", env=~"prod|staging"}', 'app', 'entity.other.attribute-name.label.logql'],
  ['{app="api", env=~"prod|staging"}', '=~', 'keyword.operator.matcher.logql'],
  ['{app="api", env=~"prod|staging"}', '"prod', 'string.quoted.double.logql'],
  ['{app="api"} |= "error" != "timeout" |~ `5\\d\\d` !~ "debug"', '|=', 'keyword.operator.line-filter.logql'],
  ['{app="api"} |= "error" != "timeout" |~ `5\\d\\d` !~ "debug"', '!=', 'keyword.operator.line-filter.logql'],
  ['{app="api"} |= "error" != "timeout" |~ `5\\d\\d` !~ "debug"', '|~', 'keyword.operator.line-filter.logql'],
  ['{app="api"} |= "error" != "timeout" |~ `5\\d\\d` !~ "debug"', '!~', 'keyword.operator.line-filter.logql'],
  ['{app="api"} |= "error" != "timeout" |~ `5\\d\\d` !~ "debug"', '5\\d', 'string.quoted.other.raw.logql'],
  ['{app="api"} |> "<_> level=error <_>" !> "health"', '|>', 'keyword.operator.line-filter.logql'],
  ['{app="api"} |> "<_> level=error <_>" !> "health"', '!>', 'keyword.operator.line-filter.logql'],
  ['{app="api"} | json | status >= 500', 'json', 'support.function.parser.logql'],
  ['{app="api"} | json | status >= 500', '| status', 'keyword.operator.pipe.logql'],
  ['{app="api"} | json | status >= 500', 'status', 'variable.other.label.logql'],
  ['{app="api"} | json | status >= 500', '>=', 'keyword.operator.comparison.logql'],
  ['{app="api"} | json | status != 200', '!=', 'keyword.operator.comparison.logql'],
  ['{app="api"} | logfmt --strict | unpack', 'logfmt', 'support.function.parser.logql'],
  ['{app="api"} | logfmt --strict | unpack', '--strict', 'variable.parameter.flag.logql'],
  ['{app="api"} | logfmt --strict | unpack', 'unpack', 'support.function.parser.logql'],
  ['{app="api"} | regexp `(?P<ip>\\S+)` | pattern "<ip> <_>"', 'regexp', 'support.function.parser.logql'],
  ['{app="api"} | regexp `(?P<ip>\\S+)` | pattern "<ip> <_>"', 'pattern', 'support.function.parser.logql'],
  ['{app="api"} | line_format "{{.level}}: {{ .msg | upper }}"', 'line_format', 'support.function.stage.logql'],
  ['{app="api"} | line_format "{{.level}}: {{ .msg | upper }}"', '{{', 'punctuation.section.template.begin.logql'],
  ['{app="api"} | line_format "{{.level}}: {{ .msg | upper }}"', '.level', 'variable.other.field.logql'],
  ['{app="api"} | line_format "{{.level}}: {{ .msg | upper }}"', 'upper', 'support.function.template.logql'],
  ['{app="api"} | line_format "{{.level}}: {{ .msg | upper }}"', ': ‸{{', 'string.quoted.double.template.logql'],
  ['{app="api"} | label_format dst="{{.src}}-x", moved=src | drop tmp', 'dst', 'entity.other.attribute-name.label.logql'],
  ['{app="api"} | label_format dst="{{.src}}-x", moved=src | drop tmp', '.src', 'variable.other.field.logql'],
  ['{app="api"} | label_format dst="{{.src}}-x", moved=src | drop tmp', 'drop', 'support.function.stage.logql'],
  ['{app="api"} | label_format dst="{{.src}}-x", moved=src | drop tmp', '| drop', 'keyword.operator.pipe.logql'],
  ['{app="api"} | line_format `{{ if eq .level "error" }}E{{ end }}`', 'if', 'keyword.control.template.logql'],
  ['{app="api"} | line_format `{{ if eq .level "error" }}E{{ end }}`', '"error"', 'string.quoted.double.logql'],
  [
    'quantile_over_time(0.99, {app="api"} | json | unwrap duration(latency) [5m]) by (path)',
    'quantile_over_time',
    'support.function.range-aggregation.logql',
  ],
  ['quantile_over_time(0.99, {app="api"} | json | unwrap duration(latency) [5m]) by (path)', 'unwrap', 'keyword.other.unwrap.logql'],
  [
    'quantile_over_time(0.99, {app="api"} | json | unwrap duration(latency) [5m]) by (path)',
    'duration',
    'support.function.conversion.logql',
  ],
  ['quantile_over_time(0.99, {app="api"} | json | unwrap duration(latency) [5m]) by (path)', '5m', 'constant.numeric.duration.logql'],
  [
    'quantile_over_time(0.99, {app="api"} | json | unwrap duration(latency) [5m]) by (path)',
    'path',
    'entity.other.attribute-name.label.logql',
  ],
  ['sum by (app) (count_over_time({app="api"}[1h30m]))', 'sum', 'support.function.aggregation.logql'],
  ['sum by (app) (count_over_time({app="api"}[1h30m]))', 'count_over_time', 'support.function.range-aggregation.logql'],
  ['sum by (app) (count_over_time({app="api"}[1h30m]))', '1h30m', 'constant.numeric.duration.logql'],
  ['topk(5, sum(bytes_rate({app="api"}[5m])) by (pod))', 'topk', 'support.function.aggregation.logql'],
  ['topk(5, sum(bytes_rate({app="api"}[5m])) by (pod))', 'bytes_rate', 'support.function.range-aggregation.logql'],
  ['{app="api"} | json | duration > 1.5s and size > 20MB', '1.5s', 'constant.numeric.duration.logql'],
  ['{app="api"} | json | duration > 1.5s and size > 20MB', '20MB', 'constant.numeric.bytes.logql'],
  ['{app="api"} | json | duration > 1.5s and size > 20MB', 'and', 'keyword.operator.logical.logql'],
  ['{app="api"} | json | latency < 250ms', '250ms', 'constant.numeric.duration.logql'],
  ['{app="api"} |= ip("10.0.0.0/8")', 'ip', 'support.function.builtin.logql'],
  ['rate({app="api"}[5m]) offset 1h', 'offset', 'keyword.other.offset.logql'],
  ['{app="api"} # only the api', '# only', 'comment.line.number-sign.logql'],
  ['{app="api"} |= "a\\"b"', '\\"', 'constant.character.escape.logql'],
];

describe('LogQL grammar', () => {
  for (const [query, needle, scope] of cases) {
    test(`${needle} in ${query} is ${scope}`, async () => {
      const scopes = scopesOf(await tokenize('source.logql', query), needle);
      assert.ok(hasScope(scopes, scope), `got ${JSON.stringify(scopes)}`);
    });
  }

  test('a label_format stage ends at the next pipe', async () => {
    const lines = await tokenize('source.logql', '{a="b"} | label_format x="{{.y}}" | json');
    assert.ok(hasScope(scopesOf(lines, 'json'), 'support.function.parser.logql'));
    assert.ok(!hasScope(scopesOf(lines, 'json'), 'meta.format-stage.logql'));
  });
});
