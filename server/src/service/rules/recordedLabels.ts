import { inferOutputLabels, type OutputLabels } from '../promql/outputLabels';
import type { RecordingRuleInfo } from '../types';
import type { OutputLabelInference } from './templateChecks';

/**
 * Output-label inference that follows recording rules: an alert over `job:errors:rate5m`
 * carries what the rule recording it writes (its expression's labels plus its `labels:`), so
 * `{{ $labels.pod }}` on it can be checked like one on the raw expression.
 *
 * A name recorded by several rules (one per group or cluster, say) carries the union of their
 * labels, and is exhaustive only if each of them is. A definition that does not parse (a Loki
 * recording rule, a typo) or a cycle makes the name's labels unknown, which silences the check.
 */
export function inferWithRecordingRules(rules: readonly RecordingRuleInfo[]): OutputLabelInference {
  const definitions = new Map<string, RecordingRuleInfo[]>();
  for (const rule of rules) {
    const list = definitions.get(rule.name);
    if (list) list.push(rule);
    else definitions.set(rule.name, [rule]);
  }
  const written = new Map<string, OutputLabels | undefined>();
  const resolving = new Set<string>();

  const recorded = (name: string): OutputLabels | undefined => {
    if (written.has(name)) return written.get(name);
    const rulesForName = definitions.get(name);
    if (!rulesForName || resolving.has(name)) return undefined;
    resolving.add(name);
    let out: OutputLabels | undefined = { labels: new Set(), exhaustive: true };
    for (const rule of rulesForName) {
      const labels = inferOutputLabels(rule.expr, recorded);
      if (!labels) {
        out = undefined;
        break;
      }
      for (const label of labels.labels) out.labels.add(label);
      for (const label of Object.keys(rule.labels ?? {})) out.labels.add(label);
      out.exhaustive &&= labels.exhaustive;
    }
    resolving.delete(name);
    written.set(name, out);
    return out;
  };

  return (expr) => inferOutputLabels(expr, recorded);
}
