import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { CodeServer } from '../test/e2e/codeServer';
import { locateVsCodeEnvironment, repoRoot, resultsDir } from '../test/e2e/environment';
import { launchWorkbench } from '../test/e2e/launch';
import type { Browser } from '../test/e2e/playwright';
import { Workbench } from '../test/e2e/workbench';
import { median, printFigures, type Figure } from './stats';

const vsixPath = join(repoRoot, 'alertsmith.vsix');

/** Sum of the uncompressed sizes in a zip's central directory (a .vsix is a zip). */
function unpackedBytes(zip: Buffer): number {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) return NaN;
  const entries = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  let total = 0;
  for (let i = 0; i < entries && zip.readUInt32LE(at) === 0x02014b50; i++) {
    total += zip.readUInt32LE(at + 24);
    at += 46 + zip.readUInt16LE(at + 28) + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return total;
}

function vsixFigures(): Figure[] {
  let note = '';
  if (!existsSync(vsixPath)) {
    const built = spawnSync('npm', ['run', '--silent', 'package'], { cwd: repoRoot, stdio: 'ignore' });
    if (built.status !== 0 || !existsSync(vsixPath)) {
      console.log('\n(skipped the VSIX size: `npm run package` failed)');
      return [];
    }
    note = ', just packaged';
  } else {
    note = `, built ${statSync(vsixPath).mtime.toISOString()}`;
  }
  const zip = readFileSync(vsixPath);
  return [
    {
      name: `VSIX size (alertsmith.vsix${note})`,
      value: zip.length / 1024 / 1024,
      unit: 'MB',
      goal: '≤ 1',
      baseline: { name: 'its contents unpacked', value: unpackedBytes(zip) / 1024 / 1024 },
    },
  ];
}

/**
 * In a real workbench (code-server + headless Chromium, as test/e2e/vscode.test.ts drives it):
 * page load to workbench ready (the baseline), to the first error squiggle in a rule file with
 * a misspelled function, and the activation time "Show Running Extensions" reports.
 */
async function workbenchFigures(): Promise<Figure[]> {
  const environment = locateVsCodeEnvironment();
  if ('missing' in environment) {
    console.log(`\n(skipped the workbench timings — first squiggle, activation: ${environment.missing})`);
    return [];
  }
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  try {
    const launched = await launchWorkbench(environment, 60_000);
    ({ server, browser } = launched);
    const page = launched.page;
    const workbench = new Workbench(page, join(resultsDir, 'bench'));
    const start = performance.now();
    await page.goto(server.url);
    await workbench.ready();
    const readyMs = performance.now() - start;
    const editor = await workbench.openFile('e2e/checkout.rules.yaml');
    await editor.locator('.squiggly-error').first().waitFor();
    const squiggleMs = performance.now() - start;

    await workbench.runCommand('Developer: Show Running Extensions');
    const rows = page.locator('.runtime-extensions-editor .monaco-list-row');
    const ours = rows.filter({ hasText: 'Alertsmith' }).filter({ hasText: /Activation: \d+\s*ms/ });
    await ours.first().waitFor();
    const activation = (text: string) => Number(/Activation: (\d+)\s*ms/.exec(text)?.[1] ?? NaN);
    const activationMs = activation(await ours.first().innerText());
    const others = (await rows.allInnerTexts())
      .filter((text) => !text.includes('Alertsmith'))
      .map(activation)
      .filter((ms) => !Number.isNaN(ms));

    const base = { name: 'workbench ready', value: readyMs };
    return [
      { name: 'workbench open → first error squiggle', value: squiggleMs, unit: 'ms', baseline: base },
      { name: '  workbench open → ready (explorer shows files)', value: readyMs, unit: 'ms' },
      {
        name: 'activation ("Show Running Extensions")',
        value: activationMs,
        unit: 'ms',
        goal: '≤ 50',
        ...(others.length > 0 ? { baseline: { name: `median of ${others.length} other extensions`, value: median(others) } } : {}),
      },
    ];
  } catch (error) {
    console.log(`\n(workbench timings failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)})`);
    return [];
  } finally {
    await browser?.close();
    await server?.stop();
  }
}

/** Editor figures: package size, and first-squiggle and activation times in a workbench. */
export async function editorBench(): Promise<void> {
  const figures = [...vsixFigures(), ...(await workbenchFigures())];
  if (figures.length > 0) printFigures('Editor: package and VS Code workbench (code-server, headless Chromium)', figures);
}
