/**
 * YAML text -> Prometheus Operator objects with source spans, plus the checks that need only the
 * file itself. `parseDocuments` is the one place that parses, so it can later be swapped for the
 * shared per-file parse of service/yaml.
 */
import { parseAllDocuments, type Document, type YAMLMap } from 'yaml';
import { checkFields } from './fieldChecks';
import type {
  ContainerPort,
  KustomizationObject,
  MapSite,
  MonitorEndpoint,
  MonitorNamespaceSelector,
  MonitorObject,
  OperatorKind,
  OperatorObject,
  PrometheusObject,
  SelectableKind,
  ServiceObject,
  ServicePort,
  WorkloadObject,
} from './model';
import { helmMarker, helmSkipped, templateBreakingYaml } from './helm';
import type { OperatorProblem } from './problem';
import { operatorPods, type ObjectBaseFields } from './operatorPods';
import { parseLabelSelector } from './selectorParse';
import {
  asMap,
  asSeq,
  collectionSpan,
  columnAt,
  keySpanOf,
  labelSetOf,
  locatedIntOrString,
  locatedString,
  mapPath,
  scalarText,
  spanOf,
  stringPath,
  valueOf,
} from './yamlNodes';

export interface ExtractResult {
  objects: OperatorObject[];
  /** Problems found in the file alone (field checks, the Helm notice). */
  problems: OperatorProblem[];
}

function parseDocuments(text: string): Document.Parsed[] {
  return parseAllDocuments(text, { uniqueKeys: false }) as Document.Parsed[];
}

const kustomizationFile = /(^|\/)(kustomization\.ya?ml|Kustomization)$/;

// Files that name none of the kinds we index are not parsed at all: most YAML in a repository
// (CI workflows, Helm values, configs) is not a Kubernetes object we care about.
const relevantKind =
  /["']?kind["']?\s*:\s*["']?(?:Service|ServiceMonitor|PodMonitor|Probe|Prometheus|Alertmanager|ThanosRuler|PrometheusRule|Deployment|StatefulSet|DaemonSet|Namespace|Kustomization|\w*List)\b/;

/**
 * Indexes every Kubernetes object of one YAML file. Never throws. `parsed`: the file's documents
 * when the caller has parsed this very text already (any options; duplicate keys are tolerated).
 */
export function extractObjects(uri: string, text: string, parsed?: readonly Document.Parsed[]): ExtractResult {
  const objects: OperatorObject[] = [];
  const problems: OperatorProblem[] = [];
  const isKustomization = kustomizationFile.test(uri);
  if (!isKustomization && !relevantKind.test(text)) return { objects, problems };
  const helm = helmMarker.exec(text);
  if (helm) return helmSkipped(text, helm.index);
  let documents: readonly Document.Parsed[];
  try {
    documents = parsed ?? parseDocuments(text);
  } catch {
    return { objects, problems };
  }
  const action = templateBreakingYaml(text, documents);
  if (action !== undefined) return helmSkipped(text, action);
  documents.forEach((document, documentIndex) => {
    const root = asMap(document.contents);
    if (!root) return;
    const kind = stringPath(root, 'kind');
    if (isKustomization && (kind === undefined || kind === 'Kustomization')) {
      const object = kustomizationOf(root, uri, documentIndex, text);
      if (object) objects.push(object);
      return;
    }
    const items = kind !== undefined && kind.endsWith('List') ? asSeq(valueOf(root, 'items'))?.items : undefined;
    for (const node of items ?? [root]) {
      const map = asMap(node);
      if (!map) continue;
      const object = objectOf(map, uri, documentIndex, text);
      if (!object) continue;
      objects.push(object);
      problems.push(...checkFields(object.kind, map, uri));
    }
  });
  return { objects, problems };
}

const knownKinds = new Set<OperatorKind>([
  'Service',
  'ServiceMonitor',
  'PodMonitor',
  'Probe',
  'Prometheus',
  'ThanosRuler',
  'Alertmanager',
  'PrometheusRule',
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'Namespace',
]);

type Base = ObjectBaseFields;

