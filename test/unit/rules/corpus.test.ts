import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseYamlFile, findEmbeddedRegions } from '../../../server/src/service/yaml';
import { validateRuleFile } from '../../../server/src/service/rules/validateRules';
import { validatePromQL } from '../../../server/src/service/promql/validate';
import { diagnosticRule } from '../../../server/src/service/diagnosticCodes';

const corpus = join(__dirname, '../../../../shared/corpus/rules');
const skip = existsSync(corpus) ? false : `corpus not found at ${corpus}`;
const rulefmt = join(corpus, 'prometheus-testdata/model/rulefmt/testdata');

/** Errors as Prometheus' loader would give: structure problems plus expression parse errors. */
function loaderErrors(text: string, file: string) {
  const yaml = parseYamlFile(text);
  // legacy_validation_* are Prometheus' tests of the legacy name scheme.
  const structure = validateRuleFile(yaml, { nameValidation: file.startsWith('legacy_validation') ? 'legacy' : 'utf8' });
  const expressions = findEmbeddedRegions(yaml).flatMap(
    (region) => validatePromQL(region.text, { context: region.context, experimentalFeaturesEnabled: false }).problems,
  );
  return [...structure, ...expressions].filter(
    (problem) => (problem.severity ?? diagnosticRule(problem.code)?.severity ?? 'error') === 'error',
  );
}

describe('Prometheus rulefmt testdata', { skip }, () => {
  const files = skip ? [] : readdirSync(rulefmt).filter((file) => /\.(good|bad)\.yaml$/.test(file));
  it('has cases', () => assert.ok(files.length >= 10));
  for (const file of files) {
    it(file, () => {
      const errors = loaderErrors(readFileSync(join(rulefmt, file), 'utf8'), file);
      if (file.endsWith('.good.yaml')) assert.deepEqual(errors, []);
      else assert.ok(errors.length > 0, 'a bad file must get at least one error');
    });
  }
});

describe('real rule files and PrometheusRule manifests', { skip }, () => {
  const folders = [
    'kube-prometheus',
    'kube-prometheus-plain',
    'node-exporter',
    'prometheus-operator-example',
    'prometheus-operator-example-plain',
  ];
  const files = skip
    ? []
    : folders.flatMap((folder) =>
        readdirSync(join(corpus, folder))
          .filter((f) => /\.ya?ml$/.test(f))
          .map((f) => join(folder, f)),
      );
  for (const file of files) {
    it(file, () => {
      const text = readFileSync(join(corpus, file), 'utf8');
      const yaml = parseYamlFile(text);
      assert.equal(yaml.helmTemplate, false);
      const problems = validateRuleFile(yaml);
      const errors = problems.filter((problem) => (problem.severity ?? diagnosticRule(problem.code)?.severity) === 'error');
      assert.deepEqual(errors, []);
      // The only template findings are real ones: `{{ $labels.job }}` after `by (namespace, service)`.
      for (const problem of problems.filter((p) => p.code.startsWith('rules/template'))) {
        assert.equal(text.slice(problem.from, problem.to), 'job', problem.message);
      }
    });
  }
});
