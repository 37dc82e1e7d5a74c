import type { Connection } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DocumentLanguagesNotification } from '../protocol';
import type { LanguageService } from '../service/languageService';
import { guard } from './guard';

/**
 * Tells a client that asked (`InitializationOptions.documentLanguages`) which query languages
 * each validated document holds, once per change: the VS Code client shows the Prometheus and
 * Loki status items by what the active editor holds, and only the server can tell a Loki rule
 * file from a Prometheus one.
 */
export class DocumentLanguages {
  enabled = false;
  private readonly sent = new Map<string, string>();

  constructor(
    private readonly connection: Connection,
    private readonly service: LanguageService,
  ) {}

  /** After a validation: the regions are known then, from the full parse or the edit fast path. */
  announce(document: TextDocument): void {
    if (!this.enabled) return;
    const languages = guard(this.connection, `languages of ${document.uri}`, () => this.service.documentLanguages(document), []);
    const key = languages.join(' ');
    if (this.sent.get(document.uri) === key) return;
    this.sent.set(document.uri, key);
    void this.connection.sendNotification(DocumentLanguagesNotification.type, { uri: document.uri, languages });
  }

  forget(uri: string): void {
    this.sent.delete(uri);
  }
}
