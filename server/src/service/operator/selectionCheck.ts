/**
 * Is a ServiceMonitor, PodMonitor, Probe or PrometheusRule picked up by a Prometheus CR?
 * Semantics follow the operator: a missing selector selects nothing, `{}` selects everything,
 * and a missing namespace selector means the Prometheus' own namespace only.
 *
 * Namespace label selectors are evaluated against the workspace's Namespace objects (plus the
 * `kubernetes.io/metadata.name` label Kubernetes adds to every namespace).
 *
 * Severity: a warning only when a Prometheus in the same folder (or a parent folder) watches the
 * object's namespace and still does not select it; elsewhere in the workspace it may belong to a
 * different Prometheus, so that is information. When only the labels of a Namespace missing
 * from the workspace decide, that cannot be proven either way: information again.
 */
import type { AlertsmithSettings } from '../settings';
import { OperatorCode } from './codes';
import { labelFixes } from './fixBuilders';
import type { LabelSelector, OperatorObject, PrometheusObject, SelectableKind } from './model';
import { qualifiedName, selectableKindOf } from './model';
import { problemAt, type OperatorFix, type OperatorProblem } from './problem';
import { describeActual, describeSelector, isEmptySelector, labelsOf, mismatchScore, mismatches, selectorMatches } from './selector';
import { folderOf } from './uriPaths';
import type { OperatorIndex } from './workspaceIndex';

const selectorField: Record<SelectableKind, string> = {
  serviceMonitor: 'serviceMonitorSelector',
  podMonitor: 'podMonitorSelector',
  probe: 'probeSelector',
  rule: 'ruleSelector',
};

/** `unknown` when the answer depends on labels of a Namespace that is not in the workspace. */
export type Verdict = 'yes' | 'no' | 'unknown';

/** Kubernetes sets this label on every namespace, so it is known without a Namespace object. */
const namespaceNameLabel = 'kubernetes.io/metadata.name';

/** A namespace's labels: its Namespace object's, plus the name label Kubernetes adds. */
export function namespaceLabels(namespace: string, index: OperatorIndex): Map<string, string> {
  const namespaceObject = index.namespaceObject(namespace);
  const labels = new Map(namespaceObject ? labelsOf(namespaceObject.labels) : []);
  labels.set(namespaceNameLabel, namespace);
  return labels;
}

/** Whether the Prometheus' namespace selector for `kind` includes `namespace`. */
export function watchesNamespace(prometheus: PrometheusObject, kind: SelectableKind, namespace: string, index: OperatorIndex): Verdict {
  const selector = prometheus.namespaceSelectors[kind];
  if (!selector) return namespace === prometheus.namespace ? 'yes' : 'no';
  if (isEmptySelector(selector)) return 'yes';
  const known = index.namespaceObject(namespace) !== undefined || selectorKeys(selector).every((key) => key === namespaceNameLabel);
  if (!known) return 'unknown';
  return selectorMatches(selector, namespaceLabels(namespace, index)) ? 'yes' : 'no';
}

function selectorKeys(selector: LabelSelector): string[] {
  return [...selector.matchLabels.entries.map((entry) => entry.key), ...selector.matchExpressions.map((expression) => expression.key)];
}

/** Whether `prometheus` selects `object`: by its labels, then by its namespace. */
export function selectionVerdict(prometheus: PrometheusObject, object: OperatorObject, index: OperatorIndex): Verdict {
  const kind = selectableKindOf(object);
  const selector = kind && prometheus.selectors[kind];
  if (!kind || !selector || !selectorMatches(selector, labelsOf(object.labels))) return 'no';
  return watchesNamespace(prometheus, kind, object.namespace, index);
}

/** Whether `prometheus` selects `object` (unknown namespace labels count as selected). */
export function selects(prometheus: PrometheusObject, object: OperatorObject, index: OperatorIndex): boolean {
  return selectionVerdict(prometheus, object, index) !== 'no';
}

/** The Prometheus CRs that may select objects of `kind`: a ThanosRuler selects PrometheusRules only. */
export function relevantPrometheuses(index: OperatorIndex, kind: SelectableKind): PrometheusObject[] {
  return index.prometheuses().filter((prometheus) => prometheus.kind === 'Prometheus' || kind === 'rule');
}

function isNear(prometheus: PrometheusObject, object: OperatorObject): boolean {
  const folder = folderOf(prometheus.uri);
  const objectFolder = folderOf(object.uri);
  return objectFolder === folder || objectFolder.startsWith(`${folder}/`);
}

