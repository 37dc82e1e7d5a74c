/**
 * Values the workspace knows for a field: the port names of what a monitor's selector matches
 * (`endpoints[].port`, `podMetricsEndpoints[].port`). Relies on the index holding the current
 * text of the file, which the server re-indexes on every change.
 */
import { CompletionItemKind, MarkupKind, type CompletionItem } from 'vscode-languageserver-types';
import { isMonitor, qualifiedName, type MonitorObject, type OperatorIndex } from '../operator';
import { monitorMatches } from '../operator/monitorChecks';
import type { SchemaPath } from './types';

export function workspaceValues(index: OperatorIndex, uri: string, offset: number, path: SchemaPath, quote: string): CompletionItem[] {
  const kind = path.length === 4 && path[0] === 'spec' && path[3] === 'port' ? endpointOwner(path[1]) : undefined;
  const monitor = kind && monitorAt(index, uri, offset, kind);
  if (!monitor) return [];
  const ports = new Map<string, string[]>();
  for (const target of monitorMatches(monitor, index)) {
    const names = target.kind === 'Service' ? target.ports.map((port) => port.name) : target.containerPorts.map((port) => port.name);
    for (const name of names) if (name) ports.set(name, [...(ports.get(name) ?? []), `${target.kind} ${qualifiedName(target)}`]);
  }
  return [...ports].map(([name, owners], rank) => ({
    label: name,
    kind: CompletionItemKind.Value,
    detail: owners.length === 1 ? `port of ${owners[0]}` : `port of ${owners.length} matched objects`,
    documentation: { kind: MarkupKind.Markdown, value: owners.map((owner) => `- ${owner}`).join('\n') },
    sortText: String(rank).padStart(3, '0'),
    filterText: `${quote}${name}${quote}`,
    insertText: `${quote}${name}${quote}`,
  }));
}

function endpointOwner(key: string | number): MonitorObject['kind'] | undefined {
  if (key === 'endpoints') return 'ServiceMonitor';
  if (key === 'podMetricsEndpoints') return 'PodMonitor';
  return undefined;
}

/** The monitor of that kind whose document holds the offset; the only one when spans moved. */
function monitorAt(index: OperatorIndex, uri: string, offset: number, kind: MonitorObject['kind']): MonitorObject | undefined {
  const monitors = (index.file(uri)?.objects ?? []).filter(isMonitor).filter((monitor) => monitor.kind === kind);
  return (
    monitors.find((monitor) => monitor.span.from <= offset && offset <= monitor.span.to) ??
    (monitors.length === 1 ? monitors[0] : undefined)
  );
}
