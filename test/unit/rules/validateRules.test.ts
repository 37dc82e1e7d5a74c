import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseYamlFile } from '../../../server/src/service/yaml';
import { validateRuleFile, type RuleValidationOptions } from '../../../server/src/service/rules/validateRules';
import { rulesRules } from '../../../server/src/service/rules/codes';

/** `⟦…⟧` marks where the problem must be reported; the markers are removed from the YAML. */
function marked(source: string): { text: string; from: number; to: number } {
  const from = source.indexOf('⟦');
  const to = source.indexOf('⟧') - 1;
  return { text: source.replace('⟦', '').replace('⟧', ''), from, to };
}

function check(source: string, options?: RuleValidationOptions) {
  const { text, from, to } = marked(source);
  return { problems: validateRuleFile(parseYamlFile(text), options), from, to, text };
}

const cases: { title: string; yaml: string; code: string; message?: RegExp; options?: RuleValidationOptions }[] = [
  { title: 'groups not a list', yaml: 'groups: ⟦{ name: a }⟧\n', code: 'rules/invalid-groups' },
  { title: 'group without name', yaml: 'groups:\n  - ⟦rules⟧: []\n', code: 'rules/missing-group-name' },
  { title: 'empty group name', yaml: 'groups:\n  - ⟦name⟧: ""\n    rules: []\n', code: 'rules/missing-group-name' },
  { title: 'duplicate group', yaml: 'groups:\n  - name: a\n  - name: ⟦a⟧\n', code: 'rules/duplicate-group', message: /"a" is repeated/ },
  {
    title: 'interval without unit',
    yaml: 'groups:\n  - name: a\n    interval: ⟦30⟧\n',
    code: 'rules/invalid-duration',
    message: /add a unit/,
  },
  { title: 'units out of order', yaml: 'groups:\n  - name: a\n    query_offset: ⟦1m1h⟧\n', code: 'rules/invalid-duration' },
  {
    title: 'for with a bad duration',
    yaml: 'groups:\n  - name: a\n    rules:\n      - alert: A\n        expr: up\n        for: ⟦5 minutes⟧\n',
    code: 'rules/invalid-duration',
  },
  {
    title: 'keep_firing_for quoted but bad',
    yaml: 'groups:\n  - name: a\n    rules:\n      - alert: A\n        expr: up\n        keep_firing_for: ⟦"1.5h"⟧\n',
    code: 'rules/invalid-duration',
  },
  { title: 'limit as a string', yaml: 'groups:\n  - name: a\n    limit: ⟦"10"⟧\n', code: 'rules/invalid-limit' },
  { title: 'name as a list', yaml: 'groups:\n  - name: ⟦[a]⟧\n', code: 'rules/invalid-field-type' },
  {
    title: 'unknown rule field, with a suggestion',
    yaml: 'groups:\n  - name: a\n    rules:\n      - alert: A\n        expr: up\n        ⟦annotation⟧: {}\n',
    code: 'rules/unknown-field',
    message: /field annotation not found in type rulefmt.Rule \(did you mean `annotations`\?\)/,
  },
  {
    title: 'Thanos group field in a plain rule file (warning)',
    yaml: 'groups:\n  - name: a\n    ⟦partial_response_strategy⟧: warn\n',
    code: 'rules/unknown-field',
    message: /Thanos\/Mimir extension/,
  },
  {
    title: 'unknown group field',
    yaml: 'groups:\n  - name: a\n    ⟦evaluation_interval⟧: 1m\n',
    code: 'rules/unknown-field',
    message: /rulefmt.RuleGroup/,
  },
  { title: 'unknown top-level field', yaml: 'groups: []\n⟦version⟧: 2\n', code: 'rules/unknown-field', message: /rulefmt.RuleGroups/ },
  {
    title: 'alert and record',
    yaml: 'groups:\n  - name: a\n    rules:\n      - record: r\n        ⟦alert⟧: A\n        expr: up\n',
    code: 'rules/alert-and-record',
  },
  {
    title: 'neither alert nor record',
    yaml: 'groups:\n  - name: a\n    rules:\n      - ⟦expr⟧: up\n',
    code: 'rules/missing-alert-or-record',
  },
  { title: 'missing expr', yaml: 'groups:\n  - name: a\n    rules:\n      - ⟦record⟧: r\n', code: 'rules/missing-expr' },
  { title: 'empty expr', yaml: 'groups:\n  - name: a\n    rules:\n      - record: r\n        ⟦expr⟧:\n', code: 'rules/missing-expr' },
  {
    title: 'expr as a mapping',
    yaml: 'groups:\n  - name: a\n    rules:\n      - record: r\n        expr: ⟦{ a: b }⟧\n',
    code: 'rules/invalid-field-type',
  },
  {
    title: 'record name with braces',
    yaml: 'groups:\n  - name: a\n    rules:\n      - record: ⟦up{job="a"}⟧\n        expr: up\n',
    code: 'rules/invalid-record-name',
    message: /should it be in expr/,
  },
  {
    title: 'record name, legacy validation',
    yaml: 'groups:\n  - name: a\n    rules:\n      - record: ⟦job-rate⟧\n        expr: up\n',
    code: 'rules/invalid-record-name',
    options: { nameValidation: 'legacy' },
  },
  {
    title: 'for on a recording rule',
    yaml: 'groups:\n  - name: a\n    rules:\n      - record: r\n        expr: up\n        ⟦for⟧: 5m\n',
    code: 'rules/recording-rule-field',
  },
  {
    title: 'annotations on a recording rule',
    yaml: 'groups:\n  - name: a\n    rules:\n      - record: r\n        expr: up\n        ⟦annotations⟧:\n          a: b\n',
    code: 'rules/recording-rule-field',
  },
  {
    title: '__name__ label',
    yaml: 'groups:\n  - name: a\n    rules:\n      - record: r\n        expr: up\n        labels:\n          ⟦__name__⟧: x\n',
    code: 'rules/invalid-label-name',
  },
  {
    title: 'legacy label name',
    yaml: 'groups:\n  - name: a\n    labels:\n      ⟦team-name⟧: x\n',
    code: 'rules/invalid-label-name',
    options: { nameValidation: 'legacy' },
  },
  {
    title: 'label value as a list',
    yaml: 'groups:\n  - name: a\n    rules:\n      - alert: A\n        expr: up\n        labels:\n          a: ⟦[1]⟧\n',
    code: 'rules/invalid-field-type',
  },
  {
    title: 'unknown template function',
    yaml: 'groups:\n  - name: a\n    rules:\n      - alert: A\n        expr: up == 0\n        annotations:\n          summary: "{{ ⟦humanise⟧ $value }}"\n',
    code: 'rules/invalid-template',
    message: /function "humanise" not defined/,
  },
  {
    title: 'undefined variable, in a block scalar',
    yaml: 'groups:\n  - name: a\n    rules:\n      - alert: A\n        expr: up == 0\n        annotations:\n          summary: |\n            Instance\n            {{ ⟦$label⟧.instance }} down\n',
    code: 'rules/invalid-template',
    message: /undefined variable "\$label"/,
  },
  {
    title: 'unclosed action in a label',
    yaml: "groups:\n  - name: a\n    rules:\n      - alert: A\n        expr: up == 0\n        labels:\n          team: '⟦{{ $labels.team⟧'\n",
    code: 'rules/invalid-template',
    message: /unclosed action/,
  },
  {
    title: 'template field with a wrong case',
    yaml: 'groups:\n  - name: a\n    rules:\n      - alert: A\n        expr: up == 0\n        annotations:\n          summary: "{{ $⟦.labels⟧.job }}"\n',
    code: 'rules/template-unknown-field',
  },
  {
    title: 'label the expression aggregates away',
    yaml: 'groups:\n  - name: a\n    rules:\n      - alert: A\n        expr: sum by (job) (up) == 0\n        annotations:\n          summary: "{{ $labels.⟦instance⟧ }} of {{ $labels.job }}"\n',
    code: 'rules/template-unknown-label',
    message: /"instance"/,
  },
  {
    title: 'label through .Labels and escapes',
    yaml: 'groups:\n  - name: a\n    rules:\n      - alert: A\n        expr: count by (job) (up) > 1\n        annotations:\n          summary: "\\x7B{ .Labels.⟦pod⟧ }}"\n',
    code: 'rules/template-unknown-label',
  },
  {
    title: 'duplicate rule (promtool lint)',
    yaml: 'groups:\n  - name: a\n    rules:\n      - record: r\n        expr: up\n  - name: b\n    rules:\n      - record: ⟦r⟧\n        expr: up\n',
    code: 'rules/duplicate-rule',
  },
  { title: 'second document of a rule file', yaml: 'groups: []\n---\n⟦groups⟧:\n  - name: a\n', code: 'rules/ignored-document' },
  {
    title: 'PrometheusRule manifest',
    yaml: 'apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nmetadata:\n  name: x\nspec:\n  groups:\n    - name: a\n      rules:\n        - alert: A\n          expr: up == 0\n          ⟦fore⟧: 5m\n',
    code: 'rules/unknown-field',
    message: /PrometheusRule rule \(did you mean `for`\?\)/,
  },
  { title: 'broken YAML is reported too', yaml: 'groups:\n  - name: a\n    rules: ⟦[⟧\n', code: 'yaml/syntax-error' },
];

