import type { Connection } from 'vscode-languageserver';

/**
 * Runs a feature and never lets an exception reach the connection: the error is logged with
 * what was being done, and the request gets its empty answer. The server must survive any text.
 */
export function guard<T>(connection: Connection, what: string, run: () => T, fallback: T): T {
  try {
    return run();
  } catch (error) {
    connection.console.error(`${what} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return fallback;
  }
}
