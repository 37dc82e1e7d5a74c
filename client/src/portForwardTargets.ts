/**
 * The pure half of "Port-forward Prometheus" and "Port-forward Loki": reading
 * `kubectl get svc -A -o json`, ranking the Services that look like the server wanted, building
 * the `kubectl port-forward` arguments and turning kubectl's output into words. No `vscode`, no
 * processes: unit-tested with recorded JSON.
 */

/** A Service port kubectl could forward to. */
export interface ServiceTarget {
  namespace: string;
  name: string;
  port: number;
  portName?: string;
  /** Higher is more likely the server wanted; ≥ `likelyScore` is pre-selected. */
  score: number;
}

export const likelyScore = 50;

interface ServicePort {
  port: number;
  name?: string;
}

/** How to recognise one kind of server among a cluster's Services. */
export interface ServiceRanking {
  score(name: string, labels: Record<string, string>, port: ServicePort): number;
  /** The port to forward among a Service's TCP ports (never empty). */
  preferredPort(ports: readonly ServicePort[]): ServicePort;
}

interface RawService {
  metadata?: { name?: unknown; namespace?: unknown; labels?: unknown };
  spec?: { ports?: unknown };
}

/** Parses the JSON of `kubectl get svc -A -o json`; an error message when it is not a List. */
export function parseServiceList(
  stdout: string,
  ranking: ServiceRanking = prometheusRanking,
): { services: ServiceTarget[] } | { error: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(stdout);
  } catch {
    return { error: `kubectl did not print JSON: ${firstLine(stdout) || '(no output)'}` };
  }
  const items = typeof parsed === 'object' && parsed !== null ? (parsed as { items?: unknown }).items : undefined;
  if (!Array.isArray(items)) return { error: 'kubectl printed JSON without an `items` list' };
  const services: ServiceTarget[] = [];
  for (const item of items as RawService[]) {
    const name = item?.metadata?.name;
    const namespace = item?.metadata?.namespace;
    if (typeof name !== 'string' || typeof namespace !== 'string') continue;
    const labels = isStringRecord(item.metadata?.labels) ? item.metadata.labels : {};
    const ports = tcpPorts(item.spec?.ports);
    if (ports.length === 0) continue;
    const port = ranking.preferredPort(ports);
    services.push({ namespace, name, port: port.port, portName: port.name, score: ranking.score(name, labels, port) });
  }
  return { services: rankServices(services) };
}

/** Best first; ties by namespace and name, so the list is stable. */
export function rankServices(services: readonly ServiceTarget[]): ServiceTarget[] {
  return [...services].sort((a, b) => b.score - a.score || a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name));
}

/**
 * Components that ship beside Prometheus and are named after it, but are not its query API;
 * kube-prometheus-stack also names the Services it makes to scrape the cluster's own parts
 * (`<release>-kube-prometheus-stack-kubelet`, `-coredns`, `-kube-etcd`, …) after itself.
 */
const notPrometheus =
  /alertmanager|node-exporter|operator|pushgateway|adapter|blackbox|kube-state-metrics|grafana|thanos-sidecar|webhook|kubelet|coredns|kube-(dns|etcd|proxy|scheduler|controller-manager)$/;

/**
 * How much a Service looks like a Prometheus server: the Operator's `prometheus-operated`,
 * kube-prometheus-stack's `<release>-kube-prometheus-stack-prometheus` or any `*-prometheus`,
 * port 9090 (or a port named `web`/`http-web`), and the `app.kubernetes.io/name` label.
 */
export function scoreService(name: string, labels: Record<string, string>, port: ServicePort): number {
  let score = 0;
  if (name === 'prometheus-operated') score += 60;
  else if (/kube-prometheus-stack-prometheus$|(^|-)prometheus(-server)?$/.test(name)) score += 50;
  else if (name.includes('prometheus')) score += 20;
  if (notPrometheus.test(name)) score -= 60;
  if (port.port === 9090) score += 20;
  if (port.name === 'web' || port.name === 'http-web') score += 10;
  const appName = labels['app.kubernetes.io/name'] ?? labels.app;
  if (appName === 'prometheus' || appName === 'kube-prometheus-stack-prometheus') score += 15;
  return score;
}

export const prometheusRanking: ServiceRanking = {
  score: scoreService,
  preferredPort: (ports) =>
    ports.find((port) => port.port === 9090) ?? ports.find((port) => port.name === 'web' || port.name === 'http-web') ?? ports[0],
};

/** Loki components that do not answer queries (writes, storage, gossip, caches, agents). */
const notLokiQueries =
  /headless|memberlist|canary|(^|-)write$|backend|distributor|ingester|compactor|index-gateway|ruler|query-scheduler|bloom|cache|overrides|promtail|operator|minio/;

