import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentSymbol, Location, Range, SymbolInformation, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { SymbolKind } from 'vscode-languageserver-protocol';
import { LspClient, withCursor } from './lspClient';

// rules.yaml and usage.promql are only on disk (indexed at start-up); alerts.yaml is opened.
const rulesText = [
  'groups:',
  '  - name: api.rules',
  '    rules:',
  '      - record: job:http_errors:ratio5m',
  '        expr: |',
  '          sum by (job) (rate(http_requests_total{code=~"5.."}[5m]))',
  '            / sum by (job) (rate(http_requests_total[5m]))',
  '',
].join('\n');
const promqlText = 'topk(5, {__name__="job:http_errors:ratio5m"})\n';
const alertsMarked = [
  'groups:',
  '  - name: api.alerts',
  '    rules:',
  '      - alert: HighErrorRatio',
  '        expr: |',
  '          job:http_errors:‸ratio5m > 0.05',
  '        for: 10m',
  '      - alert: ErrorsAndTraffic',
  '        expr: "job:http_errors:ratio5m > 0.01 and sum by (job) (rate(http_requests_total[5m])) > 1"',
  '',
].join('\n');
const { text: alertsText, position: cursor } = withCursor(alertsMarked);

function covered(text: string, range: Range): string {
  const document = TextDocument.create('file:///x', '', 0, text);
  return text.slice(document.offsetAt(range.start), document.offsetAt(range.end));
}

