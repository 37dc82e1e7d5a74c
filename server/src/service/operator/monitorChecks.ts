/**
 * ServiceMonitor/PodMonitor checks against the workspace: does the selector match anything in
 * the namespaces the monitor watches, and do the endpoints' ports exist on what it matches.
 * Severity follows what the workspace proves: a warning when the namespace holds Services (or
 * workloads) and none fit, information when the namespace has none here at all.
 */
import { OperatorCode } from './codes';
import type { LabelSelector, MonitorObject, OperatorObject, ServiceObject, WorkloadObject } from './model';
import { qualifiedName } from './model';
import { problemAt, type OperatorFix, type OperatorProblem, type RelatedLocation } from './problem';
import { clusterServiceFor } from './clusterServices';
import { childSite, labelFixes } from './fixBuilders';
import { checkEndpointPorts } from './portChecks';
import { describeActual, describeSelector, isEmptySelector, labelsOf, mismatchScore, mismatches } from './selector';
import type { NamespaceScope, OperatorIndex } from './workspaceIndex';

/** The selector a monitor uses; a missing one is Go's zero value, which selects everything. */
export function effectiveSelector(monitor: MonitorObject): LabelSelector {
  return (
    monitor.selector ?? {
      matchLabels: { entries: [] },
      matchExpressions: [],
      keySpan: monitor.kindSpan,
      span: monitor.kindSpan,
    }
  );
}

/** What a monitor's selector matches in the namespaces it watches. */
export function monitorMatches(monitor: MonitorObject, index: OperatorIndex): (ServiceObject | WorkloadObject)[] {
  const selector = effectiveSelector(monitor);
  const scope = index.scopeOf(monitor);
  return monitor.kind === 'ServiceMonitor' ? index.services.matching(selector, scope) : index.workloads.matching(selector, scope);
}

export function checkMonitor(monitor: MonitorObject, index: OperatorIndex): OperatorProblem[] {
  const matched = monitorMatches(monitor, index);
  if (matched.length > 0) return checkEndpointPorts(monitor, matched, index);
  return [unmatchedProblem(monitor, index)];
}

function scopeText(scope: NamespaceScope): string {
  if (scope.any) return 'any namespace';
  return scope.names.length === 1 ? `namespace ${scope.names[0]}` : `namespaces ${scope.names.join(', ')}`;
}

function unmatchedProblem(monitor: MonitorObject, index: OperatorIndex): OperatorProblem {
  const isService = monitor.kind === 'ServiceMonitor';
  const noun = isService ? 'Service' : 'workload pod template';
  const code = isService ? OperatorCode.selectorMatchesNoService : OperatorCode.podMonitorMatchesNoPod;
  const selector = effectiveSelector(monitor);
  const scope = index.scopeOf(monitor);
  const bucket = isService ? index.services : index.workloads;
  const labelsOfTarget = (object: OperatorObject) =>
    labelsOf(object.kind === 'Service' ? object.labels : (object as WorkloadObject).podLabels);

  // Matches exist, but in namespaces the monitor does not watch.
  if (!scope.any && !isEmptySelector(selector)) {
    const elsewhere = bucket.matching(selector, { any: true });
    if (elsewhere.length > 0) return namespaceExcluded(monitor, scope, elsewhere, noun);
  }

  const candidates = scope.any ? bucket.all() : scope.names.flatMap((name) => [...bucket.in(name)]);
  const wanted = describeSelector(selector);
  const cluster = isService ? clusterServiceFor(selector) : undefined;
  if (candidates.length === 0 || cluster) {
    const why = cluster
      ? `it looks like ${cluster}, which exists in a cluster without any manifest`
      : isService
        ? 'the Service may be created by the cluster (kubelet, apiserver, kube-dns) or live in another repository'
        : 'the pods may be created by an operator or a chart, or live in another repository';
    const message = `No ${noun} in the workspace matches ${wanted} in ${scopeText(scope)}; ${why}.`;
    return problemAt(selector.keySpan, code, 'information', message);
  }

  const nearest = [...candidates]
    .map((object) => ({ object, score: mismatchScore(selector, labelsOfTarget(object)) }))
    .sort((a, b) => a.score - b.score || qualifiedName(a.object).localeCompare(qualifiedName(b.object)))
    .slice(0, 2)
    .map((entry) => entry.object);
  const kindName = (object: OperatorObject) => (isService ? 'Service' : object.kind);
  const explain = (object: OperatorObject) => {
    const first = mismatches(selector, labelsOfTarget(object))[0];
    return first
      ? `${kindName(object)} ${qualifiedName(object)} has ${describeActual(first)}, selector wants ${first.wanted}`
      : `${kindName(object)} ${qualifiedName(object)}`;
  };
  const message = `No ${noun} in ${scopeText(scope)} matches ${wanted}. ${nearest.map(explain).join('; ')}.`;
  const related: RelatedLocation[] = nearest.map((object) => ({
    uri: object.uri,
    ...labelAnchor(object),
    message: explain(object),
  }));
  const fixes: OperatorFix[] = nearest.flatMap((object) => labelFixes(monitor, selector, object, labelsOfTarget(object)));
  return problemAt(selector.keySpan, code, 'warning', message, related, fixes);
}

/** Where to point at an object's labels: the label map, else its kind. */
export function labelAnchor(object: OperatorObject): { from: number; to: number } {
  const labels = object.kind === 'Service' ? object.labels : 'podLabels' in object ? object.podLabels : object.labels;
  return labels.node ?? labels.entries[0]?.keySpan ?? object.kindSpan;
}

function namespaceExcluded(monitor: MonitorObject, scope: NamespaceScope, elsewhere: OperatorObject[], noun: string): OperatorProblem {
  const namespaces = [...new Set(elsewhere.map((object) => object.namespace))].sort();
  const shown = elsewhere.slice(0, 3).map((object) => qualifiedName(object));
  const message = `The selector matches ${noun} ${shown.join(', ')}${elsewhere.length > 3 ? ', …' : ''}, but this ${monitor.kind} only watches ${scopeText(scope)}. Add the namespace to namespaceSelector.matchNames.`;
  const anchor = monitor.namespaceSelector?.keySpan ?? effectiveSelector(monitor).keySpan;
  const related = elsewhere.slice(0, 5).map((object) => ({
    uri: object.uri,
    ...(object.name !== undefined ? labelAnchor(object) : object.kindSpan),
    message: `${qualifiedName(object)} matches the selector`,
  }));
  const fixes: OperatorFix[] = namespaces.slice(0, 3).map((namespace) => ({
    title: `Watch namespace ${namespace} (namespaceSelector.matchNames)`,
    actions: [
      {
        kind: 'addMatchName',
        uri: monitor.uri,
        matchNames: monitor.namespaceSelector?.matchNamesNode,
        site: monitor.namespaceSelector?.node
          ? { node: monitor.namespaceSelector.node, path: [] }
          : childSite(monitor.specSite, 'namespaceSelector'),
        indentStep: monitor.indentStep,
        namespace,
      },
    ],
  }));
  return problemAt(anchor, OperatorCode.namespaceExcluded, 'warning', message, related, fixes);
}
