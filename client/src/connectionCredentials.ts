import * as vscode from 'vscode';
import { parsePrometheusAuth, type PrometheusAuth } from '../../server/src/protocol';
import { credentialKey, legacyPrometheusKey, serverUrlKey, type LiveServerId } from './connectionKeys';
import type { ServerTitle } from './connectionView';

/**
 * Credentials of one live server (bearer token or basic auth) in VS Code's SecretStorage, one
 * secret per server URL, never in settings. They reach the language server in
 * `initializationOptions` and the credentials notification; never the webview.
 */
export class ServerCredentials implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<string>();
  /** Fires with the URL whose credentials changed (also when another window changed them). */
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly server: LiveServerId,
    private readonly title: ServerTitle,
    private readonly currentUrl: () => string,
  ) {
    this.subscription = secrets.onDidChange((event) => {
      const url = this.currentUrl();
      if (event.key === credentialKey(this.server, url)) this.changed.fire(url);
    });
  }

  /** The credentials stored for `url`, if any. */
  async read(url: string): Promise<PrometheusAuth | undefined> {
    const key = credentialKey(this.server, url);
    const stored = key ? await this.secrets.get(key) : undefined;
    if (!stored) return undefined;
    try {
      return parsePrometheusAuth(JSON.parse(stored));
    } catch {
      return undefined;
    }
  }

  /** Moves the one pre-URL Prometheus secret to the URL set now (its most likely owner). */
  async migrate(): Promise<void> {
    if (this.server !== 'prometheus') return;
    const legacy = await this.secrets.get(legacyPrometheusKey);
    if (legacy === undefined) return;
    const key = credentialKey(this.server, this.currentUrl());
    if (key && (await this.secrets.get(key)) === undefined) await this.secrets.store(key, legacy);
    await this.secrets.delete(legacyPrometheusKey);
  }

  /** The "Set … Credentials" command: bearer token, basic auth, or clear — for the URL set now. */
  async prompt(): Promise<void> {
    const url = this.currentUrl();
    const key = credentialKey(this.server, url);
    if (!key) {
      void vscode.window.showInformationMessage(`alertsmith.${this.server}.url is empty: set the ${this.title} URL first.`);
      return;
    }
    const current = await this.read(url);
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
      title: `${this.title} credentials for ${serverUrlKey(url)}`,
      placeHolder: 'Kept in VS Code secret storage for this URL only, never in settings',
    });
    if (!choice) return;
    if (choice.action === 'clear') {
      await this.secrets.delete(key);
      void vscode.window.showInformationMessage(`${this.title} credentials for ${serverUrlKey(url)} cleared.`);
      return;
    }
    const auth = choice.action === 'bearer' ? await askBearer(this.title) : await askBasic(this.title, current);
    if (!auth) return;
    await this.secrets.store(key, JSON.stringify(auth));
    void vscode.window.showInformationMessage(`${this.title} credentials for ${serverUrlKey(url)} saved in secret storage.`);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

async function askBearer(title: ServerTitle): Promise<PrometheusAuth | undefined> {
  const token = await vscode.window.showInputBox({
    title: `${title} bearer token`,
    password: true,
    ignoreFocusOut: true,
    validateInput: nonEmpty,
  });
  return token ? { kind: 'bearer', token: token.trim() } : undefined;
}

async function askBasic(title: ServerTitle, current: PrometheusAuth | undefined): Promise<PrometheusAuth | undefined> {
  const username = await vscode.window.showInputBox({
    title: `${title} user name`,
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
