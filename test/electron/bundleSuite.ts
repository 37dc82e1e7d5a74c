import { join } from 'node:path';
import * as esbuild from 'esbuild';

/**
 * Bundles the smoke suite (suite/index.ts) into one CommonJS file an extension host can
 * require(); `vscode` stays external. Used by runTest.ts (desktop VS Code) and by the
 * code-server e2e run, which executes the same suite through a harness extension.
 */
export async function bundleSuite(outfile: string): Promise<string> {
  await esbuild.build({
    entryPoints: [join(__dirname, 'suite', 'index.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    logLevel: 'warning',
  });
  return outfile;
}
