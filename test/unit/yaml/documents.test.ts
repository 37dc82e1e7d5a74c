import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parser } from '@prometheus-io/lezer-promql';
import { documentKinds, expressionLanguage, findEmbeddedRegions, parseYamlFile } from '../../../server/src/service/yaml';
import { ruleFileLanguage } from '../../../server/src/service/yaml/languageDetection';
import { documentLanguage, globMatches, parseAlertsmithDocument } from '../../../server/src/service/document';

const prometheusRule = (expr: string) =>
  `apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nmetadata:\n  name: r\nspec:\n  groups:\n    - name: g\n      rules:\n        - alert: A\n          expr: ${expr}\n`;
const deployment =
  'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  template:\n    spec:\n      containers:\n        - name: c\n          args: ["--expr", "up"]\n';

describe('document kinds', () => {
  const cases: { title: string; yaml: string; kinds: string[] }[] = [
    { title: 'rule file', yaml: 'groups:\n  - name: a\n', kinds: ['rule-file'] },
    { title: 'rule file being typed', yaml: 'groups:\n', kinds: ['rule-file'] },
    { title: 'a groups key among others is not a rule file', yaml: 'groups: admins\nusers: [a]\n', kinds: ['other'] },
    {
      title: 'PrometheusRule, Deployment, empty and Loki AlertingRule',
      yaml: `${prometheusRule('up == 0')}---\n${deployment}---\n---\napiVersion: loki.grafana.com/v1\nkind: AlertingRule\nspec:\n  groups: []\n`,
      kinds: ['prometheus-rule', 'kubernetes', 'empty', 'loki-rule'],
    },
    { title: 'a list', yaml: '- a\n- b\n', kinds: ['other'] },
  ];
  for (const { title, yaml, kinds } of cases) {
    it(title, () =>
      assert.deepEqual(
        documentKinds(parseYamlFile(yaml)).map((k) => k.kind),
        kinds,
      ),
    );
  }
});

describe('regions of multi-document and broken files', () => {
  it('finds the expr of a PrometheusRule between Deployments, nothing in the Deployments', () => {
    const text = `${deployment}---\n${prometheusRule('"up{job=\\"a\\"} == 0"')}---\n${deployment}`;
    const regions = findEmbeddedRegions(parseYamlFile(text));
    assert.deepEqual(
      regions.map((r) => [r.language, r.context, r.text]),
      [['promql', 'alert', 'up{job="a"} == 0']],
    );
    assert.equal(text.slice(regions[0].toDocumentOffset(3), regions[0].toDocumentOffset(6)), 'job');
  });

  it('still extracts expressions after a syntax error and reports the error where the package says', () => {
    const text =
      'groups:\n  - name: a\n    rules:\n      - record: r\n        expr: rate(x[5m])\n      - record: s\n        labels: {a: [1}\n        expr: up\n';
    const file = parseYamlFile(text);
    assert.ok(file.problems.some((p) => p.code === 'yaml/syntax-error'));
    const regions = findEmbeddedRegions(file);
    assert.ok(regions.some((r) => r.text === 'rate(x[5m])'));
  });

  it('reports tabs used as indentation', () => {
    const text = 'groups:\n\t- name: a\n';
    const [problem] = parseYamlFile(text).problems;
    assert.equal(problem.code, 'yaml/syntax-error');
    assert.equal(text.slice(problem.from, problem.to), '\t');
  });

  it('maps CRLF documents exactly', () => {
    const text = 'groups:\r\n- name: a\r\n  rules:\r\n  - alert: A\r\n    expr: >-\r\n      sum(x)\r\n      > 1\r\n';
    const [region] = findEmbeddedRegions(parseYamlFile(text));
    assert.equal(region.text, 'sum(x) > 1');
    assert.equal(text[region.toDocumentOffset(region.text.indexOf('>'))], '>');
    assert.equal(text.slice(region.toDocumentOffset(6), region.toDocumentOffset(6) + 2), '\r\n');
  });
});