function baseOf(root: YAMLMap, uri: string, documentIndex: number, text: string): Base | undefined {
  const span = spanOf(root);
  const kindSpan = spanOf(valueOf(root, 'kind') ?? undefined) ?? keySpanOf(root, 'kind') ?? span;
  if (!span || !kindSpan) return undefined;
  const metadata = mapPath(root, 'metadata');
  const labelsNode = valueOf(metadata, 'labels');
  const labels = labelSetOf(labelsNode);
  const declaredNamespace = stringPath(metadata, 'namespace');
  const labelSite: MapSite = labels.node
    ? { node: labels.node, path: [] }
    : { parent: collectionSpan(metadata ?? root), path: metadata ? ['labels'] : ['metadata', 'labels'] };
  return {
    uri,
    documentIndex,
    name: stringPath(metadata, 'name'),
    nameSpan: spanOf(valueOf(metadata, 'name') ?? undefined),
    declaredNamespace,
    namespace: declaredNamespace ?? '',
    labels,
    labelSite,
    span,
    kindSpan,
    indentStep: indentStepOf(root, text),
  };
}

/** Spaces per nesting level: how far the first nested mapping sits from the root's keys. */
function indentStepOf(root: YAMLMap, text: string): number {
  const rootSpan = spanOf(root);
  for (const key of ['metadata', 'spec']) {
    const child = mapPath(root, key);
    const childSpan = spanOf(child);
    if (!rootSpan || !childSpan || child?.flow) continue;
    const step = columnAt(text, childSpan.from) - columnAt(text, rootSpan.from);
    if (step > 0) return step;
  }
  return 2;
}

function objectOf(root: YAMLMap, uri: string, documentIndex: number, text: string): OperatorObject | undefined {
  const kind = stringPath(root, 'kind') as OperatorKind | undefined;
  if (!kind || !knownKinds.has(kind)) return undefined;
  const base = baseOf(root, uri, documentIndex, text);
  if (!base) return undefined;
  const spec = mapPath(root, 'spec');
  switch (kind) {
    case 'Service':
      return { ...base, kind, ports: servicePorts(spec), podSelector: labelSetOf(valueOf(spec, 'selector')) } satisfies ServiceObject;
    case 'Deployment':
    case 'StatefulSet':
    case 'DaemonSet':
      return {
        ...base,
        kind,
        podLabels: labelSetOf(valueOf(mapPath(spec, 'template', 'metadata'), 'labels')),
        containerPorts: containerPorts(mapPath(spec, 'template', 'spec')),
      } satisfies WorkloadObject;
    case 'ServiceMonitor':
    case 'PodMonitor':
      return monitorOf(base, kind, root, spec);
    case 'Prometheus':
    case 'ThanosRuler':
      return prometheusOf(base, kind, spec);
    case 'Alertmanager':
      return operatorPods(base, 'alertmanager', spec, [
        { name: stringPath(spec, 'portName') ?? 'web', containerPort: 9093, span: base.kindSpan },
        { name: 'mesh-tcp', containerPort: 9094, span: base.kindSpan },
        { name: 'reloader-web', containerPort: 8080, span: base.kindSpan },
      ]);
    default:
      return { ...base, kind } as OperatorObject;
  }
}

function servicePorts(spec: YAMLMap | undefined): ServicePort[] {
  const ports: ServicePort[] = [];
  for (const item of asSeq(valueOf(spec, 'ports'))?.items ?? []) {
    const map = asMap(item);
    const span = spanOf(map);
    if (!map || !span) continue;
    const name = locatedString(valueOf(map, 'name'));
    const port = Number(scalarText(valueOf(map, 'port')));
    ports.push({
      name: name?.value,
      nameSpan: name?.span,
      port: Number.isInteger(port) ? port : undefined,
      targetPort: locatedIntOrString(valueOf(map, 'targetPort'))?.value,
      span,
    });
  }
  return ports;
}

function containerPorts(podSpec: YAMLMap | undefined): ContainerPort[] {
  const ports: ContainerPort[] = [];
  for (const list of ['containers', 'initContainers']) {
    for (const container of asSeq(valueOf(podSpec, list))?.items ?? []) {
      for (const item of asSeq(valueOf(asMap(container), 'ports'))?.items ?? []) {
        const map = asMap(item);
        const span = spanOf(map);
        if (!map || !span) continue;
        const number = Number(scalarText(valueOf(map, 'containerPort')));
        ports.push({
          name: scalarText(valueOf(map, 'name')),
          containerPort: Number.isInteger(number) ? number : undefined,
          span,
        });
      }
    }
  }
  return ports;
}

