/**
 * The Prometheus Operator workspace model: the Kubernetes objects Alertsmith reasons about, with
 * the document offsets of every node a diagnostic, quick fix or link may point at. All offsets
 * are offsets of the file's text (every document of a multi-document file shares them).
 */

/** A half-open range of document offsets. */
export interface Span {
  from: number;
  to: number;
}

/** A YAML mapping or sequence as written: where it is and whether it uses `{}`/`[]` flow style. */
export interface CollectionSpan extends Span {
  flow: boolean;
  /** Number of entries (pairs or items) it holds. */
  size: number;
}

/** A scalar value with the span of the scalar as written (quotes included). */
export interface Located<T> {
  value: T;
  span: Span;
}

export interface LabelEntry {
  key: string;
  value: string;
  keySpan: Span;
  valueSpan: Span;
}

/** A `key: value` label map (`metadata.labels`, `matchLabels`, a Service's `spec.selector`). */
export interface LabelSet {
  entries: LabelEntry[];
  /** The mapping node; absent when the map is not written at all. */
  node?: CollectionSpan;
}

export type SelectorOperator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';

export interface SelectorExpression {
  key: string;
  /** As written; an unknown operator never matches (Kubernetes rejects it). */
  operator: string;
  values: string[];
  /** The span of each of `values`, in the same order (for fixes that remove one). */
  valueSpans: Span[];
  /** The `values` sequence, when written (where a fix appends a value). */
  valuesNode?: CollectionSpan;
  span: Span;
}

/** A Kubernetes `metav1.LabelSelector`. An empty one (`{}`) selects everything. */
export interface LabelSelector {
  matchLabels: LabelSet;
  matchExpressions: SelectorExpression[];
  /** The `selector:` key, for diagnostics that point at the selector as a whole. */
  keySpan: Span;
  /** The selector's value node (may be a null scalar when written as `selector:`). */
  span: Span;
  /** The selector mapping, when the value is one. */
  node?: CollectionSpan;
  /** The `matchExpressions` sequence, when written. */
  matchExpressionsNode?: CollectionSpan;
}

/** A ServiceMonitor/PodMonitor `namespaceSelector`. */
export interface MonitorNamespaceSelector {
  any: boolean;
  matchNames: Located<string>[];
  keySpan: Span;
  span: Span;
  node?: CollectionSpan;
  /** The `matchNames` sequence, when written. */
  matchNamesNode?: CollectionSpan;
}

/** Where a mapping can receive a new entry: the map itself, or its parent when it is missing. */
export interface MapSite {
  /** The mapping, when it exists. */
  node?: CollectionSpan;
  /** The mapping that would hold it, and the keys to create below it, when it does not. */
  parent?: CollectionSpan;
  path: string[];
}

export type OperatorKind =
  | 'Service'
  | 'ServiceMonitor'
  | 'PodMonitor'
  | 'Probe'
  | 'Prometheus'
  | 'ThanosRuler'
  | 'Alertmanager'
  | 'PrometheusRule'
  | 'Deployment'
  | 'StatefulSet'
  | 'DaemonSet'
  | 'Namespace'
  | 'Kustomization';

interface ObjectBase {
  uri: string;
  kind: OperatorKind;
  /** Index of the YAML document in its file (List items share their document's index). */
  documentIndex: number;
  name?: string;
  /** The `metadata.name` value, where links to the object land. */
  nameSpan?: Span;
  /** `metadata.namespace` as written. */
  declaredNamespace?: string;
  /**
   * The namespace the object counts as in: that of the kustomization of its folder (or of a parent
   * folder that lists it under `resources`), which overrides `metadata.namespace` as kustomize's
   * namespace transformer does; else the declared one; else the configured default. Filled in by
   * the workspace index; extraction leaves the declared one.
   */
  namespace: string;
  labels: LabelSet;
  /** Where a new label goes (`metadata.labels`, or `metadata` when there are none). */
  labelSite: MapSite;
  /** The whole object (document or List item). */
  span: Span;
  /** The `kind:` value, the natural anchor for object-wide diagnostics. */
  kindSpan: Span;
  /** Indentation step of the document (spaces per nesting level), for edits that add lines. */
  indentStep: number;
}

