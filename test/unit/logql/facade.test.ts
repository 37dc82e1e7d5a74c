import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { getLanguageService } from '../../../server/src/service/languageService';
import { defaultSettings } from '../../../server/src/service/settings';

/** Diagnostics as `code line:start-end "covered text"`, to compare exact ranges. */
function diagnostics(uri: string, languageId: string, text: string, settings = defaultSettings): string[] {
  const document = TextDocument.create(uri, languageId, 1, text);
  const lines = text.split('\n');
  return getLanguageService({ settings })
    .doValidation(document)
    .map((d) => {
      const covered =
        d.range.start.line === d.range.end.line ? lines[d.range.start.line].slice(d.range.start.character, d.range.end.character) : '…';
      return `${d.code} ${d.range.start.line}:${d.range.start.character}-${d.range.end.character} ${covered}`;
    });
}

test('a .logql document: log queries are fine, problems land on the token', () => {
  assert.deepEqual(diagnostics('file:///q/errors.logql', 'logql', '{app="api"} |= "error" | json | line_format "{{.level}} {{.msg}}"'), []);
  assert.deepEqual(
    diagnostics(
      'file:///q/bad.logql',
      'logql',
      '# errors by app\nsum by (app) (count_over_time({app="api"} | json | unwrap latency [5m]))',
    ),
    ['logql/unwrap-mismatch 1:14-29 count_over_time'],
  );
});

const lokiRules = `groups:
  - name: api
    rules:
      - alert: ApiErrors
        expr: sum by (app) (rate({app="api"} |= "error" [5m])) > 10
      - alert: Slow
        expr: |
          quantile_over_time(0.99, {app="api"} | json | unwrap duration(latency) [5m]) by (route) > 2
      - record: api:lines
        expr: '{app="api"} |~ "timeout|dead(line"'
      - alert: Template
        expr: "sum(count_over_time({app=\\"api\\"} | logfmt | line_format \\"{{ .msg \\" [5m])) > 0"
`;

test('a Loki rule file: LogQL checks with ranges mapped through every scalar style', () => {
  assert.deepEqual(diagnostics('file:///rules/loki.yaml', 'yaml', lokiRules), [
    'logql/log-query-in-rule 9:15-49 {app="api"} |~ "timeout|dead(line"',
    'logql/invalid-regex 9:30-49 "timeout|dead(line"',
    'logql/invalid-template 11:74-82 {{ .msg ',
  ]);
});

test('LogQL never gets PromQL diagnostics and PromQL never gets LogQL ones', () => {
  const codes = (uri: string, text: string) => diagnostics(uri, 'yaml', text).map((d) => d.split(' ')[0]);
  assert.ok(codes('file:///rules/loki.yaml', lokiRules).every((code) => code.startsWith('logql/')));
  const prometheus = `groups:\n  - name: p\n    rules:\n      - alert: Down\n        expr: up{job="api"} == 0\n      - alert: Bad\n        expr: rate(http_requests_total[5m) > 1\n`;
  assert.deepEqual(codes('file:///rules/prom.yaml', prometheus), ['promql/syntax-error']);
  // A rule file named by the logql.ruleFiles setting is LogQL even when its expressions could be PromQL:
  // `{job="api"} != 0` is a valid PromQL comparison, and in LogQL a line filter missing its string.
  const forced = { ...defaultSettings, logql: { ruleFiles: ['**/loki/*.yaml'] } };
  const ambiguous = `groups:\n  - name: g\n    rules:\n      - alert: a\n        expr: '{job="api"} != 0'\n      - record: one\n        expr: vector(1)\n`;
  assert.deepEqual(diagnostics('file:///x/other/r.yaml', 'yaml', ambiguous, forced), []);
  const asLogQL = diagnostics('file:///x/loki/r.yaml', 'yaml', ambiguous, forced).map((d) => d.split(' ')[0]);
  assert.ok(asLogQL.length > 0 && asLogQL.every((code) => code.startsWith('logql/')), asLogQL.join(', '));
});

test('the logql.ruleFiles setting reaches the rule checks: no PromQL label inference for $labels in LogQL alerts', () => {
  // Two expressions that read as PromQL outvote the LogQL one; the setting says the file is LogQL.
  const text =
    'groups:\n  - name: g\n    rules:\n' +
    '      - record: a\n        expr: up{job="x"}\n' +
    '      - record: b\n        expr: up{job="y"}\n' +
    '      - alert: Errors\n        expr: sum by (app) (count_over_time({app="a"}[5m])) > 1\n' +
    '        annotations:\n          summary: "{{ $labels.pod }} logs errors"\n';
  const forced = { ...defaultSettings, logql: { ruleFiles: ['**/loki/*.yaml'] } };
  // Read as PromQL, the alert returns only `app`, so `$labels.pod` is flagged…
  const asPromQL = diagnostics('file:///x/other/r.yaml', 'yaml', text, forced).map((d) => d.split(' ')[0]);
  assert.ok(asPromQL.includes('rules/template-unknown-label'), asPromQL.join(', '));
  // …and in LogQL, where the stream's labels are not known, it is not.
  const asLogQL = diagnostics('file:///x/loki/r.yaml', 'yaml', text, forced).map((d) => d.split(' ')[0]);
  assert.ok(!asLogQL.includes('rules/template-unknown-label'), asLogQL.join(', '));
});

test('completion and hover reach LogQL inside YAML', () => {
  const service = getLanguageService();
  const text = 'groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: sum(rate({app="api"} | json |  [5m])) > 1\n';
  const document = TextDocument.create('file:///rules/l.yaml', 'yaml', 1, text);
  const cursor = text.indexOf('|  [') + 2;
  const items = service.doComplete(document, document.positionAt(cursor)).items.map((item) => item.label);
  assert.ok(items.includes('unwrap') && items.includes('logfmt'), items.join(' '));
  const hover = service.doHover(document, document.positionAt(text.indexOf('json') + 1));
  assert.match(String((hover?.contents as { value: string }).value), /Parses each line as JSON/);
});
