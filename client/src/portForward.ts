import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import * as vscode from 'vscode';
import type { LiveServerProfile } from './liveServers';
import {
  describeKubectlFailure,
  forwardingPort,
  likelyScore,
  listServicesArgs,
  parseServiceList,
  portForwardArgs,
  type ServiceTarget,
} from './portForwardTargets';

/** Restarts tolerated within `restartWindowMs` before the forward is given up. */
const maxRestarts = 5;
const restartWindowMs = 2 * 60_000;
const startTimeoutMs = 20_000;
const listTimeoutMs = 30_000;

type State =
  | { kind: 'stopped' }
  | { kind: 'starting'; target: ServiceTarget; localPort: number }
  | { kind: 'running'; target: ServiceTarget; localPort: number }
  | { kind: 'restarting'; target: ServiceTarget; localPort: number; attempt: number }
  | { kind: 'failed'; target: ServiceTarget; message: string };

/**
 * "Port-forward Prometheus" (or Loki): lists the Services of the current kube context,
 * pre-selects the likely servers, runs `kubectl port-forward` on a free loopback port, points
 * `alertsmith.prometheus.url` (or `.loki.url`) at it, restarts it when it dies, and stops it on
 * deactivate. kubectl's errors are shown in words. State lives in a status bar item.
 */
