// The editor smoke tests in desktop VS Code (Electron), for machines that can download it:
//   npm run test:electron      (node esbuild.mjs && node --import tsx test/electron/runTest.ts)
// @vscode/test-electron downloads VS Code into the e2e cache on first use, which CI here
// cannot do: there, test/e2e/vscode.test.ts runs the same checks in code-server instead.
// Env: VSCODE_VERSION (default 1.100.3, the version code-server 4.100.3 ships; or `stable`).
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { e2eCacheDir } from '../e2e/environment';
import { workspaceFiles } from '../e2e/fixtures';
import { bundleSuite } from './bundleSuite';

const repoRoot = join(__dirname, '..', '..');

async function main(): Promise<number> {
  const scratch = mkdtempSync(join(tmpdir(), 'alertsmith-electron-'));
  try {
    const suite = await bundleSuite(join(scratch, 'suite', 'index.js'));

    const workspace = join(scratch, 'workspace');
    cpSync(join(repoRoot, 'examples'), workspace, { recursive: true });
    for (const [path, content] of Object.entries(workspaceFiles)) {
      mkdirSync(join(workspace, path, '..'), { recursive: true });
      writeFileSync(join(workspace, path), content);
    }
    await runTests({
      version: process.env.VSCODE_VERSION ?? '1.100.3',
      cachePath: join(e2eCacheDir(), 'vscode-test'), // outside the clone, next to code-server
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: suite,
      extensionTestsEnv: { ALERTSMITH_REPO: repoRoot },
      launchArgs: [workspace, '--disable-extensions', `--user-data-dir=${join(scratch, 'user-data')}`],
    });
    return 0;
  } catch (error) {
    console.error('electron smoke tests failed:', error instanceof Error ? error.message : error);
    return 1;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

void main().then((code) => process.exit(code));
