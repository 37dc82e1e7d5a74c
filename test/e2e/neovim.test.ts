import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { e2eRequired, locateNeovim } from './environment';

/** What test/e2e/nvim/init.lua writes back. */
interface NeovimReport {
  initialized: boolean;
  stopped: boolean;
  errors: string[];
  diagnostics: Array<{
    range: { start: { line: number; character: number }; end: { line: number; character: number } };
    code?: string;
    message: string;
  }>;
  diagnostics_after_fix?: NeovimReport['diagnostics'] | null;
  completion?: Array<{ label: string; documentation?: string }>;
  hover?: string;
}

// A rule file as a user keeps it: one broken alert (`rat` for `rate`), one valid recording rule
// whose expression the cursor completes, one alert to hover over.
const ruleFile = [
  'groups:', //                                                                  0
  '  - name: checkout', //                                                       1
  '    rules:', //                                                               2
  '      - alert: CheckoutErrors', //                                            3
  '        expr: sum(rat(http_requests_total{code=~"5.."}[5m])) > 1', //        4
  '      - record: instance:disk_free:bytes', //                                 5
  '        expr: node_filesystem_av', //                                         6
  '      - alert: CheckoutSlow', //                                              7
  '        expr: histogram_quantile(0.99, rate(http_request_duration_seconds_bucket[5m])) > 0.5', // 8
].join('\n');
const brokenLine = 4;
const completionAt = { line: 6, character: '        expr: node_filesystem_av'.length };
const hoverAt = { line: 8, character: '        expr: histogram_qu'.length };
const fixedLine = '        expr: sum(rate(http_requests_total{code=~"5.."}[5m])) > 1';

function runNeovim(nvim: string, cli: string): NeovimReport {
  const root = mkdtempSync(join(tmpdir(), 'alertsmith-nvim-'));
  try {
    const file = join(root, 'checkout.rules.yaml');
    writeFileSync(file, ruleFile + '\n');
    const output = join(root, 'report.json');
    const plan = {
      cmd: [process.execPath, cli, 'lsp', '--stdio'],
      root,
      file,
      output,
      completion: completionAt,
      hover: hoverAt,
      fix: { line: brokenLine, text: fixedLine },
      timeout_ms: 15_000,
    };
    writeFileSync(join(root, 'plan.json'), JSON.stringify(plan));
    const xdg = (name: string) => join(root, 'xdg', name); // keep Neovim's state out of $HOME
    const run = spawnSync(nvim, ['--headless', '--clean', '-u', 'NONE', '-c', `luafile ${join(__dirname, 'nvim', 'init.lua')}`], {
      env: {
        ...process.env,
        ALERTSMITH_NVIM_PLAN: join(root, 'plan.json'),
        XDG_CONFIG_HOME: xdg('config'),
        XDG_DATA_HOME: xdg('data'),
        XDG_STATE_HOME: xdg('state'),
        XDG_CACHE_HOME: xdg('cache'),
      },
      encoding: 'utf8',
      timeout: 90_000,
    });
    let report: string;
    try {
      report = readFileSync(output, 'utf8');
    } catch {
      throw new Error(`Neovim wrote no report (exit ${run.status}, signal ${run.signal}):\n${run.stdout}\n${run.stderr}`);
    }
    return JSON.parse(report) as NeovimReport;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

const neovim = locateNeovim();
const skip = 'missing' in neovim && !e2eRequired ? `Neovim e2e skipped: ${neovim.missing}` : false;

describe('Neovim (built-in LSP client) with `alertsmith lsp --stdio`', { skip }, () => {
  let report: NeovimReport | undefined;
  const session = (): NeovimReport => {
    if ('missing' in neovim) assert.fail(neovim.missing);
    report ??= runNeovim(neovim.nvim, neovim.cli);
    return report;
  };

  test('the server initializes, answers without errors and shuts down', () => {
    const { initialized, stopped, errors } = session();
    assert.deepEqual(errors, []);
    assert.equal(initialized, true);
    assert.equal(stopped, true);
  });

  test('pushed diagnostics mark the unknown function on its exact characters', () => {
    const diagnostic = session().diagnostics.find((d) => d.code === 'promql/unknown-function');
    assert.ok(diagnostic, `got ${JSON.stringify(session().diagnostics)}`);
    const line = ruleFile.split('\n')[diagnostic.range.start.line];
    assert.equal(line.slice(diagnostic.range.start.character, diagnostic.range.end.character), 'rat');
    assert.equal(diagnostic.range.start.line, brokenLine);
  });

  test('an edit in the buffer reaches the server and clears the diagnostic', () => {
    const after = session().diagnostics_after_fix;
    assert.ok(Array.isArray(after), 'diagnostics were published again after the edit');
    const left = after.filter((d) => d.range.start.line === brokenLine);
    assert.deepEqual(left, []);
  });

  test('completion in an expr offers well-known metrics with documentation', () => {
    const item = session().completion?.find((c) => c.label === 'node_filesystem_avail_bytes');
    assert.ok(item, `got ${JSON.stringify(session().completion?.map((c) => c.label))}`);
    assert.match(item.documentation ?? '', /\w{4,}/);
  });

  test("hover on a function shows the function's documentation", () => {
    assert.match(session().hover ?? '(no hover)', /histogram_quantile[\s\S]*\w+ \w+ \w+/);
  });
});
