import * as vscode from 'vscode';
import { parsePrometheusAuth, type PrometheusAuth } from '../../server/src/protocol';

const secretKey = 'alertsmith.prometheus.auth';

/**
 * Prometheus credentials (bearer token or basic auth) in VS Code's SecretStorage, never in
 * settings. They reach the language server in `initializationOptions` and the
 * `alertsmith/prometheusCredentials` notification; never the webview.
 */
export class PrometheusCredentials implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<PrometheusAuth | null>();
  /** Fires with the new credentials (null when cleared), also when another window changed them. */
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly secrets: vscode.SecretStorage) {
    this.subscription = secrets.onDidChange(async (event) => {
      if (event.key === secretKey) this.changed.fire((await this.get()) ?? null);
    });
  }

  async get(): Promise<PrometheusAuth | undefined> {
    const stored = await this.secrets.get(secretKey);
    if (!stored) return undefined;
    try {
      return parsePrometheusAuth(JSON.parse(stored));
    } catch {
      return undefined;
    }
  }

  /** The "Set Prometheus Credentials" command: bearer token, basic auth, or clear. */
  async prompt(): Promise<void> {
    const current = await this.get();
    const choices: Array<vscode.QuickPickItem & { action: 'bearer' | 'basic' | 'clear' }> = [
      { label: '$(key) Bearer token', description: current?.kind === 'bearer' ? 'in use' : undefined, action: 'bearer' },
      {
        label: '$(account) Basic auth (user name and password)',
        description: current?.kind === 'basic' ? 'in use' : undefined,
        action: 'basic',
      },
      { label: '$(trash) Clear credentials', action: 'clear' },
    ];
    const choice = await vscode.window.showQuickPick(choices, {
      title: 'Prometheus credentials',
      placeHolder: 'Kept in VS Code secret storage, never in settings',
    });
    if (!choice) return;
    if (choice.action === 'clear') {
      await this.secrets.delete(secretKey);
      void vscode.window.showInformationMessage('Prometheus credentials cleared.');
      return;
    }
    const auth = choice.action === 'bearer' ? await askBearer() : await askBasic(current);
    if (!auth) return;
    await this.secrets.store(secretKey, JSON.stringify(auth));
    void vscode.window.showInformationMessage('Prometheus credentials saved in secret storage.');
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

async function askBearer(): Promise<PrometheusAuth | undefined> {
  const token = await vscode.window.showInputBox({
    title: 'Prometheus bearer token',
    password: true,
    ignoreFocusOut: true,
    validateInput: nonEmpty,
  });
  return token ? { kind: 'bearer', token: token.trim() } : undefined;
}

async function askBasic(current: PrometheusAuth | undefined): Promise<PrometheusAuth | undefined> {
  const username = await vscode.window.showInputBox({
    title: 'Prometheus user name',
    value: current?.kind === 'basic' ? current.username : '',
    ignoreFocusOut: true,
    validateInput: nonEmpty,
  });
  if (!username) return undefined;
  const password = await vscode.window.showInputBox({ title: `Password for ${username}`, password: true, ignoreFocusOut: true });
  return password === undefined ? undefined : { kind: 'basic', username, password };
}

function nonEmpty(value: string): string | undefined {
  return value.trim() === '' ? 'Required' : undefined;
}
