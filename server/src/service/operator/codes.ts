import type { DiagnosticRule } from '../diagnosticRule';

/** Stable codes of the Prometheus Operator diagnostics. */
export const OperatorCode = {
  selectorMatchesNoService: 'operator/selector-matches-no-service',
  portNotFound: 'operator/port-not-found',
  targetPortNotBacked: 'operator/target-port-not-backed',
  podMonitorMatchesNoPod: 'operator/podmonitor-matches-no-pod',
  notSelectedByPrometheus: 'operator/not-selected-by-prometheus',
  namespaceExcluded: 'operator/namespace-excluded',
  namespaceLabelsUnknown: 'operator/namespace-labels-unknown',
  invalidDuration: 'operator/invalid-duration',
  timeoutExceedsInterval: 'operator/timeout-exceeds-interval',
  invalidPath: 'operator/invalid-path',
  unknownField: 'operator/unknown-field',
  helmTemplateSkipped: 'operator/helm-template-skipped',
} as const;

/**
 * The diagnostic table. Workspace-dependent checks carry `warning` as their default, but a
 * problem is reported as `information` when the workspace cannot prove it (the target
 * namespace has no objects here at all); the problem's own severity says which.
 */
export const operatorRules: DiagnosticRule[] = [
  {
    code: OperatorCode.selectorMatchesNoService,
    severity: 'warning',
    title: "A ServiceMonitor's selector matches no Service in the namespaces it watches.",
    example: 'selector:\n  matchLabels:\n    app: payments   # the Service is labelled app: payments-api',
  },
  {
    code: OperatorCode.portNotFound,
    severity: 'warning',
    title: 'An endpoint names a port that none of the matched Services (or pods) has.',
    example: 'endpoints:\n  - port: metric   # the Service port is named metrics',
  },
  {
    code: OperatorCode.targetPortNotBacked,
    severity: 'warning',
    title: 'A target port that no container port of the backing workload provides.',
    example: 'endpoints:\n  - targetPort: 9000   # the Deployment listens on 8080',
  },
  {
    code: OperatorCode.podMonitorMatchesNoPod,
    severity: 'warning',
    title: "A PodMonitor's selector matches no workload pod template in the namespaces it watches.",
    example: 'selector:\n  matchLabels:\n    app: worker   # the Deployment template is labelled app: workers',
  },
  {
    code: OperatorCode.notSelectedByPrometheus,
    severity: 'warning',
    title: 'No Prometheus in the workspace selects this ServiceMonitor, PodMonitor, Probe or PrometheusRule.',
    example: 'metadata:\n  labels:\n    team: backend   # serviceMonitorSelector wants team: frontend',
  },
  {
    code: OperatorCode.namespaceExcluded,
    severity: 'warning',
    title: 'Services with the selected labels exist, but in a namespace the monitor does not watch.',
    example: 'namespaceSelector:\n  matchNames: [default]   # the Service is in namespace api',
  },
  {
    code: OperatorCode.namespaceLabelsUnknown,
    severity: 'information',
    title:
      'A Prometheus selects this object by its labels, but its namespace selector asks for labels of a Namespace that is not in the workspace, so whether it is scraped (or loaded) cannot be proven.',
    example:
      "serviceMonitorNamespaceSelector:\n  matchLabels:\n    monitoring: enabled   # no Namespace object for the monitor's namespace",
  },
  {
    code: OperatorCode.invalidDuration,
    severity: 'error',
    title: 'Not a Prometheus duration such as 30s, 1m or 1h30m.',
    example: 'interval: 30 seconds',
  },
  {
    code: OperatorCode.timeoutExceedsInterval,
    severity: 'error',
    title: 'scrapeTimeout is longer than interval, which Prometheus rejects.',
    example: 'interval: 15s\nscrapeTimeout: 30s',
  },
  {
    code: OperatorCode.invalidPath,
    severity: 'error',
    title: 'An HTTP path must start with a slash.',
    example: 'path: metrics',
  },
  {
    code: OperatorCode.unknownField,
    severity: 'warning',
    title: 'A field that the CRD does not define; the API server drops or rejects it.',
    example: 'spec:\n  endpoint:   # did you mean endpoints?',
  },
  {
    code: OperatorCode.helmTemplateSkipped,
    severity: 'information',
    title: 'A Helm template is not plain YAML, so its objects are not checked.',
    example: 'metadata:\n  labels:\n    {{- include "chart.labels" . | nindent 4 }}',
  },
];
