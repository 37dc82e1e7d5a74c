import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** Everything the editor tests need, located; built by test/e2e/setup.sh. */
export interface E2eEnvironment {
  /** code-server's entry point: `node <codeServerEntry> …` starts a VS Code workbench server. */
  codeServerEntry: string;
  /** Folder whose node_modules holds playwright-core (outside the clone). */
  toolsDir: string;
  /** Debian's chromium, driven headless by playwright-core. */
  chromium: string;
  /** The packaged extension under test. */
  vsix: string;
}

export const repoRoot = join(__dirname, '..', '..');
export const resultsDir = join(repoRoot, 'test-results', 'e2e');
export const codeServerVersion = '4.100.3';

/** Same default as setup.sh: a cache folder outside the clone, shared between runs. */
export function e2eCacheDir(): string {
  return process.env.ALERTSMITH_E2E_CACHE || join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'alertsmith-e2e');
}

/**
 * When set (`ALERTSMITH_E2E=require`, as CI does), a missing environment fails the suite
 * instead of skipping it, so editor tests can never silently stop running.
 */
export const e2eRequired = process.env.ALERTSMITH_E2E === 'require';

function which(command: string): string | undefined {
  try {
    return execFileSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

/** The VS Code environment, or the reason it is not there (how to fix it included). */
export function locateVsCodeEnvironment(): E2eEnvironment | { missing: string } {
  const cache = e2eCacheDir();
  const codeServerDir = join(cache, `code-server-${codeServerVersion}`);
  const toolsDir = join(cache, 'tools');
  const chromium = which('chromium');
  const vsix = process.env.ALERTSMITH_VSIX || join(repoRoot, 'alertsmith.vsix');
  if (!existsSync(join(codeServerDir, '.ready')) || !existsSync(join(toolsDir, 'node_modules', 'playwright-core')) || !chromium) {
    return { missing: `no code-server/chromium/playwright-core in ${cache}: run \`bash test/e2e/setup.sh\`` };
  }
  if (!existsSync(vsix)) return { missing: `no ${vsix}: run \`npm run package\`` };
  return { codeServerEntry: join(codeServerDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js'), toolsDir, chromium, vsix };
}

/** Neovim and the bundled CLI, or the reason they are not there. */
export function locateNeovim(): { nvim: string; cli: string } | { missing: string } {
  const nvim = which('nvim');
  const cli = process.env.ALERTSMITH_CLI || join(repoRoot, 'dist', 'cli.js');
  if (!nvim) return { missing: 'no `nvim`: run `bash test/e2e/setup.sh` (installs Debian neovim)' };
  if (!existsSync(cli)) return { missing: `no ${cli}: run \`node esbuild.mjs\`` };
  return { nvim, cli };
}

/** True when `built` is older than any source it is built from (a stale .vsix tests old code). */
export function isOlderThan(built: string, sources: readonly string[]): boolean {
  const builtAt = statSync(built).mtimeMs;
  return sources.some((source) => existsSync(source) && statSync(source).mtimeMs > builtAt);
}
