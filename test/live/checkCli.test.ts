import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { prometheusMissing, startPrometheus, type RunningPrometheus } from './prometheusHarness';

const cli = resolve(__dirname, '../../dist/cli.js');
const skip = prometheusMissing() ?? (existsSync(cli) ? undefined : 'dist/cli.js is not built (node esbuild.mjs); skipped');

const rules = `groups:
  - name: live
    rules:
      - record: job:http_requests:rate5m
        expr: sum by (job) (rate(http_requests_total[5m]))
      - alert: MemoryFalling
        expr: rate(node_memory_free_bytes[5m]) < 0
      - alert: Typo
        expr: http_request_total > 0
      - alert: UsesRecordingRule
        expr: job:http_requests:rate5m > 1
`;

/** Diagnostic code -> the line it is on, as `code@line`. */
function run(args: string[]): { status: number | null; found: string[]; stderr: string } {
  const result = spawnSync(process.execPath, [cli, 'check', '--format', 'json', ...args], { encoding: 'utf8', timeout: 30_000 });
  let found: string[] = [];
  try {
    const reports = JSON.parse(result.stdout) as Array<{ diagnostics: Array<{ code: string; range: { start: { line: number } } }> }>;
    found = reports
      .flatMap((report) => report.diagnostics.map((d) => `${d.code}@${d.range.start.line}`))
      .filter((entry) => entry.startsWith('live/'));
  } catch {
    found = [`unparsable output: ${result.stdout.slice(0, 200)}`];
  }
  return { status: result.status, found, stderr: result.stderr };
}

describe('alertsmith check --prometheus', { skip }, () => {
  let prometheus: RunningPrometheus;
  let dir: string;
  before(async () => {
    prometheus = await startPrometheus();
    dir = mkdtempSync(join(tmpdir(), 'alertsmith-check-'));
    writeFileSync(join(dir, 'rules.yaml'), rules);
  });
  after(async () => {
    await prometheus?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('reports the live warnings and exits 0 (warnings only)', () => {
    const { status, found, stderr } = run(['--prometheus', prometheus.url, join(dir, 'rules.yaml')]);
    assert.deepEqual(found.sort(), ['live/no-series@8', 'live/rate-on-non-counter@6'], stderr);
    assert.equal(status, 0, stderr);
  });

  it('reports no live warnings without --prometheus', () => {
    assert.deepEqual(run([join(dir, 'rules.yaml')]).found, []);
  });

  it('says so and carries on when the server is unreachable', () => {
    const { status, found, stderr } = run(['--prometheus', 'http://127.0.0.1:9', join(dir, 'rules.yaml')]);
    assert.deepEqual(found, []);
    assert.equal(status, 0);
    assert.match(stderr, /127\.0\.0\.1:9/);
  });

  it('reaches https servers from the bundle (node:https is required lazily inside it)', () => {
    const { status, stderr } = run(['--prometheus', 'https://127.0.0.1:9', join(dir, 'rules.yaml')]);
    assert.equal(status, 0);
    assert.match(stderr, /ECONNREFUSED/, 'the request got as far as the socket');
  });
});
