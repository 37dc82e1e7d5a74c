import {
  DocumentFormattingRequest,
  type ClientCapabilities,
  type Connection,
  type ServerCapabilities,
  type TextDocuments,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { LanguageService } from '../service/languageService';
import { guard } from './guard';

/**
 * PromQL and LogQL formatting (`textDocument/formatting`). Clients that register capabilities
 * dynamically (VS Code) get it for `.promql` and `.logql` files only: announced statically it would make
 * Alertsmith a formatter of every YAML file too, beside the YAML extension's. In YAML, the
 * expressions are formatted by code actions instead. Other clients (Neovim, Helix) get it for
 * every document: in a rule file it formats the expressions and nothing else.
 */
export class Formatting {
  private dynamic = false;

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
  }

  /** The static capability, for clients that cannot register it themselves. */
  capabilities(client: ClientCapabilities): Pick<ServerCapabilities, 'documentFormattingProvider'> {
    this.dynamic = client.textDocument?.formatting?.dynamicRegistration === true;
    return this.dynamic ? {} : { documentFormattingProvider: true };
  }

  /** Once initialized: the registration for `.promql` and `.logql` documents, where the client takes one. */
  register(): void {
    if (!this.dynamic) return;
    void this.connection.client.register(DocumentFormattingRequest.type, {
      documentSelector: [{ language: 'promql' }, { language: 'logql' }],
    });
  }
}
