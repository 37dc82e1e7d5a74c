import { isMap, isScalar, isSeq } from 'yaml';
import type { RuleFileShape, RuleGroupShape } from '../yaml/ruleShape';
import { ruleFileShapes } from '../yaml/ruleShape';
import type { DocumentProblem, YamlFile } from '../yaml/types';
import {
  durationField,
  integerField,
  keySpan,
  scalarString,
  spanOf,
  stringField,
  valueSpan,
  type NameValidation,
  type Problems,
} from './fieldValues';
import { checkNames, checkRule, withSuggestion } from './ruleChecks';
import type { OutputLabelInference } from './templateChecks';
import { inferOutputLabels } from '../promql/outputLabels';
import type { QueryLanguage } from '../types';
import { plainRuleFileLanguage } from '../yaml/regions';

export type { DocumentProblem } from '../yaml/types';
export type { OutputLabelInference } from './templateChecks';

export interface RuleValidationOptions {
  /** `utf8` (Prometheus 3, the default) or `legacy` (2.x names: `[a-zA-Z_][a-zA-Z0-9_]*`). */
  nameValidation?: NameValidation;
  /** Output labels of a PromQL expression, to check `$labels.x` in templates; `null` turns the check off. */
  inferOutputLabels?: OutputLabelInference | null;
  /** The language of plain rule files (the document's, see AlertsmithDocument); detected from the expressions otherwise. */
  ruleFileLanguage?: QueryLanguage;
}

interface GroupCheckOptions {
  nameValidation?: NameValidation;
  inferOutputLabels?: OutputLabelInference;
}

const groupFields = new Set(['name', 'interval', 'query_offset', 'limit', 'rules', 'labels']);
/** Group fields of Thanos (`partial_response_strategy`) and Mimir/Cortex that Prometheus itself rejects. */
const extensionGroupFields = new Set([
  'partial_response_strategy',
  'source_tenants',
  'evaluation_delay',
  'align_evaluation_time_on_interval',
]);

/**
 * Structure problems of every rule-shaped document of a YAML file (Prometheus rule files,
 * Loki rule files, PrometheusRule manifests), in document offsets: a port of `RuleGroups.Validate`
 * and `Rule.Validate` in prometheus/prometheus model/rulefmt/rulefmt.go plus its strict
 * unmarshalling. Includes the file's `yaml/…` syntax problems when it holds rule groups;
 * files without rule groups, and Helm chart templates, get nothing.
 */
export function validateRuleFile(file: YamlFile, options: RuleValidationOptions = {}): DocumentProblem[] {
  const shapes = ruleFileShapes(file);
  if (shapes.length === 0 || file.helmTemplate) return [];
  const problems: Problems = [...file.problems];
  const plainLanguage = options.ruleFileLanguage ?? plainRuleFileLanguage(shapes);
  for (const shape of shapes) {
    // Output labels are inferred for PromQL only; LogQL rules skip that check.
    const logql = shape.kind === 'loki-rule' || (shape.kind === 'rule-file' && plainLanguage === 'logql');
    const infer = logql || options.inferOutputLabels === null ? undefined : (options.inferOutputLabels ?? inferOutputLabels);
    checkDocument(file.text, shape, problems, { nameValidation: options.nameValidation, inferOutputLabels: infer });
  }
  return dedupe(problems);
}

function checkDocument(text: string, shape: RuleFileShape, problems: Problems, options: GroupCheckOptions): void {
  const manifest = shape.kind !== 'rule-file';
  if (shape.kind === 'rule-file' && shape.documentIndex > 0) {
    problems.push({
      ...(shape.groupsField ? keySpan(shape.groupsField) : { from: 0, to: 0 }),
      code: 'rules/ignored-document',
      message: 'Prometheus reads only the first YAML document of a rule file; this one is ignored',
    });
  }
  if (shape.owner && !manifest) {
    for (const item of shape.owner.items) {
      const key = isScalar(item.key) ? String(item.key.value) : '';
      if (key !== 'groups')
        problems.push({
          ...spanOf(item.key as never),
          code: 'rules/unknown-field',
          message: `field ${key} not found in type rulefmt.RuleGroups`,
        });
    }
  }
  const groups = shape.groupsField;
  if (!groups || groups.value === null || (isScalar(groups.value) && groups.value.value === null)) return;
  if (!isSeq(groups.value)) {
    problems.push({ ...valueSpan(groups), code: 'rules/invalid-groups', message: '`groups` must be a list of rule groups' });
    return;
  }
  const seen = new Map<string, { from: number; to: number }>();
  for (const group of shape.groups) checkGroup(text, group, seen, problems, { ...options, manifest });
  checkDuplicateRules(text, shape, problems);
}

