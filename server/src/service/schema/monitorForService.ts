/**
 * "ServiceMonitor for <ns>/<service>" and "PodMonitor for <ns>/<workload>" items: whole monitors
 * that select what already exists in the workspace, so they match from the first keystroke —
 * selector labels copied from the target, the port named after its metrics port, its namespace,
 * and the labels a Prometheus of the workspace selects monitors by.
 */
import { CompletionItemKind, InsertTextFormat, InsertTextMode, MarkupKind, type CompletionItem } from 'vscode-languageserver-types';
import { folderOf, type OperatorIndex } from '../operator';
import type { LabelSet, OperatorObject, PrometheusObject, SelectableKind, ServiceObject, WorkloadObject } from '../operator';
import { yamlScalar } from '../operator/yamlText';
import { monitorMatches } from '../operator/monitorChecks';
import { operatorApiVersion } from './kinds';

/** Enough to choose from without flooding the list in a large repository. */
const maxItemsPerKind = 40;

export function monitorItems(index: OperatorIndex, uri: string, step: number): CompletionItem[] {
  const services = index.services.all().filter((service) => service.name && service.labels.entries.length > 0);
  const workloads = index.workloads
    .all()
    .filter(
      (workload) =>
        ['Deployment', 'StatefulSet', 'DaemonSet'].includes(workload.kind) && workload.name && workload.podLabels.entries.length > 0,
    );
  const monitored = new Set<OperatorObject>(index.allMonitors().flatMap((monitor) => monitorMatches(monitor, index)));
  return [
    ...nearestFirst(services, uri, monitored).map((service, rank) => serviceMonitorItem(service, index, step, rank)),
    ...nearestFirst(workloads, uri, monitored).map((workload, rank) => podMonitorItem(workload, index, step, rank)),
  ];
}

/** Objects of the same file first, then of the same folder; unmonitored before monitored; then by name. */
function nearestFirst<T extends OperatorObject>(objects: T[], uri: string, monitored: ReadonlySet<OperatorObject>): T[] {
  const distance = (object: OperatorObject) => (object.uri === uri ? 0 : folderOf(object.uri) === folderOf(uri) ? 1 : 2);
  const rank = (object: OperatorObject) => distance(object) * 2 + (monitored.has(object) ? 1 : 0);
  const name = (object: OperatorObject) => `${object.namespace}/${object.name}`;
  return [...objects].sort((a, b) => rank(a) - rank(b) || name(a).localeCompare(name(b))).slice(0, maxItemsPerKind);
}

/** The port that looks like metrics, else the first named one. */
function metricsPort<T extends { name?: string }>(ports: readonly T[]): T | undefined {
  return ports.find((port) => port.name && /metrics/i.test(port.name)) ?? ports.find((port) => port.name);
}

function serviceMonitorItem(service: ServiceObject, index: OperatorIndex, step: number, rank: number): CompletionItem {
  const port = metricsPort(service.ports);
  const unnamed = service.ports[0];
  const endpoint = port?.name
    ? `port: ${yamlScalar(port.name)}`
    : unnamed
      ? `targetPort: ${unnamed.targetPort ?? unnamed.port ?? '${2:8080}'}`
      : 'port: ${2:metrics}';
  const body = monitorText('ServiceMonitor', service, service.labels, 'endpoints', endpoint, index, step);
  return item(
    'ServiceMonitor',
    service,
    body,
    `selects ${labelText(service.labels)}; ${endpoint.replace(/\$\{\d+:([^}]*)\}/, '$1')}`,
    rank,
  );
}

function podMonitorItem(workload: WorkloadObject, index: OperatorIndex, step: number, rank: number): CompletionItem {
  const port = metricsPort(workload.containerPorts);
  const numbered = workload.containerPorts.find((candidate) => candidate.containerPort !== undefined);
  const endpoint = port?.name
    ? `port: ${yamlScalar(port.name)}`
    : numbered
      ? `portNumber: ${numbered.containerPort}`
      : 'port: ${2:metrics}';
  const body = monitorText('PodMonitor', workload, workload.podLabels, 'podMetricsEndpoints', endpoint, index, step);
  return item(
    'PodMonitor',
    workload,
    body,
    `selects ${workload.kind} pods ${labelText(workload.podLabels)}; ${endpoint.replace(/\$\{\d+:([^}]*)\}/, '$1')}`,
    rank,
  );
}

