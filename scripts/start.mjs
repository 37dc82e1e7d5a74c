// `npm start`: build, package the extension, and show what Alertsmith finds in examples/.
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';

function run(command, args, { allowFailure = false } = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', shell: false });
  if (result.status !== 0 && !allowFailure) {
    console.error(`\n${command} ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
    process.exit(result.status ?? 1);
  }
  return result.status;
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
console.log('== type-check and package the extension');
run(npm, ['run', '--silent', 'typecheck']);
run(npm, ['run', '--silent', 'package']);

console.log('\n== alertsmith check examples/  (some example files contain deliberate mistakes)\n');
const status = run(process.execPath, ['dist/cli.js', 'check', 'examples'], { allowFailure: true });

const size = (statSync('alertsmith.vsix').size / 1024).toFixed(0);
console.log(`
alertsmith check exited with ${status} (1 = errors were found, as expected for the examples).

The extension is packaged as alertsmith.vsix (${size} KiB). Install it with:
  code --install-extension alertsmith.vsix
or in VS Code: Extensions view → … → Install from VSIX…

Other editors: run the language server with  node dist/cli.js lsp --stdio  (see README).`);
