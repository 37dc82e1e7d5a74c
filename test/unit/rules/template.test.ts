import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeAlertTemplate } from '../../../server/src/service/rules/template/alertTemplate';

describe('Go template parse errors, as text/template reports them', () => {
  const cases: { template: string; error?: string }[] = [
    { template: 'plain text, no actions' },
    { template: '{{ $labels.instance }} of {{ .Labels.job }} is {{ $value | humanizePercentage }}' },
    { template: '{{- /* a comment */ -}} x' },
    { template: '{{ if and (gt $value 1.0) (ne $labels.env "dev") }}a{{ else if eq 1 2 }}b{{ else }}c{{ end }}' },
    { template: '{{ range $i, $s := query "up" }}{{ $i }}{{ $s.Labels.job }}{{ break }}{{ end }}' },
    { template: '{{ with $x := 1 }}{{ $x }}{{ end }}' },
    { template: '{{ printf "%.2f" $value }} {{ `raw` }} {{ \'c\' }} {{ 0x1F }} {{ -1.5e3 }} {{ print nil }}' },
    { template: '{{ define "t" }}x{{ end }}{{ template "t" . }}' },
    { template: '{{ humanise $value }}', error: 'function "humanise" not defined' },
    { template: '{{ $x }}', error: 'undefined variable "$x"' },
    { template: '{{ with 1 }}{{ $y := 2 }}{{ end }}{{ $y }}', error: 'undefined variable "$y"' },
    { template: '{{ $labels.job', error: 'unclosed action' },
    { template: '{{ if true }}x', error: 'unexpected EOF' },
    { template: '{{ end }}', error: 'unexpected {{end}}' },
    { template: '{{ else }}', error: 'unexpected {{else}}' },
    { template: '{{ }}', error: 'missing value for command' },
    { template: '{{ if }}x{{ end }}', error: 'missing value for if' },
    { template: '{{ "a" | "b" }}', error: 'non executable command in pipeline stage 2' },
    { template: '{{ nil }}', error: 'nil is not a command' },
    { template: '{{ break }}', error: '{{break}} outside {{range}}' },
    { template: '{{ "abc }}', error: 'unterminated quoted string' },
    { template: '{{ (print 1 }}', error: 'unclosed left paren' },
    { template: '{{ print 1) }}', error: 'unexpected right paren' },
    { template: '{{ /* x */ }}', error: 'unrecognized character in action: "/"' },
    { template: '{{/* x }}', error: 'unclosed comment' },
    { template: '{{ a : b }}', error: 'expected :=' },
    { template: '{{ tmpl "x" . }}', error: 'function "tmpl" not defined' },
    { template: '{{ $y = 3 }}{{ $y }}' },
    { template: '{{ 1.2.3 }}', error: 'unexpected ".3" in operand' },
    { template: '{{ print 1"a" }}', error: 'unexpected "\\"a\\"" in operand' },
    { template: '{{ 3x }}', error: 'bad number syntax: "3x"' },
    { template: '{{ if 1 }}{{ else }}{{ else }}{{ end }}', error: 'expected end; found {{else}}' },
  ];
  for (const { template, error } of cases) {
    it(template, () => assert.equal(analyzeAlertTemplate(template).error?.message, error));
  }
});

describe('label references and unknown fields', () => {
  it('collects $labels.x, .Labels.x, $.Labels.x and index $labels "x" with their ranges', () => {
    const template = '{{ $labels.a }}{{ .Labels.b }}{{ $.Labels.c }}{{ index $labels "d" }}{{ $externalLabels.e }}';
    const refs = analyzeAlertTemplate(template).labelReferences;
    assert.deepEqual(
      refs.map((r) => [r.name, template.slice(r.from, r.to)]),
      [
        ['a', 'a'],
        ['b', 'b'],
        ['c', 'c'],
        ['d', '"d"'],
      ],
    );
  });

  it('does not treat . inside range or with as the alert data', () => {
    const analysis = analyzeAlertTemplate('{{ range query "up" }}{{ .Labels.x }}{{ .Value }}{{ .whatever }}{{ end }}');
    assert.deepEqual(analysis.labelReferences, []);
    assert.deepEqual(analysis.unknownFields, []);
  });

  it('reports fields the alert data lacks', () => {
    const template = '{{ $.labels.job }} {{ .Valeu }} {{ $value.Labels }} {{ $value }}';
    const fields = analyzeAlertTemplate(template).unknownFields.map((f) => template.slice(f.from, f.to));
    assert.deepEqual(fields, ['.labels', '.Valeu', '.Labels']);
  });
});
