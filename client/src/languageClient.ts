// Starts and supervises the Alertsmith language server (dist/server.js over IPC) and shows its
// state in a language status item. Everything about PromQL/YAML happens in the server.
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  RevealOutputChannelOn,
  State,
  TransportKind,
  type CloseHandlerResult,
  type ErrorHandler,
  type ErrorHandlerResult,
  type LanguageClientOptions,
  type NotificationType,
  type RequestType,
  type ServerOptions,
} from 'vscode-languageclient/node';
import type { InitializationOptions } from '../../server/src/protocol';
import { serverEnv, serverExecArgv } from '../../server/src/serverProcess';
import type { LiveHost } from './connection';

const clientId = 'alertsmith';
const languages = ['promql', 'logql', 'yaml'] as const;
const schemes = ['file', 'untitled'] as const;
/** Crashes tolerated within `crashWindowMs` before we stop restarting and tell the user once. */
const maxCrashes = 4;
const crashWindowMs = 3 * 60 * 1000;

export const documentSelector = languages.flatMap((language) => schemes.map((scheme) => ({ language, scheme })));

/** The options sent with `initialize`; the server skips network settings when not trusted. */
export interface AlertsmithInitializationOptions extends InitializationOptions {
  trusted: boolean;
}

/** What the live features add to the server's lifecycle (see LiveFeatures). */
export interface LiveHooks {
  /** Credentials from SecretStorage for `initialize`, read on every (re)start. */
  startCredentials(): Pick<InitializationOptions, 'prometheusAuth' | 'lokiAuth'>;
  /** Runs before the server is told that settings changed (withdraws credentials of an old URL). */
  beforeConfigurationChange(): Promise<void>;
}

/** Owns the LanguageClient, its output channel and status item; restartable at any time. */
export class AlertsmithClient implements vscode.Disposable, LiveHost {
  readonly output: vscode.LogOutputChannel;
  live: LiveHooks | undefined;
  private readonly status: vscode.LanguageStatusItem;
  private readonly client: LanguageClient;
  private readonly disposables: vscode.Disposable[] = [];
  private crashTimes: number[] = [];

  constructor(context: vscode.ExtensionContext) {
    this.output = vscode.window.createOutputChannel('Alertsmith', { log: true });
    this.status = vscode.languages.createLanguageStatusItem('alertsmith.status', documentSelector);
    this.status.name = 'Alertsmith';
    this.status.command = { command: 'alertsmith.showOutput', title: 'Show Output' };
    this.client = new LanguageClient(clientId, 'Alertsmith', serverOptions(context), this.clientOptions());
    this.showState(State.Stopped);
    this.disposables.push(
      this.output,
      this.status,
      this.client.onDidChangeState((event) => this.showState(event.newState)),
      // Trust changes what the server may read (URLs), so it starts over with the new answer.
      vscode.workspace.onDidGrantWorkspaceTrust(() => void this.restart()),
    );
  }

  /** Starts the server; a failure is logged and reported once, never thrown into activate(). */
  async start(): Promise<void> {
    try {
      await this.client.start();
    } catch (error) {
      this.output.error('Alertsmith language server failed to start', error);
      this.showState(State.Stopped);
      void this.reportStopped('The Alertsmith language server failed to start.');
    }
  }

  async stop(): Promise<void> {
    if (this.client.needsStop()) await this.client.stop();
  }

  async restart(): Promise<void> {
    this.crashTimes = [];
    this.output.info('Restarting the Alertsmith language server');
    try {
      await this.stop();
    } catch (error) {
      this.output.warn('Stopping the language server failed; starting a new one anyway', error);
    }
    await this.start();
  }

  /**
   * Custom requests and notifications of server/src/protocol.ts (query preview, status). Refused
   * before the first start: vscode-languageclient would start the server itself, ahead of
   * `start()` and the credentials read for it. Callers treat this like a stopped server.
   */
  sendRequest<P, R>(type: RequestType<P, R, void>, params: P, token?: vscode.CancellationToken): Promise<R> {
    if (this.client.state === State.Stopped) return Promise.reject(notRunning());
    // `params as never`: the client's RequestParam<P> cannot be related to a generic P.
    return this.client.sendRequest(type, params as never, token);
  }

