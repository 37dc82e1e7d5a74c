import type { SyntaxNode } from '@lezer/common';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeLens } from 'vscode-languageserver-types';
import { isScalar } from 'yaml';
import type { AlertPreviewInfo, AlertThreshold, RunQueryArgs } from '../protocol';
import type { AlertsmithDocument } from './document';
import { parseDuration } from './duration';
import { parseLogQL } from './logql/parse';
import { treeHasErrors } from './promql/tree';
import { literalValue } from './promql/literals';
import { childByName, exprChildren, nodeText, parsePromQL, topExpr } from './promql/parse';
import type { FieldMap } from './yaml/ruleShape';

/** The command every "▶ Run" lens runs; the VS Code client opens the query preview. */
export const runQueryCommand = 'alertsmith.runQuery';

/**
 * One "▶ Run" lens above every expression of a document: each rule's `expr` in YAML, or the
 * whole of a `.promql`/`.logql` file. The lens names the region's language, so the preview
 * asks Prometheus or Loki. Alerting rules also carry their `for`, `keep_firing_for` and the
 * threshold of a top-level comparison, so the preview can draw them.
 */
export function computeCodeLenses(document: TextDocument, parsed: AlertsmithDocument): CodeLens[] {
  const rulesByExprStart = new Map<number, FieldMap>();
  for (const shape of parsed.ruleFiles) {
    for (const group of shape.groups) {
      for (const rule of group.rules) {
        const range = rule.fields?.get('expr')?.written?.range;
        if (rule.fields && range) rulesByExprStart.set(range[0], rule.fields);
      }
    }
  }
  const lenses: CodeLens[] = [];
  for (const region of parsed.regions) {
    if (region.text.trim() === '') continue;
    const range = { start: document.positionAt(region.sourceStart), end: document.positionAt(region.sourceEnd) };
    const args: RunQueryArgs = { uri: document.uri, range, expr: region.text.trim(), language: region.language };
    const fields = rulesByExprStart.get(region.sourceStart);
    if (region.context === 'alert' && fields?.get('alert')) {
      const threshold = region.language === 'logql' ? findLogQLThreshold(args.expr) : findThreshold(args.expr);
      args.alert = alertInfo(document.getText(), fields, threshold);
    }
    lenses.push({ range, command: { title: '▶ Run', command: runQueryCommand, arguments: [args] } });
  }
  return lenses;
}

function alertInfo(text: string, fields: FieldMap, threshold: AlertThreshold | undefined): AlertPreviewInfo {
  const name = scalarText(text, fields, 'alert');
  const forText = scalarText(text, fields, 'for');
  const keepText = scalarText(text, fields, 'keep_firing_for');
  const info: AlertPreviewInfo = { forMs: (forText && parseDuration(forText)) || 0 };
  if (name) info.name = name;
  if (forText) info.for = forText;
  const keepFiringForMs = keepText ? parseDuration(keepText) : undefined;
  if (keepFiringForMs) info.keepFiringForMs = keepFiringForMs;
  if (threshold) info.threshold = threshold;
  return info;
}

function scalarText(text: string, fields: FieldMap, key: string): string | undefined {
  const value = fields.get(key)?.value;
  if (!isScalar(value) || value.value === null || value.value === undefined) return undefined;
  const range = value.range;
  const raw = typeof value.value === 'string' ? value.value : range ? text.slice(range[0], range[1]) : String(value.value);
  return raw.trim() || undefined;
}

const comparisonOps: Record<string, AlertThreshold['op']> = { Gtr: '>', Lss: '<', Gte: '>=', Lte: '<=', Eql: '==', Neq: '!=' };
const flippedOps: Record<AlertThreshold['op'], AlertThreshold['op']> = {
  '>': '<',
  '<': '>',
  '>=': '<=',
  '<=': '>=',
  '==': '==',
  '!=': '!=',
};

/**
 * The threshold of an alert expression whose top is a filtering comparison with a number:
 * `rate(errors[5m]) > 0.05` -> `{ op: '>', value: 0.05, valueExpr: 'rate(errors[5m])' }`.
 * `> bool`, comparisons of two vectors and anything else at the top give undefined.
 */