/** promtool's duplicate-rule lint: same alert/record name and same labels anywhere in the file. */
function checkDuplicateRules(text: string, shape: RuleFileShape, problems: Problems): void {
  const first = new Map<string, { from: number; to: number }>();
  for (const group of shape.groups) {
    for (const rule of group.rules) {
      const nameEntry = rule.fields?.get('record') ?? rule.fields?.get('alert');
      const name = nameEntry ? scalarString(text, nameEntry.value) : undefined;
      if (!rule.fields || !nameEntry || !name) continue;
      const labels = rule.fields.get('labels')?.value;
      const pairs = isMap(labels)
        ? labels.items
            .map((item) => `${scalarString(text, item.key as never)}=${scalarString(text, rule.fields!.resolve(item.value as never))}`)
            .sort()
        : [];
      const key = JSON.stringify([name, pairs]);
      const span = valueSpan(nameEntry);
      const previous = first.get(key);
      if (!previous) first.set(key, span);
      else
        problems.push({
          ...span,
          code: 'rules/duplicate-rule',
          message: `duplicate rule: "${name}" with the same labels is already defined in this file`,
          related: [{ ...previous, message: 'first defined here' }],
        });
    }
  }
}

function checkGroup(
  text: string,
  group: RuleGroupShape,
  seen: Map<string, { from: number; to: number }>,
  problems: Problems,
  options: GroupCheckOptions & { manifest: boolean },
): void {
  const fields = group.fields;
  if (!fields) {
    problems.push({
      ...spanOf(group.node),
      code: 'rules/invalid-field-type',
      message: 'a rule group must be a mapping with `name` and `rules`',
    });
    return;
  }
  for (const entry of fields.entries) {
    if (groupFields.has(entry.key) || entry.merged) continue;
    if (extensionGroupFields.has(entry.key)) {
      if (!options.manifest || entry.key !== 'partial_response_strategy') {
        problems.push({
          ...keySpan(entry),
          code: 'rules/unknown-field',
          severity: 'warning',
          message: `field ${entry.key} is a Thanos/Mimir extension: Prometheus rejects it (field ${entry.key} not found in type rulefmt.RuleGroup)`,
        });
      }
      continue;
    }
    const message = options.manifest
      ? `unknown field "${entry.key}" in a PrometheusRule group`
      : `field ${entry.key} not found in type rulefmt.RuleGroup`;
    problems.push({ ...keySpan(entry), code: 'rules/unknown-field', message: withSuggestion(message, entry.key, groupFields) });
  }
  const nameEntry = fields.get('name');
  const name = stringField(text, nameEntry, problems);
  const groupStart = nameEntry ? keySpan(nameEntry) : spanOf(fields.node.items[0]?.key as never, spanOf(group.node));
  if (name === undefined || name === '') {
    if (!nameEntry || name === '')
      problems.push({ ...groupStart, code: 'rules/missing-group-name', message: 'Groupname must not be empty' });
  } else {
    const span = valueSpan(nameEntry!);
    const first = seen.get(name);
    if (first) {
      problems.push({
        ...span,
        code: 'rules/duplicate-group',
        message: `groupname: "${name}" is repeated in the same file`,
        related: [{ ...first, message: 'first defined here' }],
      });
    } else seen.set(name, span);
  }
  durationField(text, fields.get('interval'), problems);
  durationField(text, fields.get('query_offset'), problems);
  integerField(fields.get('limit'), problems);
  checkNames(text, fields, problems, options.nameValidation ?? 'utf8');
  const rules = fields.get('rules');
  if (rules && rules.value !== null && !(isScalar(rules.value) && rules.value.value === null) && !isSeq(rules.value)) {
    problems.push({ ...valueSpan(rules), code: 'rules/invalid-field-type', message: '`rules` must be a list of rules' });
  }
  for (const rule of group.rules) {
    checkRule(text, rule, problems, {
      nameValidation: options.nameValidation ?? 'utf8',
      inferOutputLabels: options.inferOutputLabels,
      manifest: options.manifest,
    });
  }
}

/** A problem inside an anchor used several times is reported once. */
function dedupe(problems: Problems): Problems {
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const key = `${problem.from}:${problem.to}:${problem.code}:${problem.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
