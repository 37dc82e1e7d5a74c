import * as vscode from 'vscode';
import { DocumentLanguagesNotification, type InitializationOptions, type PrometheusAuth } from '../../server/src/protocol';
import type { ServerChannel } from './connectionChannel';
import { ServerCredentials } from './connectionCredentials';
import { CredentialHandoff } from './connectionHandoff';
import { sameServer } from './connectionKeys';
import { ConnectionStatus } from './connectionStatus';
import {
  editorLanguages,
  lokiItemVisible,
  prometheusItemVisible,
  urlChosen,
  type EditorLanguages,
  type ItemRelevance,
} from './connectionView';
import { lokiServer, prometheusServer, type LiveServerProfile } from './liveServers';
import { PortForward } from './portForward';
import { QueryPreview } from './preview/queryPreview';

/** What the live features need from the language client besides requests. */
export interface LiveHost extends ServerChannel {
  readonly output: vscode.LogOutputChannel;
}

/**
 * One live server (Prometheus or Loki) seen from VS Code: its credentials, status item and
 * port-forward, and which credentials the language server may hold for which URL.
 */
export class LiveServer implements vscode.Disposable {
  readonly credentials: ServerCredentials;
  readonly status: ConnectionStatus;
  readonly portForward: PortForward;
  private readonly handoff: CredentialHandoff<PrometheusAuth>;
  private readonly disposables: vscode.Disposable[] = [];
  /** The URL whose credentials the server was last given or is about to be given. */
  private url = '';
  /** The credentials read for a URL, for the next `initialize`. */
  private known: { url: string; auth: PrometheusAuth | undefined } | undefined;
  private dropping: Promise<void> = Promise.resolve();
  private recheckTimer: NodeJS.Timeout | undefined;

  constructor(
    context: vscode.ExtensionContext,
    private readonly host: LiveHost,
    readonly profile: LiveServerProfile,
    /** Whether its status item is worth showing (and checking); default always. */
    private readonly relevant: (state: ConnectionStatus['state']) => boolean = () => true,
  ) {
    this.credentials = new ServerCredentials(context.secrets, profile.id, profile.title, () => this.currentUrl());
    this.status = new ConnectionStatus(host, host.output, profile, relevant);
    this.portForward = new PortForward(context.workspaceState, host.output, profile);
    this.handoff = new CredentialHandoff((auth) => this.send(auth));
    this.disposables.push(
      this.credentials,
      this.status,
      this.portForward,
      this.credentials.onDidChange((url) => void this.load(url)),
      this.status.onDidReportUrl((url) => this.handoff.serverUses(url)),
      this.portForward.onDidChange((description) => {
        this.status.setPortForward(description);
        if (description) this.recheckSoon();
      }),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (!event.affectsConfiguration(profile.section)) return;
        void this.noteUrl();
        this.recheckSoon();
      }),
    );
  }

  /** Reads the credentials for the URL set now, so the first `initialize` carries them. */
  async beforeStart(): Promise<void> {
    await this.credentials.migrate();
    this.url = this.currentUrl();
    this.known = { url: this.url, auth: await this.credentials.read(this.url) };
  }

  /** The credentials for `initialize`: only in a trusted workspace, only for the URL set now. */
  startCredentials(): PrometheusAuth | null {
    const url = this.currentUrl();
    const auth = vscode.workspace.isTrusted && this.known && sameServer(this.known.url, url) ? (this.known.auth ?? null) : null;
    this.handoff.serverRestarted(auth !== null);
    return auth;
  }

  /**
   * Called before the language server hears of a settings change: when the URL changed, the
   * old server's credentials are withdrawn first (the promise settles once that is sent).
   */
  noteUrl(): Promise<void> {
    const url = this.currentUrl();
    // Before beforeStart() the server has not started (and a send would start it): nothing to withdraw.
    if (this.known !== undefined && !sameServer(url, this.url)) {
      this.url = url;
      this.dropping = this.handoff.urlChanged();
      void this.load(url);
    }
    return this.dropping;
  }

  /** Asks for the state once the server runs: Prometheus is checked, Loki only asked. */
  afterStart(): void {
    if (this.profile.id === 'prometheus') void this.status.check();
    else void this.status.refresh();
  }

  dispose(): void {
    clearTimeout(this.recheckTimer);
    for (const disposable of this.disposables) disposable.dispose();
  }

  currentUrl(): string {
    return vscode.workspace.getConfiguration(this.profile.section).get<string>('url')?.trim() ?? '';
  }

  private async load(url: string): Promise<void> {
    const auth = await this.credentials.read(url);
    if (!sameServer(url, this.currentUrl())) return; // the URL moved on while reading
    this.known = { url, auth };
    this.handoff.offer(url, auth ?? null);
  }

  private async send(auth: PrometheusAuth | null): Promise<void> {
    if (auth !== null && !vscode.workspace.isTrusted) return; // the server connects to nothing there
    try {
      await this.host.sendNotification(this.profile.credentialsNotification, { auth });
    } catch (error) {
      // Not running: the next start sends `startCredentials()` instead.
      this.host.output.debug(`Could not pass the ${this.profile.title} credentials to the language server`, error);
      return;
    }
    if (auth !== null) this.recheckSoon();
  }

  /** Settings arrive at the server a moment after they change; check after that (if shown). */
  private recheckSoon(): void {
    clearTimeout(this.recheckTimer);
    this.recheckTimer = setTimeout(() => {
      if (this.relevant(this.status.state)) void this.status.check();
    }, 1500);
  }
}