function monitorOf(base: Base, kind: MonitorObject['kind'], root: YAMLMap, spec: YAMLMap | undefined): MonitorObject {
  const listKey = kind === 'ServiceMonitor' ? 'endpoints' : 'podMetricsEndpoints';
  const endpoints: MonitorEndpoint[] = [];
  for (const item of asSeq(valueOf(spec, listKey))?.items ?? []) {
    const map = asMap(item);
    const span = spanOf(map);
    if (!map || !span) continue;
    const portNumber = locatedIntOrString(valueOf(map, 'portNumber'));
    endpoints.push({
      port: locatedString(valueOf(map, 'port')),
      targetPort: locatedIntOrString(valueOf(map, 'targetPort')),
      portNumber: typeof portNumber?.value === 'number' ? { value: portNumber.value, span: portNumber.span } : undefined,
      span,
    });
  }
  return {
    ...base,
    kind,
    selector: spec ? parseLabelSelector(spec, 'selector', true) : undefined,
    namespaceSelector: namespaceSelectorOf(spec),
    endpoints,
    specSite: spec ? { node: collectionSpan(spec), path: [] } : { parent: collectionSpan(root), path: ['spec'] },
  };
}

function namespaceSelectorOf(spec: YAMLMap | undefined): MonitorNamespaceSelector | undefined {
  const node = valueOf(spec, 'namespaceSelector');
  const keySpan = keySpanOf(spec, 'namespaceSelector');
  const span = spanOf(node ?? undefined) ?? keySpan;
  if (!keySpan || !span) return undefined;
  const map = asMap(node);
  const matchNamesNode = asSeq(valueOf(map, 'matchNames'));
  return {
    any: scalarText(valueOf(map, 'any')) === 'true',
    matchNames: (matchNamesNode?.items ?? []).flatMap((item) => locatedString(item) ?? []),
    keySpan,
    span,
    node: collectionSpan(map),
    matchNamesNode: collectionSpan(matchNamesNode),
  };
}

const selectorKeys: Record<SelectableKind, [string, string]> = {
  serviceMonitor: ['serviceMonitorSelector', 'serviceMonitorNamespaceSelector'],
  podMonitor: ['podMonitorSelector', 'podMonitorNamespaceSelector'],
  probe: ['probeSelector', 'probeNamespaceSelector'],
  rule: ['ruleSelector', 'ruleNamespaceSelector'],
};

function prometheusOf(base: Base, kind: PrometheusObject['kind'], spec: YAMLMap | undefined): PrometheusObject {
  const selectors: PrometheusObject['selectors'] = {};
  const namespaceSelectors: PrometheusObject['namespaceSelectors'] = {};
  for (const [selected, [selectorKey, namespaceKey]] of Object.entries(selectorKeys) as [SelectableKind, [string, string]][]) {
    if (kind === 'ThanosRuler' && selected !== 'rule') continue;
    const selector = spec && parseLabelSelector(spec, selectorKey, false);
    const namespaceSelector = spec && parseLabelSelector(spec, namespaceKey, false);
    if (selector) selectors[selected] = selector;
    if (namespaceSelector) namespaceSelectors[selected] = namespaceSelector;
  }
  if (kind === 'ThanosRuler') {
    const ports = [
      { name: 'web', containerPort: 10902, span: base.kindSpan },
      { name: 'grpc', containerPort: 10901, span: base.kindSpan },
    ];
    return { ...operatorPods(base, 'thanos-ruler', spec, ports), kind, selectors, namespaceSelectors };
  }
  // Pods the operator creates for it: web, plus the Thanos sidecar when configured.
  const ports: ContainerPort[] = [{ name: stringPath(spec, 'portName') ?? 'web', containerPort: 9090, span: base.kindSpan }];
  ports.push({ name: 'reloader-web', containerPort: 8080, span: base.kindSpan });
  if (mapPath(spec, 'thanos')) {
    ports.push({ name: 'grpc', containerPort: 10901, span: base.kindSpan });
    ports.push({ name: 'http', containerPort: 10902, span: base.kindSpan });
  }
  return { ...operatorPods(base, 'prometheus', spec, ports), kind, selectors, namespaceSelectors };
}

function kustomizationOf(root: YAMLMap, uri: string, documentIndex: number, text: string): KustomizationObject | undefined {
  const base = baseOf(root, uri, documentIndex, text);
  const resources = ['resources', 'bases'].flatMap((key) =>
    (asSeq(valueOf(root, key))?.items ?? []).flatMap((item) => scalarText(item) ?? []),
  );
  return base && { ...base, kind: 'Kustomization', setsNamespace: stringPath(root, 'namespace'), resources };
}
