// Extension entry point, kept tiny on purpose. VS Code's "Activation" time is loading this file
// plus the synchronous part of activate(); vscode-languageclient alone takes ~60 ms to load, so
// the language client and the live features are a separate bundle (dist/startClient.js, see
// esbuild.mjs) loaded right after activate() returns. Commands wait for it.
import * as vscode from 'vscode';
import { registerCommands } from './commands';
import type { Session } from './startClient';

let session: Promise<Session | undefined> | undefined;
let deactivated = false;

export function activate(context: vscode.ExtensionContext): void {
  deactivated = false;
  const loaded = new Promise<Session | undefined>((resolve) => setImmediate(() => resolve(startSession(context))));
  session = loaded;
  context.subscriptions.push(...registerCommands(() => loaded));
}

export async function deactivate(): Promise<void> {
  deactivated = true;
  await (await session)?.stop();
  session = undefined;
}

function startSession(context: vscode.ExtensionContext): Session | undefined {
  if (deactivated) return undefined;
  try {
    // A plain require of the sibling bundle: esbuild leaves `./startClient` external.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { startClient } = require('./startClient') as typeof import('./startClient');
    const started = startClient(context);
    context.subscriptions.push(started);
    return started;
  } catch (error) {
    void vscode.window.showErrorMessage(`Alertsmith could not load its language client: ${String(error)}`);
    return undefined;
  }
}
