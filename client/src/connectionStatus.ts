import * as vscode from 'vscode';
import type { CheckConnectionRequest, PrometheusStatus } from '../../server/src/protocol';
import type { ServerChannel } from './connectionChannel';
import { connectionView } from './connectionView';
import type { LiveServerProfile } from './liveServers';

/**
 * A live server's status bar item: connected (with the server's version), unreachable (with
 * the error), or off. The server pushes state changes; a click checks again on demand.
 */
export class ConnectionStatus implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly reported = new vscode.EventEmitter<string>();
  /** Fires with the URL the server says it uses, on every status it reports. */
  readonly onDidReportUrl = this.reported.event;
  private readonly disposables: vscode.Disposable[] = [this.reported];
  private last: CheckConnectionRequest.Result | undefined;
  private portForward: string | undefined;
  private checking: Promise<void> | undefined;

  constructor(
    private readonly server: ServerChannel,
    private readonly output: vscode.LogOutputChannel,
    private readonly profile: LiveServerProfile,
    /** Whether the item is worth showing in this state (default: always). */
    private readonly relevant: (state: PrometheusStatus['state'] | undefined) => boolean = () => true,
  ) {
    this.item = vscode.window.createStatusBarItem(`alertsmith.${profile.id}`, vscode.StatusBarAlignment.Right, profile.priority);
    this.item.name = `Alertsmith: ${profile.title} connection`;
    this.item.command = profile.commands.check;
    this.disposables.push(
      this.item,
      server.onNotification(profile.statusNotification, (status) => {
        // Keep the version we learnt, as long as it is the same server.
        this.show({ ...status, version: status.url === this.last?.url ? this.last.version : undefined });
      }),
    );
    this.render();
  }

  /** The state last shown. */
  get state(): PrometheusStatus['state'] | undefined {
    return this.last?.state;
  }

  /** Asks the server to check the connection now; shows progress in the status bar. */
  check(): Promise<void> {
    this.checking ??= (async () => {
      try {
        await vscode.window.withProgress(
          { location: vscode.ProgressLocation.Window, title: `Checking ${this.profile.title}` },
          async () => {
            this.show(await this.server.sendRequest(this.profile.checkRequest, undefined));
          },
        );
      } catch (error) {
        this.output.warn(`Checking the ${this.profile.title} connection failed`, error);
        const message = `The language server did not answer: ${String(error)}`;
        this.show({ url: this.last?.url ?? '', state: 'unreachable', message }, false);
      } finally {
        this.checking = undefined;
      }
    })();
    return this.checking;
  }

  /** Asks the server what it knows already, without contacting the live server. */
  async refresh(): Promise<void> {
    try {
      const status = await this.server.sendRequest(this.profile.statusRequest, undefined);
      this.show({ ...status, version: status.url === this.last?.url ? this.last.version : undefined });
    } catch (error) {
      this.output.debug(`Asking the ${this.profile.title} status failed`, error);
    }
  }

  /** Mentions the active port-forward (or none) in the tooltip. */
  setPortForward(description: string | undefined): void {
    this.portForward = description;
    this.render();
  }

  /** Shows or hides the item again after something `relevant` reads changed. */
  render(): void {
    const view = connectionView(this.last, this.portForward, this.profile.title);
    this.item.text = view.text;
    this.item.tooltip = view.tooltip;
    this.item.backgroundColor = view.tone === 'warning' ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    if (view.visible && this.relevant(this.last?.state)) this.item.show();
    else this.item.hide();
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }

  private show(status: CheckConnectionRequest.Result, fromServer = true): void {
    this.last = status;
    this.render();
    if (fromServer) this.reported.fire(status.url);
  }
}
