/**
 * A generated Prometheus Operator workspace for benchmarks: per namespace, apps with a Service
 * (named ports), a Deployment (pod labels, container ports) and a ServiceMonitor or PodMonitor
 * that selects them — a few on purpose do not (label typo, wrong port) — plus one
 * PrometheusRule and a kustomization per namespace, and one Prometheus CR with selectors.
 */

export interface WorkspaceFile {
  uri: string;
  languageId: 'yaml';
  text: string;
}

export interface OperatorWorkspace {
  files: WorkspaceFile[];
  /** YAML documents across all files. */
  documents: number;
  /** A Service file whose ServiceMonitor selects it: the file benchmarks edit. */
  editedService: { uri: string; app: string };
}

const teams = ['payments', 'checkout', 'search', 'identity', 'platform', 'data', 'media', 'growth'];
const components = ['api', 'worker', 'gateway', 'cache', 'scheduler', 'indexer', 'frontend', 'backend'];

function service(app: string, namespace: string | undefined, team: string): string {
  return [
    'apiVersion: v1',
    'kind: Service',
    'metadata:',
    `  name: ${app}`,
    ...(namespace ? [`  namespace: ${namespace}`] : []),
    '  labels:',
    `    app: ${app}`,
    `    team: ${team}`,
    'spec:',
    '  selector:',
    `    app: ${app}`,
    '  ports:',
    '    - name: http',
    '      port: 80',
    '      targetPort: http',
    '    - name: metrics',
    '      port: 9090',
    '      targetPort: metrics',
  ].join('\n');
}

function deployment(app: string, namespace: string | undefined, index: number): string {
  return [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    `  name: ${app}`,
    ...(namespace ? [`  namespace: ${namespace}`] : []),
    '  labels:',
    `    app: ${app}`,
    'spec:',
    `  replicas: ${1 + (index % 3)}`,
    '  selector:',
    '    matchLabels:',
    `      app: ${app}`,
    '  template:',
    '    metadata:',
    '      labels:',
    `        app: ${app}`,
    `        version: v1.${index % 7}`,
    '    spec:',
    '      containers:',
    `        - name: ${app.split('-').pop()}`,
    `          image: ghcr.io/example/${app}:1.${index % 9}.0`,
    '          ports:',
    '            - name: http',
    '              containerPort: 8080',
    '            - name: metrics',
    '              containerPort: 9090',
  ].join('\n');
}

/** Every 13th monitor selects nothing: a label typo or a port name the target lacks. */
function monitor(kind: 'ServiceMonitor' | 'PodMonitor', app: string, namespace: string | undefined, index: number): string {
  const broken = index % 13 === 5;
  const selected = broken && index % 2 === 0 ? `${app}-typo` : app;
  const port = broken && index % 2 === 1 ? 'metric' : 'metrics';
  const endpoints = kind === 'ServiceMonitor' ? 'endpoints' : 'podMetricsEndpoints';
  return [
    'apiVersion: monitoring.coreos.com/v1',
    `kind: ${kind}`,
    'metadata:',
    `  name: ${app}`,
    ...(namespace ? [`  namespace: ${namespace}`] : []),
    '  labels:',
    '    release: prometheus',
    'spec:',
    '  selector:',
    '    matchLabels:',
    `      app: ${selected}`,
    `  ${endpoints}:`,
    `    - port: ${port}`,
    '      path: /metrics',
    `      interval: ${index % 2 === 0 ? '30s' : '15s'}`,
  ].join('\n');
}