export class PortForward implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly changed = new vscode.EventEmitter<string | undefined>();
  /** Fires with a one-line description of the running forward, or undefined when none. */
  readonly onDidChange = this.changed.event;
  private state: State = { kind: 'stopped' };
  private child: ChildProcess | undefined;
  private restarts: number[] = [];
  private restartTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly memento: vscode.Memento,
    private readonly output: vscode.LogOutputChannel,
    private readonly profile: LiveServerProfile,
  ) {
    // The Prometheus item keeps its first id, so a user's choice to hide it still holds.
    const id = profile.id === 'prometheus' ? 'alertsmith.portForward' : `alertsmith.portForward.${profile.id}`;
    this.item = vscode.window.createStatusBarItem(id, vscode.StatusBarAlignment.Right, profile.priority - 1);
    this.item.name = `Alertsmith: ${profile.title} port-forward`;
    this.item.command = profile.commands.stopPortForward;
    this.render();
  }

  /** True while a forward runs, restarts or has failed (its item is shown). */
  get active(): boolean {
    return this.state.kind !== 'stopped';
  }

  /** The command: pick a Service, forward it, point the URL at it. */
  async start(): Promise<void> {
    if (!vscode.workspace.isTrusted) {
      // The URL it would set is ignored there, and kubectl's path may come from the workspace.
      void vscode.window.showInformationMessage(
        `Trust this workspace to port-forward ${this.profile.title}: it connects to no server until then.`,
      );
      return;
    }
    const services = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Alertsmith: listing Services with kubectl…', cancellable: true },
      (_progress, token) => this.listServices(token),
    );
    if (!services) return;
    const target = await pickService(services, this.profile.title);
    if (!target) return;
    this.stopProcess();
    this.restarts = [];
    const localPort = await freePort(this.memento.get<number>(this.profile.lastPortKey));
    await this.memento.update(this.profile.lastPortKey, localPort);
    const started = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Alertsmith: port-forwarding ${target.namespace}/${target.name}…` },
      () => this.spawnForward(target, localPort),
    );
    if (!started.ok) {
      this.setState({ kind: 'failed', target, message: started.message });
      void this.showError(started.message);
      return;
    }
    await this.pointUrlAt(localPort);
  }

  /** Stops the forward (the status item's command); the URL setting is left as it is. */
  stop(): void {
    this.stopProcess();
    this.setState({ kind: 'stopped' });
  }

  dispose(): void {
    this.stopProcess();
    this.item.dispose();
    this.changed.dispose();
  }

  private async listServices(token: vscode.CancellationToken): Promise<ServiceTarget[] | undefined> {
    const { path, context } = kubectlSettings();
    const result = await runKubectl(path, listServicesArgs(context), token);
    if (token.isCancellationRequested) return undefined;
    if (result.spawnError || result.exitCode !== 0) {
      void this.showError(describeKubectlFailure('Listing Services failed', result, path));
      return undefined;
    }
    const parsed = parseServiceList(result.stdout, this.profile.ranking);
    if ('error' in parsed) {
      void this.showError(`Listing Services failed: ${parsed.error}`);
      return undefined;
    }
    if (parsed.services.length === 0) {
      void vscode.window.showWarningMessage('kubectl found no Services with a TCP port in this context.');
      return undefined;
    }
    return parsed.services;
  }

  /** Starts kubectl and resolves once it prints its "Forwarding from" line (or fails). */
  private spawnForward(target: ServiceTarget, localPort: number): Promise<{ ok: true } | { ok: false; message: string }> {
    const { path, context } = kubectlSettings();
    const args = portForwardArgs(target, localPort, context);
    this.output.info(`Starting: ${path} ${args.join(' ')}`);
    this.setState({ kind: 'starting', target, localPort });
    return new Promise((resolve) => {
      let settled = false;
      let stderr = '';
      const settle = (value: { ok: true } | { ok: false; message: string }) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(value);
      };
      const child = spawn(path, args, { stdio: ['ignore', 'pipe', 'pipe'] });
      this.child = child;
      const timer = setTimeout(() => {
        settle({ ok: false, message: describeKubectlFailure('Port-forward did not start within 20 s', { stderr }, path) });
        this.stopProcess();
      }, startTimeoutMs);
      child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
        for (const line of chunk.split('\n')) {
          if (line.trim()) this.output.debug(`kubectl: ${line.trim()}`);
          if (forwardingPort(line) === localPort) {
            this.setState({ kind: 'running', target, localPort });
            settle({ ok: true });
          }
        }
      });
      child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
        stderr = (stderr + chunk).slice(-4000);
        this.output.warn(`kubectl: ${chunk.trim()}`);
      });
      child.on('error', (error) =>
        settle({ ok: false, message: describeKubectlFailure('Port-forward failed', { spawnError: String(error) }, path) }),
      );
      // 'close', not 'exit': only then has all of kubectl's stderr (the reason) been read.
      child.on('close', (code, signal) => {
        if (this.child === child) this.child = undefined;
        const message = describeKubectlFailure('Port-forward stopped', { exitCode: code ?? signal, stderr }, path);
        settle({ ok: false, message });
        if (this.state.kind === 'running' && this.state.target === target) this.restartAfterExit(target, localPort, message);
      });
    });
  }

  /** kubectl port-forward dies when a pod restarts or the connection drops: start it again. */
  private restartAfterExit(target: ServiceTarget, localPort: number, message: string): void {
    const now = Date.now();
    this.restarts = [...this.restarts.filter((time) => now - time < restartWindowMs), now];
    this.output.warn(`${message}; restarting (${this.restarts.length}/${maxRestarts})`);
    if (this.restarts.length > maxRestarts) {
      this.setState({ kind: 'failed', target, message });
      void this.showError(`${message} It was restarted ${maxRestarts} times in two minutes and is now stopped.`);
      return;
    }
    const attempt = this.restarts.length;
    this.setState({ kind: 'restarting', target, localPort, attempt });
    this.restartTimer = setTimeout(
      async () => {
        if (this.state.kind !== 'restarting') return;
        const result = await this.spawnForward(target, localPort);
        // spawnForward moved the state on; still `starting` means kubectl failed before forwarding.
        if (!result.ok && (this.state as State).kind === 'starting') this.restartAfterExit(target, localPort, result.message);
      },
      Math.min(1000 * 2 ** (attempt - 1), 15_000),
    );
  }

  private async pointUrlAt(localPort: number): Promise<void> {
    const url = `http://127.0.0.1:${localPort}`;
    const config = vscode.workspace.getConfiguration(this.profile.section);
    if (config.get<string>('url') === url) return;
    const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
    try {
      await config.update('url', url, target);
    } catch (error) {
      void this.showError(`The port-forward runs on ${url}, but ${this.profile.section}.url could not be set: ${String(error)}`);
    }
  }

  private stopProcess(): void {
    clearTimeout(this.restartTimer);
    const child = this.child;
    this.child = undefined;
    if (child && child.exitCode === null) child.kill('SIGTERM');
  }

  private setState(state: State): void {
    this.state = state;
    this.render();
    // Shows "Stop … Port-forward" in the command palette only when there is one.
    void vscode.commands.executeCommand('setContext', `alertsmith.portForward.${this.profile.id}`, state.kind !== 'stopped');
    this.changed.fire(
      state.kind === 'running'
        ? `${state.target.namespace}/${state.target.name}:${state.target.port} → 127.0.0.1:${state.localPort}`
        : undefined,
    );
  }

  private render(): void {
    const state = this.state;
    if (state.kind === 'stopped') {
      this.item.hide();
      return;
    }
    const name = `${state.target.namespace}/${state.target.name}`;
    this.item.backgroundColor = state.kind === 'failed' ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    this.item.command = state.kind === 'failed' ? this.profile.commands.portForward : this.profile.commands.stopPortForward;
    switch (state.kind) {
      case 'starting':
        this.item.text = `$(sync~spin) ${state.target.name}`;
        this.item.tooltip = `Starting kubectl port-forward to ${name}`;
        break;
      case 'running':
        this.item.text = `$(plug) ${state.target.name} ⇄ :${state.localPort}`;
        this.item.tooltip = `kubectl port-forward ${name}:${state.target.port} → 127.0.0.1:${state.localPort}\nClick to stop.`;
        break;
      case 'restarting':
        this.item.text = `$(sync~spin) ${state.target.name} (restart ${state.attempt})`;
        this.item.tooltip = `The port-forward to ${name} stopped; restarting. Click to stop.`;
        break;
      case 'failed':
        this.item.text = `$(error) ${state.target.name}`;
        this.item.tooltip = `${state.message}\nClick to pick a Service again.`;
        break;
    }
    this.item.show();
  }

  private async showError(message: string): Promise<void> {
    this.output.error(message);
    const choice = await vscode.window.showErrorMessage(message, 'Show Output');
    if (choice === 'Show Output') this.output.show(true);
  }
}

