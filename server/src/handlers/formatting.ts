import {
  DocumentFormattingRequest,
  DocumentRangeFormattingRequest,
  type ClientCapabilities,
  type Connection,
  type ServerCapabilities,
  type TextDocuments,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { LanguageService } from '../service/languageService';
import { guard } from './guard';

/**
 * PromQL and LogQL formatting (`textDocument/formatting`, and `rangeFormatting`, which formats
 * the expressions the range touches: an expression is the smallest unit that can be laid out).
 * Clients that register capabilities dynamically (VS Code) get both for `.promql` and `.logql`
 * files only: announced statically they would make Alertsmith a formatter of every YAML file
 * too, beside the YAML extension's. In YAML, the expressions are formatted by code actions
 * instead. Other clients (Neovim, Helix) get both for every document: in a rule file they
 * format the expressions and nothing else.
 */
export class Formatting {
  private dynamic = false;
  private dynamicRange = false;

  constructor(
    private readonly connection: Connection,
    private readonly service: LanguageService,
    private readonly documents: TextDocuments<TextDocument>,
  ) {
    connection.onDocumentFormatting(({ textDocument }) => {
      const document = this.documents.get(textDocument.uri);
      if (!document) return null;
      return guard(this.connection, `formatting ${textDocument.uri}`, () => this.service.formatExpressions(document).edits, null);
    });
    connection.onDocumentRangeFormatting(({ textDocument, range }) => {
      const document = this.documents.get(textDocument.uri);
      if (!document) return null;
      return guard(this.connection, `formatting ${textDocument.uri}`, () => this.service.formatExpressions(document, range).edits, null);
    });
  }

  /** The static capability, for clients that cannot register it themselves. */
  capabilities(client: ClientCapabilities): Pick<ServerCapabilities, 'documentFormattingProvider' | 'documentRangeFormattingProvider'> {
    this.dynamic = client.textDocument?.formatting?.dynamicRegistration === true;
    this.dynamicRange = client.textDocument?.rangeFormatting?.dynamicRegistration === true;
    return {
      ...(this.dynamic ? {} : { documentFormattingProvider: true }),
      ...(this.dynamicRange ? {} : { documentRangeFormattingProvider: true }),
    };
  }

  /** Once initialized: the registration for `.promql` and `.logql` documents, where the client takes one. */
  register(): void {
    const documentSelector = [{ language: 'promql' }, { language: 'logql' }];
    if (this.dynamic) void this.connection.client.register(DocumentFormattingRequest.type, { documentSelector });
    if (this.dynamicRange) void this.connection.client.register(DocumentRangeFormattingRequest.type, { documentSelector });
  }
}
