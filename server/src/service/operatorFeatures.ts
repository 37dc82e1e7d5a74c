import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, CodeLens, Diagnostic, Hover, Location, Position, Range } from 'vscode-languageserver-types';
import { CodeActionKind, MarkupKind } from 'vscode-languageserver-types';
import { toDiagnostic } from './regionMapping';
import type { AlertsmithSettings } from './settings';
import {
  matchCountTitle,
  operatorQuickFixes,
  selectorHoverMarkdown,
  selectorMatchesAt,
  selectorsOf,
  validateOperatorFile,
  type OperatorFix,
  type OperatorIndex,
} from './operator';

/** The client command a "matches 2 Services" lens runs (it shows the locations in a peek). */
export const showMatchesCommand = 'alertsmith.showMatches';

/** LSP positions in any indexed file, from document offsets. */
function positionIn(text: string, offset: number): Position {
  let line = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, character: offset - lineStart };
}

function rangeIn(index: OperatorIndex, uri: string, from: number, to: number, document?: TextDocument): Range {
  if (document && document.uri === uri) return { start: document.positionAt(from), end: document.positionAt(to) };
  const text = index.text(uri) ?? '';
  return { start: positionIn(text, from), end: positionIn(text, to) };
}

/**
 * Prometheus Operator features over the workspace index, as LSP types: diagnostics with
 * related information (quick fixes travel in `data`), code actions, selector hover,
 * go-to-definition and "matches N Services" lenses.
 */
export function operatorDiagnostics(document: TextDocument, index: OperatorIndex, settings: AlertsmithSettings): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const problem of validateOperatorFile(document.uri, index, settings.operator)) {
    const diagnostic = toDiagnostic(problem, { start: document.positionAt(problem.from), end: document.positionAt(problem.to) }, settings);
    if (!diagnostic) continue;
    if (problem.related.length > 0) {
      diagnostic.relatedInformation = problem.related.map((related) => ({
        location: { uri: related.uri, range: rangeIn(index, related.uri, related.from, related.to, document) },
        message: related.message,
      }));
    }
    if (problem.fixes?.length) diagnostic.data = { fixes: problem.fixes };
    out.push(diagnostic);
  }
  return out;
}

export function operatorCodeActions(
  diagnostics: readonly Diagnostic[],
  index: OperatorIndex,
  textOf: (uri: string) => string | undefined,
): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const diagnostic of diagnostics) {
    const fixes = (diagnostic.data as { fixes?: OperatorFix[] } | undefined)?.fixes;
    if (!Array.isArray(fixes) || !String(diagnostic.code ?? '').startsWith('operator/')) continue;
    const problem = {
      from: 0,
      to: 0,
      code: String(diagnostic.code),
      message: String(diagnostic.message),
      severity: 'warning' as const,
      related: [],
      fixes,
    };
    operatorQuickFixes(problem, textOf).forEach((fix, rank) => {
      const changes: Record<string, { range: Range; newText: string }[]> = {};
      for (const edit of fix.edits) {
        (changes[edit.uri] ??= []).push({ range: rangeIn(index, edit.uri, edit.from, edit.to), newText: edit.newText });
      }
      actions.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: rank === 0,
        edit: { changes },
      });
    });
  }
  return actions;
}

export function operatorHover(document: TextDocument, offset: number, index: OperatorIndex): Hover | null {
  const entry = selectorMatchesAt(document.uri, offset, index);
  if (!entry) return null;
  return {
    contents: { kind: MarkupKind.Markdown, value: selectorHoverMarkdown(entry) },
    range: rangeIn(index, document.uri, entry.span.from, entry.span.to, document),
  };
}

export function operatorDefinition(document: TextDocument, offset: number, index: OperatorIndex): Location[] {
  const entry = selectorMatchesAt(document.uri, offset, index);
  return entry ? entry.matches.map((match) => ({ uri: match.uri, range: rangeIn(index, match.uri, match.from, match.to) })) : [];
}

export function operatorCodeLenses(document: TextDocument, index: OperatorIndex): CodeLens[] {
  return selectorsOf(document.uri, index).map((entry) => {
    const range = rangeIn(index, document.uri, entry.span.from, entry.span.from, document);
    const locations = entry.matches.map((match) => ({ uri: match.uri, range: rangeIn(index, match.uri, match.from, match.to) }));
    return {
      range,
      command: {
        title: matchCountTitle(entry),
        command: locations.length > 0 ? showMatchesCommand : '',
        arguments: [document.uri, range.start, locations],
      },
    };
  });
}