/**
 * Everything that touches a live server from the VS Code side: Prometheus and Loki (credentials
 * in SecretStorage, status items, `kubectl port-forward`) and the query preview. The language
 * server owns the connections themselves; these features only ask it.
 */
export class LiveFeatures implements vscode.Disposable {
  readonly prometheus: LiveServer;
  readonly loki: LiveServer;
  readonly preview: QueryPreview;
  private readonly disposables: vscode.Disposable[] = [];
  /** Query languages of YAML documents, as the language server found them (by URI). */
  private readonly announced = new Map<string, readonly string[]>();
  /** What the active editor held when it was last known, kept while a YAML file awaits the server. */
  private lastEditor: EditorLanguages = { promql: false, logql: false };

  constructor(context: vscode.ExtensionContext, host: LiveHost) {
    // Each reads its server's port-forward while that server is being built (the item renders at once).
    this.prometheus = new LiveServer(context, host, prometheusServer, (state) =>
      prometheusItemVisible(relevance(prometheusServer, this.prometheus as LiveServer | undefined, state, this.editor())),
    );
    this.loki = new LiveServer(context, host, lokiServer, (state) =>
      lokiItemVisible(relevance(lokiServer, this.loki as LiveServer | undefined, state, this.editor())),
    );
    this.preview = new QueryPreview(context.extensionUri, host, host.output);
    this.disposables.push(
      this.prometheus,
      this.loki,
      this.preview,
      vscode.window.onDidChangeActiveTextEditor(() => this.renderItems()),
      host.onNotification(DocumentLanguagesNotification.type, ({ uri, languages }) => {
        this.announced.set(uri, languages);
        if (vscode.window.activeTextEditor?.document.uri.toString() === uri) this.renderItems();
      }),
      vscode.workspace.onDidCloseTextDocument((document) => this.announced.delete(document.uri.toString())),
      vscode.workspace.onDidChangeConfiguration((event) => {
        const logql = event.affectsConfiguration('alertsmith.logql');
        if (logql || event.affectsConfiguration('alertsmith.prometheus')) this.prometheus.status.render();
        if (logql || event.affectsConfiguration('alertsmith.loki')) this.loki.status.render();
      }),
    );
  }

  /** The query languages of the active editor (see `editorLanguages`). */
  private editor(): EditorLanguages {
    const document = vscode.window.activeTextEditor?.document;
    const announced = document && this.announced.get(document.uri.toString());
    this.lastEditor = editorLanguages(document?.languageId, !!document && isLokiRuleFile(document), announced, this.lastEditor);
    return this.lastEditor;
  }

  private renderItems(): void {
    for (const server of this.servers) server.status.render();
  }

  get servers(): readonly LiveServer[] {
    return [this.prometheus, this.loki];
  }

  async beforeStart(): Promise<void> {
    await Promise.all(this.servers.map((server) => server.beforeStart()));
  }

  /** `initializationOptions` credentials, read on every (re)start of the server. */
  startCredentials(): Pick<InitializationOptions, 'prometheusAuth' | 'lokiAuth'> {
    return { prometheusAuth: this.prometheus.startCredentials(), lokiAuth: this.loki.startCredentials() };
  }

  /** Runs before the server hears of a settings change (language client middleware). */
  async beforeConfigurationChange(): Promise<void> {
    await Promise.all(this.servers.map((server) => server.noteUrl()));
  }

  afterStart(): void {
    for (const server of this.servers) server.afterStart();
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}

function relevance(
  profile: LiveServerProfile,
  server: LiveServer | undefined,
  state: ConnectionStatus['state'],
  editor: EditorLanguages,
): ItemRelevance {
  return {
    editor,
    urlChosen: urlChosen(vscode.workspace.getConfiguration(profile.section).inspect('url')),
    portForward: server?.portForward.active ?? false,
    state,
  };
}

/** A file matching `alertsmith.logql.ruleFiles`. */
function isLokiRuleFile(document: vscode.TextDocument): boolean {
  const globs = vscode.workspace.getConfiguration('alertsmith.logql', document).get<string[]>('ruleFiles') ?? [];
  return globs.some((glob) => vscode.languages.match({ pattern: `**/${glob.replace(/^\/+/, '')}` }, document) > 0);
}
