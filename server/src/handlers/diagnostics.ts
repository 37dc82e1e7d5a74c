import type { Connection, TextDocuments } from 'vscode-languageserver';
import { DocumentDiagnosticReportKind } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { LanguageService } from '../service/languageService';
import { guard } from './guard';

/** How long typing must pause before a fast-path validation is replaced by a full one. */
export const settleDelayMs = 300;

/**
 * Delivers diagnostics the way the client wants them: pulled (`textDocument/diagnostic`,
 * VS Code) or pushed (`publishDiagnostics`, e.g. Neovim 0.7). Pushes are coalesced per
 * document so a burst of edits is validated once, on the latest text.
 *
 * A keystroke inside one expression is validated by the service's edit fast path, which
 * leaves what depends on the rest of the file stale; once typing pauses the document is
 * settled (parsed in full) and its diagnostics are sent again, or the client asked to pull.
 */
export class DiagnosticsScheduler {
  private pullMode = false;
  /** Pull mode: the report each open document last got, so unaffected ones answer "unchanged". */
  private readonly reports = new Map<string, { resultId: string; version: number }>();
  private nextResultId = 1;
  private readonly pending = new Set<string>();
  private flushQueued = false;
  private readonly unsettled = new Set<string>();
  private settleTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly idleWork: Array<() => void> = [];

  constructor(
    private readonly connection: Connection,
    private readonly service: LanguageService,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly ready: Promise<void>,
    /** Runs after each validation (the document's regions are fresh then). */
    private readonly validated: (document: TextDocument) => void = () => undefined,
  ) {}

  get pull(): boolean {
    return this.pullMode;
  }

  usePull(pull: boolean): void {
    this.pullMode = pull;
    if (!pull) return;
    this.connection.languages.diagnostics.on(async ({ textDocument, previousResultId }) => {
      await this.ready;
      const document = this.documents.get(textDocument.uri);
      if (!document) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
      // A refresh makes VS Code re-pull every open document; one edit to a Service must not
      // re-validate them all when only two depend on it.
      const last = this.reports.get(document.uri);
      if (last && previousResultId === last.resultId && last.version === document.version) {
        return { kind: DocumentDiagnosticReportKind.Unchanged, resultId: last.resultId };
      }
      const items = this.validate(document);
      const resultId = String(this.nextResultId++);
      this.reports.set(document.uri, { resultId, version: document.version });
      return { kind: DocumentDiagnosticReportKind.Full, resultId, items };
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

  /**
   * Runs `work` once the documents waiting for pushed diagnostics have them (soon, when none
   * wait or the client pulls): for work that must not delay the first diagnostics.
   */
  whenIdle(work: () => void): void {
    if (this.pending.size === 0) setImmediate(work);
    else this.idleWork.push(work);
  }

  /** Settings or the workspace changed: every open document may have new diagnostics. */
  refreshAll(): void {
    if (this.pullMode) {
      this.reports.clear();
      void this.connection.languages.diagnostics.refresh().catch(() => undefined);
      return;
    }
    for (const document of this.documents.all()) this.schedule(document.uri);
  }

  /** Other documents whose diagnostics an edit may have changed (cross-file checks). */
  refreshOthers(uris: readonly string[]): void {
    const open = uris.filter((uri) => this.documents.get(uri));
    if (open.length === 0) return;
    if (this.pullMode) {
      for (const uri of open) this.reports.delete(uri);
      void this.connection.languages.diagnostics.refresh().catch(() => undefined);
    } else for (const uri of open) this.schedule(uri);
  }

  clear(uri: string): void {
    this.reports.delete(uri);
    this.pending.delete(uri);
    this.unsettled.delete(uri);
    if (!this.pullMode) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  /**
   * Validates one pending document per turn of the event loop, the one scheduled first (the
   * edited or opened one, before the files a refresh added): the connection writes after the
   * turn, so validating all at once would hold its diagnostics back until every other open
   * file was checked again, and requests that came in meanwhile would wait too.
   */
  private flush(): void {
    this.flushQueued = false;
    const [uri] = this.pending;
    if (uri !== undefined) {
      this.pending.delete(uri);
      const document = this.documents.get(uri);
      if (document) void this.connection.sendDiagnostics({ uri, version: document.version, diagnostics: this.validate(document) });
    }
    if (this.pending.size > 0) {
      this.flushQueued = true;
      setImmediate(() => this.flush());
      return;
    }
    for (const work of this.idleWork.splice(0)) setImmediate(work);
  }

  private validate(document: TextDocument) {
    const diagnostics = guard(this.connection, `validating ${document.uri}`, () => this.service.doValidation(document), []);
    this.validated(document);
    this.settleLater(document.uri);
    return diagnostics;
  }

  /** (Re)starts the idle timer: every edit pushes the full parse further away. */
  private settleLater(uri: string): void {
    this.unsettled.add(uri);
    if (this.settleTimer) clearTimeout(this.settleTimer);
    this.settleTimer = setTimeout(() => this.settle(), settleDelayMs);
    this.settleTimer.unref?.();
  }

  private settle(): void {
    this.settleTimer = undefined;
    const uris = [...this.unsettled];
    this.unsettled.clear();
    const rulesRevision = this.service.workspace.revision;
    let changed = false;
    for (const uri of uris) {
      const document = this.documents.get(uri);
      if (!document || !guard(this.connection, `settling ${uri}`, () => this.service.settle(document), false)) continue;
      changed = true;
      this.reports.delete(uri);
      if (!this.pullMode) this.schedule(uri);
    }
    // The full parse may have found a new recording rule that other open files use.
    if (this.service.workspace.revision !== rulesRevision) this.refreshAll();
    else if (changed && this.pullMode) void this.connection.languages.diagnostics.refresh().catch(() => undefined);
  }
}
