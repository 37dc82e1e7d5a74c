import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A running VS Code workbench server with its own throwaway profile and workspace. */
export interface CodeServer {
  /** Workbench URL with the workspace folder open. */
  url: string;
  /** The workspace folder (a copy of examples/ plus the files the test added). */
  workspace: string;
  /** Environment with XDG_* folders inside the throwaway directory; reuse it for the browser. */
  env: NodeJS.ProcessEnv;
  /** Everything code-server printed so far (for failure reports). */
  log(): string;
  stop(): Promise<void>;
}

export interface CodeServerOptions {
  entry: string;
  vsix: string;
  /** Folder copied as the workspace. */
  workspaceSource: string;
  /** Extra workspace files: relative path -> content. */
  files?: Record<string, string>;
  /** User settings (merged over quiet defaults). */
  settings?: Record<string, unknown>;
  /** Unpacked extension folders to install next to the .vsix (e.g. a test harness). */
  unpackedExtensions?: string[];
  /** Extra environment for code-server and so for its extension host. */
  env?: Record<string, string>;
}

const quietSettings = {
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'chat.commandCenter.enabled': false,
  'workbench.colorTheme': 'Default Light Modern',
  'window.commandCenter': false,
  'workbench.reduceMotion': 'on', // no fade-in: screenshots show widgets fully drawn
};

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Installs the .vsix into a fresh profile and starts code-server on a free loopback port. */
export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  const root = mkdtempSync(join(tmpdir(), 'alertsmith-e2e-'));
  const dirs = {
    extensions: join(root, 'extensions'),
    userData: join(root, 'user-data'),
    workspace: join(root, 'workspace'),
    xdg: join(root, 'xdg'),
  };
  for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true });
  mkdirSync(join(dirs.userData, 'User'), { recursive: true });
  writeFileSync(join(dirs.userData, 'User', 'settings.json'), JSON.stringify({ ...quietSettings, ...options.settings }, null, 2));
  cpSync(options.workspaceSource, dirs.workspace, { recursive: true });
  for (const [path, content] of Object.entries(options.files ?? {})) {
    mkdirSync(join(dirs.workspace, path, '..'), { recursive: true });
    writeFileSync(join(dirs.workspace, path), content);
  }
  // Keep code-server (config, logs) and chromium (profile, dconf) out of $HOME.
  const env = {
    ...process.env,
    XDG_CONFIG_HOME: join(dirs.xdg, 'config'),
    XDG_DATA_HOME: join(dirs.xdg, 'data'),
    XDG_CACHE_HOME: join(dirs.xdg, 'cache'),
    ...options.env,
  };
  const profile = ['--extensions-dir', dirs.extensions, '--user-data-dir', dirs.userData];
  // Unpacked folders go in first: once --install-extension writes extensions.json, folders it
  // does not list count as uninstalled.
  for (const folder of options.unpackedExtensions ?? []) {
    const manifest = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as { publisher: string; name: string; version: string };
    cpSync(folder, join(dirs.extensions, `${manifest.publisher}.${manifest.name}-${manifest.version}`), { recursive: true });
  }
  execFileSync(process.execPath, [options.entry, ...profile, '--install-extension', options.vsix], { env, stdio: 'pipe' });

  const port = await freePort();
  const child: ChildProcess = spawn(
    process.execPath,
    [
      options.entry,
      '--auth',
      'none',
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      ...profile,
      dirs.workspace,
    ],
    // Own process group, so stop() also ends the extension host and the language server.
    { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const signalGroup = (signal: NodeJS.Signals): void => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // the group is gone already
    }
  };
  // Detached children outlive an interrupted test run unless we end them on the way out.
  const onExit = (): void => signalGroup('SIGKILL');
  process.once('exit', onExit);
  const stop = async (): Promise<void> => {
    process.off('exit', onExit);
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      signalGroup('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
    }
    signalGroup('SIGKILL'); // stragglers of the group (extension host children)
    rmSync(root, { recursive: true, force: true, maxRetries: 5 });
  };

  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) break;
    try {
      if ((await fetch(`${base}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (child.exitCode !== null || Date.now() > deadline) {
    await stop();
    throw new Error(`code-server did not start on ${base}:\n${output.slice(-4000)}`);
  }
  return { url: `${base}/?folder=${encodeURIComponent(dirs.workspace)}`, workspace: dirs.workspace, env, log: () => output, stop };
}