/** Which Loki component a Service name ends with, best for queries first. */
const lokiComponents: Array<[RegExp, number]> = [
  [/-gateway(-http)?$/, 60], // the Helm charts' nginx (port 80) in front of every mode; the Loki Operator's gateway
  [/-query-frontend(-http)?$/, 55], // distributed installs
  [/(^|-)loki(-stack)?$|-read$/, 50], // single binary (or loki-stack), simple-scalable read path
  [/-querier(-http)?$/, 45],
];

/**
 * How much a Service looks like a Loki that answers queries: a Loki-named Service (or one
 * labelled as Loki) scored by its component, port 3100 (80 for a gateway), and its labels.
 */
export function scoreLokiService(name: string, labels: Record<string, string>, port: ServicePort): number {
  const appName = labels['app.kubernetes.io/name'] ?? labels.app ?? '';
  const labelledLoki = /^loki(-distributed|stack)?$/.test(appName) || appName === 'grafana-loki';
  if (!name.includes('loki') && !labelledLoki) return 0;
  let score = lokiComponents.find(([pattern]) => pattern.test(name))?.[1] ?? 15;
  if (notLokiQueries.test(name)) score -= 60;
  if (port.port === 3100 || (port.port === 80 && /-gateway(-http)?$/.test(name))) score += 20;
  if (labelledLoki) score += 10;
  return score;
}

export const lokiRanking: ServiceRanking = {
  score: scoreLokiService,
  preferredPort: (ports) =>
    ports.find((port) => port.port === 3100) ??
    ports.find((port) => port.name === 'http-metrics' || port.name === 'http') ??
    ports.find((port) => port.port === 80) ??
    ports[0],
};

function tcpPorts(ports: unknown): ServicePort[] {
  if (!Array.isArray(ports)) return [];
  return ports
    .filter((port): port is { port: number; name?: unknown; protocol?: unknown } => typeof port?.port === 'number')
    .filter((port) => port.protocol === undefined || port.protocol === 'TCP')
    .map((port) => ({ port: port.port, name: typeof port.name === 'string' ? port.name : undefined }));
}

/** Arguments of `kubectl port-forward` for a target, bound to loopback only. */
export function portForwardArgs(target: Pick<ServiceTarget, 'namespace' | 'name' | 'port'>, localPort: number, context?: string): string[] {
  return [
    ...contextArgs(context),
    'port-forward',
    '--namespace',
    target.namespace,
    `svc/${target.name}`,
    `${localPort}:${target.port}`,
    '--address',
    '127.0.0.1',
  ];
}

export function listServicesArgs(context?: string): string[] {
  return [...contextArgs(context), 'get', 'svc', '--all-namespaces', '--output', 'json'];
}

function contextArgs(context: string | undefined): string[] {
  return context && context.trim() !== '' ? ['--context', context.trim()] : [];
}

/** The local port of a `Forwarding from 127.0.0.1:54321 -> 9090` line, when it is one. */
export function forwardingPort(line: string): number | undefined {
  const match = /Forwarding from 127\.0\.0\.1:(\d+) ->/.exec(line);
  return match ? Number(match[1]) : undefined;
}

/**
 * kubectl's failure in words for a notification: the spawn error (kubectl missing), or the
 * last meaningful lines of stderr, with a hint for the usual causes.
 */
export function describeKubectlFailure(
  what: string,
  failure: { spawnError?: string; exitCode?: number | string | null; stderr?: string },
  kubectlPath: string,
): string {
  if (failure.spawnError) {
    if (/ENOENT/.test(failure.spawnError))
      return `${what}: kubectl was not found at "${kubectlPath}". Install it or set alertsmith.kubectl.path.`;
    return `${what}: could not run kubectl (${failure.spawnError}).`;
  }
  const lines = (failure.stderr ?? '')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('Handling connection'));
  const detail = lines.slice(-3).join(' ') || `kubectl exited with code ${failure.exitCode ?? 'unknown'}`;
  let hint = '';
  if (/connection .* refused|Unable to connect to the server|no such host/i.test(detail))
    hint = ' Is the cluster reachable from this machine?';
  else if (/current-context is not set|context .* (does not exist|not found)/i.test(detail))
    hint = ' Check alertsmith.kubectl.context or `kubectl config get-contexts`.';
  else if (/forbidden|Unauthorized|must be logged in/i.test(detail)) hint = ' Your credentials for this cluster are missing or expired.';
  return `${what}: ${detail}${hint}`;
}

function firstLine(text: string): string {
  const line = text.trim().split('\n')[0] ?? '';
  return line.length > 120 ? `${line.slice(0, 120)}…` : line;
}

function isStringRecord(value: unknown): value is Record<string, string> {
  return typeof value === 'object' && value !== null && Object.values(value).every((item) => typeof item === 'string');
}
