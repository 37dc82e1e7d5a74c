import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { corpusAvailable, corpusRoot, filesUnder } from '../../../bench/corpus';
import { parseAlertsmithDocument } from '../../../server/src/service/document';
import { formatExpressions, type FormatEdit } from '../../../server/src/service/formatting';
import { formatAllKind, formattingCodeActions, formattingInput } from '../../../server/src/service/formattingActions';
import { getLanguageService } from '../../../server/src/service/languageService';
import { formatPromQL } from '../../../server/src/service/promql/format';

function apply(text: string, edits: readonly FormatEdit[]): string {
  let out = text;
  for (const edit of [...edits].sort((a, b) => b.from - a.from)) out = out.slice(0, edit.from) + edit.newText + out.slice(edit.to);
  return out;
}

function formatYaml(text: string, span?: { from: number; to: number }) {
  const parsed = parseAlertsmithDocument({ uri: 'file:///rules.yaml', languageId: 'yaml', text });
  const result = formatExpressions(text, 'yaml', parsed.regions, span);
  return { ...result, text: apply(text, result.edits) };
}

function formatYamlWithErrors(text: string) {
  const parsed = parseAlertsmithDocument({ uri: 'file:///rules.yaml', languageId: 'yaml', text });
  const broken = parsed.yaml?.problems.some((problem) => problem.code === 'yaml/syntax-error') ?? false;
  assert.ok(broken, 'the YAML is broken');
  return formatExpressions(text, 'yaml', parsed.regions, undefined, broken);
}

const rules = (...rulesYaml: string[]) => `groups:\n  - name: example\n    rules:\n${rulesYaml.join('')}`;
const longExpr =
  'sum(rate(http_requests_total{job="api-server", code=~"5.."}[5m])) by (job) / sum(rate(http_requests_total{job="api-server"}[5m])) by (job) > 0.05';
const longLayout = [
  '    sum by (job) (rate(http_requests_total{job="api-server", code=~"5.."}[5m]))',
  '  /',
  '    sum by (job) (rate(http_requests_total{job="api-server"}[5m]))',
  '>',
  '  0.05',
];
const indented = (lines: string[], by: number) => lines.map((line) => ' '.repeat(by) + line).join('\n');

test('in YAML each expression keeps its scalar style where the formatted text fits it', () => {
  const cases: Array<[string, string]> = [
    ['        expr: sum(rate(x[5m]))by(job)\n', '        expr: sum by (job) (rate(x[5m]))\n'],
    ['        expr: "sum(rate(x{a=\\"b\\"}[5m]))by(job)"\n', '        expr: "sum by (job) (rate(x{a=\\"b\\"}[5m]))"\n'],
    ["        expr: 'sum(rate(x{a=\"it''s\"}[5m]))by(job)'\n", "        expr: 'sum by (job) (rate(x{a=\"it''s\"}[5m]))'\n"],
    ['        expr: |\n          sum(rate(x[5m]))by(job)\n', '        expr: |\n          sum by (job) (rate(x[5m]))\n'],
    [
      '        expr: >-  # folded\n            sum(x)\n              by (job)\n',
      '        expr: >-  # folded\n            sum by (job) (x)\n',
    ],
    // A plain value over several lines, starting below its key, stays there.
    ['        expr:\n          sum(rate(x[5m]))\n          by (job)\n', '        expr:\n          sum by (job) (rate(x[5m]))\n'],
  ];
  for (const [rule, expected] of cases) {
    const { text, unformatted } = formatYaml(rules('      - record: job:x:rate5m\n', rule));
    assert.deepEqual(unformatted, [], rule);
    assert.equal(text, rules('      - record: job:x:rate5m\n', expected), rule);
  }
});

test('an expression that needs several lines becomes a `|` block under its key, with an indentation indicator when its first line is indented', () => {
  const plain = formatYaml(rules('      - alert: HighErrorRate\n', `        expr: ${longExpr}\n`, '        for: 5m\n'));
  assert.equal(plain.text, rules('      - alert: HighErrorRate\n', `        expr: |2\n${indented(longLayout, 10)}\n`, '        for: 5m\n'));
  const quoted = formatYaml(
    rules(
      `      - expr: "histogram_quantile(0.99, sum by (le, job, namespace) (rate(apiserver_request_duration_seconds_bucket{verb!~\\"WATCH|CONNECT\\"}[5m])))"\n`,
    ),
  );
  assert.equal(
    quoted.text,
    rules(
      `      - expr: |\n${indented(['histogram_quantile(', '  0.99,', '  sum by (le, job, namespace) (', '    rate(apiserver_request_duration_seconds_bucket{verb!~"WATCH|CONNECT"}[5m])', '  )', ')'], 10)}\n`,
    ),
  );
  // A block keeps its own content indentation and chomping.
  const block = formatYaml(rules(`      - alert: A\n        expr: |-\n              ${longExpr}\n        for: 5m\n`));
  assert.equal(block.text, rules(`      - alert: A\n        expr: |6-\n${indented(longLayout, 14)}\n        for: 5m\n`));
  for (const formatted of [plain.text, quoted.text, block.text]) {
    const reread = parseAlertsmithDocument({ uri: 'file:///rules.yaml', languageId: 'yaml', text: formatted });
    assert.deepEqual(reread.yaml?.problems, []);
    assert.equal(formatYaml(formatted).edits.length, 0, 'formatting again changes nothing');
  }
});

