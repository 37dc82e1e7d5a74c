import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { getLanguageService } from '../../../server/src/service/languageService';
import { random } from '../random';

const seeds = [
  'sum by (job) (rate(http_requests_total{job="api", code=~"5.."}[5m]))',
  'histogram_quantile(0.99, sum by (le) (rate(x_bucket[5m])))',
  'a / on(instance) group_left(node) b offset 1h @ end()',
  'max_over_time(rate(x[1m])[1h:5m] anchored) > bool 3',
  'label_replace(up, "dst", "$1", "src", "(.*)") unless {"utf8.name", job=~"a|b"}',
  'topk(3, count_values("v", x)) or vector(1) ^ -Inf',
  'x[step() * 2] offset -(1h + 5m)',
  '`raw` + \'single\' + "esc\\x41"',
];
const vocabulary = [
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  ',',
  '"',
  "'",
  '`',
  '=',
  '=~',
  '!~',
  '!=',
  '+',
  '-',
  '*',
  '/',
  '%',
  '^',
  '==',
  '>=',
  ' bool ',
  ' and ',
  ' or ',
  ' unless ',
  ' by ',
  ' without ',
  ' on',
  ' ignoring',
  ' group_left',
  ' offset ',
  ' @ ',
  ':',
  '5m',
  '1h30m',
  '0.5',
  '0x1F',
  'NaN',
  'rate',
  'sum',
  'topk',
  'x',
  'job',
  '\n',
  '#',
  '\\',
  '\u0000',
  '\ud83d',
  '\u00e9',
  ' ',
];

function generated(next: () => number, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += vocabulary[Math.floor(next() * vocabulary.length)];
  return out;
}

function mutated(next: () => number, text: string): string {
  const chars = [...text];
  const edits = 1 + Math.floor(next() * 4);
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(next() * (chars.length + 1));
    const choice = next();
    if (choice < 0.4) chars.splice(at, 1);
    else if (choice < 0.8) chars.splice(at, 0, vocabulary[Math.floor(next() * vocabulary.length)]);
    else chars.splice(at, 0, String.fromCharCode(Math.floor(next() * 0xffff)));
  }
  return chars.join('');
}

const yamlWrappers: Array<(expr: string) => string> = [
  (expr) => `groups:\n  - name: g\n    rules:\n      - record: a:b\n        expr: ${expr.replace(/\n/g, ' ')}\n`,
  (expr) =>
    `groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: |\n          ${expr.replace(/\n/g, '\n          ')}\n        annotations:\n          s: "{{ $labels.job }}"\n`,
  (expr) =>
    `apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nspec:\n  groups:\n  - name: g\n    rules:\n    - alert: A\n      expr: "${expr.replace(/["\\]/g, (c) => '\\' + c)}"\n`,
  (expr) => expr, // raw junk as a YAML file
];

/** Every feature at a few positions; none may throw. */
function exercise(service: ReturnType<typeof getLanguageService>, document: TextDocument, next: () => number): void {
  const diagnostics = service.doValidation(document);
  service.documentSymbols(document);
  const length = document.getText().length;
  const { edits } = service.formatExpressions(document);
  service.doCodeActions(document, [], { range: { start: document.positionAt(0), end: document.positionAt(length) }, only: ['source'] });
  if (edits.length > 0) {
    // Formatting moves whitespace only: the formatted text gets the same diagnostics (by code).
    const formatted = TextDocument.create(`${document.uri}.formatted`, document.languageId, 1, TextDocument.applyEdits(document, edits));
    const codes = (found: readonly { code?: unknown }[]) => found.map((diagnostic) => String(diagnostic.code)).sort();
    assert.deepEqual(codes(service.doValidation(formatted)), codes(diagnostics), document.getText());
  }
  for (let i = 0; i < 3; i++) {
    const position = document.positionAt(Math.floor(next() * (length + 1)));
    service.doComplete(document, position);
    service.doHover(document, position);
    service.doSignatureHelp(document, position);
  }
}

test('thousands of generated and mutated inputs: no exception from any feature', () => {
  const service = getLanguageService();
  const next = random(20261126);
  let count = 0;
  for (let round = 0; round < 1500; round++) {
    const expr = round % 2 === 0 ? generated(next, 1 + Math.floor(next() * 40)) : mutated(next, seeds[round % seeds.length]);
    exercise(service, TextDocument.create(`file:///fuzz/${round}.promql`, 'promql', 1, expr), next);
    const wrap = yamlWrappers[round % yamlWrappers.length];
    exercise(service, TextDocument.create(`file:///fuzz/${round}.yaml`, 'yaml', 1, wrap(expr)), next);
    count += 2;
  }
  assert.equal(count, 3000);
});

test('pathological inputs: deep nesting, a 1 MB expression, binary junk, truncated YAML', () => {
  const service = getLanguageService();
  const cases: Array<[string, string]> = [
    ['promql', '('.repeat(10_000) + '1' + ')'.repeat(10_000)],
    ['promql', '('.repeat(10_000)],
    ['promql', 'sum('.repeat(5_000) + 'x' + ')'.repeat(5_000)],
    ['promql', Array.from({ length: 80_000 }, (_, i) => `m${i}{a="b"}`).join(' + ')],
    ['promql', '-'.repeat(100_000) + '1'],
    ['yaml', Buffer.from(Array.from({ length: 65_536 }, (_, i) => (i * 7919) % 256)).toString('latin1')],
    ['yaml', 'groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: |\n          sum(rate(x[5m]'],
    ['yaml', 'groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: "unterminated'],
    ['yaml', '- - - - - - [ { ] }: &a *a *b !!binary |\n  ***'],
    ['yaml', 'groups: ' + '['.repeat(5_000)],
  ];
  for (const [languageId, text] of cases) {
    const document = TextDocument.create(`file:///pathological.${languageId}`, languageId, 1, text);
    const started = Date.now();
    const diagnostics = service.doValidation(document);
    assert.ok(Array.isArray(diagnostics));
    service.doComplete(document, document.positionAt(text.length));
    service.doHover(document, document.positionAt(Math.floor(text.length / 2)));
    service.doSignatureHelp(document, document.positionAt(text.length));
    service.documentSymbols(document);
    service.formatExpressions(document);
    // Not a performance assertion: a hang detector with a generous bound.
    assert.ok(Date.now() - started < 20_000, `${languageId} input of ${text.length} chars took too long`);
  }
});