describe('Helm chart templates', () => {
  it('keeps plain expressions, drops templated ones, reports no YAML problems', async () => {
    const { validateRuleFile } = await import('../../../server/src/service/rules/validateRules');
    const text = `{{- if .Values.rules.enabled }}\n${prometheusRule('up{job="{{ .Values.job }}"} == 0')}        - record: r\n          expr: sum(up)\n{{- end }}\n`;
    const file = parseYamlFile(text);
    assert.equal(file.helmTemplate, true);
    assert.deepEqual(
      findEmbeddedRegions(file).map((r) => r.text),
      ['sum(up)'],
    );
    assert.deepEqual(validateRuleFile(file), []);
    assert.equal(parseYamlFile(prometheusRule('up == 0')).helmTemplate, false);
  });
});

describe('LogQL or PromQL, from the expressions', () => {
  const cases: { expr: string; language: string }[] = [
    { expr: '{app="api"} |= "error"', language: 'logql' },
    { expr: 'sum by (level) (count_over_time({app="api"} | json | level="error" [5m])) > 10', language: 'logql' },
    { expr: 'bytes_rate({app="api"}[1m])', language: 'logql' },
    { expr: 'count_over_time({app="api"}[5m])', language: 'logql' },
    { expr: 'rate(http_requests_total{code=~"5.."}[5m]) > 0', language: 'promql' },
    { expr: 'up == 0', language: 'promql' },
    { expr: '{job="api"} != 0', language: 'unknown' },
    { expr: 'up', language: 'promql' },
    { expr: 'sum by (job) (node:cpu:rate5m) > 0.9', language: 'promql' },
    { expr: 'absent(up) == bool 1', language: 'promql' },
    // Constants and calls only: valid LogQL and PromQL alike.
    { expr: 'vector(1)', language: 'unknown' },
    { expr: '1 > 0', language: 'unknown' },
    { expr: 'sum by (app) (vector(1)) > Inf', language: 'unknown' },
    { expr: 'label_replace(vector(1), "dst", "$1", "src", "(.*)")', language: 'unknown' },
    { expr: 'vector(0x1F) * 1e3 / NaN', language: 'unknown' },
  ];
  for (const { expr, language } of cases) it(expr, () => assert.equal(expressionLanguage(expr), language));

  it('classifies a whole rule file by most of its expressions', () => {
    const file = (exprs: string[]) =>
      `groups:\n  - name: g\n    rules:\n${exprs.map((e, i) => `      - record: r${i}\n        expr: '${e}'\n`).join('')}`;
    const loki = findEmbeddedRegions(
      parseYamlFile(file(['sum(rate({app="a"} |= "x" [1m]))', '{job="api"} != 0', 'count_over_time({app="b"}[5m])'])),
    );
    assert.deepEqual(
      loki.map((r) => r.language),
      ['logql', 'logql', 'logql'],
    );
    // Constant expressions, valid in both, do not outvote the one LogQL query (it was checked as PromQL).
    const lokiWithConstants = findEmbeddedRegions(parseYamlFile(file(['{app="a"} |= "x"', 'vector(1)', '1 > 0'])));
    assert.deepEqual(
      lokiWithConstants.map((r) => r.language),
      ['logql', 'logql', 'logql'],
    );
    const prom = findEmbeddedRegions(parseYamlFile(file(['sum(rate(x[1m]))', 'count_over_time({app="b"}[5m])', 'up'])));
    assert.deepEqual(
      prom.map((r) => r.language),
      ['promql', 'promql', 'promql'],
    );
  });

  it('a rule file is classified as if every expression were counted (the count stops once the rest cannot change it)', () => {
    const words = ['{app="a"} |= "x"', 'sum(rate(http_requests_total[5m]))', 'vector(1)'];
    let seed = 7;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    for (let n = 0; n < 400; n++) {
      const exprs = Array.from({ length: Math.floor(random() * 9) }, () => words[Math.floor(random() * words.length)]);
      const logql = exprs.filter((e) => expressionLanguage(e) === 'logql').length;
      const promql = exprs.filter((e) => expressionLanguage(e) === 'promql').length;
      assert.equal(ruleFileLanguage(exprs), logql > promql ? 'logql' : 'promql', exprs.join(' ; '));
    }
  });

  it('PrometheusRule expressions are PromQL unless they are clearly LogQL (Alloy reads the kind for Loki)', () => {
    const [logql] = findEmbeddedRegions(parseYamlFile(prometheusRule(`'sum(rate({app="a"} |= "x" [5m]))'`)));
    assert.equal(logql.language, 'logql');
    const [promql] = findEmbeddedRegions(parseYamlFile(prometheusRule(`'sum(rate(http_requests_total{app="a"}[5m]))'`)));
    assert.equal(promql.language, 'promql');
    const [ambiguous] = findEmbeddedRegions(parseYamlFile(prometheusRule(`'{app="a"}'`)));
    assert.equal(ambiguous.language, 'promql');
  });
});

