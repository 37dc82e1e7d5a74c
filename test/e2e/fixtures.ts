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

export const workspaceFiles: Record<string, string> = {
  'e2e/checkout.rules.yaml': checkoutRules,
  'e2e/disk.rules.yaml': typingRules,
  'e2e/monitor.yaml': '',
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
