/**
 * Helm chart templates (`templates/prometheusrule.yaml`) are YAML only after rendering:
 * `{{- if .Values.x }}` lines and `{{ .Values.x }}` values make the raw text invalid YAML. We
 * still offer expression features there, but report no YAML or rule-structure problems.
 * Prometheus' own alert templates never use chart objects or chart functions, so those tell
 * the two apart.
 */
const chartObject = /\{\{[^}]*?(?:\.|\$\.)(?:Values|Release|Chart|Capabilities|Files)\b/;
const chartFunction = /\{\{[^}]*?\b(?:include|toYaml|tpl|required|nindent)\b/;

export function looksLikeHelmTemplate(text: string): boolean {
  return chartObject.test(text) || chartFunction.test(text);
}

/** Blanks lines that hold only template actions (`{{- if … }}`, `{{- end }}`), keeping every offset. */
export function blankActionLines(text: string): string {
  return text.replace(/^[ \t]*\{\{[^\n]*\}\}[ \t]*(?=\r?$)/gm, (line) => ' '.repeat(line.length));
}
