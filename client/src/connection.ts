import * as vscode from 'vscode';
import { PrometheusCredentialsNotification, type PrometheusAuth } from '../../server/src/protocol';
import type { ServerChannel } from './connectionChannel';
import { PrometheusCredentials } from './connectionCredentials';
import { ConnectionStatus } from './connectionStatus';
import { PortForward } from './portForward';
import { QueryPreview } from './preview/queryPreview';

/** What the live features need from the language client besides requests. */
export interface LiveHost extends ServerChannel {
  readonly output: vscode.LogOutputChannel;
  /** Sent in `initializationOptions` on every (re)start. */
  prometheusAuth: PrometheusAuth | undefined;
}

/**
 * Everything that touches a live Prometheus from the VS Code side: credentials in
 * SecretStorage, the connection status item, `kubectl port-forward`, and the query preview.
 * The language server owns the connection itself; these features only ask it.
 */
export class LiveFeatures implements vscode.Disposable {
  readonly credentials: PrometheusCredentials;
  readonly status: ConnectionStatus;
  readonly portForward: PortForward;
  readonly preview: QueryPreview;
  private readonly disposables: vscode.Disposable[] = [];
  private recheckTimer: NodeJS.Timeout | undefined;

  constructor(
    context: vscode.ExtensionContext,
    private readonly host: LiveHost,
  ) {
    this.credentials = new PrometheusCredentials(context.secrets);
    this.status = new ConnectionStatus(host, host.output);
    this.portForward = new PortForward(context.workspaceState, host.output);
    this.preview = new QueryPreview(context.extensionUri, host, host.output);
    this.disposables.push(
      this.credentials,
      this.status,
      this.portForward,
      this.preview,
      this.credentials.onDidChange((auth) => void this.sendCredentials(auth)),
      this.portForward.onDidChange((description) => {
        this.status.setPortForward(description);
        if (description) this.recheckSoon();
      }),
      vscode.workspace.onDidChangeConfiguration((event) => event.affectsConfiguration('alertsmith.prometheus') && this.recheckSoon()),
    );
  }

  /** Loads the stored credentials so the first `initialize` carries them. */
  async beforeStart(): Promise<void> {
    this.host.prometheusAuth = await this.credentials.get();
  }

  afterStart(): void {
    void this.status.check();
  }

  dispose(): void {
    clearTimeout(this.recheckTimer);
    for (const disposable of this.disposables) disposable.dispose();
  }

  private async sendCredentials(auth: PrometheusAuth | null): Promise<void> {
    this.host.prometheusAuth = auth ?? undefined;
    try {
      await this.host.sendNotification(PrometheusCredentialsNotification.type, { auth });
    } catch (error) {
      this.host.output.warn('Could not pass the new Prometheus credentials to the language server', error);
    }
    this.recheckSoon();
  }

  /** Settings arrive at the server a moment after they change; check after that. */
  private recheckSoon(): void {
    clearTimeout(this.recheckTimer);
    this.recheckTimer = setTimeout(() => void this.status.check(), 1500);
  }
}
