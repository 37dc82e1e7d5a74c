// Every command the extension contributes, in one table. package.json's `contributes.commands`
// must list the same ids (test/unit/manifest checks it).
import * as vscode from 'vscode';
import type { LiveFeatures } from './connection';
import type { AlertsmithClient } from './languageClient';
import { showMatches } from './showMatches';

/** What command handlers work with. */
export interface CommandContext {
  client: AlertsmithClient;
  live: LiveFeatures;
}

type CommandHandler = (context: CommandContext, ...args: unknown[]) => unknown;

export const commandTable: Readonly<Record<string, CommandHandler>> = {
  'alertsmith.restartServer': ({ client }) => client.restart(),
  'alertsmith.showOutput': ({ client }) => client.showOutput(),
  'alertsmith.runQuery': ({ live }, args) => live.preview.runCommand(args),
  'alertsmith.setPrometheusCredentials': ({ live }) => live.prometheus.credentials.prompt(),
  'alertsmith.checkConnection': ({ live }) => live.prometheus.status.check(),
  'alertsmith.portForwardPrometheus': ({ live }) => live.prometheus.portForward.start(),
  'alertsmith.stopPortForward': ({ live }) => live.prometheus.portForward.stop(),
  'alertsmith.setLokiCredentials': ({ live }) => live.loki.credentials.prompt(),
  'alertsmith.checkLokiConnection': ({ live }) => live.loki.status.check(),
  'alertsmith.portForwardLoki': ({ live }) => live.loki.portForward.start(),
  'alertsmith.stopLokiPortForward': ({ live }) => live.loki.portForward.stop(),
  // Run by the Operator selector code lenses, not from the palette.
  'alertsmith.showMatches': (_context, uri, position, locations) => showMatches(uri, position, locations),
};

/** Registers every command at once; a handler waits for the (deferred) client to be loaded. */
export function registerCommands(session: () => Promise<CommandContext | undefined>): vscode.Disposable[] {
  return Object.entries(commandTable).map(([id, handler]) =>
    vscode.commands.registerCommand(id, async (...args: unknown[]) => {
      const context = await session();
      return context ? handler(context, ...args) : undefined;
    }),
  );
}