export function checkSelection(object: OperatorObject, index: OperatorIndex, settings: AlertsmithSettings['operator']): OperatorProblem[] {
  const kind = selectableKindOf(object);
  if (!kind) return [];
  const all = relevantPrometheuses(index, kind);
  if (all.length === 0) return expectedLabelsProblem(object, settings);
  const withSelector = all.filter((prometheus) => prometheus.selectors[kind]);
  const verdicts = new Map(withSelector.map((prometheus) => [prometheus, selectionVerdict(prometheus, object, index)]));
  if ([...verdicts.values()].includes('yes')) return [];
  const unproven = withSelector.filter((prometheus) => verdicts.get(prometheus) === 'unknown');
  if (unproven.length > 0) return [unprovenNotice(object, unproven.find((p) => isNear(p, object)) ?? unproven[0], kind)];
  const field = selectorField[kind];
  const anchor = object.labels.node ?? object.kindSpan;
  const labels = labelsOf(object.labels);

  const near = withSelector.filter((prometheus) => isNear(prometheus, object));
  const score = (prometheus: PrometheusObject) =>
    mismatchScore(prometheus.selectors[kind]!, labels) + (watchesNamespace(prometheus, kind, object.namespace, index) === 'no' ? 3 : 0);
  const best = (near.length ? near : withSelector)
    .map((prometheus) => ({ prometheus, score: score(prometheus) }))
    .sort((a, b) => a.score - b.score)[0]?.prometheus;
  if (!best)
    return missingSelectorNotice(
      object,
      all.filter((prometheus) => isNear(prometheus, object)),
      field,
    );

  const selector = best.selectors[kind]!;
  const name = `${best.kind} ${qualifiedName(best)}`;
  const related = [{ uri: best.uri, ...selector.keySpan, message: `${name}: ${field} ${describeSelector(selector)}` }];
  const reasons: string[] = [];
  const first = mismatches(selector, labels)[0];
  if (first) reasons.push(`its ${field} wants ${first.wanted}, this ${object.kind} has ${describeActual(first)}`);
  const namespaceFixes: OperatorFix[] = [];
  if (watchesNamespace(best, kind, object.namespace, index) === 'no') {
    reasons.push(
      `its ${namespaceField(kind)} does not include namespace ${object.namespace}${namespaceReason(best, kind, object, index, namespaceFixes)}`,
    );
  }
  const fixes = [...(first ? labelFixes(best, selector, object, labels, 'target') : []), ...namespaceFixes];
  if (near.includes(best)) {
    const message = `${name} (in this folder) does not select this ${object.kind}: ${reasons.join('; and ')}.`;
    return [problemAt(anchor, OperatorCode.notSelectedByPrometheus, 'warning', message, related, fixes)];
  }
  const message = `No Prometheus in the workspace selects this ${object.kind}; the nearest, ${name}: ${reasons.join('; and ')}. It may be selected by a Prometheus defined elsewhere.`;
  return [problemAt(anchor, OperatorCode.notSelectedByPrometheus, 'information', message, related, fixes)];
}

function namespaceField(kind: SelectableKind): string {
  return selectorField[kind].replace('Selector', 'NamespaceSelector');
}

/**
 * Why the Prometheus leaves the object's namespace out (` (it wants …)`), adding the fix that
 * labels the Namespace object when one is in the workspace.
 */
function namespaceReason(
  prometheus: PrometheusObject,
  kind: SelectableKind,
  object: OperatorObject,
  index: OperatorIndex,
  fixes: OperatorFix[],
): string {
  const selector = prometheus.namespaceSelectors[kind];
  if (!selector) return ` (without ${namespaceField(kind)} it watches only its own namespace, ${prometheus.namespace})`;
  const labels = namespaceLabels(object.namespace, index);
  const first = mismatches(selector, labels)[0];
  if (!first) return '';
  const namespaceObject = index.namespaceObject(object.namespace);
  const settable = mismatches(selector, labels).every((mismatch) => mismatch.key !== namespaceNameLabel);
  if (namespaceObject && settable) fixes.push(...labelFixes(prometheus, selector, namespaceObject, labels, 'target'));
  return ` (it wants ${first.wanted}, Namespace ${object.namespace} has ${describeActual(first)})`;
}

/** Selected by its labels, but the namespace's labels are not in the workspace: say so, softly. */
function unprovenNotice(object: OperatorObject, prometheus: PrometheusObject, kind: SelectableKind): OperatorProblem {
  const selector = prometheus.namespaceSelectors[kind]!;
  const name = `${prometheus.kind} ${qualifiedName(prometheus)}`;
  const message = `${name} selects this ${object.kind} by its labels, but whether its ${namespaceField(kind)} (${describeSelector(selector)}) includes namespace ${object.namespace} cannot be proven: the workspace has no Namespace object ${object.namespace} with its labels.`;
  const related = [{ uri: prometheus.uri, ...selector.keySpan, message: `${name}: ${namespaceField(kind)} ${describeSelector(selector)}` }];
  return problemAt(object.labels.node ?? object.kindSpan, OperatorCode.namespaceLabelsUnknown, 'information', message, related);
}

/** A Prometheus next to the object that has no selector for its kind selects none of them. */
function missingSelectorNotice(object: OperatorObject, near: readonly PrometheusObject[], field: string): OperatorProblem[] {
  const prometheus = near[0];
  if (!prometheus) return [];
  const message = `${prometheus.kind} ${qualifiedName(prometheus)} has no ${field}, so it selects no ${object.kind}s (\`${field}: {}\` selects all).`;
  return [
    problemAt(object.labels.node ?? object.kindSpan, OperatorCode.notSelectedByPrometheus, 'information', message, [
      { uri: prometheus.uri, ...prometheus.kindSpan, message: `${prometheus.kind} ${qualifiedName(prometheus)}` },
    ]),
  ];
}

/** With no Prometheus CR in the workspace, the configured expected labels stand in for its selector. */
function expectedLabelsProblem(object: OperatorObject, settings: AlertsmithSettings['operator']): OperatorProblem[] {
  const expected = Object.entries(settings.expectedLabels ?? {});
  if (expected.length === 0) return [];
  const labels = labelsOf(object.labels);
  const missing = expected.filter(([key, value]) => labels.get(key) !== value);
  if (missing.length === 0) return [];
  const selector: LabelSelector = {
    matchLabels: { entries: missing.map(([key, value]) => ({ key, value, keySpan: object.kindSpan, valueSpan: object.kindSpan })) },
    matchExpressions: [],
    keySpan: object.kindSpan,
    span: object.kindSpan,
  };
  const wanted = missing.map(([key, value]) => `${key}=${value}`).join(', ');
  const message = `This ${object.kind} lacks ${wanted}, which the setting alertsmith.operator.expectedLabels says your Prometheus selects on.`;
  const fixes = labelFixes(object, selector, object, labels, 'target');
  return [problemAt(object.labels.node ?? object.kindSpan, OperatorCode.notSelectedByPrometheus, 'warning', message, [], fixes)];
}
