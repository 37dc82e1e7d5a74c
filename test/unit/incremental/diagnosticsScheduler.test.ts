import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Connection, TextDocuments } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { DiagnosticsScheduler, settleDelayMs } from '../../../server/src/handlers/diagnostics';
import { getLanguageService } from '../../../server/src/service/languageService';

const uri = 'file:///rules.yaml';
// The alert's template names `instance`, which its expression keeps until the edit drops it.
const before =
  'groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: sum by (job, instance) (up) > 0\n        annotations:\n          summary: "{{ $labels.instance }}"\n';
const after = before.replace('(job, instance)', '(job)');

/** Just what the scheduler uses of a connection, recording what it sends. */
function fakeConnection() {
  const sent: Array<{ version?: number; diagnostics: Diagnostic[] }> = [];
  let refreshes = 0;
  let pullHandler: ((params: { textDocument: { uri: string } }) => Promise<{ items: Diagnostic[] }>) | undefined;
  const connection = {
    sendDiagnostics: async (params: { version?: number; diagnostics: Diagnostic[] }) => void sent.push(params),
    languages: { diagnostics: { on: (handler: typeof pullHandler) => (pullHandler = handler), refresh: async () => void refreshes++ } },
    console: { error: (message: string) => assert.fail(message) },
  } as unknown as Connection;
  return { connection, sent, refreshes: () => refreshes, pull: () => pullHandler!({ textDocument: { uri } }) };
}

function documentsOf(document: { current: TextDocument }) {
  return {
    get: (u: string) => (u === uri ? document.current : undefined),
    all: () => [document.current],
  } as unknown as TextDocuments<TextDocument>;
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const templateProblems = (diagnostics: Diagnostic[]) => diagnostics.filter((d) => d.code === 'rules/template-unknown-label').length;

describe('DiagnosticsScheduler settles fast-path validations', () => {
  it('pushes the fast result at once and the full result once typing pauses', async () => {
    const service = getLanguageService();
    const { connection, sent } = fakeConnection();
    const document = { current: TextDocument.create(uri, 'yaml', 1, before) };
    const scheduler = new DiagnosticsScheduler(connection, service, documentsOf(document), Promise.resolve());
    service.indexFile(uri, 'yaml', before);
    scheduler.schedule(uri);
    await wait(20);
    assert.equal(sent.length, 1);
    assert.equal(templateProblems(sent[0].diagnostics), 0);

    document.current = TextDocument.create(uri, 'yaml', 2, after);
    service.indexFile(uri, 'yaml', after);
    scheduler.schedule(uri);
    await wait(20);
    assert.equal(sent.length, 2);
    // The edited rule's template check is stale on the fast path…
    assert.equal(templateProblems(sent[1].diagnostics), 0);
    await wait(settleDelayMs + 100);
    // …and right once the document is parsed in full.
    assert.equal(sent.length, 3);
    assert.equal(templateProblems(sent[2].diagnostics), 1);
    await wait(settleDelayMs + 100);
    assert.equal(sent.length, 3, 'a settled document is not validated again');
  });

  it('asks a pulling client to pull again after settling', async () => {
    const service = getLanguageService();
    const { connection, sent, refreshes, pull } = fakeConnection();
    const document = { current: TextDocument.create(uri, 'yaml', 1, before) };
    const scheduler = new DiagnosticsScheduler(connection, service, documentsOf(document), Promise.resolve());
    scheduler.usePull(true);
    service.indexFile(uri, 'yaml', before);
    assert.equal(templateProblems((await pull()).items), 0);
    document.current = TextDocument.create(uri, 'yaml', 2, after);
    service.indexFile(uri, 'yaml', after);
    assert.equal(templateProblems((await pull()).items), 0, 'stale on the fast path');
    await wait(settleDelayMs + 100);
    assert.equal(refreshes(), 1);
    assert.equal(templateProblems((await pull()).items), 1, 'right after the refresh');
    await wait(settleDelayMs + 100);
    assert.equal(refreshes(), 1);
    assert.equal(sent.length, 0);
  });
});

describe('DiagnosticsScheduler pushes', () => {
  it("sends the edited file's diagnostics before re-checking the files a refresh added", async () => {
    const service = getLanguageService();
    const events: string[] = [];
    const validate = service.doValidation.bind(service);
    service.doValidation = (document, options) => {
      events.push(`validate ${document.uri}`);
      return validate(document, options);
    };
    // As vscode-jsonrpc's writer does, the message is written after the current turn.
    const connection = {
      sendDiagnostics: (params: { uri: string }) => Promise.resolve().then(() => void events.push(`sent ${params.uri}`)),
      console: { error: (message: string) => assert.fail(message) },
    } as unknown as Connection;
    const open = new Map(['file:///edited.yaml', 'file:///other.yaml'].map((u) => [u, TextDocument.create(u, 'yaml', 1, before)]));
    const documents = { get: (u: string) => open.get(u), all: () => [...open.values()] } as unknown as TextDocuments<TextDocument>;
    const scheduler = new DiagnosticsScheduler(connection, service, documents, Promise.resolve());
    scheduler.schedule('file:///edited.yaml');
    scheduler.refreshAll();
    await wait(50);
    assert.deepEqual(events, [
      'validate file:///edited.yaml',
      'sent file:///edited.yaml',
      'validate file:///other.yaml',
      'sent file:///other.yaml',
    ]);
  });
});

describe('DiagnosticsScheduler.whenIdle', () => {
  it('runs work once the documents waiting for diagnostics have them, and at once when none wait', async () => {
    const service = getLanguageService();
    const { connection, sent } = fakeConnection();
    const document = { current: TextDocument.create(uri, 'yaml', 1, before) };
    let settingsLoaded: () => void = () => undefined;
    const ready = new Promise<void>((resolve) => (settingsLoaded = resolve));
    const scheduler = new DiagnosticsScheduler(connection, service, documentsOf(document), ready);
    service.indexFile(uri, 'yaml', before);
    scheduler.schedule(uri);
    const done: string[] = [];
    scheduler.whenIdle(() => done.push(`after ${sent.length} push(es)`));
    await wait(20);
    assert.equal(done.length, 0, 'the document still waits for the settings');
    settingsLoaded();
    await wait(20);
    assert.deepEqual(done, ['after 1 push(es)']);
    scheduler.whenIdle(() => done.push('at once'));
    await wait(5);
    assert.deepEqual(done, ['after 1 push(es)', 'at once']);
  });
});
