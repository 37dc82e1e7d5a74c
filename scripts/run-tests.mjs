// Runs node's built-in test runner on the TypeScript test files of the given folders.
// Node 20's `--test` does not expand globs itself, so we collect the files here.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawn } from 'node:child_process';

function collect(dir, out = []) {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) collect(path, out);
    else if (name.endsWith('.test.ts')) out.push(path);
  }
  return out;
}

const folders = process.argv.slice(2);
const files = folders.flatMap((folder) => (statSync(folder).isDirectory() ? collect(folder) : [folder]));
if (files.length === 0) {
  console.error(`no test files under ${folders.join(', ')}`);
  process.exit(1);
}
// Node's summary lines pass through untouched (CI reads them); one line of our own follows
// them, so the end of a long log says at a glance how the run went.
const child = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], {
  stdio: ['inherit', 'pipe', 'inherit'],
  env: process.stdout.isTTY ? { ...process.env, FORCE_COLOR: '1' } : process.env,
});
let tail = '';
child.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  tail = (tail + chunk.toString()).slice(-4000);
});
child.on('close', (code, signal) => {
  const plain = tail.replace(/\x1b\[[0-9;]*m/g, '');
  const count = (name) => Number(new RegExp(`^ℹ ${name} (\\d+(?:\\.\\d+)?)`, 'm').exec(plain)?.[1] ?? NaN);
  const [tests, passed, failed, cancelled, skipped] = ['tests', 'pass', 'fail', 'cancelled', 'skipped'].map(count);
  const seconds = Math.round(count('duration_ms') / 1000);
  const ok = code === 0;
  console.log(
    Number.isNaN(tests)
      ? `Tests ${ok ? 'PASSED' : 'FAILED'} (exit ${code ?? signal}; no summary from the test runner)`
      : `Tests ${ok ? 'PASSED' : 'FAILED'}: ${passed} of ${tests} passed, ${failed} failed, ${cancelled} cancelled, ${skipped} skipped in ${seconds} s (${files.length} test files)`,
  );
  process.exit(code ?? 1);
});