describe('parseAlertsmithDocument', () => {
  it('treats a .promql file as one query region, comments included', () => {
    const text = '# errors per job\nsum by (job) (rate(errors_total[5m]))\n';
    const document = parseAlertsmithDocument({ uri: 'file:///q.promql', languageId: 'promql', text });
    assert.equal(document.kind, 'promql');
    assert.deepEqual(
      document.regions.map((r) => [r.language, r.context, r.text]),
      [['promql', 'query', text]],
    );
    // The PromQL grammar itself skips `#` comments, so no blanking is needed.
    let errors = 0;
    parser.parse(text).iterate({ enter: (node) => void (node.type.isError && errors++) });
    assert.equal(errors, 0);
  });

  it('decides the language by extension or content when the languageId is unknown', () => {
    assert.equal(documentLanguage('file:///a/rules.yml', 'plaintext', ''), 'yaml');
    assert.equal(documentLanguage('file:///a/q.logql', '', ''), 'logql');
    assert.equal(documentLanguage('stdin:/input', 'unknown', 'groups:\n  - name: a\n'), 'yaml');
    assert.equal(documentLanguage('stdin:/input', 'unknown', 'sum(rate(x[5m]))'), 'promql');
  });

  it('parses YAML once and returns kinds, rule files and regions', () => {
    const document = parseAlertsmithDocument({ uri: 'file:///r.yaml', languageId: 'yaml', text: prometheusRule('up == 0') });
    assert.equal(document.kind, 'yaml');
    assert.deepEqual(
      document.documentKinds.map((k) => k.kind),
      ['prometheus-rule'],
    );
    assert.equal(document.ruleFiles[0].groups[0].rules.length, 1);
    assert.deepEqual(
      document.regions.map((r) => r.text),
      ['up == 0'],
    );
  });

  it('logql.ruleFiles globs force LogQL', () => {
    const text = 'groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: up == 0\n';
    const settings = { logql: { ruleFiles: ['**/loki/*.yaml'] } };
    const forced = parseAlertsmithDocument({ uri: 'file:///repo/loki/rules.yaml', languageId: 'yaml', text, settings });
    const detected = parseAlertsmithDocument({ uri: 'file:///repo/prom/rules.yaml', languageId: 'yaml', text, settings });
    assert.deepEqual([forced.regions[0].language, detected.regions[0].language], ['logql', 'promql']);
  });

  it('matches globs against the end of the URI', () => {
    assert.equal(globMatches('loki/*.yaml', 'file:///x/loki/a.yaml'), true);
    assert.equal(globMatches('loki/*.yaml', 'file:///x/loki/sub/a.yaml'), false);
    assert.equal(globMatches('**/rules-?.yml', 'file:///x/y/rules-1.yml'), true);
  });
});