function kubectlSettings(): { path: string; context: string | undefined } {
  const config = vscode.workspace.getConfiguration('alertsmith.kubectl');
  return { path: config.get<string>('path')?.trim() || 'kubectl', context: config.get<string>('context')?.trim() || undefined };
}

async function pickService(services: ServiceTarget[], title: string): Promise<ServiceTarget | undefined> {
  type Item = vscode.QuickPickItem & { target?: ServiceTarget };
  const likely = services.filter((service) => service.score >= likelyScore);
  const others = services.filter((service) => service.score < likelyScore);
  const item = (service: ServiceTarget): Item => ({
    label: `$(server) ${service.namespace}/${service.name}`,
    description: `port ${service.port}${service.portName ? ` (${service.portName})` : ''}`,
    target: service,
  });
  const items: Item[] = [
    ...(likely.length ? [{ label: `Likely ${title}`, kind: vscode.QuickPickItemKind.Separator }, ...likely.map(item)] : []),
    ...(others.length ? [{ label: 'Other Services', kind: vscode.QuickPickItemKind.Separator }, ...others.map(item)] : []),
  ];
  // The best candidate comes first, so it is the active item: Enter picks it.
  const choice = await vscode.window.showQuickPick(items, {
    title: `Port-forward ${title}`,
    placeHolder: 'Service to forward to',
    matchOnDescription: true,
  });
  return choice?.target;
}

interface KubectlResult {
  stdout: string;
  stderr: string;
  exitCode: number | null;
  spawnError?: string;
}

function runKubectl(path: string, args: string[], token: vscode.CancellationToken): Promise<KubectlResult> {
  return new Promise((resolve) => {
    const child = spawn(path, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGTERM'), listTimeoutMs);
    const cancel = token.onCancellationRequested(() => child.kill('SIGTERM'));
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const finish = (result: KubectlResult) => {
      clearTimeout(timer);
      cancel.dispose();
      resolve(result);
    };
    child.on('error', (error) => finish({ stdout, stderr, exitCode: null, spawnError: String(error) }));
    child.on('close', (code) => finish({ stdout, stderr, exitCode: code }));
  });
}

/** A free loopback port: the last one used when it is still free (a stable URL), else any. */
function freePort(preferred?: number): Promise<number> {
  const tryPort = (port: number) =>
    new Promise<number | undefined>((resolve) => {
      const server = createServer();
      server.once('error', () => resolve(undefined));
      server.listen(port, '127.0.0.1', () => {
        const address = server.address();
        server.close(() => resolve(typeof address === 'object' && address ? address.port : undefined));
      });
    });
  return (async () => (preferred ? await tryPort(preferred) : undefined) ?? (await tryPort(0)) ?? 0)();
}
