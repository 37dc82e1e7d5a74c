import type { Connection } from 'vscode-languageserver';
import { resolveSettings, type AlertsmithSettings } from '../service/settings';

/**
 * Reads the `alertsmith` section through `workspace/configuration` when the client supports
 * it; clients that answer nothing (or do not support it) get the defaults.
 */
export async function fetchSettings(connection: Connection, supportsConfiguration: boolean): Promise<AlertsmithSettings> {
  if (!supportsConfiguration) return resolveSettings(undefined);
  try {
    const section: unknown = await connection.workspace.getConfiguration('alertsmith');
    return resolveSettings(section);
  } catch (error) {
    connection.console.warn(`could not read settings, using defaults: ${String(error)}`);
    return resolveSettings(undefined);
  }
}
