import { LSPErrorCodes, ResponseError, type Connection, type TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { LanguageService } from '../service/languageService';
import { isRenameRefusal } from '../service/navigation';
import { guard } from './guard';

/**
 * Recording rules as workspace symbols: definition, references, rename and workspace symbols;
 * and the outline. Capabilities: `definitionProvider`, `referencesProvider`,
 * `renameProvider: { prepareProvider: true }`, `workspaceSymbolProvider`, `documentSymbolProvider`.
 * Definition also answers for Operator selectors (the facade falls back to them), so this is the
 * only `onDefinition` handler.
 */
export function registerNavigation(connection: Connection, service: LanguageService, documents: TextDocuments<TextDocument>): void {
  connection.onDefinition(({ textDocument, position }) => {
    const document = documents.get(textDocument.uri);
    if (!document) return null;
    return guard(connection, `definition in ${textDocument.uri}`, () => service.findDefinition(document, position), null);
  });
  connection.onReferences(({ textDocument, position, context }) => {
    const document = documents.get(textDocument.uri);
    if (!document) return null;
    return guard(
      connection,
      `references in ${textDocument.uri}`,
      () => service.findReferences(document, position, context.includeDeclaration),
      null,
    );
  });
  connection.onPrepareRename(({ textDocument, position }) => {
    const document = documents.get(textDocument.uri);
    if (!document) return null;
    const result = guard(connection, `prepare rename in ${textDocument.uri}`, () => service.prepareRename(document, position), null);
    // An error (not null) lets the editor say why this name cannot be renamed.
    if (isRenameRefusal(result)) return new ResponseError(LSPErrorCodes.RequestFailed, result.error);
    return result;
  });
  connection.onRenameRequest(({ textDocument, position, newName }) => {
    const document = documents.get(textDocument.uri);
    if (!document) return null;
    const result = guard(connection, `rename in ${textDocument.uri}`, () => service.doRename(document, position, newName), null);
    if (isRenameRefusal(result)) return new ResponseError(LSPErrorCodes.RequestFailed, result.error);
    return result;
  });
  connection.onWorkspaceSymbol(({ query }) => guard(connection, 'workspace symbols', () => service.workspaceSymbols(query), []));
  connection.onDocumentSymbol(({ textDocument }) => {
    const document = documents.get(textDocument.uri);
    if (!document) return null;
    return guard(connection, `outline of ${textDocument.uri}`, () => service.documentSymbols(document), null);
  });
}
