import type { Diagnostic } from 'vscode-languageserver-types';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { InputFile } from './files';

export interface FileReport {
  file: InputFile;
  diagnostics: Diagnostic[];
}

const severityNames: Record<DiagnosticSeverity, 'error' | 'warning' | 'information' | 'hint'> = {
  [DiagnosticSeverity.Error]: 'error',
  [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'information',
  [DiagnosticSeverity.Hint]: 'hint',
};

export function severityName(diagnostic: Diagnostic): 'error' | 'warning' | 'information' | 'hint' {
  return severityNames[diagnostic.severity ?? DiagnosticSeverity.Error];
}

/** The JSON shape fixed by DESIGN.md: one array of files with 0-based LSP ranges. */
export function formatJson(reports: readonly FileReport[]): string {
  return JSON.stringify(
    reports.map(({ file, diagnostics }) => ({
      file: file.displayPath,
      diagnostics: diagnostics.map((diagnostic) => ({
        range: diagnostic.range,
        severity: severityName(diagnostic),
        code: String(diagnostic.code ?? ''),
        message: diagnostic.message,
      })),
    })),
    null,
    2,
  );
}

const colors = { error: '31', warning: '33', information: '36', hint: '2' } as const;

/**
 * Human output: `path:line:col severity code: message`, then the source line with a caret
 * underline, like compilers print. Positions are shown 1-based.
 */
export function formatText(reports: readonly FileReport[], color: boolean): string {
  const paint = (code: string, text: string) => (color ? `\u001b[${code}m${text}\u001b[0m` : text);
  const out: string[] = [];
  const counts = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const { file, diagnostics } of reports) {
    const lines = file.text.split(/\r?\n/);
    for (const diagnostic of diagnostics) {
      const severity = severityName(diagnostic);
      counts[severity]++;
      const { start, end } = diagnostic.range;
      out.push(
        `${paint('1', `${file.displayPath}:${start.line + 1}:${start.character + 1}`)} ${paint(colors[severity], severity)} ${paint('2', String(diagnostic.code ?? ''))}: ${diagnostic.message}`,
      );
      const line = lines[start.line] ?? '';
      const gutter = String(start.line + 1).padStart(5);
      const shown = line.length > 200 ? line.slice(0, 200) + '…' : line;
      out.push(`${gutter} | ${shown}`);
      const width = end.line === start.line ? Math.max(1, end.character - start.character) : Math.max(1, line.length - start.character);
      const caretStart = Math.min(start.character, shown.length);
      out.push(`${' '.repeat(gutter.length)} | ${' '.repeat(caretStart)}${paint(colors[severity], '^'.repeat(Math.min(width, 200)))}`);
    }
  }
  const files = reports.length;
  out.push(
    `${files} file${files === 1 ? '' : 's'} checked: ${counts.error} error${counts.error === 1 ? '' : 's'}, ${counts.warning} warning${counts.warning === 1 ? '' : 's'}, ${counts.information} information.`,
  );
  return out.join('\n');
}
