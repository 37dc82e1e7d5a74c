import type { Connection, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { LanguageService } from '../service/languageService';
import { languageIdForPath, listWorkspaceFiles, readWorkspaceFile } from '../sources/workspaceFiles';
import { guard } from './guard';

/**
 * Reads every rule file and manifest of the workspace once at start-up, so recording rules
 * defined anywhere are known, with LSP work-done progress so the editor shows it.
 */
export async function indexWorkspace(
  connection: Connection,
  service: LanguageService,
  folderUris: readonly string[],
  documents: TextDocuments<TextDocument>,
  withProgress: boolean,
): Promise<void> {
  if (folderUris.length === 0) return;
  const progress = withProgress ? await connection.window.createWorkDoneProgress().catch(() => undefined) : undefined;
  progress?.begin('Alertsmith: indexing workspace', 0, 'listing files', false);
  const started = Date.now();
  const uris = await listWorkspaceFiles(folderUris);
  let done = 0;
  for (const uri of uris) {
    done++;
    if (documents.get(uri)) continue; // open documents were indexed from their live text
    const text = await readWorkspaceFile(uri);
    const languageId = languageIdForPath(uri);
    if (text !== undefined && languageId) guard(connection, `indexing ${uri}`, () => service.indexFile(uri, languageId, text), undefined);
    if (progress && done % 50 === 0) progress.report(Math.round((done / uris.length) * 100), `${done}/${uris.length} files`);
  }
  progress?.done();
  connection.console.info(`indexed ${uris.length} files in ${Date.now() - started} ms`);
}
