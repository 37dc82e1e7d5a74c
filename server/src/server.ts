import {
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  CodeActionKind,
  TextDocumentSyncKind,
  TextDocuments,
  type Connection,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticsScheduler } from './handlers/diagnostics';
import { DocumentLanguages } from './handlers/documentLanguages';
import { guard } from './handlers/guard';
import { registerNavigation } from './handlers/navigation';
import { Formatting } from './handlers/formatting';
import { fetchSettings } from './handlers/settings';
import { indexWorkspace } from './handlers/workspaceIndexing';
import { lokiConnection, prometheusConnection, type LiveConnection } from './handlers/liveConnection';
import type { LokiLiveSource } from './sources/loki/liveSource';
import type { LiveSource } from './sources/prometheus/liveSource';
import { registerRunQuery } from './handlers/runQuery';
import { formatAllKind } from './service/formattingActions';
import { getLanguageService } from './service/languageService';
import { semanticTokenTypes } from './service/logql/semanticTokens';
import { readWorkspaceFile, languageIdForPath } from './sources/workspaceFiles';
import type { InitializationOptions } from './protocol';
import { serverVersion } from './version';

export const serverName = 'alertsmith';
export { serverVersion };

/** How long a completion or hover may wait for live lookups already under way (typing must not lag). */
const liveLookupBudgetMs = 150;

/**
 * Wires the language service to a connection: capabilities, settings, documents and one
 * handler per feature. Works the same over IPC (VS Code) and stdio (`alertsmith lsp --stdio`).
 */
