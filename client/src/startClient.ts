// Entry of dist/startClient.js: everything activate() defers — the language client (and with
// it vscode-languageclient, most of the extension's load time) and the live features.
import type * as vscode from 'vscode';
import type { CommandContext } from './commands';
import { LiveFeatures } from './connection';
import { AlertsmithClient } from './languageClient';

/** What the extension keeps while it is active. */
export interface Session extends CommandContext, vscode.Disposable {
  stop(): Promise<void>;
}

/** Creates the client and the live features at once; the server starts in the background. */
export function startClient(context: vscode.ExtensionContext): Session {
  const client = new AlertsmithClient(context);
  const live = new LiveFeatures(context, client);
  client.live = live;
  void (async () => {
    await live.beforeStart();
    await client.start();
    live.afterStart();
  })();
  return {
    client,
    live,
    stop: () => client.stop(),
    dispose: () => {
      live.dispose();
      client.dispose();
    },
  };
}
