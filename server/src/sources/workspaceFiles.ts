import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Files the workspace index reads: rule files, manifests, kustomizations, queries. */
export const indexedExtensions = new Set(['.yaml', '.yml', '.promql', '.logql']);
const skippedFolders = new Set(['node_modules', '.git', '.hg', '.svn', 'dist', 'out', '.vscode-test', 'vendor']);
/** Larger files are generated data, not something a person edits; skip them to keep memory bounded. */
export const maxIndexedFileBytes = 2 * 1024 * 1024;
const maxIndexedFiles = 20_000;

export interface WorkspaceFile {
  uri: string;
  text: string;
}

/** URIs of indexable files under the given folder URIs (file: scheme only), bounded in count. */
export async function listWorkspaceFiles(folderUris: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  for (const folderUri of folderUris) {
    if (!folderUri.startsWith('file:')) continue;
    await walk(fileURLToPath(folderUri), found);
  }
  return found;
}

async function walk(folder: string, found: string[]): Promise<void> {
  if (found.length >= maxIndexedFiles) return;
  let entries;
  try {
    entries = await readdir(folder, { withFileTypes: true });
  } catch {
    return; // unreadable folders are not the user's problem to hear about
  }
  for (const entry of entries) {
    if (found.length >= maxIndexedFiles) return;
    const path = join(folder, entry.name);
    if (entry.isDirectory()) {
      if (!skippedFolders.has(entry.name) && !entry.name.startsWith('.')) await walk(path, found);
    } else if (entry.isFile() && indexedExtensions.has(extname(entry.name).toLowerCase())) {
      found.push(pathToFileURL(path).href);
    }
  }
}

/** Reads one file; undefined when it vanished, is unreadable or too large. */
export async function readWorkspaceFile(uri: string): Promise<string | undefined> {
  try {
    const path = fileURLToPath(uri);
    const info = await stat(path);
    if (!info.isFile() || info.size > maxIndexedFileBytes) return undefined;
    return await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** Language id of a path or URI by its extension, as VS Code assigns it; undefined for others. */
export function languageIdForPath(path: string): 'promql' | 'logql' | 'yaml' | undefined {
  const extension = extname(path).toLowerCase();
  if (extension === '.promql') return 'promql';
  if (extension === '.logql') return 'logql';
  if (extension === '.yaml' || extension === '.yml') return 'yaml';
  return undefined;
}
