import { join } from 'node:path';
import { parseArgs, usage } from './cli/args';
import { runBundle } from './cli/compileCache';
import { serverVersion } from './version';

/**
 * `alertsmith …`, the entry of dist/cli.js: a small launcher. `check` runs dist/check.js and
 * `lsp` the language server (dist/server.js), each through V8's code cache: neither loads the
 * other's code, and `check` in CI starts fast.
 */
function main(argv: readonly string[]): void {
  const parsed = parseArgs(argv);
  switch (parsed.command) {
    case 'help':
      process.stdout.write(usage + '\n');
      return;
    case 'version':
      process.stdout.write(`alertsmith ${serverVersion}\n`);
      return;
    case 'error':
      process.stderr.write(`alertsmith: ${parsed.message}\n\n${usage}\n`);
      process.exitCode = 2;
      return;
    case 'lsp':
      runBundle(join(__dirname, 'server.js'));
      return;
    case 'check':
    case 'format':
      runBundle(join(__dirname, 'check.js'));
  }
}

try {
  main(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`alertsmith: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 2;
}
