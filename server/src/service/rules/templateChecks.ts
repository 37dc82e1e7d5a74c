import { isMap, isPair, isScalar, type Node, type Pair, type Scalar } from 'yaml';
import { decodeScalarNode } from '../yaml/scalarRegion';
import type { DecodedScalar } from '../yaml/scalarBuilder';
import type { FieldMap } from '../yaml/ruleShape';
import type { Problems } from './fieldValues';
import { analyzeAlertTemplate } from './template/alertTemplate';

/** The labels an expression returns, when they can be known (see promql/outputLabels.ts). */
export type OutputLabelInference = (expr: string) => { labels: Set<string>; exhaustive: boolean } | undefined;

/**
 * Checks the label and annotation templates of an alerting rule: Go template syntax (as
 * Prometheus' loader does), fields the alert data lacks, and `$labels.x` that the expression
 * cannot return. Positions go through the scalar's decoding, so they are exact for every style.
 */
export function checkAlertTemplates(
  text: string,
  fields: FieldMap,
  expr: string | undefined,
  problems: Problems,
  inferOutputLabels?: OutputLabelInference,
): void {
  let output: ReturnType<OutputLabelInference> | null = null;
  const outputLabels = () => {
    if (output === null) output = expr && inferOutputLabels ? safeInfer(inferOutputLabels, expr) : undefined;
    return output;
  };
  for (const key of ['labels', 'annotations'] as const) {
    const map = fields.get(key)?.value;
    if (!isMap(map)) continue;
    for (const item of map.items) {
      if (!isPair(item)) continue;
      const { key: name, value: written } = item as Pair<Node, Node | null>;
      const value = fields.resolve(written);
      if (!isScalar(value) || typeof value.value !== 'string' || !value.value.includes('{{')) continue;
      checkOne(text, key === 'labels' ? 'label' : 'annotation', String(isScalar(name) ? name.value : ''), value, problems, outputLabels);
    }
  }
}

function checkOne(
  text: string,
  kind: string,
  name: string,
  node: Scalar,
  problems: Problems,
  outputLabels: () => ReturnType<OutputLabelInference>,
): void {
  const value = String(node.value);
  // Decoded only when a problem needs its position: most templates have none.
  let decoded: DecodedScalar | undefined | null = null;
  const span = (from: number, to: number) => {
    if (decoded === null) decoded = decodeScalarNode(text, node);
    if (!decoded || decoded.text !== value) return { from: node.range?.[0] ?? 0, to: node.range?.[1] ?? 0 };
    const n = decoded.text.length;
    const start = from < n ? decoded.starts[from] : (decoded.ends[n - 1] ?? decoded.contentStart);
    return { from: start, to: to > from && n > 0 ? Math.max(start, decoded.ends[Math.min(to, n) - 1]) : start };
  };
  const analysis = analyzeAlertTemplate(value);
  if (analysis.error) {
    const { from, to, message } = analysis.error;
    problems.push({ ...span(from, to), code: 'rules/invalid-template', message: `${kind} "${name}": template: ${message}` });
    return;
  }
  for (const field of analysis.unknownFields)
    problems.push({ ...span(field.from, field.to), code: 'rules/template-unknown-field', message: field.message });
  const output = analysis.labelReferences.length > 0 ? outputLabels() : undefined;
  if (!output?.exhaustive) return;
  for (const reference of analysis.labelReferences) {
    if (output.labels.has(reference.name)) continue;
    const known = [...output.labels].sort().join(', ') || 'none';
    problems.push({
      ...span(reference.from, reference.to),
      code: 'rules/template-unknown-label',
      message: `label "${reference.name}" is not returned by the rule's expression (it returns: ${known}); it expands to an empty string`,
    });
  }
}

function safeInfer(infer: OutputLabelInference, expr: string): ReturnType<OutputLabelInference> {
  try {
    return infer(expr);
  } catch {
    return undefined;
  }
}
