import { join } from 'node:path';
import { startCodeServer, type CodeServer, type CodeServerOptions } from './codeServer';
import { repoRoot, type E2eEnvironment } from './environment';
import { workspaceFiles } from './fixtures';
import { loadChromium, type Browser, type Page } from './playwright';

export interface LaunchedWorkbench {
  server: CodeServer;
  browser: Browser;
  page: Page;
}

/**
 * code-server with the packaged extension on a copy of examples/ (plus the e2e fixtures), and a
 * headless Chromium page not yet navigated, so callers can listen or time from the first request.
 * Used by the editor tests and the editor bench. Callers close `browser` and stop `server`;
 * if the browser fails to start, the server is stopped here.
 */
export async function launchWorkbench(
  environment: E2eEnvironment,
  defaultTimeoutMs: number,
  extra: Pick<CodeServerOptions, 'unpackedExtensions' | 'env' | 'settings' | 'files'> = {},
): Promise<LaunchedWorkbench> {
  const server = await startCodeServer({
    entry: environment.codeServerEntry,
    vsix: environment.vsix,
    workspaceSource: join(repoRoot, 'examples'),
    ...extra,
    files: { ...workspaceFiles, ...extra.files },
  });
  try {
    const browser = await loadChromium(environment.toolsDir).launch({
      executablePath: environment.chromium,
      headless: true,
      args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'],
      env: server.env,
    });
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.setDefaultTimeout(defaultTimeoutMs);
    return { server, browser, page };
  } catch (error) {
    await server.stop();
    throw error;
  }
}
