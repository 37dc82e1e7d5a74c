import { isScalar } from 'yaml';
import type { EmbeddedRegion, ExprContext, QueryLanguage } from '../types';
import { ruleFileLanguage } from './languageDetection';
import { ruleFileShapes, type FieldMap, type RuleFileShape } from './ruleShape';
import { approximateDecoding, decodeScalarNode, lazyRegion, regionFromDecoded, scalarDecodable } from './scalarRegion';
import type { YamlFile } from './types';

export interface RegionSearchOptions {
  /** The language of plain rule files: forced by a setting, or detected once per file (see plainRuleFileLanguage); detected here otherwise. */
  ruleFileLanguage?: QueryLanguage;
}

/**
 * The expressions of a YAML file: every rule's `expr` written in this file. An `expr: *alias`
 * is skipped (its text lives at the anchor, which is a region itself).
 */
export function findEmbeddedRegions(file: YamlFile, options: RegionSearchOptions = {}): EmbeddedRegion[] {
  const shapes = ruleFileShapes(file);
  const plainLanguage = options.ruleFileLanguage ?? plainRuleFileLanguage(shapes);
  const regions: EmbeddedRegion[] = [];
  for (const shape of shapes) {
    // A PrometheusRule usually holds PromQL, but Grafana Alloy's loki.rules.kubernetes reads
    // the same kind for Loki: its expressions decide, so LogQL never gets PromQL diagnostics.
    const language: QueryLanguage =
      shape.kind === 'prometheus-rule'
        ? ruleFileLanguage([...ruleExpressions([shape], 'prometheus-rule')])
        : shape.kind === 'loki-rule'
          ? 'logql'
          : plainLanguage;
    for (const group of shape.groups) {
      for (const rule of group.rules) {
        const region = exprRegion(file.text, rule.fields, language);
        // In a Helm template an expression holding `{{ … }}` is not PromQL until rendered.
        if (region && !(file.helmTemplate && region.text.includes('{{'))) regions.push(region);
      }
    }
  }
  return regions;
}

function exprRegion(text: string, fields: FieldMap | undefined, language: QueryLanguage): EmbeddedRegion | undefined {
  const expr = fields?.get('expr');
  if (!fields || !expr || expr.merged || !isScalar(expr.written)) return undefined;
  const written = expr.written;
  const range = written.range;
  if (!range || !scalarDecodable(written)) return undefined;
  const options = {
    language,
    context: ruleContext(fields),
    sourceStart: range[0],
    sourceEnd: range[1],
    // The formatter rewrites block-style values only: a flow mapping (`{expr: …}`) cannot hold a `|` block.
    keyOffset: fields.node.flow ? undefined : expr.keyNode.range?.[0],
  };
  const value = written.value;
  if (typeof value !== 'string') return regionFromDecoded(text, decodeScalarNode(text, written)!, options);
  // The package's text is the truth; our decoding adds the positions, when they are asked for.
  return lazyRegion(
    text,
    value,
    () => {
      const decoded = decodeScalarNode(text, written)!;
      return decoded.text === value ? decoded : approximateDecoding(value, decoded.contentStart, decoded.contentEnd);
    },
    options,
  );
}

/** `alert` when the rule has `alert:`, `record` when it has `record:` (an alert needs neither). */
export function ruleContext(fields: FieldMap): ExprContext {
  if (fields.get('record') && !fields.get('alert')) return 'record';
  return 'alert';
}

/** The language of a file's plain (Prometheus- or Loki-style) rule files, from their expressions. */
export function plainRuleFileLanguage(shapes: RuleFileShape[]): QueryLanguage {
  return ruleFileLanguage([...ruleExpressions(shapes, 'rule-file')]);
}

function* ruleExpressions(shapes: RuleFileShape[], kind: RuleFileShape['kind']): Iterable<string> {
  for (const shape of shapes) {
    if (shape.kind !== kind) continue;
    for (const group of shape.groups) {
      for (const rule of group.rules) {
        const value = rule.fields?.get('expr')?.value;
        if (isScalar(value) && value.value !== null) yield String(value.value);
      }
    }
  }
}