describe('navigation over LSP: recording rules as workspace symbols', () => {
  let client: LspClient;
  let folder: string;
  let rulesUri: string;
  let promqlUri: string;
  let alertsUri: string;
  let texts: Record<string, string>;

  before(async () => {
    folder = mkdtempSync(join(tmpdir(), 'alertsmith-nav-'));
    writeFileSync(join(folder, 'rules.yaml'), rulesText);
    writeFileSync(join(folder, 'usage.promql'), promqlText);
    writeFileSync(join(folder, 'alerts.yaml'), 'groups: []\n'); // the open document must win over this
    rulesUri = pathToFileURL(join(folder, 'rules.yaml')).href;
    promqlUri = pathToFileURL(join(folder, 'usage.promql')).href;
    alertsUri = pathToFileURL(join(folder, 'alerts.yaml')).href;
    texts = { [rulesUri]: rulesText, [promqlUri]: promqlText, [alertsUri]: alertsText };
    client = await LspClient.start({ rootUri: pathToFileURL(folder).href });
    await client.open(alertsUri, 'yaml', alertsText);
    // The workspace scan runs after initialization: wait until it has seen rules.yaml.
    for (let attempt = 0; attempt < 100; attempt++) {
      const symbols = await client.request<SymbolInformation[]>('workspace/symbol', { query: 'ratio5m' });
      if (symbols.some((s) => s.location.uri === rulesUri)) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.fail('the workspace was not indexed');
  });
  after(async () => {
    await client.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  test('definition from a use in a | block scalar jumps to the record value in the other file', async () => {
    const locations = await client.request<Location[]>('textDocument/definition', { textDocument: { uri: alertsUri }, position: cursor });
    assert.equal(locations.length, 1);
    assert.equal(locations[0].uri, rulesUri);
    assert.deepEqual(locations[0].range, { start: { line: 3, character: 16 }, end: { line: 3, character: 39 } });
    assert.equal(covered(rulesText, locations[0].range), 'job:http_errors:ratio5m');
  });

  test('references list every use in every file, and the declaration', async () => {
    const locations = await client.request<Location[]>('textDocument/references', {
      textDocument: { uri: alertsUri },
      position: cursor,
      context: { includeDeclaration: true },
    });
    const found = locations
      .map((l) => `${l.uri.slice(l.uri.lastIndexOf('/') + 1)}:${l.range.start.line}:${l.range.start.character}`)
      .sort();
    assert.deepEqual(found, ['alerts.yaml:5:10', 'alerts.yaml:8:15', 'rules.yaml:3:16', 'usage.promql:0:19']);
    for (const location of locations) assert.equal(covered(texts[location.uri], location.range), 'job:http_errors:ratio5m');
  });

  test('prepareRename answers the name at the cursor, and rejects a metric no rule records', async () => {
    const ok = await client.request<{ range: Range; placeholder: string }>('textDocument/prepareRename', {
      textDocument: { uri: alertsUri },
      position: cursor,
    });
    assert.equal(ok.placeholder, 'job:http_errors:ratio5m');
    assert.equal(covered(alertsText, ok.range), 'job:http_errors:ratio5m');
    const onRawMetric = { line: 8, character: alertsText.split('\n')[8].indexOf('http_requests_total') + 3 };
    await assert.rejects(
      client.request('textDocument/prepareRename', { textDocument: { uri: alertsUri }, position: onRawMetric }),
      /"http_requests_total" is not a recording rule/,
    );
  });

  test('rename edits the record value and every use, in all files, with exact ranges', async () => {
    const edit = await client.request<WorkspaceEdit>('textDocument/rename', {
      textDocument: { uri: alertsUri },
      position: cursor,
      newName: 'job:http_errors:ratio_5m',
    });
    const changes = edit.changes ?? {};
    assert.deepEqual(Object.keys(changes).sort(), [alertsUri, promqlUri, rulesUri].sort());
    const apply = (uri: string, edits: TextEdit[]) => TextDocument.applyEdits(TextDocument.create(uri, '', 0, texts[uri]), edits);
    assert.equal(
      apply(rulesUri, changes[rulesUri]),
      rulesText.replace('record: job:http_errors:ratio5m', 'record: job:http_errors:ratio_5m'),
    );
    assert.equal(apply(promqlUri, changes[promqlUri]), promqlText.replace('ratio5m', 'ratio_5m'));
    assert.equal(apply(alertsUri, changes[alertsUri]), alertsText.replaceAll('job:http_errors:ratio5m', 'job:http_errors:ratio_5m'));
  });

  test('rename to an invalid metric name is an error', async () => {
    await assert.rejects(
      client.request('textDocument/rename', { textDocument: { uri: alertsUri }, position: cursor, newName: 'job.http.errors' }),
      /not a valid metric name/,
    );
  });

  test('the outline of an open rule file: its group, its alerts, each name selected', async () => {
    assert.deepEqual(client.initializeResult?.capabilities.documentSymbolProvider, { label: 'Alertsmith' });
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: alertsUri } });
    const summary = symbols.map((group) => [
      group.name,
      group.kind,
      (group.children ?? []).map((rule) => [rule.name, rule.kind, covered(alertsText, rule.selectionRange)]),
    ]);
    assert.deepEqual(summary, [
      [
        'api.alerts',
        SymbolKind.Namespace,
        [
          ['HighErrorRatio', SymbolKind.Event, 'HighErrorRatio'],
          ['ErrorsAndTraffic', SymbolKind.Event, 'ErrorsAndTraffic'],
        ],
      ],
    ]);
  });

  test('workspace symbols: recording rules and alerts in their groups', async () => {
    const symbols = await client.request<SymbolInformation[]>('workspace/symbol', { query: '' });
    const summary = symbols.map((s) => [s.name, s.kind, s.containerName]).sort((a, b) => String(a[0]).localeCompare(String(b[0])));
    assert.deepEqual(summary, [
      ['ErrorsAndTraffic', SymbolKind.Event, 'api.alerts'],
      ['HighErrorRatio', SymbolKind.Event, 'api.alerts'],
      ['job:http_errors:ratio5m', SymbolKind.Variable, 'api.rules'],
    ]);
  });

  test('an open document wins over the disk: a rule renamed in the editor is found there', async () => {
    const edited = rulesText.replace('record: job:http_errors:ratio5m', 'record: job:http_errors:ratio5m_v2');
    await client.open(rulesUri, 'yaml', edited);
    const locations = await client.request<Location[]>('textDocument/definition', { textDocument: { uri: alertsUri }, position: cursor });
    assert.deepEqual(locations, []);
    await client.change(alertsUri, alertsText.replace('job:http_errors:ratio5m >', 'job:http_errors:ratio5m_v2 >'));
    const after = await client.request<Location[]>('textDocument/definition', { textDocument: { uri: alertsUri }, position: cursor });
    assert.deepEqual(
      after.map((l) => [l.uri, covered(edited, l.range)]),
      [[rulesUri, 'job:http_errors:ratio5m_v2']],
    );
  });
});
