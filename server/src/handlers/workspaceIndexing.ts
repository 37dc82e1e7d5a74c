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
  const files: Array<{ uri: string; languageId: string; text: string }> = [];
  let done = 0;
  for (const uri of uris) {
    done++;
    const open = documents.get(uri);
    // Open documents are indexed from their live text, which wins over the disk.
    const text = open ? open.getText() : await readWorkspaceFile(uri);
    const languageId = open?.languageId ?? languageIdForPath(uri);
    if (text !== undefined && languageId) files.push({ uri, languageId, text });
    if (progress && done % 50 === 0) progress.report(Math.round((done / uris.length) * 90), `${done}/${uris.length} files read`);
  }
  progress?.report(90, 'indexing');
  guard(connection, 'indexing the workspace', () => service.indexFiles(files), undefined);
  progress?.done();
  connection.console.info(`indexed ${uris.length} files in ${Date.now() - started} ms`);
}
