import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

/** Where the README's pictures live; the VSIX ships the ones the README shows (see .vscodeignore). */
export const docsImagesDir = join(import.meta.dirname, '..', 'docs', 'images');

/** The README's pictures ship in the VSIX, whose goal is 1 MB: each must stay under this. */
export const maxDocsImageBytes = 100 * 1024;

/**
 * Publishes a screenshot as docs/images/<name>.png, reduced to a 256-colour palette by
 * Debian's pngquant: a workbench screenshot has few colours, and the four the README shows go
 * from 0.63 MB to 0.21 MB with no difference to the eye. pngquant rather than a library: it
 * is the standard tool for this, one `apt-get install` away, and only this manual refresh
 * needs it.
 */
export function publishDocsImage(screenshot: string, name: string): void {
  mkdirSync(docsImagesDir, { recursive: true });
  const output = join(docsImagesDir, `${name}.png`);
  const result = spawnSync('pngquant', ['--quality=70-95', '--speed=1', '--strip', '--force', '--output', output, screenshot], {
    encoding: 'utf8',
  });
  if (result.error) throw new Error(`refreshing ${output} needs pngquant (apt-get install -y pngquant): ${result.error.message}`);
  // Exit 99: the palette would fall below the quality floor (a screenshot full of gradients).
  if (result.status !== 0) throw new Error(`pngquant could not reduce ${screenshot} (exit ${result.status}): ${result.stderr.trim()}`);
}