describe('validateRuleFile: one problem per case, at the marked range', () => {
  for (const { title, yaml, code, message, options } of cases) {
    it(title, () => {
      const { problems, from, to } = check(yaml, options);
      const found = problems.filter((problem) => problem.code === code);
      assert.equal(found.length, 1, JSON.stringify(problems));
      assert.deepEqual([found[0].from, found[0].to], [from, to], found[0].message);
      if (message) assert.match(found[0].message, message);
    });
  }
});

describe('validateRuleFile: valid input stays quiet', () => {
  const quiet: { title: string; yaml: string }[] = [
    {
      title: 'all fields',
      yaml: 'groups:\n  - name: a\n    interval: 1m\n    query_offset: 30s\n    limit: 10\n    labels:\n      team: x\n    rules:\n      - alert: A\n        expr: up{job="x"} == 0\n        for: 5m\n        keep_firing_for: 0\n        labels:\n          severity: "{{ if gt $value 1.0 }}page{{ else }}ticket{{ end }}"\n        annotations:\n          summary: "{{ $labels.job }} is {{ $value | humanize }}; {{ $externalLabels.cluster }} {{ $externalURL }}"\n          description: \'{{ range query "up" }}{{ .Labels.instance }}{{ end }}\'\n      - record: job:up:sum\n        expr: sum by (job) (up)\n',
    },
    { title: 'empty file and empty groups', yaml: 'groups:\n' },
    { title: 'non-rule YAML gets nothing, even if broken', yaml: 'apiVersion: apps/v1\nkind: Deployment\nspec: [\n' },
    {
      title: 'merge keys and aliases',
      yaml: 'groups:\n  - name: a\n    rules:\n      - &base\n        alert: A\n        expr: &e up == 0\n        labels: { severity: &s page }\n      - <<: *base\n        alert: B\n        labels: { severity: *s }\n      - record: r\n        expr: *e\n',
    },
    {
      title: 'PrometheusRule with a Thanos partial_response_strategy',
      yaml: 'apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nspec:\n  groups:\n    - name: a\n      partial_response_strategy: warn\n      rules:\n        - record: r\n          expr: 1\n',
    },
    {
      title: 'utf-8 names',
      yaml: 'groups:\n  - name: a\n    rules:\n      - record: "job.rate"\n        expr: up\n        labels:\n          team.name: x\n',
    },
    {
      title: 'Loki rule file: no PromQL label inference',
      yaml: 'groups:\n  - name: a\n    rules:\n      - alert: A\n        expr: sum by (app) (count_over_time({app="x"} |= "error" [5m])) > 0\n        annotations:\n          summary: "{{ $labels.pod }}"\n',
    },
    {
      title: 'a label the expression keeps',
      yaml: 'groups:\n  - name: a\n    rules:\n      - alert: A\n        expr: sum by (job, instance) (up) == 0\n        annotations:\n          summary: "{{ $labels.instance }} {{ index $labels \\"job\\" }}"\n',
    },
  ];
  for (const { title, yaml } of quiet) {
    it(title, () => assert.deepEqual(validateRuleFile(parseYamlFile(yaml)), []));
  }
});

describe('validateRuleFile: details', () => {
  it('points a duplicate group at the first one', () => {
    const text = 'groups:\n  - name: a\n  - name: a\n';
    const [problem] = validateRuleFile(parseYamlFile(text));
    const first = text.indexOf(': a') + 2;
    assert.deepEqual(
      problem.related?.map((r) => [r.from, r.to]),
      [[first, first + 1]],
    );
  });

  it('every code it reports is in the table', () => {
    const codes = new Set(rulesRules.map((rule) => rule.code));
    for (const { code } of cases) if (code.startsWith('rules/')) assert.ok(codes.has(code), code);
  });
});