test('a block made in a file with Windows line endings uses them too', () => {
  const crlf = rules('      - alert: HighErrorRate\n', `        expr: ${longExpr}\n`, '        for: 5m\n').replaceAll('\n', '\r\n');
  const { text, unformatted } = formatYaml(crlf);
  assert.deepEqual(unformatted, []);
  assert.equal(
    text,
    rules('      - alert: HighErrorRate\n', `        expr: |2\n${indented(longLayout, 10)}\n`, '        for: 5m\n').replaceAll(
      '\n',
      '\r\n',
    ),
  );
  assert.ok(!/[^\r]\n/.test(text), 'no bare LF');
});

test('what cannot be formatted is reported with its range and reason; other YAML is left alone', () => {
  const text = rules(
    '      - record: broken\n        expr: sum(rate(x[5m])\n',
    `      - alert: Commented\n        expr: ${longExpr}  # why\n`,
    '      - record: fine\n        expr: sum(x)by(job)\n',
  );
  const result = formatYaml(text);
  assert.deepEqual(
    result.unformatted.map((left) => [text.slice(left.from, left.to), left.reason]),
    [
      ['sum(rate(x[5m])', 'the expression has syntax errors'],
      [longExpr, 'something follows the expression on its line, where a block would take it in'],
    ],
  );
  assert.equal(result.edits.length, 1);
  // Broken YAML anywhere in the file: where a value ends is the parser's guess, so nothing moves.
  const broken = formatYamlWithErrors(rules('      - record: a\n        expr: sum(x)by(job)\n', '      - record: "unterminated\n'));
  assert.deepEqual(broken.edits, []);
  assert.deepEqual(
    broken.unformatted.map((left) => left.reason),
    ['the YAML has syntax errors'],
  );
  const flow = formatYaml('groups:\n  - name: g\n    rules: [{ record: a, expr: "sum(x)by(job)" }]\n');
  assert.deepEqual(
    flow.unformatted.map((left) => left.reason),
    ['the expression is in a flow mapping (`{expr: …}`)'],
  );
  const service = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: api\nspec:\n  ports: [{ name: http, port: 80 }]\n';
  assert.deepEqual(formatYaml(service), { edits: [], unformatted: [], text: service });
});

test('a span formats only the expressions it touches', () => {
  const text = rules('      - record: a\n        expr: sum(x)by(job)\n', '      - record: b\n        expr: sum(y)by(job)\n');
  const at = text.indexOf('sum(y)') + 2;
  const { text: formatted } = formatYaml(text, { from: at, to: at });
  assert.equal(formatted, rules('      - record: a\n        expr: sum(x)by(job)\n', '      - record: b\n        expr: sum by (job) (y)\n'));
});

test('a .promql file is formatted whole: its comments and final newline kept', () => {
  for (const [text, expected] of [
    ['# Error ratio\nsum(rate(x[5m]))by(job)\n', '# Error ratio\nsum by (job) (rate(x[5m]))\n'],
    ['sum(rate(x[5m]))by(job)', 'sum by (job) (rate(x[5m]))'],
  ]) {
    const parsed = parseAlertsmithDocument({ uri: 'file:///q.promql', languageId: 'promql', text });
    assert.equal(apply(text, formatExpressions(text, 'promql', parsed.regions).edits), expected);
  }
});

test('LogQL is formatted too: a .logql file whole, and the expressions of a Loki rule file in their YAML style', () => {
  const text = '# errors\n{app="x"}|="a"\n';
  const logql = parseAlertsmithDocument({ uri: 'file:///q.logql', languageId: 'logql', text });
  assert.equal(apply(text, formatExpressions(text, 'logql', logql.regions).edits), '# errors\n{app="x"} |= "a"\n');
  const loki = rules(
    '      - alert: A\n        expr: sum(rate({app="x"}|="error"[5m]))by(job) > 1\n',
    '      - record: b\n        expr: \'sum by (app) (count_over_time({namespace="payments", app="checkout", container!="istio-proxy"}|="error"|json|status>=500[5m]))\'\n',
  );
  assert.equal(
    formatYaml(loki).text,
    rules(
      '      - alert: A\n        expr: sum(rate({app="x"} |= "error" [5m])) by (job) > 1\n',
      '      - record: b\n        expr: |\n' +
        '          sum by (app) (\n' +
        '            count_over_time(\n' +
        '              {namespace="payments", app="checkout", container!="istio-proxy"}\n' +
        '                |= "error"\n' +
        '                | json\n' +
        '                | status >= 500 [5m]\n' +
        '            )\n' +
        '          )\n',
    ),
  );
  const service = getLanguageService();
  const document = TextDocument.create('file:///loki.yaml', 'yaml', 1, loki);
  const titles = service.doCodeActions(document, [], { range: { start: { line: 4, character: 20 }, end: { line: 4, character: 20 } } });
  assert.ok(
    titles.some((a) => a.title === 'Format LogQL expression'),
    titles.map((a) => a.title).join(', '),
  );
});

