import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

describe('alertsmith format (the bundled CLI)', () => {
  const unformatted =
    'groups:\n  - name: g\n    rules:\n      - alert: HighErrors # paging\n        expr: sum by(job)(rate(errors_total[5m]))>0.05\n        for: 10m\n      - record: broken\n        expr: rate(x[5m]\n';
  const formatted = unformatted.replace('sum by(job)(rate(errors_total[5m]))>0.05', 'sum by (job) (rate(errors_total[5m])) > 0.05');
  const run = (args: string[], input?: string) => spawnSync(process.execPath, [cliPath, 'format', ...args], { input, encoding: 'utf8' });

  it('--check names the files that would change, exits 1, and writes nothing', () => {
    const folder = mkdtempSync(join(tmpdir(), 'alertsmith-format-'));
    try {
      writeFileSync(join(folder, 'a.rules.yaml'), unformatted);
      writeFileSync(join(folder, 'b.rules.yaml'), formatted);
      const result = run(['--check', folder]);
      assert.equal(result.status, 1, result.stderr);
      assert.equal(result.stdout, `${join(folder, 'a.rules.yaml')}: would be reformatted\n`);
      assert.equal(readFileSync(join(folder, 'a.rules.yaml'), 'utf8'), unformatted);
      // The expression with a syntax error is left as written, and said so.
      assert.match(result.stderr, /a\.rules\.yaml:8:15: the expression has syntax errors/);
      assert.match(result.stderr, /2 files checked, 1 would be reformatted/);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('rewrites only the expressions, in place; a second run changes nothing', () => {
    const folder = mkdtempSync(join(tmpdir(), 'alertsmith-format-'));
    try {
      const file = join(folder, 'a.rules.yaml');
      writeFileSync(file, unformatted);
      assert.equal(run([file]).status, 0);
      assert.equal(readFileSync(file, 'utf8'), formatted);
      const again = run(['--check', file]);
      assert.equal(again.status, 0, again.stdout);
      assert.equal(again.stdout, '');
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('formats stdin to stdout: a query, or YAML', () => {
    assert.equal(run(['-'], 'sum by(job)(rate(x[5m]))').stdout, 'sum by (job) (rate(x[5m]))');
    assert.equal(run(['-'], unformatted).stdout, formatted);
    // A LogQL query on stdin is read as LogQL when --language says so.
    assert.equal(run(['--language', 'logql', '-'], '{app="api"}|="error"|json').stdout, '{app="api"} |= "error" | json');
  });
});
