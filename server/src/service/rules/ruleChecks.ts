import { isMap, isPair, isScalar, type Node, type Pair } from 'yaml';
import type { FieldMap, RuleShape } from '../yaml/ruleShape';
import {
  durationField,
  isValidLabelName,
  isValidMetricName,
  keySpan,
  scalarString,
  spanOf,
  stringField,
  valueSpan,
  type NameValidation,
  type Problems,
} from './fieldValues';
import { checkAlertTemplates, type OutputLabelInference } from './templateChecks';

export interface RuleCheckOptions {
  nameValidation: NameValidation;
  inferOutputLabels?: OutputLabelInference;
  /** Type name in messages: Prometheus' `rulefmt.Rule`, or the PrometheusRule CRD. */
  manifest: boolean;
}

const ruleFields = new Set(['record', 'alert', 'expr', 'for', 'keep_firing_for', 'labels', 'annotations']);

/** One rule, after `Rule.Validate` in prometheus/prometheus model/rulefmt/rulefmt.go. */
export function checkRule(text: string, rule: RuleShape, problems: Problems, options: RuleCheckOptions): void {
  const fields = rule.fields;
  if (!fields) {
    problems.push({
      ...spanOf(rule.node),
      code: 'rules/invalid-field-type',
      message: 'a rule must be a mapping with `alert` or `record` and `expr`',
    });
    return;
  }
  for (const entry of fields.entries) {
    if (ruleFields.has(entry.key) || entry.merged) continue;
    const message = options.manifest
      ? `unknown field "${entry.key}" in a PrometheusRule rule`
      : `field ${entry.key} not found in type rulefmt.Rule`;
    problems.push({ ...keySpan(entry), code: 'rules/unknown-field', message: withSuggestion(message, entry.key, ruleFields) });
  }
  const ruleStart = firstKeySpan(fields, rule.node);
  const record = stringField(text, fields.get('record'), problems) ?? '';
  const alert = stringField(text, fields.get('alert'), problems) ?? '';
  const exprEntry = fields.get('expr');
  const expr = exprEntry ? scalarString(text, exprEntry.value) : undefined;
  if (exprEntry && expr === undefined) {
    problems.push({
      ...valueSpan(exprEntry),
      code: 'rules/invalid-field-type',
      message: '`expr` must be a string holding a PromQL expression',
    });
  } else if (!expr || expr.trim() === '') {
    problems.push({
      ...(exprEntry ? keySpan(exprEntry) : ruleStart),
      code: 'rules/missing-expr',
      message: "field 'expr' must be set in rule",
    });
  }
  if (record !== '' && alert !== '') {
    const alertEntry = fields.get('alert')!;
    const recordEntry = fields.get('record')!;
    problems.push({
      ...keySpan(alertEntry),
      code: 'rules/alert-and-record',
      message: "only one of 'record' and 'alert' must be set",
      related: [{ ...keySpan(recordEntry), message: '`record` is set here' }],
    });
  } else if (record === '' && alert === '') {
    problems.push({ ...ruleStart, code: 'rules/missing-alert-or-record', message: "one of 'record' or 'alert' must be set" });
  }
  const forMs = durationField(text, fields.get('for'), problems);
  const keepMs = durationField(text, fields.get('keep_firing_for'), problems);
  if (record !== '') checkRecordingRule(fields, record, forMs, keepMs, problems, options);
  checkNames(text, fields, problems, options.nameValidation);
  if (alert !== '') checkAlertTemplates(text, fields, expr, problems, options.inferOutputLabels);
}

function checkRecordingRule(
  fields: FieldMap,
  record: string,
  forMs: number,
  keepMs: number,
  problems: Problems,
  options: RuleCheckOptions,
): void {
  const recordEntry = fields.get('record')!;
  const annotations = fields.get('annotations');
  if (annotations && isMap(annotations.value) && annotations.value.items.length > 0) {
    problems.push({
      ...keySpan(annotations),
      code: 'rules/recording-rule-field',
      message: "invalid field 'annotations' in recording rule",
    });
  }
  if (forMs !== 0)
    problems.push({ ...keySpan(fields.get('for')!), code: 'rules/recording-rule-field', message: "invalid field 'for' in recording rule" });
  if (keepMs !== 0)
    problems.push({
      ...keySpan(fields.get('keep_firing_for')!),
      code: 'rules/recording-rule-field',
      message: "invalid field 'keep_firing_for' in recording rule",
    });
  if (record.includes('{') || record.includes('}')) {
    problems.push({
      ...valueSpan(recordEntry),
      code: 'rules/invalid-record-name',
      message: `braces present in the recording rule name; should it be in expr?: ${record}`,
    });
  } else if (!isValidMetricName(record, options.nameValidation)) {
    problems.push({ ...valueSpan(recordEntry), code: 'rules/invalid-record-name', message: `invalid recording rule name: ${record}` });
  }
}

/** Label names (not `__name__`), label values as strings, annotation names. */
export function checkNames(text: string, fields: FieldMap, problems: Problems, scheme: NameValidation): void {
  for (const key of ['labels', 'annotations'] as const) {
    const entry = fields.get(key);
    if (!entry || entry.value === null || (isScalar(entry.value) && entry.value.value === null)) continue;
    if (!isMap(entry.value)) {
      problems.push({ ...valueSpan(entry), code: 'rules/invalid-field-type', message: `\`${key}\` must be a mapping of names to strings` });
      continue;
    }
    for (const item of entry.value.items) {
      if (!isPair(item)) continue;
      const pair = item as Pair<Node, Node | null>;
      const value = fields.resolve(pair.value);
      const name = scalarString(text, pair.key) ?? '';
      const nameSpan = spanOf(pair.key, spanOf(entry.keyNode));
      const invalid = key === 'labels' ? !isValidLabelName(name, scheme) || name === '__name__' : !isValidLabelName(name, scheme);
      if (invalid) {
        problems.push({
          ...nameSpan,
          code: key === 'labels' ? 'rules/invalid-label-name' : 'rules/invalid-annotation-name',
          message: `invalid ${key === 'labels' ? 'label' : 'annotation'} name: ${name}`,
        });
      }
      if (scalarString(text, value) === undefined) {
        problems.push({
          ...spanOf(value, nameSpan),
          code: 'rules/invalid-field-type',
          message: `the value of ${key === 'labels' ? 'label' : 'annotation'} "${name}" must be a string`,
        });
      }
    }
  }
}

function firstKeySpan(fields: FieldMap, node: Node | null): { from: number; to: number } {
  const first = fields.node.items.find((item) => isPair(item));
  return first ? spanOf((first as Pair<Node>).key) : spanOf(node);
}

/** "did you mean annotations?" for a near miss such as `annotation`. */
export function withSuggestion(message: string, key: string, known: Set<string>): string {
  const close = [...known].find((candidate) => editDistance(candidate, key) <= 2);
  return close ? `${message} (did you mean \`${close}\`?)` : message;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}