  sendNotification<P>(type: NotificationType<P>, params: P): Promise<void> {
    if (this.client.state === State.Stopped) return Promise.reject(notRunning());
    return this.client.sendNotification(type, params as never);
  }

  onNotification<P>(type: NotificationType<P>, handler: (params: P) => void): vscode.Disposable {
    return this.client.onNotification(type, handler);
  }

  showOutput(): void {
    this.output.show(true);
  }

  dispose(): void {
    void this.stop();
    for (const disposable of this.disposables) disposable.dispose();
  }

  private clientOptions(): LanguageClientOptions {
    return {
      documentSelector,
      synchronize: { configurationSection: 'alertsmith' },
      // Evaluated on every (re)start, so a restart after trust is granted sends `trusted: true`.
      initializationOptions: (): AlertsmithInitializationOptions => ({
        trusted: vscode.workspace.isTrusted,
        documentLanguages: true,
        ...this.live?.startCredentials(),
      }),
      middleware: {
        workspace: {
          didChangeConfiguration: async (sections, next) => {
            await this.live?.beforeConfigurationChange();
            return next(sections);
          },
        },
      },
      outputChannel: this.output,
      revealOutputChannelOn: RevealOutputChannelOn.Never,
      errorHandler: this.errorHandler(),
      initializationFailedHandler: (error) => {
        this.output.error('Initialization failed', error);
        return false;
      },
    };
  }

  private errorHandler(): ErrorHandler {
    return {
      error: (_error, _message, count): ErrorHandlerResult => ({
        action: (count ?? 0) <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown,
        handled: true,
      }),
      closed: (): CloseHandlerResult => {
        const now = Date.now();
        this.crashTimes = [...this.crashTimes.filter((time) => now - time < crashWindowMs), now];
        if (this.crashTimes.length <= maxCrashes) {
          this.output.warn(`Language server stopped unexpectedly; restarting (${this.crashTimes.length}/${maxCrashes})`);
          return { action: CloseAction.Restart, handled: true };
        }
        void this.reportStopped(
          `The Alertsmith language server crashed ${this.crashTimes.length} times in a few minutes and was not restarted.`,
        );
        return { action: CloseAction.DoNotRestart, handled: true };
      },
    };
  }

  /** The one popup we show: only when the server is down for good. */
  private async reportStopped(message: string): Promise<void> {
    const choice = await vscode.window.showErrorMessage(message, 'Show Output', 'Restart');
    if (choice === 'Show Output') this.showOutput();
    else if (choice === 'Restart') await this.restart();
  }

  private showState(state: State): void {
    const view = stateViews[state];
    this.status.text = `Alertsmith: ${view.label}`;
    this.status.busy = state === State.Starting;
    this.status.severity = view.severity;
    this.status.detail = view.detail;
  }
}

const stateViews: Record<State, { label: string; severity: vscode.LanguageStatusSeverity; detail: string }> = {
  [State.Starting]: { label: 'starting', severity: vscode.LanguageStatusSeverity.Information, detail: 'Starting the language server' },
  [State.Running]: { label: 'ready', severity: vscode.LanguageStatusSeverity.Information, detail: 'PromQL, LogQL and rule files' },
  [State.Stopped]: {
    label: 'stopped',
    severity: vscode.LanguageStatusSeverity.Warning,
    detail: 'Run "Alertsmith: Restart Language Server"',
  },
  [State.StartFailed]: { label: 'stopped', severity: vscode.LanguageStatusSeverity.Error, detail: 'The language server failed to start' },
};

function notRunning(): Error {
  return new Error('The Alertsmith language server is not running');
}

function serverOptions(context: vscode.ExtensionContext): ServerOptions {
  const module = context.asAbsolutePath('dist/server.js');
  const env = { ...process.env, ...serverEnv };
  return {
    run: { module, transport: TransportKind.ipc, options: { execArgv: [...serverExecArgv], env } },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: [...serverExecArgv, '--nolazy', '--inspect=6009'], env } },
  };
}
