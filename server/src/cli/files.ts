import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { documentLanguage } from '../service/document';
import type { QueryLanguage } from '../service/types';
import { indexedExtensions, languageIdForPath } from '../sources/workspaceFiles';

/** One input of `alertsmith check`, read from disk or stdin. */
export interface InputFile {
  /** As the user should see it: the path given, or joined under a folder given; `-` for stdin. */
  displayPath: string;
  uri: string;
  languageId: string;
  text: string;
}

const skippedFolders = new Set(['node_modules', '.git', 'dist', '.vscode-test']);

/**
 * Expands PATH arguments into files. A folder is searched recursively for the extensions
 * above; a file given by name is read whatever its extension. Throws with a readable
 * message on I/O errors (the CLI turns it into exit code 2).
 */
export async function collectInputs(
  paths: readonly string[],
  language: QueryLanguage | undefined,
  readStdin: () => Promise<string>,
): Promise<InputFile[]> {
  const inputs: InputFile[] = [];
  for (const path of paths) {
    if (path === '-') {
      // Without --language, YAML on stdin (`helm template … | alertsmith check -`) is read as
      // rule files and manifests, anything else as one PromQL query.
      const text = await readStdin();
      inputs.push({
        displayPath: '-',
        uri: 'stdin:/input',
        languageId: language ?? documentLanguage('stdin:/input', 'plaintext', text),
        text,
      });
      continue;
    }
    const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
      throw new Error(`cannot read ${path}: ${error.code === 'ENOENT' ? 'no such file or folder' : error.message}`);
    });
    const files = info.isDirectory() ? await findFiles(path) : [path];
    for (const file of files) {
      const text = await readFile(file, 'utf8').catch((error: Error) => {
        throw new Error(`cannot read ${file}: ${error.message}`);
      });
      // The extension decides; --language only says how to read files without a known one.
      const languageId = languageIdForPath(file) ?? language ?? 'promql';
      inputs.push({ displayPath: file, uri: pathToFileURL(resolve(file)).href, languageId, text });
    }
  }
  return inputs;
}

async function findFiles(folder: string): Promise<string[]> {
  const found: string[] = [];
  const entries = await readdir(folder, { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) {
      if (!skippedFolders.has(entry.name)) found.push(...(await findFiles(path)));
    } else if (entry.isFile() && indexedExtensions.has(extname(entry.name).toLowerCase())) {
      found.push(path);
    }
  }
  return found;
}