function prometheusRule(namespace: string, apps: readonly string[]): string {
  const rules = apps
    .slice(0, 4)
    .flatMap((app) => [
      `        - record: job:http_requests:rate5m`,
      `          expr: sum by (job) (rate(http_requests_total{namespace="${namespace}", job="${app}"}[5m]))`,
      `        - alert: ${app.replace(/(^|-)(\w)/g, (_, _dash: string, c: string) => c.toUpperCase())}ErrorRateHigh`,
      '          expr: |',
      `            sum(rate(http_requests_total{job="${app}", code=~"5.."}[5m]))`,
      `              / sum(rate(http_requests_total{job="${app}"}[5m])) > 0.05`,
      '          for: 10m',
      '          labels:',
      '            severity: warning',
      '          annotations:',
      `            summary: '${app} answers {{ $value | humanizePercentage }} of requests with 5xx'`,
    ]);
  return [
    'apiVersion: monitoring.coreos.com/v1',
    'kind: PrometheusRule',
    'metadata:',
    `  name: ${namespace}-rules`,
    `  namespace: ${namespace}`,
    '  labels:',
    '    release: prometheus',
    'spec:',
    '  groups:',
    `    - name: ${namespace}`,
    '      rules:',
    ...rules,
  ].join('\n');
}

const prometheus = [
  'apiVersion: monitoring.coreos.com/v1',
  'kind: Prometheus',
  'metadata:',
  '  name: main',
  '  namespace: monitoring',
  'spec:',
  '  replicas: 2',
  '  serviceMonitorSelector:',
  '    matchLabels:',
  '      release: prometheus',
  '  serviceMonitorNamespaceSelector: {}',
  '  podMonitorSelector:',
  '    matchLabels:',
  '      release: prometheus',
  '  podMonitorNamespaceSelector: {}',
  '  ruleSelector:',
  '    matchLabels:',
  '      release: prometheus',
  '  ruleNamespaceSelector: {}',
].join('\n');

/**
 * `namespaces` × `appsPerNamespace` apps of 3 documents each, plus per namespace a
 * PrometheusRule and (all but the last) a kustomization, plus the Prometheus CR.
 * 40 × 16 gives exactly 2,000 documents.
 */
export function generateOperatorWorkspace(namespaces = 40, appsPerNamespace = 16): OperatorWorkspace {
  const files: WorkspaceFile[] = [];
  let documents = 0;
  const add = (path: string, docs: string[]) => {
    files.push({ uri: `file:///bench/cluster/${path}`, languageId: 'yaml', text: docs.join('\n---\n') + '\n' });
    documents += docs.length;
  };
  add('monitoring/prometheus.yaml', [prometheus]);
  let index = 0;
  for (let n = 0; n < namespaces; n++) {
    const team = teams[n % teams.length];
    const namespace = `${team}-${Math.floor(n / teams.length)}`;
    const kustomized = n < namespaces - 1;
    // In kustomized namespaces half the objects take their namespace from the kustomization.
    const ns = (i: number) => (kustomized && i % 2 === 0 ? undefined : namespace);
    const apps: string[] = [];
    const resources: string[] = [];
    for (let a = 0; a < appsPerNamespace; a++, index++) {
      const app = `${team}-${components[a % components.length]}${a >= components.length ? `-${a}` : ''}`;
      apps.push(app);
      add(`${namespace}/${app}/service.yaml`, [service(app, ns(index), team)]);
      add(`${namespace}/${app}/deployment.yaml`, [deployment(app, ns(index), index)]);
      const kind = index % 4 === 3 ? 'PodMonitor' : 'ServiceMonitor';
      add(`${namespace}/${app}/${kind.toLowerCase()}.yaml`, [monitor(kind, app, ns(index), index)]);
      resources.push(`  - ${app}/service.yaml`, `  - ${app}/deployment.yaml`, `  - ${app}/${kind.toLowerCase()}.yaml`);
    }
    add(`${namespace}/rules.yaml`, [prometheusRule(namespace, apps)]);
    if (kustomized) {
      const kustomization = [
        'apiVersion: kustomize.config.k8s.io/v1beta1',
        'kind: Kustomization',
        `namespace: ${namespace}`,
        'resources:',
        ...resources,
        '  - rules.yaml',
      ];
      add(`${namespace}/kustomization.yaml`, [kustomization.join('\n')]);
    }
  }
  const first = files.find((file) => file.uri.endsWith('/service.yaml'))!;
  const app = /name: (\S+)/.exec(first.text)![1];
  return { files, documents, editedService: { uri: first.uri, app } };
}
