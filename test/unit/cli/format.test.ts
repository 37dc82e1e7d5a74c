import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { formatJson, formatText } from '../../../server/src/cli/format';

const file = {
  displayPath: 'rules/a.yaml',
  uri: 'file:///rules/a.yaml',
  languageId: 'yaml',
  text: 'groups:\n  - name: g\n    rules:\n      - record: a:b\n        expr: rat(x[5m])\n',
};
const diagnostic = {
  range: { start: { line: 4, character: 14 }, end: { line: 4, character: 17 } },
  severity: DiagnosticSeverity.Error,
  code: 'promql/unknown-function',
  message: 'unknown function "rat"',
};

test('text output names file:line:col, shows the source line and carets under the token', () => {
  const out = formatText([{ file, diagnostics: [diagnostic] }], false).split('\n');
  assert.equal(out[0], 'rules/a.yaml:5:15 error promql/unknown-function: unknown function "rat"');
  assert.equal(out[1], '    5 |         expr: rat(x[5m])');
  assert.equal(out[2], '      |               ^^^');
  assert.equal(out[3], '1 file checked: 1 error, 0 warnings, 0 information.');
});

test('JSON output has the shape DESIGN.md fixes', () => {
  const parsed = JSON.parse(formatJson([{ file, diagnostics: [diagnostic] }]));
  assert.deepEqual(parsed, [
    {
      file: 'rules/a.yaml',
      diagnostics: [{ range: diagnostic.range, severity: 'error', code: 'promql/unknown-function', message: 'unknown function "rat"' }],
    },
  ]);
});
