/** Builds the quick fixes that make a selector and a set of labels agree, from either side. */
import type { LabelSelector, LabelSet, MapSite, OperatorObject, SelectorExpression } from './model';
import { qualifiedName } from './model';
import type { FixAction, OperatorFix } from './problem';
import { describeExpression, mismatches, selectorMatches, type Labels, type SelectorMismatch } from './selector';
import { yamlScalar } from './yamlText';

/** Where a new entry of a missing child map goes. */
export function childSite(site: MapSite, key: string): MapSite {
  return site.node ? { parent: site.node, path: [key] } : { parent: site.parent, path: [...site.path, key] };
}

/** The labels a fix may edit on `target`, with where new ones go; undefined when not editable. */
function editableLabels(target: OperatorObject): { set: LabelSet; site: MapSite } | undefined {
  if (target.kind === 'Deployment' || target.kind === 'StatefulSet' || target.kind === 'DaemonSet') {
    return target.podLabels.node ? { set: target.podLabels, site: { node: target.podLabels.node, path: [] } } : undefined;
  }
  if (target.kind === 'Prometheus' || target.kind === 'Alertmanager' || target.kind === 'ThanosRuler') return undefined;
  return { set: target.labels, site: target.labelSite };
}

/**
 * Fixes for `selector` (owned by `owner`) not matching `target`: change the selector to fit the
 * target's labels, or give the target the labels the selector wants. A `matchLabels` pair takes
 * the other side's value; an `In` requirement gains the target's value (or the target takes its
 * first value); a `NotIn` one loses the target's value; a `DoesNotExist` one goes. A fix is
 * offered only when it makes the selector match.
 */
export function labelFixes(
  owner: OperatorObject,
  selector: LabelSelector,
  target: OperatorObject,
  labels: Labels,
  sides: 'both' | 'target' = 'both',
): OperatorFix[] {
  const missing = mismatches(selector, labels);
  if (missing.length === 0) return [];
  const fixes: OperatorFix[] = [];
  const targetName = `${target.kind} ${qualifiedName(target)}`;
  const selectorSide = sides === 'both' ? selectorFix(owner.uri, selector, missing, targetName) : undefined;
  if (selectorSide) fixes.push(selectorSide);

  const editable = editableLabels(target);
  const wanted = wantedLabels(selector, missing, labels);
  if (editable && wanted) {
    const actions: FixAction[] = [];
    const added: Record<string, string> = {};
    for (const [key, value] of Object.entries(wanted)) {
      const entry = editable.set.entries.find((candidate) => candidate.key === key);
      if (entry) actions.push({ kind: 'replace', uri: target.uri, span: entry.valueSpan, newText: yamlScalar(value) });
      else added[key] = value;
    }
    if (Object.keys(added).length > 0) {
      actions.push({ kind: 'addLabels', uri: target.uri, site: editable.site, indentStep: target.indentStep, labels: added });
    }
    const what = Object.entries(wanted)
      .map(([key, value]) => `${key}=${value}`)
      .join(', ');
    fixes.push({ title: `Set label ${what} on ${targetName}`, actions });
  }
  return fixes;
}

/** The labels to give the target so that it meets every requirement it misses, if values are known. */
function wantedLabels(selector: LabelSelector, missing: SelectorMismatch[], labels: Labels): Record<string, string> | undefined {
  const wanted: Record<string, string> = {};
  for (const mismatch of missing) {
    const value = mismatch.expression
      ? mismatch.expression.operator === 'In'
        ? mismatch.expression.values[0]
        : undefined
      : mismatch.wantedValue;
    if (value === undefined) return undefined;
    wanted[mismatch.key] = value;
  }
  const next = new Map([...labels, ...Object.entries(wanted)]);
  return selectorMatches(selector, next) ? wanted : undefined;
}

/** One fix that changes every unmet requirement of the selector to fit the target's labels. */
function selectorFix(uri: string, selector: LabelSelector, missing: SelectorMismatch[], targetName: string): OperatorFix | undefined {
  const actions: FixAction[] = [];
  const parts: string[] = [];
  const editedSeqs = new Set<number>();
  for (const mismatch of missing) {
    const step = mismatch.expression
      ? expressionStep(uri, selector, mismatch.expression, mismatch.actual)
      : labelStep(uri, selector, mismatch);
    if (!step) return undefined;
    // Two removals from one flow list could both take the same comma.
    if (step.action.kind === 'removeSeqItem') {
      if (editedSeqs.has(step.action.seq.from)) return undefined;
      editedSeqs.add(step.action.seq.from);
    }
    actions.push(step.action);
    parts.push(step.title);
  }
  const onlyLabels = missing.every((mismatch) => !mismatch.expression);
  return {
    title: onlyLabels
      ? `Change selector to ${parts.join(', ')} (as on ${targetName})`
      : `Change selector: ${parts.join('; ')} (as on ${targetName})`,
    actions,
  };
}

type Step = { action: FixAction; title: string };

function labelStep(uri: string, selector: LabelSelector, mismatch: SelectorMismatch): Step | undefined {
  const entry = selector.matchLabels.entries.find((candidate) => candidate.key === mismatch.key);
  if (!entry || mismatch.actual === undefined) return undefined;
  return {
    action: { kind: 'replace', uri, span: entry.valueSpan, newText: yamlScalar(mismatch.actual) },
    title: `${mismatch.key}=${mismatch.actual}`,
  };
}

function expressionStep(
  uri: string,
  selector: LabelSelector,
  expression: SelectorExpression,
  actual: string | undefined,
): Step | undefined {
  const { key, operator } = expression;
  if (operator === 'In' && actual !== undefined && expression.valuesNode) {
    return { action: { kind: 'addSeqItem', uri, seq: expression.valuesNode, value: actual }, title: `add ${actual} to ${key} In` };
  }
  if (operator === 'NotIn' && actual !== undefined) {
    const at = expression.values.indexOf(actual);
    if (at < 0) return undefined;
    // Kubernetes rejects an empty NotIn list: the last value takes the requirement with it.
    if (expression.values.length > 1 && expression.valuesNode) {
      const item = expression.valueSpans[at];
      return { action: { kind: 'removeSeqItem', uri, seq: expression.valuesNode, item }, title: `remove ${actual} from ${key} NotIn` };
    }
    return removeRequirement(uri, selector, expression);
  }
  if (operator === 'DoesNotExist' && actual !== undefined) return removeRequirement(uri, selector, expression);
  return undefined;
}

function removeRequirement(uri: string, selector: LabelSelector, expression: SelectorExpression): Step | undefined {
  if (!selector.matchExpressionsNode) return undefined;
  return {
    action: { kind: 'removeSeqItem', uri, seq: selector.matchExpressionsNode, item: expression.span },
    title: `drop the requirement ${describeExpression(expression)}`,
  };
}
