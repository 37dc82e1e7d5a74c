import * as vscode from 'vscode';
import { CheckConnectionRequest, PrometheusStatusNotification } from '../../server/src/protocol';
import type { ServerChannel } from './connectionChannel';
import { connectionView } from './connectionView';

/**
 * The Prometheus status bar item: connected (with the server's version), unreachable (with
 * the error), or off. The server pushes state changes; a click checks again on demand.
 */
export class ConnectionStatus implements vscode.Disposable {
  static readonly checkCommand = 'alertsmith.checkConnection';
  private readonly item = vscode.window.createStatusBarItem('alertsmith.prometheus', vscode.StatusBarAlignment.Right, 100);
  private readonly disposables: vscode.Disposable[] = [this.item];
  private last: CheckConnectionRequest.Result | undefined;
  private portForward: string | undefined;
  private checking: Promise<void> | undefined;

  constructor(
    private readonly server: ServerChannel,
    private readonly output: vscode.LogOutputChannel,
  ) {
    this.item.name = 'Alertsmith: Prometheus connection';
    this.item.command = ConnectionStatus.checkCommand;
    this.disposables.push(
      server.onNotification(PrometheusStatusNotification.type, (status) => {
        // Keep the version we learnt, as long as it is the same server.
        this.show({ ...status, version: status.url === this.last?.url ? this.last.version : undefined });
      }),
    );
    this.render();
  }

  /** Asks the server to check the connection now; shows progress in the status bar. */
  check(): Promise<void> {
    this.checking ??= (async () => {
      try {
        await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Checking Prometheus' }, async () => {
          this.show(await this.server.sendRequest(CheckConnectionRequest.type, undefined));
        });
      } catch (error) {
        this.output.warn('Checking the Prometheus connection failed', error);
        this.show({ url: this.last?.url ?? '', state: 'unreachable', message: `The language server did not answer: ${String(error)}` });
      } finally {
        this.checking = undefined;
      }
    })();
    return this.checking;
  }

  /** Mentions the active port-forward (or none) in the tooltip. */
  setPortForward(description: string | undefined): void {
    this.portForward = description;
    this.render();
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }

  private show(status: CheckConnectionRequest.Result): void {
    this.last = status;
    this.render();
  }

  private render(): void {
    const view = connectionView(this.last, this.portForward);
    this.item.text = view.text;
    this.item.tooltip = view.tooltip;
    this.item.backgroundColor = view.tone === 'warning' ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    if (view.visible) this.item.show();
    else this.item.hide();
  }
}