export function startServer(connection: Connection): void {
  const service = getLanguageService();
  const documents = new TextDocuments(TextDocument);
  let supportsConfiguration = false;
  let supportsWatchedFilesRegistration = false;
  let supportsWorkDoneProgress = false;
  let supportsSemanticTokensRefresh = false;
  // Clients that resolve completion items (VS Code) get lists without documentation: much smaller.
  let documentationOnResolve = false;
  // Clients that take completion list defaults (VS Code) get the items' common edit range once.
  let sharedEditRange = false;
  let workspaceFolders: string[] = [];
  let live: LiveConnection<LiveSource> | undefined;
  let loki: LiveConnection<LokiLiveSource> | undefined;
  // Diagnostics wait until the settings are known, so the first report already honours them.
  let settingsLoaded: () => void = () => undefined;
  const settingsReady = new Promise<void>((resolve) => (settingsLoaded = resolve));
  const documentLanguages = new DocumentLanguages(connection, service);
  const formatting = new Formatting(connection, service, documents);
  const diagnostics = new DiagnosticsScheduler(connection, service, documents, settingsReady, (document) =>
    documentLanguages.announce(document),
  );

  connection.onInitialize((params): InitializeResult => {
    const capabilities = params.capabilities;
    supportsConfiguration = capabilities.workspace?.configuration === true;
    supportsWatchedFilesRegistration = capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    supportsWorkDoneProgress = capabilities.window?.workDoneProgress === true;
    supportsSemanticTokensRefresh = capabilities.workspace?.semanticTokens?.refreshSupport === true;
    documentationOnResolve =
      capabilities.textDocument?.completion?.completionItem?.resolveSupport?.properties.includes('documentation') === true;
    sharedEditRange = capabilities.textDocument?.completion?.completionList?.itemDefaults?.includes('editRange') === true;
    workspaceFolders = params.workspaceFolders?.map((folder) => folder.uri) ?? (params.rootUri ? [params.rootUri] : []);
    diagnostics.usePull(capabilities.textDocument?.diagnostic !== undefined);
    // The VS Code client says whether the workspace is trusted; other clients are trusted.
    const trusted = (params.initializationOptions as { trusted?: unknown } | undefined)?.trusted !== false;
    documentLanguages.enabled = (params.initializationOptions as InitializationOptions | undefined)?.documentLanguages === true;
    const whenIdle = (work: () => void) => diagnostics.whenIdle(work);
    live = prometheusConnection(connection, service, () => diagnostics.refreshAll(), trusted, params.initializationOptions, whenIdle);
    loki = lokiConnection(connection, service, trusted, params.initializationOptions, whenIdle);
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        completionProvider: { triggerCharacters: ['{', '(', ',', '[', '"', '=', ' ', '_', ':', '@'], resolveProvider: true },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite, formatAllKind] },
        ...formatting.capabilities(capabilities),
        codeLensProvider: { resolveProvider: false },
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        workspaceSymbolProvider: true,
        // The label tells this outline from the YAML extension's where VS Code shows both.
        documentSymbolProvider: { label: 'Alertsmith' },
        signatureHelpProvider: { triggerCharacters: ['(', ','], retriggerCharacters: [','] },
        // LogQL in YAML, which the TextMate injection colours as PromQL (service/logql/semanticTokens.ts).
        semanticTokensProvider: { legend: { tokenTypes: [...semanticTokenTypes], tokenModifiers: [] }, full: true },
        ...(diagnostics.pull ? { diagnosticProvider: { interFileDependencies: true, workspaceDiagnostics: false } } : {}),
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: serverName, version: serverVersion },
    };
  });

  connection.onInitialized(async () => {
    if (supportsConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'alertsmith' });
    formatting.register();
    if (supportsWatchedFilesRegistration) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: '**/*.{yaml,yml,promql,logql}' }],
      });
    }
    service.configure(await fetchSettings(connection, supportsConfiguration));
    live?.configure(service.settings.prometheus);
    loki?.configure(service.settings.loki);
    settingsLoaded();
    await indexWorkspace(connection, service, workspaceFolders, documents, supportsWorkDoneProgress);
    diagnostics.refreshAll();
  });

  connection.onDidChangeConfiguration(async () => {
    service.configure(await fetchSettings(connection, supportsConfiguration));
    // `alertsmith.logql.ruleFiles` may have changed which expressions are LogQL.
    if (supportsSemanticTokensRefresh) void connection.languages.semanticTokens.refresh().catch(() => undefined);
    live?.configure(service.settings.prometheus);
    loki?.configure(service.settings.loki);
    diagnostics.refreshAll();
  });

  connection.onDidChangeWatchedFiles(async ({ changes }) => {
    for (const change of changes) {
      if (documents.get(change.uri)) continue; // the open document is the truth while it is open
      if (change.type === FileChangeType.Deleted) {
        service.removeFile(change.uri);
        continue;
      }
      const text = await readWorkspaceFile(change.uri);
      const languageId = languageIdForPath(change.uri);
      if (text === undefined || !languageId) service.removeFile(change.uri);
      else guard(connection, `indexing ${change.uri}`, () => service.indexFile(change.uri, languageId, text), []);
    }
    diagnostics.refreshAll();
  });

  /** Indexes a new version of one file, then re-checks the open files it can affect. */
  function reindex(uri: string, index: () => string[]): void {
    const rulesRevision = service.workspace.revision;
    const affected = guard(connection, `indexing ${uri}`, index, []);
    // A new or renamed recording rule can answer "no series" warnings in any open file.
    if (service.workspace.revision !== rulesRevision) diagnostics.refreshAll();
    // An edited Service can fix or break a ServiceMonitor in another open file.
    else diagnostics.refreshOthers(affected);
  }

  documents.onDidChangeContent(({ document }) => {
    diagnostics.schedule(document.uri);
    reindex(document.uri, () => service.indexFile(document.uri, document.languageId, document.getText()));
  });
  documents.onDidClose(({ document }) => {
    diagnostics.clear(document.uri);
    documentLanguages.forget(document.uri);
    // Closing drops unsaved edits: the workspace goes back to the file on disk (or to none), and
    // the open files the edits affected are checked against that again.
    void readWorkspaceFile(document.uri).then((text) => {
      if (documents.get(document.uri)) return; // opened again meanwhile: the open document is the truth
      reindex(document.uri, () =>
        text === undefined ? service.removeFile(document.uri) : service.indexFile(document.uri, document.languageId, text),
      );
    });
  });

  connection.onCompletion(async ({ textDocument, position }) => {
    const complete = () => {
      const document = documents.get(textDocument.uri);
      if (!document) return null;
      return guard(
        connection,
        `completion in ${textDocument.uri}`,
        () => service.doComplete(document, position, { documentationOnResolve, sharedEditRange }),
        null,
      );
    };
    const result = complete();
    // Live Loki values not known yet: wait a small budget for the lookups under way, then ask again.
    if (result?.isIncomplete && (await loki?.source?.settle(liveLookupBudgetMs))) return complete();
    return result;
  });
  connection.onCompletionResolve((item) =>
    guard(connection, `resolving completion item ${item.label}`, () => service.resolveCompletion(item), item),
  );
  connection.onHover(async ({ textDocument, position }) => {
    const hover = () => {
      const document = documents.get(textDocument.uri);
      if (!document) return null;
      return guard(connection, `hover in ${textDocument.uri}`, () => service.doHover(document, position), null);
    };
    const result = hover();
    // A live Loki lookup under way (a selector's streams): in a file with LogQL, wait a small
    // budget for it, then ask again. Hovers elsewhere never wait on Loki.
    const document = documents.get(textDocument.uri);
    if (!loki?.source || !document || !service.documentLanguages(document).includes('logql')) return result;
    return (await loki.source.settle(liveLookupBudgetMs)) ? hover() : result;
  });
  connection.onCodeAction(({ textDocument, range, context }) => {
    const document = documents.get(textDocument.uri);
    if (!document) return null;
    return guard(
      connection,
      `code actions in ${textDocument.uri}`,
      () => service.doCodeActions(document, context.diagnostics, { range, only: context.only }),
      null,
    );
  });
  connection.onCodeLens(({ textDocument }) => {
    const document = documents.get(textDocument.uri);
    if (!document) return null;
    return guard(connection, `code lenses in ${textDocument.uri}`, () => service.doCodeLenses(document), null);
  });
  // Definition (recording rules, then Operator selectors), references, rename, workspace symbols.
  registerNavigation(connection, service, documents);
  connection.languages.semanticTokens.on(({ textDocument }) => {
    const document = documents.get(textDocument.uri);
    if (!document) return { data: [] };
    return guard(connection, `semantic tokens of ${textDocument.uri}`, () => service.doSemanticTokens(document), { data: [] });
  });
  connection.onSignatureHelp(({ textDocument, position }) => {
    const document = documents.get(textDocument.uri);
    if (!document) return null;
    return guard(connection, `signature help in ${textDocument.uri}`, () => service.doSignatureHelp(document, position), null);
  });

  registerRunQuery(
    connection,
    () => live?.httpConnection(),
    Date.now,
    () => loki?.httpConnection(),
  );
  connection.onShutdown(() => {
    live?.dispose();
    loki?.dispose();
  });

  documents.listen(connection);
  connection.listen();
}
