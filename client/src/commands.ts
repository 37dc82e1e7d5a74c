// Every command the extension contributes, in one table. package.json's `contributes.commands`
// must list the same ids (test/unit/manifest checks it).
import * as vscode from 'vscode';
import type { AlertsmithClient } from './languageClient';

type CommandHandler = (client: AlertsmithClient, ...args: unknown[]) => unknown;

export const commandTable: Readonly<Record<string, CommandHandler>> = {
  'alertsmith.restartServer': (client) => client.restart(),
  'alertsmith.showOutput': (client) => client.showOutput(),
};

export function registerCommands(client: AlertsmithClient): vscode.Disposable[] {
  return Object.entries(commandTable).map(([id, handler]) =>
    vscode.commands.registerCommand(id, (...args: unknown[]) => handler(client, ...args)),
  );
}
