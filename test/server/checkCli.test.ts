import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { cliPath } from './lspClient';

/** A rule file with `count` unknown-function errors, one per rule. */
function manyErrors(count: number): string {
  const rules = Array.from({ length: count }, (_, i) => `      - record: r${i}\n        expr: rat(x[5m])\n`).join('');
  return `groups:\n  - name: g\n    rules:\n${rules}`;
}

describe('alertsmith check (the bundled CLI)', () => {
  it('reads YAML on stdin as rule files (helm template … | alertsmith check -), exits 1 on errors, prints JSON', () => {
    const result = spawnSync(process.execPath, [cliPath, 'check', '--format', 'json', '-'], { input: manyErrors(1), encoding: 'utf8' });
    assert.equal(result.status, 1, result.stderr);
    const [report] = JSON.parse(result.stdout) as Array<{ diagnostics: Array<{ code: string; range: { start: { line: number } } }> }>;
    assert.equal(report.diagnostics[0].code, 'promql/unknown-function');
    assert.equal(report.diagnostics[0].range.start.line, 4);
  });

  it('reads a query on stdin as PromQL unless --language says otherwise', () => {
    const codes = (input: string, ...args: string[]) => {
      const result = spawnSync(process.execPath, [cliPath, 'check', '--format', 'json', ...args, '-'], { input, encoding: 'utf8' });
      return (JSON.parse(result.stdout) as Array<{ diagnostics: Array<{ code: string }> }>)[0].diagnostics.map((d) => d.code);
    };
    assert.deepEqual(codes('rate(x[5m]'), ['promql/syntax-error']);
    assert.deepEqual(codes('{app="a"} |= "x"'), ['promql/syntax-error']);
    assert.deepEqual(codes('{app="a"} |= "x"', '--language', 'logql'), []);
  });

  it('stops quietly when the reader closes the pipe early (`| head`), keeping the exit code', async () => {
    // Far more than a pipe buffer (64 KB) of findings, and a reader that leaves after the first chunk.
    const child = spawn(process.execPath, [cliPath, 'check', '-'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    child.stdin.end(manyErrors(3000));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.equal(stderr, '');
    assert.equal(code, 1);
  });
});
