import * as vscode from 'vscode';
import { RunQueryRequest, type RunQueryArgs } from '../../../server/src/protocol';
import type { ServerChannel } from '../connectionChannel';
import { createNonce, previewHtml } from './html';
import { parseWebviewMessage } from './messages';
import type { HostToWebview, PreviewQuery, ViewState, WebviewToHost } from './previewMessaging';
import { buildPreviewResult, buildRunParams } from './runPlan';
import { parsePreviewQuery, parseSavedState } from './savedState';

type RunMessage = Extract<WebviewToHost, { type: 'run' }>;

/**
 * The query preview panel: opened beside the editor (or reused), it shows one query at a time.
 * The webview asks for runs; this class validates each message, runs the query through the
 * language server (which holds the Prometheus and Loki connections and their credentials),
 * cancels a run superseded by a newer one, and posts back the result with the alert's
 * would-have-fired periods. After a window reload VS Code hands the panel back with the state
 * its page saved; a valid one is shown again and re-run.
 */
export class QueryPreview implements vscode.Disposable {
  static readonly viewType = 'alertsmith.queryPreview';
  private panel: vscode.WebviewPanel | undefined;
  private source = '';
  private query: PreviewQuery | undefined;
  private running: { seq: number; cancel: vscode.CancellationTokenSource } | undefined;
  private counter = 0;
  /** The query the panel's HTML was built for (later ones arrive by `setQuery`). */
  private renderedSource = '';
  /** The toolbar a restored panel starts with (its page may have no state of its own). */
  private restoredView: ViewState | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly server: ServerChannel,
    private readonly output: vscode.LogOutputChannel,
  ) {
    this.disposables.push(
      vscode.window.registerWebviewPanelSerializer(QueryPreview.viewType, {
        deserializeWebviewPanel: async (panel, state) => this.restore(panel, state),
      }),
    );
  }

  /** `alertsmith.runQuery`: from a code lens (with arguments), else the selection or the `.promql`/`.logql` file. */
  async runCommand(args?: unknown): Promise<void> {
    // Menus pass the editor's URI, the lens its RunQueryArgs: anything but the latter means the editor.
    const query = fromLens(args) ?? (await withRegionLanguage(fromEditor(vscode.window.activeTextEditor)));
    if (!query) {
      void vscode.window.showInformationMessage(
        'Select a PromQL or LogQL expression, open a .promql or .logql file, or use "▶ Run" above a rule\'s expr.',
      );
      return;
    }
    this.show(query);
  }

  /** A panel VS Code kept across a window reload: show its saved query again, or close it. */
  restore(panel: vscode.WebviewPanel, state: unknown): void {
    const saved = parseSavedState(state);
    if (!saved || this.panel) {
      // Nothing valid to run (or a preview is already open: there is one panel).
      if (!saved) this.output.warn('Query preview: the restored panel had no valid query; closed it');
      panel.dispose();
      return;
    }
    const { query, ...view } = saved;
    this.source = `q-${++this.counter}`;
    this.query = query;
    this.restoredView = view;
    panel.webview.options = webviewOptions(this.extensionUri);
    panel.title = panelTitle(query);
    this.adopt(panel);
  }

  show(query: PreviewQuery): void {
    this.cancelRunning();
    this.source = `q-${++this.counter}`;
    this.query = query;
    if (this.panel) {
      this.panel.title = panelTitle(query);
      // A visible page switches queries in place; a hidden one is reloaded with the new state.
      if (this.panel.visible) this.post({ type: 'setQuery', source: this.source, query });
      else this.render();
      this.panel.reveal(vscode.ViewColumn.Beside, true);
      return;
    }
    this.restoredView = undefined;
    const panel = vscode.window.createWebviewPanel(
      QueryPreview.viewType,
      panelTitle(query),
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      { ...webviewOptions(this.extensionUri), enableFindWidget: true },
    );
    this.adopt(panel);
  }

  private adopt(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    this.render();
    panel.webview.onDidReceiveMessage((message: unknown) => this.receive(message), undefined, this.disposables);
    // A hidden webview is torn down and comes back from its HTML: make that HTML name the current query.
    panel.onDidChangeViewState(() => panel.visible && this.renderedSource !== this.source && this.render(), undefined, this.disposables);
    panel.onDidDispose(
      () => {
        this.cancelRunning();
        this.panel = undefined;
      },
      undefined,
      this.disposables,
    );
  }

  dispose(): void {
    this.cancelRunning();
    this.panel?.dispose();
    for (const disposable of this.disposables) disposable.dispose();
  }

  private render(): void {
    if (!this.panel || !this.query) return;
    const webview = this.panel.webview;
    this.renderedSource = this.source;
    const dist = vscode.Uri.joinPath(this.extensionUri, 'dist');
    webview.html = previewHtml({
      cspSource: webview.cspSource,
      nonce: createNonce(),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(dist, 'webview.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(dist, 'webview.css')).toString(),
      state: { source: this.source, query: this.query, ...(this.restoredView ? { view: this.restoredView } : {}) },
    });
  }

  private receive(raw: unknown): void {
    const message = parseWebviewMessage(raw);
    if (!message) {
      this.output.warn('Query preview: ignored a malformed message from the webview');
      return;
    }
    switch (message.type) {
      case 'ready':
        return;
      case 'run':
        if (message.source === this.source) void this.run(message);
        return;
      case 'cancel':
        if (message.source === this.source && this.running?.seq === message.seq) this.cancelRunning();
        return;
      case 'copy':
        void vscode.env.clipboard.writeText(message.text);
        return;
      case 'rendered':
        this.output.debug(`Query preview: drew ${message.series} series, ${message.points} points in ${message.ms} ms`);
        return;
      case 'log':
        if (message.level === 'error') this.output.error(`Query preview: ${message.message}`);
        else this.output.info(`Query preview: ${message.message}`);
        return;
    }
  }

  private async run(message: RunMessage): Promise<void> {
    const query = this.query;
    if (!query) return;
    this.cancelRunning();
    const cancel = new vscode.CancellationTokenSource();
    const running = { seq: message.seq, cancel };
    this.running = running;
    const source = this.source;
    const params = buildRunParams(query, message, Date.now());
    this.post({ type: 'running', source, seq: message.seq });
    let answer: RunQueryRequest.Result;
    try {
      answer = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Alertsmith: running query' }, () =>
        this.server.sendRequest(RunQueryRequest.type, params, cancel.token),
      );
    } catch (error) {
      answer = {
        ok: false,
        kind: 'internal',
        message: `The language server did not run the query: ${error instanceof Error ? error.message : String(error)}`,
      };
    }
    const superseded = cancel.token.isCancellationRequested || source !== this.source;
    if (this.running === running) this.running = undefined;
    cancel.dispose();
    if (superseded) return; // a newer run (or query) owns the panel now
    if (!answer.ok) {
      this.post({ type: 'failed', source, seq: message.seq, kind: answer.kind, message: answer.message, errorType: answer.errorType });
      return;
    }
    this.post({ type: 'result', source, seq: message.seq, result: buildPreviewResult(query, params, answer) });
  }

  private cancelRunning(): void {
    this.running?.cancel.cancel();
    this.running = undefined;
  }

  private post(message: HostToWebview): void {
    void this.panel?.webview.postMessage(message);
  }
}

