import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { CodeAction, TextEdit } from 'vscode-languageserver-protocol';
import { LspClient } from './lspClient';

const ruleFile = [
  'groups:',
  '  - name: api',
  '    rules:',
  '      - record: job:http_requests:rate5m',
  '        expr: sum(rate(http_requests_total[5m]))by(job)',
  '      - alert: HighErrorRate',
  '        expr: "sum(rate(http_requests_total{code=~\\"5..\\"}[5m]))by(job) > 1"',
  '',
].join('\n');
const promqlFile = '# Requests per second, by job\nsum(rate(http_requests_total[5m]))by(job)\n';

describe('PromQL and LogQL formatting over the LSP', () => {
  test('VS Code-like client: the formatter is registered for promql and logql documents only; YAML expressions are formatted by code actions', async () => {
    const client = await LspClient.start({
      capabilities: {
        workspace: { configuration: true },
        textDocument: { formatting: { dynamicRegistration: true }, rangeFormatting: { dynamicRegistration: true } },
      },
    });
    try {
      await client.open('file:///w/rules.yaml', 'yaml', ruleFile);
      await client.open('file:///w/query.promql', 'promql', promqlFile);
      assert.equal(client.initializeResult?.capabilities.documentFormattingProvider, undefined);
      const registration = client.registrations.find((entry) => entry.method === 'textDocument/formatting');
      assert.deepEqual(registration?.registerOptions, { documentSelector: [{ language: 'promql' }, { language: 'logql' }] });
      assert.equal(client.initializeResult?.capabilities.documentRangeFormattingProvider, undefined);
      const rangeRegistration = client.registrations.find((entry) => entry.method === 'textDocument/rangeFormatting');
      assert.deepEqual(rangeRegistration?.registerOptions, { documentSelector: [{ language: 'promql' }, { language: 'logql' }] });
      assert.deepEqual(client.initializeResult?.capabilities.codeActionProvider, {
        codeActionKinds: ['quickfix', 'refactor.rewrite', 'source.formatPromQL'],
      });

      const edits = await client.request<TextEdit[]>('textDocument/formatting', {
        textDocument: { uri: 'file:///w/query.promql' },
        options: { tabSize: 2, insertSpaces: true },
      });
      assert.deepEqual(
        edits.map((edit) => edit.newText),
        ['# Requests per second, by job\nsum by (job) (rate(http_requests_total[5m]))\n'],
      );
      // Format Selection: the expression is the smallest unit laid out, so the selection formats all of it.
      const rangeEdits = await client.request<TextEdit[]>('textDocument/rangeFormatting', {
        textDocument: { uri: 'file:///w/query.promql' },
        range: { start: { line: 1, character: 4 }, end: { line: 1, character: 8 } },
        options: { tabSize: 2, insertSpaces: true },
      });
      assert.deepEqual(rangeEdits, edits);
      await client.open('file:///w/query.logql', 'logql', '{app="api"}|="error"|json\n');
      const logqlEdits = await client.request<TextEdit[]>('textDocument/formatting', {
        textDocument: { uri: 'file:///w/query.logql' },
        options: { tabSize: 2, insertSpaces: true },
      });
      assert.deepEqual(
        logqlEdits.map((edit) => edit.newText),
        ['{app="api"} |= "error" | json\n'],
      );

      const at = { line: 4, character: 20 };
      const rewrite = await client.request<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri: 'file:///w/rules.yaml' },
        range: { start: at, end: at },
        context: { diagnostics: [] },
      });
      assert.deepEqual(
        rewrite.map((action) => [action.title, action.kind, action.edit?.changes?.['file:///w/rules.yaml']?.[0]]),
        [
          [
            'Format PromQL expression',
            'refactor.rewrite',
            {
              range: { start: { line: 4, character: 14 }, end: { line: 4, character: 55 } },
              newText: 'sum by (job) (rate(http_requests_total[5m]))',
            },
          ],
        ],
      );
      const source = await client.request<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri: 'file:///w/rules.yaml' },
        range: { start: at, end: at },
        context: { diagnostics: [], only: ['source'] },
      });
      assert.deepEqual(
        source.map((action) => [action.title, action.edit?.changes?.['file:///w/rules.yaml']?.map((edit) => edit.newText)]),
        [
          [
            'Format all PromQL expressions',
            ['sum by (job) (rate(http_requests_total[5m]))', '"sum by (job) (rate(http_requests_total{code=~\\"5..\\"}[5m])) > 1"'],
          ],
        ],
      );
    } finally {
      await client.stop();
    }
  });

  test('a client without dynamic registration gets the formatter for every document: in YAML it formats the expressions alone', async () => {
    const client = await LspClient.start();
    try {
      await client.open('file:///w/rules.yaml', 'yaml', ruleFile);
      assert.equal(client.initializeResult?.capabilities.documentFormattingProvider, true);
      const edits = await client.request<TextEdit[]>('textDocument/formatting', {
        textDocument: { uri: 'file:///w/rules.yaml' },
        options: { tabSize: 2, insertSpaces: true },
      });
      assert.deepEqual(
        edits.map((edit) => edit.range.start.line),
        [4, 6],
      );
      // A range formats the expressions it touches, and no others.
      assert.equal(client.initializeResult?.capabilities.documentRangeFormattingProvider, true);
      const ranged = await client.request<TextEdit[]>('textDocument/rangeFormatting', {
        textDocument: { uri: 'file:///w/rules.yaml' },
        range: { start: { line: 5, character: 0 }, end: { line: 6, character: 20 } },
        options: { tabSize: 2, insertSpaces: true },
      });
      assert.deepEqual(ranged, edits.slice(1));
      const outside = await client.request<TextEdit[]>('textDocument/rangeFormatting', {
        textDocument: { uri: 'file:///w/rules.yaml' },
        range: { start: { line: 0, character: 0 }, end: { line: 2, character: 4 } },
        options: { tabSize: 2, insertSpaces: true },
      });
      assert.deepEqual(outside, []);
      // Broken PromQL is not formatted and does not fail the request.
      await client.change('file:///w/rules.yaml', ruleFile.replace('by(job)\n', 'by(job\n'));
      const none = await client.request<TextEdit[]>('textDocument/formatting', {
        textDocument: { uri: 'file:///w/rules.yaml' },
        options: { tabSize: 2, insertSpaces: true },
      });
      assert.deepEqual(
        none.map((edit) => edit.range.start.line),
        [6],
      );
    } finally {
      await client.stop();
    }
  });
});