export function findThreshold(expr: string): AlertThreshold | undefined {
  let node: SyntaxNode | null = topExpr(parsePromQL(expr));
  while (node?.name === 'ParenExpr') node = exprChildren(node)[0] ?? null;
  if (!node || node.name !== 'BinaryExpr' || childByName(node, 'BoolModifier')) return undefined;
  const opNode = childByName(node, ...Object.keys(comparisonOps));
  const sides = exprChildren(node);
  if (!opNode || sides.length !== 2) return undefined;
  const op = comparisonOps[opNode.name];
  const [left, right] = sides.map(unwrapParens);
  const rightValue = numberOf(expr, right);
  if (rightValue !== undefined && numberOf(expr, left) === undefined)
    return { op, value: rightValue, valueExpr: nodeText(expr, left).trim() };
  const leftValue = numberOf(expr, left);
  if (leftValue !== undefined && rightValue === undefined)
    return { op: flippedOps[op], value: leftValue, valueExpr: nodeText(expr, right).trim(), flipped: true };
  return undefined;
}

function unwrapParens(node: SyntaxNode): SyntaxNode {
  let current = node;
  while (current.name === 'ParenExpr') {
    const inner = exprChildren(current)[0];
    if (!inner) break;
    current = inner;
  }
  return current;
}

/** A number literal, possibly signed (`-1`), as a number; undefined for anything else. */
function numberOf(expr: string, node: SyntaxNode): number | undefined {
  if (node.name === 'NumberDurationLiteral') return literalValue(nodeText(expr, node));
  if (node.name === 'UnaryExpr') {
    const inner = exprChildren(node)[0];
    if (inner?.name === 'NumberDurationLiteral') return literalValue(nodeText(expr, node));
  }
  return undefined;
}

/**
 * The same for a LogQL metric query, on @grafana/lezer-logql's tree, where parentheses leave
 * no node of their own but nest a MetricExpr:
 * `sum(rate({app="api"} |= "error" [5m])) > 10` ->
 * `LogQL(Expr(MetricExpr(BinOpExpr(Expr(MetricExpr(VectorAggregationExpr(…))),Gtr,BinOpModifier,Expr(MetricExpr(LiteralExpr(Number)))))))`
 */
export function findLogQLThreshold(expr: string): AlertThreshold | undefined {
  const tree = parseLogQL(expr);
  if (treeHasErrors(tree)) return undefined;
  const top = unwrapLogQL(tree.topNode.firstChild);
  if (!top || top.name !== 'BinOpExpr' || top.getChild('BinOpModifier')?.getChild('Bool')) return undefined;
  const opNode = childByName(top, ...Object.keys(comparisonOps));
  const sides = top.getChildren('Expr');
  if (!opNode || sides.length !== 2) return undefined;
  const op = comparisonOps[opNode.name];
  const [left, right] = sides.map(unwrapLogQL);
  if (!left || !right) return undefined;
  const leftValue = logqlNumber(expr, left);
  const rightValue = logqlNumber(expr, right);
  if (rightValue !== undefined && leftValue === undefined) return { op, value: rightValue, valueExpr: nodeText(expr, left).trim() };
  if (leftValue !== undefined && rightValue === undefined)
    return { op: flippedOps[op], value: leftValue, valueExpr: nodeText(expr, right).trim(), flipped: true };
  return undefined;
}

/** Down through `Expr` and `MetricExpr` wrappers (and the parentheses they stand for). */
function unwrapLogQL(node: SyntaxNode | null): SyntaxNode | null {
  let current = node;
  while (current && (current.name === 'Expr' || current.name === 'MetricExpr') && current.firstChild && !current.firstChild.nextSibling) {
    current = current.firstChild;
  }
  return current;
}

function logqlNumber(expr: string, node: SyntaxNode): number | undefined {
  if (node.name !== 'LiteralExpr') return undefined;
  return literalValue(nodeText(expr, node));
}
