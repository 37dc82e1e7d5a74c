/**
 * Endpoint port checks for monitors whose selector matched something: the named port must exist
 * on a matched Service (or pod template), and the port traffic lands on must be one a container
 * of the backing workload declares, when that workload is in the workspace.
 */
import { OperatorCode } from './codes';
import { editDistance } from './fields';
import type { LabelSelector, Located, MonitorEndpoint, MonitorObject, ServiceObject, ServicePort, Span, WorkloadObject } from './model';
import { qualifiedName } from './model';
import { problemAt, type OperatorProblem } from './problem';
import type { OperatorIndex } from './workspaceIndex';
import { yamlScalar } from './yamlText';

export function checkEndpointPorts(
  monitor: MonitorObject,
  matched: (ServiceObject | WorkloadObject)[],
  index: OperatorIndex,
): OperatorProblem[] {
  const problems: OperatorProblem[] = [];
  for (const endpoint of monitor.endpoints) {
    const problem =
      monitor.kind === 'ServiceMonitor'
        ? serviceEndpointProblem(monitor, endpoint, matched as ServiceObject[], index)
        : podEndpointProblem(monitor, endpoint, matched as WorkloadObject[]);
    if (problem) problems.push(problem);
  }
  return problems;
}

function serviceEndpointProblem(
  monitor: MonitorObject,
  endpoint: MonitorEndpoint,
  services: ServiceObject[],
  index: OperatorIndex,
): OperatorProblem | undefined {
  if (endpoint.port) {
    const port = endpoint.port;
    const hits = services.flatMap((service) =>
      service.ports.filter((candidate) => candidate.name === port.value).map((p) => ({ service, port: p })),
    );
    if (hits.length === 0) {
      const names = services.flatMap((service) => service.ports.flatMap((p) => p.name ?? []));
      const listing = services
        .slice(0, 3)
        .map((service) => `Service ${qualifiedName(service)} has ${portList(service.ports.map((p) => p.name))}`)
        .join('; ');
      const related = services.slice(0, 3).map((service) => ({
        uri: service.uri,
        ...(service.ports[0]?.span ?? service.kindSpan),
        message: `Service ${qualifiedName(service)} ports: ${portList(service.ports.map((p) => p.name))}`,
      }));
      return portNotFound(monitor, port, `No matched Service has a port named '${port.value}': ${listing}.`, names, related);
    }
    // The Service port forwards to its targetPort (defaulting to port): is a container there?
    for (const { service, port: servicePort } of hits) {
      const target = servicePort.targetPort ?? servicePort.port;
      const problem = target === undefined ? undefined : unbackedProblem(port.span, target, service, index, servicePort);
      if (problem) return problem;
    }
  }
  if (endpoint.targetPort) {
    for (const service of services) {
      const problem = unbackedProblem(endpoint.targetPort.span, endpoint.targetPort.value, service, index);
      if (problem) return problem;
    }
  }
  return undefined;
}

function podEndpointProblem(monitor: MonitorObject, endpoint: MonitorEndpoint, workloads: WorkloadObject[]): OperatorProblem | undefined {
  const port = endpoint.port;
  if (port && !workloads.some((workload) => workload.containerPorts.some((p) => p.name === port.value))) {
    const names = workloads.flatMap((workload) => workload.containerPorts.flatMap((p) => p.name ?? []));
    const listing = workloads
      .slice(0, 3)
      .map((workload) => `${workload.kind} ${qualifiedName(workload)} has ${portList(workload.containerPorts.map((p) => p.name))}`)
      .join('; ');
    const related = workloads.slice(0, 3).map((workload) => ({
      uri: workload.uri,
      ...(workload.containerPorts[0]?.span ?? workload.kindSpan),
      message: `${workload.kind} ${qualifiedName(workload)} container ports: ${portList(workload.containerPorts.map((p) => p.name))}`,
    }));
    return portNotFound(monitor, port, `No matched pod template has a container port named '${port.value}': ${listing}.`, names, related);
  }
  const number = endpoint.portNumber ?? endpoint.targetPort;
  if (number && !backs(workloads, number.value)) {
    const message = `No container of the matched workloads (${workloads.map((w) => `${w.kind} ${qualifiedName(w)}`).join(', ')}) declares port ${number.value}.`;
    return problemAt(number.span, OperatorCode.targetPortNotBacked, 'warning', message, workloads.slice(0, 3).map(workloadRelated));
  }
  return undefined;
}

function portList(names: (string | undefined)[]): string {
  const named = names.filter((name): name is string => Boolean(name));
  return named.length ? `ports ${named.join(', ')}` : 'no named ports';
}

function portNotFound(
  monitor: MonitorObject,
  port: Located<string>,
  message: string,
  names: string[],
  related: OperatorProblem['related'],
): OperatorProblem {
  const choices = [...new Set(names)]
    .sort((a, b) => editDistance(port.value, a) - editDistance(port.value, b) || a.localeCompare(b))
    .slice(0, 3);
  const fixes = choices.map((name) => ({
    title: `Change port to '${name}'`,
    actions: [{ kind: 'replace' as const, uri: monitor.uri, span: port.span, newText: yamlScalar(name) }],
  }));
  return problemAt(port.span, OperatorCode.portNotFound, 'warning', message, related, fixes);
}

/** Whether a container of the workloads provides `target`; ports left undeclared cannot be judged. */
function backs(workloads: WorkloadObject[], target: number | string): boolean {
  if (typeof target === 'string') return workloads.some((workload) => workload.containerPorts.some((p) => p.name === target));
  const declaring = workloads.filter((workload) => workload.containerPorts.some((p) => p.containerPort !== undefined));
  return declaring.length === 0 || declaring.some((workload) => workload.containerPorts.some((p) => p.containerPort === target));
}

function backingWorkloads(service: ServiceObject, index: OperatorIndex): WorkloadObject[] {
  if (service.podSelector.entries.length === 0) return [];
  const selector: LabelSelector = {
    matchLabels: service.podSelector,
    matchExpressions: [],
    keySpan: service.kindSpan,
    span: service.kindSpan,
  };
  return index.workloads.matching(selector, { any: false, names: [service.namespace] });
}

function workloadRelated(workload: WorkloadObject) {
  return {
    uri: workload.uri,
    ...(workload.containerPorts[0]?.span ?? workload.kindSpan),
    message: `${workload.kind} ${qualifiedName(workload)} container ports: ${workload.containerPorts.map((p) => p.name ?? p.containerPort).join(', ') || 'none'}`,
  };
}

function unbackedProblem(
  span: Span,
  target: number | string,
  service: ServiceObject,
  index: OperatorIndex,
  servicePort?: ServicePort,
): OperatorProblem | undefined {
  const workloads = backingWorkloads(service, index);
  if (workloads.length === 0 || backs(workloads, target)) return undefined;
  const via = servicePort ? `Service ${qualifiedName(service)} port '${servicePort.name}' forwards to ${target}, but no` : `No`;
  const message = `${via} container of ${workloads.map((w) => `${w.kind} ${qualifiedName(w)}`).join(', ')} declares ${typeof target === 'number' ? `port ${target}` : `a port named '${target}'`}.`;
  const related = [
    ...(servicePort ? [{ uri: service.uri, ...servicePort.span, message: `Service port '${servicePort.name}'` }] : []),
    ...workloads.slice(0, 3).map(workloadRelated),
  ];
  return problemAt(span, OperatorCode.targetPortNotBacked, 'warning', message, related);
}
