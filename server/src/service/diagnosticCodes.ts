import type { DiagnosticRule } from './diagnosticRule';
import type { AlertsmithSettings } from './settings';
import type { Severity } from './types';
import { logqlRules } from './logql/codes';
import { promqlRules } from './promql/codes';
import { rulesRules } from './rules/codes';
import { yamlRules } from './yaml/codes';
import { liveRules } from './live/codes';
import { operatorRules } from './operator/codes';

/** Every diagnostic the service can report, by area. docs/diagnostics.md is generated from this. */
export const diagnosticTables: ReadonlyArray<{ area: string; title: string; rules: readonly DiagnosticRule[] }> = [
  { area: 'promql', title: 'PromQL expressions', rules: promqlRules },
  { area: 'logql', title: 'LogQL queries', rules: logqlRules },
  { area: 'rules', title: 'Rule files', rules: rulesRules },
  { area: 'yaml', title: 'YAML', rules: yamlRules },
  { area: 'operator', title: 'Prometheus Operator manifests', rules: operatorRules },
  { area: 'live', title: 'Live checks (need a reachable Prometheus)', rules: liveRules },
];

const rulesByCode = new Map<string, DiagnosticRule>(
  diagnosticTables.flatMap((table) => table.rules.map((rule) => [rule.code, rule] as const)),
);

export function diagnosticRule(code: string): DiagnosticRule | undefined {
  return rulesByCode.get(code);
}

/**
 * The severity a diagnostic is reported with: a per-code setting wins, then the problem's own
 * severity (some codes vary, e.g. information vs warning), then the table's default.
 * `off` means not reported at all.
 */
export function effectiveSeverity(code: string, own: Severity | undefined, settings: AlertsmithSettings): Severity | 'off' {
  return settings.diagnostics.severity[code] ?? own ?? rulesByCode.get(code)?.severity ?? 'error';
}