export interface ServicePort {
  name?: string;
  port?: number;
  /** `targetPort` as written; Kubernetes defaults it to `port`. */
  targetPort?: number | string;
  span: Span;
  nameSpan?: Span;
}

export interface ServiceObject extends ObjectBase {
  kind: 'Service';
  ports: ServicePort[];
  /** `spec.selector`: the pods the Service routes to. */
  podSelector: LabelSet;
}

export interface ContainerPort {
  name?: string;
  containerPort?: number;
  span: Span;
}

/** Anything that runs pods: Deployment, StatefulSet, DaemonSet, and the operator's own CRs. */
export interface WorkloadObject extends ObjectBase {
  kind: 'Deployment' | 'StatefulSet' | 'DaemonSet' | 'Prometheus' | 'Alertmanager' | 'ThanosRuler';
  podLabels: LabelSet;
  containerPorts: ContainerPort[];
}

export interface MonitorEndpoint {
  /** `port` (a Service port name, or a container port name for PodMonitors). */
  port?: Located<string>;
  targetPort?: Located<number | string>;
  /** PodMonitor `portNumber`. */
  portNumber?: Located<number>;
  span: Span;
}

export interface MonitorObject extends ObjectBase {
  kind: 'ServiceMonitor' | 'PodMonitor';
  /** Absent when not written; Go's zero value then selects everything. */
  selector?: LabelSelector;
  namespaceSelector?: MonitorNamespaceSelector;
  endpoints: MonitorEndpoint[];
  /** `spec`, or the document root when `spec` is missing: where `namespaceSelector` would go. */
  specSite: MapSite;
}

export interface ProbeObject extends ObjectBase {
  kind: 'Probe';
}

export interface PrometheusRuleObject extends ObjectBase {
  kind: 'PrometheusRule';
}

/** The resource kinds a Prometheus CR selects, each with a label and a namespace selector. */
export type SelectableKind = 'serviceMonitor' | 'podMonitor' | 'probe' | 'rule';

/** A Prometheus CR, or a ThanosRuler (which selects PrometheusRules the same way). */
export interface PrometheusObject extends WorkloadObject {
  kind: 'Prometheus' | 'ThanosRuler';
  /** `undefined` when the selector is missing or null: then it selects nothing. */
  selectors: Partial<Record<SelectableKind, LabelSelector>>;
  namespaceSelectors: Partial<Record<SelectableKind, LabelSelector>>;
}

export interface NamespaceObject extends ObjectBase {
  kind: 'Namespace';
}

export interface KustomizationObject extends ObjectBase {
  kind: 'Kustomization';
  /** The `namespace:` it sets for every resource of its folder and the resources it lists. */
  setsNamespace?: string;
  /** `resources:` (and the older `bases:`) entries as written: files or folders, relative. */
  resources: string[];
}

export type OperatorObject =
  | ServiceObject
  | WorkloadObject
  | MonitorObject
  | ProbeObject
  | PrometheusRuleObject
  | PrometheusObject
  | NamespaceObject
  | KustomizationObject;

export function isWorkload(object: OperatorObject): object is WorkloadObject {
  return ['Deployment', 'StatefulSet', 'DaemonSet', 'Prometheus', 'Alertmanager', 'ThanosRuler'].includes(object.kind);
}

export function isPrometheusLike(object: OperatorObject): object is PrometheusObject {
  return object.kind === 'Prometheus' || object.kind === 'ThanosRuler';
}

export function isMonitor(object: OperatorObject): object is MonitorObject {
  return object.kind === 'ServiceMonitor' || object.kind === 'PodMonitor';
}

/** The kind of Prometheus selector that picks up an object, if any. */
export function selectableKindOf(object: OperatorObject): SelectableKind | undefined {
  switch (object.kind) {
    case 'ServiceMonitor':
      return 'serviceMonitor';
    case 'PodMonitor':
      return 'podMonitor';
    case 'Probe':
      return 'probe';
    case 'PrometheusRule':
      return 'rule';
    default:
      return undefined;
  }
}

/** `ns/name`, as messages name objects. */
export function qualifiedName(object: OperatorObject): string {
  // Namespaces themselves are cluster-scoped.
  if (object.kind === 'Namespace') return object.name ?? '(unnamed)';
  return `${object.namespace}/${object.name ?? '(unnamed)'}`;
}
