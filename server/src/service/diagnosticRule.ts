import type { Severity } from './types';

/**
 * One entry of a diagnostic table. Codes are stable, kebab-case and namespaced by area
 * (`promql/…`, `rules/…`, `yaml/…`); docs/diagnostics.md is generated from these tables.
 */
export interface DiagnosticRule {
  code: string;
  /** Default severity; settings may override it per code. */
  severity: Severity;
  /** One line saying what the diagnostic means. */
  title: string;
  /** A short input that triggers it (an expression, or a YAML snippet for rule-file codes). */
  example: string;
}
