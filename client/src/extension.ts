// Extension entry point: start the language client and register the commands. Kept short on
// purpose; the client never parses PromQL or YAML itself.
import type * as vscode from 'vscode';
import { registerCommands } from './commands';
import { LiveFeatures } from './connection';
import { AlertsmithClient } from './languageClient';

let client: AlertsmithClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  client = new AlertsmithClient(context);
  const live = new LiveFeatures(context, client);
  context.subscriptions.push(client, live, ...registerCommands({ client, live }));
  await live.beforeStart();
  await client.start();
  live.afterStart();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
