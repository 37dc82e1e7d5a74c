/**
 * Helm templates are not YAML until rendered: recognise them and skip them with one notice,
 * without mistaking Prometheus alert templates (`{{ $labels.pod }}`) for Helm.
 */
import type { Document } from 'yaml';
import { OperatorCode } from './codes';
import { problemAt, type OperatorProblem } from './problem';

export interface SkippedFile {
  objects: [];
  problems: OperatorProblem[];
}

// Helm's own objects and functions; Prometheus alert templates (`{{ $labels.pod }}`) use none.
export const helmMarker =
  /\{\{-?\s*(?:\.Values|\.Release|\.Chart|\.Capabilities|\.Files|\.Template|\$\.Values|include\s|template\s|toYaml|tpl\s|define\s)|\|\s*nindent\b/;
const templateAction = /\{\{-?[^}]*\}\}/;

/**
 * A template action on a line where the YAML fails to parse is Helm (or similar) templating, not
 * an alert template inside a string; returns its offset. Errors elsewhere (half-typed YAML) do not count.
 */
export function templateBreakingYaml(text: string, documents: readonly Document.Parsed[]): number | undefined {
  for (const document of documents) {
    for (const error of document.errors) {
      if (error.code === 'DUPLICATE_KEY') continue; // YAML all the same, whatever the parser was told
      const lineStart = text.lastIndexOf('\n', error.pos[0] - 1) + 1;
      const nextBreak = text.indexOf('\n', error.pos[0]);
      const lineEnd = nextBreak < 0 ? text.length : nextBreak;
      // The error may be reported where the broken node ends; look at its line and the one before.
      const from = text.lastIndexOf('\n', lineStart - 2) + 1;
      const action = templateAction.exec(text.slice(from, lineEnd));
      if (action) return from + action.index;
    }
  }
  return undefined;
}

export function helmSkipped(text: string, at: number): SkippedFile {
  const close = text.indexOf('}}', at);
  const to = close >= 0 ? close + 2 : at + 2;
  const message =
    'This file uses Helm templating ({{ … }}), so it is not plain YAML; its objects are not indexed or checked. Render it with `helm template` to check the output.';
  return { objects: [], problems: [problemAt({ from: at, to }, OperatorCode.helmTemplateSkipped, 'information', message)] };
}
