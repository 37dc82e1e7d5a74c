import { CodeActionKind, TextEdit, type CodeAction, type Range } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { AlertsmithDocument } from './document';
import { formatExpressions, type ExpressionFormatting } from './formatting';
import type { EmbeddedRegion, QueryLanguage } from './types';

/**
 * The source action that formats every query expression of a YAML file (PromQL, and LogQL in
 * Loki rule files; the kind kept its first name): "Source Action…", and
 * `editor.codeActionsOnSave` (`"source.formatPromQL": "explicit"`). YAML files keep their own
 * formatter (the YAML extension's); this one touches only the expressions.
 */
export const formatAllKind = 'source.formatPromQL';

/** What formatting needs of a document: a full parse's, or the edit fast path's (cheaper while typing). */
export interface FormattingInput {
  kind: QueryLanguage | 'yaml';
  regions: readonly EmbeddedRegion[];
  yamlSyntaxErrors: boolean;
}

export function formattingInput(parsed: AlertsmithDocument): FormattingInput {
  const yamlSyntaxErrors = parsed.yaml?.problems.some((problem) => problem.code === 'yaml/syntax-error') ?? false;
  return { kind: parsed.kind, regions: parsed.regions, yamlSyntaxErrors };
}

/** The formatting as text edits, and what was left as written (with ranges), for one document. */
export function formattingEdits(document: TextDocument, input: FormattingInput, range?: Range) {
  const span = range ? { from: document.offsetAt(range.start), to: document.offsetAt(range.end) } : undefined;
  return toTextEdits(document, formatExpressions(document.getText(), input.kind, input.regions, span, input.yamlSyntaxErrors));
}

function toTextEdits(document: TextDocument, result: ExpressionFormatting) {
  const range = (from: number, to: number): Range => ({ start: document.positionAt(from), end: document.positionAt(to) });
  return {
    edits: result.edits.map((edit) => TextEdit.replace(range(edit.from, edit.to), edit.newText)),
    unformatted: result.unformatted.map((left) => ({ range: range(left.from, left.to), reason: left.reason })),
  };
}

/**
 * In YAML: "Format PromQL expression" (or LogQL) for the expression under the cursor (a rewrite,
 * offered in the light bulb) and, when the client asks for source actions, "Format all PromQL
 * expressions". `only` is the client's filter: the file-wide action is computed only when asked
 * for, since the light bulb asks on every cursor move.
 */
export function formattingCodeActions(
  document: TextDocument,
  input: FormattingInput,
  range: Range,
  only?: readonly string[],
): CodeAction[] {
  if (input.kind !== 'yaml') return [];
  const actions: CodeAction[] = [];
  if (wanted(CodeActionKind.RefactorRewrite, only)) {
    const { edits } = formattingEdits(document, input, range);
    const name = languageName(input, range && { from: document.offsetAt(range.start), to: document.offsetAt(range.end) });
    const title = edits.length === 1 ? `Format ${name} expression` : `Format ${edits.length} ${name} expressions`;
    if (edits.length > 0) actions.push(action(title, CodeActionKind.RefactorRewrite, document.uri, edits));
  }
  if (only && wanted(formatAllKind, only)) {
    const { edits, unformatted } = formattingEdits(document, input);
    if (edits.length > 0) {
      const left =
        unformatted.length > 0
          ? ` (${unformatted.length} left as written: ${unformatted[0].reason}${unformatted.length > 1 ? ', …' : ''})`
          : '';
      actions.push(action(`Format all ${languageName(input)} expressions${left}`, formatAllKind, document.uri, edits));
    }
  }
  return actions;
}

/** "PromQL" or "LogQL" for the expressions (those touching `span`) when they are all of one language, else "query". */
function languageName(input: FormattingInput, span?: { from: number; to: number }): string {
  const touched = input.regions.filter((r) => !span || (r.sourceEnd >= span.from && r.sourceStart <= span.to));
  const languages = new Set(touched.map((region) => region.language));
  if (languages.size !== 1) return 'query';
  return languages.has('logql') ? 'LogQL' : 'PromQL';
}

function action(title: string, kind: string, uri: string, edits: TextEdit[]): CodeAction {
  return { title, kind, edit: { changes: { [uri]: edits } } };
}

/** LSP kind matching: asking for `source` includes `source.formatPromQL`; no filter includes all. */
function wanted(kind: string, only: readonly string[] | undefined): boolean {
  return !only || only.some((asked) => kind === asked || kind.startsWith(`${asked}.`));
}