function item(kind: 'ServiceMonitor' | 'PodMonitor', target: OperatorObject, body: string, detail: string, rank: number): CompletionItem {
  return {
    label: `${kind} for ${target.namespace}/${target.name}`,
    kind: CompletionItemKind.Snippet,
    detail,
    documentation: {
      kind: MarkupKind.Markdown,
      value: '```yaml\n' + body.replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$0/g, '') + '\n```',
    },
    sortText: `${kind === 'ServiceMonitor' ? 0 : 1}${String(rank).padStart(3, '0')}`,
    insertText: body,
    insertTextFormat: InsertTextFormat.Snippet,
    insertTextMode: InsertTextMode.asIs,
  };
}

function monitorText(
  kind: 'ServiceMonitor' | 'PodMonitor',
  target: OperatorObject,
  selectorLabels: LabelSet,
  endpointsKey: string,
  endpoint: string,
  index: OperatorIndex,
  step: number,
): string {
  const pad = (level: number) => ' '.repeat(step * level);
  const selectedBy = prometheusLabels(index, kind === 'ServiceMonitor' ? 'serviceMonitor' : 'podMonitor', target.namespace);
  const lines = [
    `apiVersion: ${operatorApiVersion}`,
    `kind: ${kind}`,
    'metadata:',
    `${pad(1)}name: \${1:${snippetText(yamlScalar(target.name ?? 'monitor'))}}`,
    `${pad(1)}namespace: ${snippetText(yamlScalar(target.namespace))}`,
  ];
  if (selectedBy.length > 0) lines.push(`${pad(1)}labels:`, ...selectedBy.map(([key, value]) => `${pad(2)}${labelLine(key, value)}`));
  lines.push(
    'spec:',
    `${pad(1)}selector:`,
    `${pad(2)}matchLabels:`,
    ...selectorLabels.entries.map((entry) => `${pad(3)}${labelLine(entry.key, entry.value)}`),
    `${pad(1)}${endpointsKey}:`,
    `${pad(2)}- ${endpoint}`,
    `${pad(2)}  interval: \${3:30s}$0`,
  );
  return lines.join('\n') + '\n';
}

/**
 * The `matchLabels` of a Prometheus that would pick the new monitor up: one in the target's
 * namespace first, else one that looks in other namespaces. Nothing when none selects by labels.
 */
function prometheusLabels(index: OperatorIndex, kind: SelectableKind, namespace: string): [string, string][] {
  const candidates = index
    .prometheuses()
    .filter((prometheus): prometheus is PrometheusObject => prometheus.kind === 'Prometheus')
    .filter((prometheus) => prometheus.namespace === namespace || prometheus.namespaceSelectors[kind] !== undefined);
  candidates.sort((a, b) => Number(b.namespace === namespace) - Number(a.namespace === namespace));
  for (const prometheus of candidates) {
    const selector = prometheus.selectors[kind];
    if (selector && selector.matchExpressions.length === 0 && selector.matchLabels.entries.length > 0) {
      return selector.matchLabels.entries.map((entry) => [entry.key, entry.value]);
    }
  }
  return [];
}

function labelLine(key: string, value: string): string {
  return `${snippetText(yamlScalar(key))}: ${snippetText(yamlScalar(value))}`;
}

function labelText(labels: LabelSet): string {
  return labels.entries.map((entry) => `${entry.key}=${entry.value}`).join(', ');
}

/** Literal text inside a snippet: `$`, `}` and `\` must be escaped. */
function snippetText(text: string): string {
  return text.replace(/[$}\\]/g, '\\$&');
}