test('code actions: the expression under the cursor as a rewrite; the whole file only when source actions are asked for', () => {
  const text = rules(
    '      - record: a\n        expr: sum(x)by(job)\n',
    '      - record: b\n        expr: sum(y)by(job)\n',
    '      - record: c\n        expr: sum(\n',
  );
  const document = TextDocument.create('file:///rules.yaml', 'yaml', 1, text);
  const parsed = parseAlertsmithDocument({ uri: document.uri, languageId: 'yaml', text });
  const cursor = document.positionAt(text.indexOf('sum(y)') + 1);
  const range = { start: cursor, end: cursor };
  const summary = (actions: ReturnType<typeof formattingCodeActions>) =>
    actions.map((action) => [action.title, action.kind, action.edit?.changes?.[document.uri]?.map((edit) => edit.newText)]);
  assert.deepEqual(summary(formattingCodeActions(document, formattingInput(parsed), range)), [
    ['Format PromQL expression', 'refactor.rewrite', ['sum by (job) (y)']],
  ]);
  assert.deepEqual(summary(formattingCodeActions(document, formattingInput(parsed), range, ['quickfix'])), []);
  assert.deepEqual(summary(formattingCodeActions(document, formattingInput(parsed), range, ['source'])), [
    [
      'Format all PromQL expressions (1 left as written: the expression has syntax errors)',
      formatAllKind,
      ['sum by (job) (x)', 'sum by (job) (y)'],
    ],
  ]);
  assert.deepEqual(summary(formattingCodeActions(document, formattingInput(parsed), range, [formatAllKind])).length, 1);
  // Nothing to offer on a formatted expression, nor outside expressions.
  const key = document.positionAt(text.indexOf('record: a'));
  assert.deepEqual(formattingCodeActions(document, formattingInput(parsed), { start: key, end: key }), []);
});

test(
  'every corpus rule file formats to YAML that reads back as the same rules with the same diagnostics',
  { skip: !corpusAvailable },
  () => {
    const files = filesUnder(join(corpusRoot, 'rules'));
    assert.ok(files.length > 10);
    let edited = 0;
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const before = parseAlertsmithDocument({ uri: `file://${file}`, languageId: 'yaml', text });
      const result = formatExpressions(text, 'yaml', before.regions);
      if (result.edits.length === 0) continue;
      edited++;
      const formatted = apply(text, result.edits);
      const after = parseAlertsmithDocument({ uri: `file://${file}`, languageId: 'yaml', text: formatted });
      assert.equal(after.yaml?.problems.length, before.yaml?.problems.length, file);
      assert.equal(after.regions.length, before.regions.length, file);
      const canonical = (expression: string) => {
        const formattedExpression = formatPromQL(expression);
        return 'formatted' in formattedExpression ? formattedExpression.formatted : expression.trim();
      };
      after.regions.forEach((region, i) => assert.equal(canonical(region.text), canonical(before.regions[i].text), `${file} #${i}`));
      assert.equal(formatExpressions(formatted, 'yaml', after.regions).edits.length, 0, `${file}: formatting again changes nothing`);
      const codes = (content: string) =>
        getLanguageService()
          .doValidation(TextDocument.create(`file://${file}`, 'yaml', 1, content))
          .map((diagnostic) => `${diagnostic.code}`)
          .sort();
      assert.deepEqual(codes(formatted), codes(text), file);
    }
    assert.ok(edited > 10, `corpus files with something to format: ${edited}`);
  },
);

test('while typing, code actions read the edit fast path: regions after the edit have moved, and so have their keys', () => {
  const service = getLanguageService();
  const text = rules('      - record: a\n        expr: sum(x)by(job)\n', `      - alert: B\n        expr: ${longExpr}\n`);
  service.doValidation(TextDocument.create('file:///typing.yaml', 'yaml', 1, text));
  // Typed inside the first expression: the second one moves by 20 characters.
  const typed = text.replace('sum(x)', 'sum(x_typed_meanwhile_x)');
  const document = TextDocument.create('file:///typing.yaml', 'yaml', 2, typed);
  service.doValidation(document);
  const cursor = document.positionAt(typed.indexOf(longExpr) + 1);
  const [action] = service.doCodeActions(document, [], { range: { start: cursor, end: cursor } });
  const block = `|2\n${indented(longLayout, 10)}`;
  assert.equal(TextDocument.applyEdits(document, action.edit?.changes?.[document.uri] ?? []), typed.replace(longExpr, block));
  const all = service.formatExpressions(document);
  assert.equal(
    TextDocument.applyEdits(document, all.edits),
    rules('      - record: a\n        expr: sum by (job) (x_typed_meanwhile_x)\n', `      - alert: B\n        expr: ${block}\n`),
  );
});
