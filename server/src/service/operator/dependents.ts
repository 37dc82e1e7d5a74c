/**
 * Which files' diagnostics can change when objects appear, change or disappear. The index asks
 * once in the state before an edit (for the old objects) and once after (for the new ones), so
 * old labels and namespaces count as much as new ones.
 *
 * - A Service: ServiceMonitors whose selector matches its labels and that watch its namespace
 *   (matches and port checks), or that match nothing (the Service may be named as the nearest
 *   candidate, or as matching in a namespace they do not watch); and unmatched ServiceMonitors
 *   watching its namespace (their nearest candidates may change).
 * - A workload: PodMonitors likewise, and the ServiceMonitors of the Services that route to it
 *   (their targetPort checks look at its container ports).
 * - A Prometheus CR: what its selectors cover, and what no Prometheus selects for sure (their
 *   notice may name it as the nearest).
 * - A Namespace: the selectable objects in it, when a Prometheus selects by namespace labels.
 * - Anything else: only its own file.
 */
import type { MonitorObject, OperatorObject, PrometheusObject, SelectableKind, WorkloadObject } from './model';
import { isPrometheusLike, isWorkload, selectableKindOf } from './model';
import { effectiveSelector, monitorMatches } from './monitorChecks';
import { relevantPrometheuses, selectionVerdict } from './selectionCheck';
import { isEmptySelector, labelsOf, selectorMatches, type Labels } from './selector';
import type { OperatorIndex } from './workspaceIndex';

export function addDependents(index: OperatorIndex, objects: readonly OperatorObject[], out: Set<string>): void {
  for (const object of objects) {
    out.add(object.uri);
    if (object.kind === 'Service') targetDependents(index, 'ServiceMonitor', object.namespace, labelsOf(object.labels), out);
    if (isWorkload(object)) {
      targetDependents(index, 'PodMonitor', object.namespace, labelsOf(object.podLabels), out);
      backendDependents(index, object, out);
    }
    if (isPrometheusLike(object)) prometheusDependents(index, object, out);
    if (object.kind === 'Namespace' && object.name) namespaceDependents(index, object.name, out);
  }
}

function isUnmatched(monitor: MonitorObject, index: OperatorIndex): boolean {
  return monitorMatches(monitor, index).length === 0;
}

function watches(index: OperatorIndex, monitor: MonitorObject, namespace: string): boolean {
  const scope = index.scopeOf(monitor);
  return scope.any || scope.names.includes(namespace);
}

/** Monitors of `kind` affected by a Service (or workload) with `labels` in `namespace`. */
function targetDependents(index: OperatorIndex, kind: MonitorObject['kind'], namespace: string, labels: Labels, out: Set<string>): void {
  for (const monitor of index.monitorsThatMayMatch(labels)) {
    if (monitor.kind !== kind || out.has(monitor.uri) || !selectorMatches(effectiveSelector(monitor), labels)) continue;
    if (watches(index, monitor, namespace) || isUnmatched(monitor, index)) out.add(monitor.uri);
  }
  for (const monitor of index.monitorsWatching(namespace)) {
    if (monitor.kind === kind && !out.has(monitor.uri) && isUnmatched(monitor, index)) out.add(monitor.uri);
  }
}

/** ServiceMonitors that match a Service routing to `workload`: their port checks read its ports. */
function backendDependents(index: OperatorIndex, workload: WorkloadObject, out: Set<string>): void {
  const podLabels = labelsOf(workload.podLabels);
  for (const service of index.services.in(workload.namespace)) {
    const routes = service.podSelector.entries;
    if (routes.length === 0 || !routes.every((entry) => podLabels.get(entry.key) === entry.value)) continue;
    const labels = labelsOf(service.labels);
    for (const monitor of index.monitorsThatMayMatch(labels)) {
      if (monitor.kind !== 'ServiceMonitor' || out.has(monitor.uri)) continue;
      if (selectorMatches(effectiveSelector(monitor), labels) && watches(index, monitor, service.namespace)) out.add(monitor.uri);
    }
  }
}

function prometheusDependents(index: OperatorIndex, prometheus: PrometheusObject, out: Set<string>): void {
  for (const object of index.allSelectables()) {
    const kind = selectableKindOf(object)!;
    if (out.has(object.uri) || (prometheus.kind === 'ThanosRuler' && kind !== 'rule')) continue;
    if (selectionVerdict(prometheus, object, index) !== 'no') out.add(object.uri);
    else if (mayBeNamed(index, prometheus, object, kind)) out.add(object.uri);
  }
}

/**
 * Whether the notice of an object no Prometheus selects for sure may name `prometheus`: as the
 * nearest selector, or, when no Prometheus has a selector for the kind, as the one without.
 */
function mayBeNamed(index: OperatorIndex, prometheus: PrometheusObject, object: OperatorObject, kind: SelectableKind): boolean {
  const others = relevantPrometheuses(index, kind);
  if (others.some((other) => selectionVerdict(other, object, index) === 'yes')) return false;
  return prometheus.selectors[kind] !== undefined || others.every((other) => other.selectors[kind] === undefined);
}

function namespaceDependents(index: OperatorIndex, name: string, out: Set<string>): void {
  const byLabels = new Set<SelectableKind>();
  for (const prometheus of index.prometheuses()) {
    for (const kind of Object.keys(prometheus.namespaceSelectors) as SelectableKind[]) {
      const selector = prometheus.namespaceSelectors[kind];
      if (selector && !isEmptySelector(selector)) byLabels.add(kind);
    }
  }
  if (byLabels.size === 0) return;
  for (const object of index.allSelectables()) {
    if (object.namespace === name && byLabels.has(selectableKindOf(object)!)) out.add(object.uri);
  }
}