function panelTitle(query: PreviewQuery): string {
  return `▶ ${query.title}`;
}

function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist')] };
}

/** Lens arguments come from our server, but commands can be run by anyone: check the shape. */
function fromLens(args: unknown): PreviewQuery | undefined {
  if (typeof args !== 'object' || args === null) return undefined;
  const lens = args as Partial<RunQueryArgs>;
  const query = parsePreviewQuery({ ...lens, title: '', language: lens.language ?? 'promql' });
  if (!query?.uri || !query.range || query.expr.trim() === '') return undefined;
  query.title = query.alert?.name ?? `${basename(query.uri)}:${query.range.start.line + 1}`;
  return query;
}

/**
 * The selection, or the whole `.promql`/`.logql` file. The client does not parse queries: a
 * selection is LogQL in a `.logql` file, and in YAML `withRegionLanguage` asks the server.
 */
function fromEditor(editor: vscode.TextEditor | undefined): PreviewQuery | undefined {
  if (!editor) return undefined;
  const { document, selection } = editor;
  const language = document.languageId === 'logql' ? 'logql' : 'promql';
  const uri = document.uri.toString();
  const selected = document.getText(selection).trim();
  if (selected) {
    const range = { start: selection.start, end: selection.end };
    return { expr: selected, title: `Selection in ${basename(uri)}`, language, uri, range: toLspRange(range) };
  }
  if (document.languageId === 'promql' || document.languageId === 'logql') {
    const text = document.getText().trim();
    const whole = document.validateRange(new vscode.Range(0, 0, document.lineCount, 0));
    return text ? { expr: text, title: basename(uri), language, uri, range: toLspRange(whole) } : undefined;
  }
  return undefined;
}

/**
 * A selection inside a YAML rule file runs in the language of the expression it is in. The
 * server knows it (rule-file globs, detection from the expressions) and says so in the
 * arguments of its "▶ Run" lenses, so ask those rather than guess here.
 */
async function withRegionLanguage(query: PreviewQuery | undefined): Promise<PreviewQuery | undefined> {
  if (!query?.uri || !query.range || query.language === 'logql') return query;
  const document = vscode.workspace.textDocuments.find((candidate) => candidate.uri.toString() === query.uri);
  if (document?.languageId !== 'yaml') return query;
  const lenses = await Promise.resolve(
    vscode.commands.executeCommand<vscode.CodeLens[] | undefined>('vscode.executeCodeLensProvider', document.uri),
  ).catch(() => undefined);
  const start = new vscode.Position(query.range.start.line, query.range.start.character);
  for (const lens of lenses ?? []) {
    const region = fromLens(lens.command?.arguments?.[0]);
    if (!region?.range) continue;
    const range = new vscode.Range(
      region.range.start.line,
      region.range.start.character,
      region.range.end.line,
      region.range.end.character,
    );
    if (range.contains(start)) return { ...query, language: region.language };
  }
  return query;
}

function toLspRange(range: { start: vscode.Position; end: vscode.Position }): NonNullable<PreviewQuery['range']> {
  return {
    start: { line: range.start.line, character: range.start.character },
    end: { line: range.end.line, character: range.end.character },
  };
}

function basename(uri: string): string {
  return decodeURIComponent(
    uri
      .replace(/[?#].*$/, '')
      .split('/')
      .pop() ?? uri,
  );
}
