import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, Range } from 'vscode-languageserver-types';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { effectiveSeverity } from './diagnosticCodes';
import type { AlertsmithSettings } from './settings';
import type { EmbeddedRegion, ExprProblem, Severity } from './types';

/**
 * The region whose value contains the document offset (its end included, for typing at the
 * end). With the document text, a cursor after spaces that end the line of a region's last
 * character counts too: YAML drops trailing spaces from a plain scalar, but `expr: rate(x, ‸`
 * is still the user typing the expression.
 */
export function regionAt(
  regions: readonly EmbeddedRegion[],
  documentOffset: number,
  documentText?: string,
): { region: EmbeddedRegion; offset: number } | undefined {
  for (const region of regions) {
    if (documentOffset < region.sourceStart || documentOffset > region.sourceEnd) continue;
    const offset = region.toRegionOffset(documentOffset);
    if (offset !== undefined) return { region, offset };
  }
  if (documentText === undefined) return undefined;
  for (const region of regions) {
    // A value ends inside its scalar's source: most regions are ruled out without mapping them.
    if (documentOffset < region.sourceStart || documentOffset > region.sourceEnd + 200) continue;
    const end = region.toDocumentOffset(region.text.length);
    if (documentOffset <= end || documentOffset > end + 200) continue;
    const gap = documentText.slice(end, documentOffset);
    if (!/^[ \t]+$/.test(gap) || !/^(\r?\n|$)/.test(documentText.slice(documentOffset, documentOffset + 2))) continue;
    return { region: withTrailingSpace(region, end, gap), offset: region.text.length + gap.length };
  }
  return undefined;
}

/** The region extended by the spaces typed after it, mapped one to one. */
function withTrailingSpace(region: EmbeddedRegion, end: number, gap: string): EmbeddedRegion {
  const length = region.text.length;
  return {
    ...region,
    text: region.text + gap,
    sourceEnd: Math.max(region.sourceEnd, end + gap.length),
    toDocumentOffset: (offset) => (offset <= length ? region.toDocumentOffset(offset) : end + Math.min(offset - length, gap.length)),
    toRegionOffset: (documentOffset) =>
      documentOffset > end && documentOffset <= end + gap.length ? length + documentOffset - end : region.toRegionOffset(documentOffset),
  };
}

export function regionRange(document: TextDocument, region: EmbeddedRegion, from: number, to: number): Range {
  const start = region.toDocumentOffset(clamp(from, 0, region.text.length));
  const end = region.toDocumentOffset(clamp(Math.max(from, to), 0, region.text.length));
  return { start: document.positionAt(start), end: document.positionAt(Math.max(start, end)) };
}

const severities: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/**
 * Turns a problem into an LSP diagnostic, applying the severity table and settings;
 * undefined when the user switched the code off.
 */
export function toDiagnostic(problem: ExprProblem, range: Range, settings: AlertsmithSettings): Diagnostic | undefined {
  const severity = effectiveSeverity(problem.code, problem.severity, settings);
  if (severity === 'off') return undefined;
  return { range, severity: severities[severity], code: problem.code, source: 'alertsmith', message: problem.message };
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
