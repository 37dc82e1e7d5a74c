import type { Connection, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { computeCodeLenses } from '../service/codeLens';
import type { LanguageService } from '../service/languageService';
import { guard } from './guard';

/**
 * "▶ Run" lenses above PromQL expressions (capability: `codeLensProvider: { resolveProvider: false }`).
 * Lenses come complete with their command, so there is no resolve step.
 */
export function registerCodeLens(connection: Connection, service: LanguageService, documents: TextDocuments<TextDocument>): void {
  connection.onCodeLens(({ textDocument }) => {
    const document = documents.get(textDocument.uri);
    if (!document) return null;
    return guard(connection, `code lenses in ${textDocument.uri}`, () => computeCodeLenses(document, service.parse(document)), null);
  });
}
