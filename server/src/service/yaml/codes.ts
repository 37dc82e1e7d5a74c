import type { DiagnosticRule } from '../diagnosticRule';

/** Problems of the YAML text itself, reported by the `yaml` package. */
export const yamlRules: DiagnosticRule[] = [
  {
    code: 'yaml/syntax-error',
    severity: 'error',
    title: 'The file is not valid YAML; the parts that parse are still checked.',
    example: 'groups:\n  - name: a\n    rules: [\n',
  },
  {
    code: 'yaml/duplicate-key',
    severity: 'error',
    title: 'A mapping has the same key twice; Prometheus refuses to load such a file.',
    example: 'groups:\n  - name: a\n    name: b\n',
  },
  {
    code: 'yaml/warning',
    severity: 'warning',
    title: 'The YAML parser accepted the text but warns about it (for example an unknown tag).',
    example: 'expr: !custom up\n',
  },
];
