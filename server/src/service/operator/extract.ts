/**
 * YAML text -> Prometheus Operator objects with source spans, plus the checks that need only the
 * file itself. `parseDocuments` is the one place that parses, so it can later be swapped for the
 * shared per-file parse of service/yaml.
 */
import { parseAllDocuments, type Document, type YAMLMap } from 'yaml';
import { OperatorCode } from './codes';
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
import { problemAt, type OperatorProblem } from './problem';
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

// Helm's own objects and functions; Prometheus alert templates (`{{ $labels.pod }}`) use none.
const helmMarker =
  /\{\{-?\s*(?:\.Values|\.Release|\.Chart|\.Capabilities|\.Files|\.Template|\$\.Values|include\s|template\s|toYaml|tpl\s|define\s|if\s+\.|range\s+\.|with\s+\.)|\|\s*nindent\b/;
const templateAction = /\{\{-?[^}]*\}\}/;

// Files that name none of the kinds we index are not parsed at all: most YAML in a repository
// (CI workflows, Helm values, configs) is not a Kubernetes object we care about.
const relevantKind =
  /["']?kind["']?\s*:\s*["']?(?:Service|ServiceMonitor|PodMonitor|Probe|Prometheus|Alertmanager|ThanosRuler|PrometheusRule|Deployment|StatefulSet|DaemonSet|Namespace|Kustomization|\w*List)\b/;

/** Indexes every Kubernetes object of one YAML file. Never throws. */
export function extractObjects(uri: string, text: string): ExtractResult {
  const objects: OperatorObject[] = [];
  const problems: OperatorProblem[] = [];
  const isKustomization = kustomizationFile.test(uri);
  if (!isKustomization && !relevantKind.test(text)) return { objects, problems };
  const helm = helmMarker.exec(text);
  if (helm) return helmSkipped(text, helm.index);
  let documents: Document.Parsed[];
  try {
    documents = parseDocuments(text);
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

/**
 * A template action on a line where the YAML fails to parse is Helm (or similar) templating, not
 * an alert template inside a string; returns its offset. Errors elsewhere (half-typed YAML) do not count.
 */
function templateBreakingYaml(text: string, documents: Document.Parsed[]): number | undefined {
  for (const document of documents) {
    for (const error of document.errors) {
      const lineStart = text.lastIndexOf('\n', error.pos[0] - 1) + 1;
      const nextBreak = text.indexOf('\n', error.pos[0]);
      const lineEnd = nextBreak < 0 ? text.length : nextBreak;
      // The error may be reported where the broken node ends; look at its line and the one before.
      const from = text.lastIndexOf('\n', lineStart - 2) + 1;
      const action = templateAction.exec(text.slice(from, lineEnd));
      if (action) return from + action.index;
    }
  }
  return undefined;
}

function helmSkipped(text: string, at: number): ExtractResult {
  const close = text.indexOf('}}', at);
  const to = close >= 0 ? close + 2 : at + 2;
  const message =
    'This file uses Helm templating ({{ … }}), so it is not plain YAML; its objects are not indexed or checked. Render it with `helm template` to check the output.';
  return { objects: [], problems: [problemAt({ from: at, to }, OperatorCode.helmTemplateSkipped, 'information', message)] };
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

type Base = Omit<OperatorObject, 'kind'>;

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

/** The pod template labels the operator gives the StatefulSet pods of a Prometheus/Alertmanager. */
function operatorPods(
  base: Base,
  app: 'prometheus' | 'alertmanager' | 'thanos-ruler',
  spec: YAMLMap | undefined,
  containerPorts: ContainerPort[],
): WorkloadObject {
  const name = base.name ?? '';
  const at = { keySpan: base.kindSpan, valueSpan: base.kindSpan };
  const generated = [
    { key: 'app.kubernetes.io/name', value: app },
    { key: 'app.kubernetes.io/instance', value: name },
    { key: 'app.kubernetes.io/managed-by', value: 'prometheus-operator' },
    { key: app, value: name },
    { key: `operator.prometheus.io/name`, value: name },
  ].map((entry) => ({ ...entry, ...at }));
  const custom = labelSetOf(valueOf(mapPath(spec, 'podMetadata'), 'labels')).entries;
  const kind = app === 'prometheus' ? 'Prometheus' : app === 'alertmanager' ? 'Alertmanager' : 'ThanosRuler';
  return { ...base, kind, podLabels: { entries: [...custom, ...generated] }, containerPorts };
}

function kustomizationOf(root: YAMLMap, uri: string, documentIndex: number, text: string): KustomizationObject | undefined {
  const base = baseOf(root, uri, documentIndex, text);
  return base && { ...base, kind: 'Kustomization', setsNamespace: stringPath(root, 'namespace') };
}
