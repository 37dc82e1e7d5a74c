/**
 * Is a ServiceMonitor, PodMonitor, Probe or PrometheusRule picked up by a Prometheus CR?
 * Semantics follow the operator: a missing selector selects nothing, `{}` selects everything,
 * and a missing namespace selector means the Prometheus' own namespace only.
 *
 * Severity: a warning only when a Prometheus in the same folder (or a parent folder) watches the
 * object's namespace and still does not select it; elsewhere in the workspace it may belong to a
 * different Prometheus, so that is information.
 */
import type { AlertsmithSettings } from '../settings';
import { OperatorCode } from './codes';
import { labelFixes } from './fixBuilders';
import type { LabelSelector, OperatorObject, PrometheusObject, SelectableKind } from './model';
import { qualifiedName, selectableKindOf } from './model';
import { problemAt, type OperatorProblem } from './problem';
import { describeActual, describeSelector, isEmptySelector, labelsOf, mismatchScore, mismatches, selectorMatches } from './selector';
import { folderOf, type OperatorIndex } from './workspaceIndex';

const selectorField: Record<SelectableKind, string> = {
  serviceMonitor: 'serviceMonitorSelector',
  podMonitor: 'podMonitorSelector',
  probe: 'probeSelector',
  rule: 'ruleSelector',
};

type Verdict = 'yes' | 'no' | 'unknown';

/** Whether the Prometheus' namespace selector for `kind` includes `namespace`. */
export function watchesNamespace(prometheus: PrometheusObject, kind: SelectableKind, namespace: string, index: OperatorIndex): Verdict {
  const selector = prometheus.namespaceSelectors[kind];
  if (!selector) return namespace === prometheus.namespace ? 'yes' : 'no';
  if (isEmptySelector(selector)) return 'yes';
  const namespaceObject = index.namespaceObject(namespace);
  const labels = new Map(namespaceObject ? labelsOf(namespaceObject.labels) : []);
  // Kubernetes sets this label on every namespace.
  labels.set('kubernetes.io/metadata.name', namespace);
  const onlyNameKeys = [...selector.matchLabels.entries.map((e) => e.key), ...selector.matchExpressions.map((e) => e.key)].every(
    (key) => key === 'kubernetes.io/metadata.name',
  );
  if (!namespaceObject && !onlyNameKeys) return 'unknown';
  return selectorMatches(selector, labels) ? 'yes' : 'no';
}

/** Whether `prometheus` selects `object` (unknown namespace labels count as selected). */
export function selects(prometheus: PrometheusObject, object: OperatorObject, index: OperatorIndex): boolean {
  const kind = selectableKindOf(object);
  const selector = kind && prometheus.selectors[kind];
  if (!kind || !selector || !selectorMatches(selector, labelsOf(object.labels))) return false;
  return watchesNamespace(prometheus, kind, object.namespace, index) !== 'no';
}

function isNear(prometheus: PrometheusObject, object: OperatorObject): boolean {
  const folder = folderOf(prometheus.uri);
  const objectFolder = folderOf(object.uri);
  return objectFolder === folder || objectFolder.startsWith(`${folder}/`);
}

export function checkSelection(object: OperatorObject, index: OperatorIndex, settings: AlertsmithSettings['operator']): OperatorProblem[] {
  const kind = selectableKindOf(object);
  if (!kind) return [];
  // A ThanosRuler selects PrometheusRules only.
  const all = index.prometheuses().filter((prometheus) => prometheus.kind === 'Prometheus' || kind === 'rule');
  if (all.length === 0) return expectedLabelsProblem(object, settings);
  const withSelector = all.filter((prometheus) => prometheus.selectors[kind]);
  if (withSelector.some((prometheus) => selects(prometheus, object, index))) return [];
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
  if (watchesNamespace(best, kind, object.namespace, index) === 'no') {
    reasons.push(`its ${namespaceField(kind)} does not include namespace ${object.namespace}`);
  }
  const fixes = first ? labelFixes(best, selector, object, labels, 'target') : [];
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
