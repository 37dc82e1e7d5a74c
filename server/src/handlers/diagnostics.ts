import type { Connection, TextDocuments } from 'vscode-languageserver';
import { DocumentDiagnosticReportKind } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { LanguageService } from '../service/languageService';
import { guard } from './guard';

/**
 * Delivers diagnostics the way the client wants them: pulled (`textDocument/diagnostic`,
 * VS Code) or pushed (`publishDiagnostics`, e.g. Neovim 0.7). Pushes are coalesced per
 * document so a burst of edits is validated once, on the latest text.
 */
export class DiagnosticsScheduler {
  private pullMode = false;
  private readonly pending = new Set<string>();
  private flushQueued = false;

  constructor(
    private readonly connection: Connection,
    private readonly service: LanguageService,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly ready: Promise<void>,
  ) {}

  get pull(): boolean {
    return this.pullMode;
  }

  usePull(pull: boolean): void {
    this.pullMode = pull;
    if (!pull) return;
    this.connection.languages.diagnostics.on(async ({ textDocument }) => {
      await this.ready;
      const document = this.documents.get(textDocument.uri);
      const items = document ? this.validate(document) : [];
      return { kind: DocumentDiagnosticReportKind.Full, items };
    });
  }

  /** A document changed: validate it soon. */
  schedule(uri: string): void {
    if (this.pullMode) return; // the client pulls after each change
    this.pending.add(uri);
    if (this.flushQueued) return;
    this.flushQueued = true;
    void this.ready.then(() => setImmediate(() => this.flush()));
  }

  /** Settings or the workspace changed: every open document may have new diagnostics. */
  refreshAll(): void {
    if (this.pullMode) {
      void this.connection.languages.diagnostics.refresh().catch(() => undefined);
      return;
    }
    for (const document of this.documents.all()) this.schedule(document.uri);
  }

  /** Other documents whose diagnostics an edit may have changed (cross-file checks). */
  refreshOthers(uris: readonly string[]): void {
    const open = uris.filter((uri) => this.documents.get(uri));
    if (open.length === 0) return;
    if (this.pullMode) void this.connection.languages.diagnostics.refresh().catch(() => undefined);
    else for (const uri of open) this.schedule(uri);
  }

  clear(uri: string): void {
    this.pending.delete(uri);
    if (!this.pullMode) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  private flush(): void {
    this.flushQueued = false;
    const uris = [...this.pending];
    this.pending.clear();
    for (const uri of uris) {
      const document = this.documents.get(uri);
      if (!document) continue;
      void this.connection.sendDiagnostics({ uri, version: document.version, diagnostics: this.validate(document) });
    }
  }

  private validate(document: TextDocument) {
    return guard(this.connection, `validating ${document.uri}`, () => this.service.doValidation(document), []);
  }
}
