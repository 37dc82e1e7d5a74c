import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, Range } from 'vscode-languageserver-types';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { effectiveSeverity } from './diagnosticCodes';
import type { AlertsmithSettings } from './settings';
import type { EmbeddedRegion, ExprProblem, Severity } from './types';

/** The region whose value contains the document offset (its end included, for typing at the end). */
export function regionAt(regions: readonly EmbeddedRegion[], documentOffset: number): { region: EmbeddedRegion; offset: number } | undefined {
  for (const region of regions) {
    if (documentOffset < region.sourceStart || documentOffset > region.sourceEnd) continue;
    const offset = region.toRegionOffset(documentOffset);
    if (offset !== undefined) return { region, offset };
  }
  return undefined;
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
