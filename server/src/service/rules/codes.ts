import type { DiagnosticRule } from '../diagnosticRule';

/** Rule-file structure, after Prometheus' loader (model/rulefmt/rulefmt.go) and the PrometheusRule CRD. */
export const rulesRules: DiagnosticRule[] = [
  { code: 'rules/invalid-groups', severity: 'error', title: '`groups` must be a list of rule groups.', example: 'groups:\n  name: a\n' },
  {
    code: 'rules/missing-group-name',
    severity: 'error',
    title: 'Every rule group needs a non-empty `name`.',
    example: 'groups:\n  - rules: []\n',
  },
  {
    code: 'rules/duplicate-group',
    severity: 'error',
    title: 'Two groups of one file share a name; Prometheus refuses the file.',
    example: 'groups:\n  - name: a\n  - name: a\n',
  },
  {
    code: 'rules/invalid-duration',
    severity: 'error',
    title: '`interval`, `for`, `keep_firing_for` and `query_offset` take a Prometheus duration such as `5m` or `1h30m`.',
    example: 'groups:\n  - name: a\n    interval: 5\n',
  },
  {
    code: 'rules/invalid-limit',
    severity: 'error',
    title: '`limit` must be a non-negative integer.',
    example: 'groups:\n  - name: a\n    limit: ten\n',
  },
  {
    code: 'rules/invalid-field-type',
    severity: 'error',
    title: 'A field holds the wrong kind of YAML value (a list where a string is expected, …).',
    example: 'groups:\n  - name: [a]\n',
  },
  {
    code: 'rules/unknown-field',
    severity: 'error',
    title: "A field that Prometheus' rule format does not have; its strict loader rejects the file.",
    example: 'groups:\n  - name: a\n    rules:\n      - alert: A\n        expr: up == 0\n        annotation: {}\n',
  },
  {
    code: 'rules/alert-and-record',
    severity: 'error',
    title: 'A rule has both `alert` and `record`; it must be one or the other.',
    example: '- record: a\n  alert: B\n  expr: up\n',
  },
  { code: 'rules/missing-alert-or-record', severity: 'error', title: 'A rule has neither `alert` nor `record`.', example: '- expr: up\n' },
  { code: 'rules/missing-expr', severity: 'error', title: 'A rule without `expr` (or with an empty one).', example: '- record: a\n' },
  {
    code: 'rules/invalid-record-name',
    severity: 'error',
    title:
      'A recording rule name must be a valid metric name (letters, digits, `_` and `:`); braces suggest a selector put in the wrong field.',
    example: '- record: a{b="c"}\n  expr: up\n',
  },
  {
    code: 'rules/recording-rule-field',
    severity: 'error',
    title: '`for`, `keep_firing_for` and `annotations` only apply to alerting rules.',
    example: '- record: a\n  expr: up\n  for: 5m\n',
  },
  {
    code: 'rules/invalid-label-name',
    severity: 'error',
    title: 'A label name that Prometheus rejects (`__name__`, empty, or not a legacy name when legacy validation is on).',
    example: '- record: a\n  expr: up\n  labels:\n    __name__: b\n',
  },
  {
    code: 'rules/invalid-annotation-name',
    severity: 'error',
    title: 'An annotation name that Prometheus rejects.',
    example: '- alert: A\n  expr: up\n  annotations:\n    "": x\n',
  },
  {
    code: 'rules/invalid-template',
    severity: 'error',
    title: 'A label or annotation of an alerting rule is not a valid Go template (Prometheus refuses the file).',
    example: '- alert: A\n  expr: up == 0\n  annotations:\n    summary: "{{ $labels.job "\n',
  },
  {
    code: 'rules/template-unknown-field',
    severity: 'warning',
    title:
      'A template reads a field the alert data does not have (it has Labels, ExternalLabels, ExternalURL, Value); expansion fails when the alert fires.',
    example: '- alert: A\n  expr: up == 0\n  annotations:\n    summary: "{{ $.labels.job }}"\n',
  },
  {
    code: 'rules/template-unknown-label',
    severity: 'warning',
    title: "A template reads a label that the rule's expression never returns, so it expands to an empty string.",
    example: '- alert: A\n  expr: sum by (job) (up) == 0\n  annotations:\n    summary: "{{ $labels.instance }} is down"\n',
  },
  {
    code: 'rules/duplicate-rule',
    severity: 'warning',
    title: 'Two rules of one file have the same name and labels (promtool lint: their results would overwrite each other).',
    example: '- record: a\n  expr: up\n- record: a\n  expr: up\n',
  },
  {
    code: 'rules/ignored-document',
    severity: 'warning',
    title: 'Prometheus reads only the first YAML document of a rule file; later ones are ignored.',
    example: 'groups: []\n---\ngroups:\n  - name: a\n',
  },
];
