import * as vscode from 'vscode';
import { RunQueryRequest, type RunQueryArgs } from '../../../server/src/protocol';
import type { ServerChannel } from '../connectionChannel';
import { createNonce, previewHtml } from './html';
import { parseWebviewMessage } from './messages';
import type { HostToWebview, PreviewQuery, WebviewToHost } from './previewMessaging';
import { buildPreviewResult, buildRunParams } from './runPlan';

type RunMessage = Extract<WebviewToHost, { type: 'run' }>;

/**
 * The query preview panel: opened beside the editor (or reused), it shows one query at a time.
 * The webview asks for runs; this class validates each message, runs the query through the
 * language server (which holds the connection and the credentials), cancels a run superseded
 * by a newer one, and posts back the result with the alert's would-have-fired periods.
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
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly server: ServerChannel,
    private readonly output: vscode.LogOutputChannel,
  ) {}

  /** `alertsmith.runQuery`: from a code lens (with arguments), else the selection or the `.promql` file. */
  async runCommand(args?: unknown): Promise<void> {
    const query = isRunQueryArgs(args) ? fromLens(args) : fromEditor(vscode.window.activeTextEditor);
    if (!query) {
      void vscode.window.showInformationMessage('Select a PromQL expression, open a .promql file, or use "▶ Run" above a rule\'s expr.');
      return;
    }
    this.show(query);
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
    const dist = vscode.Uri.joinPath(this.extensionUri, 'dist');
    const panel = vscode.window.createWebviewPanel(
      QueryPreview.viewType,
      panelTitle(query),
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      { enableScripts: true, localResourceRoots: [dist], enableFindWidget: true },
    );
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
      state: { source: this.source, query: this.query },
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

function fromLens(args: RunQueryArgs): PreviewQuery {
  const title = args.alert?.name ?? `${basename(args.uri)}:${args.range.start.line + 1}`;
  return { expr: args.expr, title, alert: args.alert };
}

function fromEditor(editor: vscode.TextEditor | undefined): PreviewQuery | undefined {
  if (!editor) return undefined;
  const { document, selection } = editor;
  const selected = document.getText(selection).trim();
  if (selected) return { expr: selected, title: `Selection in ${basename(document.uri.toString())}` };
  if (document.languageId === 'promql') {
    const text = document.getText().trim();
    return text ? { expr: text, title: basename(document.uri.toString()) } : undefined;
  }
  return undefined;
}

function basename(uri: string): string {
  return decodeURIComponent(
    uri
      .replace(/[?#].*$/, '')
      .split('/')
      .pop() ?? uri,
  );
}

/** Lens arguments come from our server, but commands can be run by anyone: check the shape. */
function isRunQueryArgs(value: unknown): value is RunQueryArgs {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return (
    typeof record.uri === 'string' &&
    typeof record.expr === 'string' &&
    record.expr.trim() !== '' &&
    typeof record.range === 'object' &&
    record.range !== null
  );
}
