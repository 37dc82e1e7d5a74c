import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// Workspace files the editor tests add next to a copy of examples/, shared by the code-server
// suite (test/e2e) and the @vscode/test-electron suite (test/electron). Positions are 1-based,
// as VS Code's status bar and Problems panel print them.

/** One mistake (`rat` for `rate`) and one alert whose function the tests hover. */
export const checkoutRules = `# Checkout service alerts
groups:
  - name: checkout
    rules:
      - alert: CheckoutErrors
        expr: sum(rat(http_requests_total{job="checkout", code=~"5.."}[5m])) > 1
        for: 5m
      - alert: CheckoutSlow
        expr: histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{job="checkout"}[5m]))) > 0.5
        for: 10m
`;
export const misspelledFunction = { line: 6, column: 19, text: 'rat' };
export const hoveredFunction = { line: 9, column: 20, name: 'histogram_quantile' };
/** Where Go to Symbol puts the cursor for the second alert: on its name. */
export const outlinedAlert = { line: 8, column: 16, name: 'CheckoutSlow' };

/** Two rules whose placeholder expression `x` the tests replace by typing. */
export const typingRules = `groups:
  - name: disk
    rules:
      - record: instance:node_filesystem_avail:bytes
        expr: x
      - alert: SlowRequests
        expr: x
`;
export const typingLines = { completion: 5, signatureHelp: 7, column: 15 };

/**
 * An alert over the live tests' OpenMetrics fixture (test/fixtures/openmetrics/sample.om.txt),
 * which the preview tests backfill into a real Prometheus: three request counters, two of
 * them faster than the threshold.
 */
export const previewAlert = {
  path: 'e2e/preview.rules.yaml',
  name: 'HighRequestRate',
  metric: 'http_requests_total',
  by: ['job', 'code'],
  threshold: 0.1,
};
export const previewRules = `# Request rates of the live tests' fixture, for the query preview
groups:
  - name: requests
    rules:
      - alert: ${previewAlert.name}
        expr: sum by (${previewAlert.by.join(', ')}) (rate(${previewAlert.metric}[5m])) > ${previewAlert.threshold}
        for: 5m
`;

/**
 * examples/operator's broken ServiceMonitor: its selector wants app=payments, the Service is
 * labelled app=payments-api. The quick fix changes the selector; then the next mistake shows
 * (the endpoint's port name, which the Service lacks).
 */
export const operatorMistake = {
  path: 'operator/servicemonitor-broken.yaml',
  code: 'operator/selector-matches-no-service',
  message: 'No Service in namespace payments matches app=payments.',
  /** The diagnostic covers this key, the first one after `spec:`. */
  token: 'selector',
  after: 'spec:',
  fixTitle: 'Change selector to app=payments-api (as on Service payments/payments-api)',
  before: /^\s*app:\s+payments\s*$/m,
  fixed: /^\s*app:\s+payments-api\s*$/m,
  next: { code: 'operator/port-not-found', message: "No matched Service has a port named 'metric'" },
};

/** 1-based line and column of the first `token` after the first `after` in `text`. */
export function locate(text: string, token: string, after = ''): { line: number; column: number } {
  const offset = text.indexOf(token, text.indexOf(after) + after.length);
  if (text.indexOf(after) < 0 || offset < 0) throw new Error(`no ${JSON.stringify(token)} after ${JSON.stringify(after)}`);
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

/** A LogQL query the tests extend by typing a pipeline stage after its selector. */
export const logqlQuery = { path: 'e2e/search.logql', text: '{namespace="checkout", app="checkout-api"}\n' };

/** examples/loki's regexp stage without a named capture: Loki rejects it, on the pattern. */
export const logqlMistake = {
  path: 'loki/checkout.rules.yaml',
  code: 'logql/invalid-parser-argument',
  message: /named capture/,
  token: '`decline_code',
  after: 'expr: sum by (code)',
};

/** A .promql file written on one line; Format Document splits it at `*`, then at `/`. */
export const unformattedQuery = {
  path: 'e2e/error-ratio.promql',
  text: '# Error ratio per job\nsum(rate(http_requests_total{code=~"5.."}[5m]))by(job)/sum(rate(http_requests_total[5m]))by(job)*100\n',
  formattedLines: [
    'sum by (job) (rate(http_requests_total{code=~"5.."}[5m]))',
    '/',
    'sum by (job) (rate(http_requests_total[5m]))',
    '*',
    '100',
  ],
};

export const workspaceFiles: Record<string, string> = {
  [logqlQuery.path]: logqlQuery.text,
  [unformattedQuery.path]: unformattedQuery.text,
  'e2e/checkout.rules.yaml': checkoutRules,
  'e2e/disk.rules.yaml': typingRules,
  'e2e/monitor.yaml': '',
  [previewAlert.path]: previewRules,
};

/** The prefix of the snippet that inserts a ServiceMonitor, read from snippets/operator.json. */
export function serviceMonitorSnippetPrefix(repoRoot: string): string {
  const file = join(repoRoot, 'snippets', 'operator.json');
  if (!existsSync(file)) throw new Error(`no ${file}`);
  const snippets = JSON.parse(readFileSync(file, 'utf8')) as Record<string, { prefix: string | string[]; body: string | string[] }>;
  const entry = Object.values(snippets).find((snippet) => [snippet.body].flat().join('\n').includes('kind: ServiceMonitor'));
  if (!entry) throw new Error(`no snippet in ${file} whose body has \`kind: ServiceMonitor\``);
  return [entry.prefix].flat()[0];
}
