import type { ValueType } from '../types';
import { aggregationsByName, type AggregationSpec } from '../catalog/aggregations';
import { functionsByName, type FunctionSpec } from '../catalog/functions';

/**
 * Parameter names and signature text of PromQL functions and aggregations, shared by
 * completion (snippets), hover and signature help. Names follow the function reference of
 * Prometheus (https://prometheus.io/docs/prometheus/latest/querying/functions/); the catalog
 * holds the types.
 */

/** One parameter of a callable. */
export interface ParamInfo {
  name: string;
  type: ValueType;
  /** May be left out (trailing optional or extra variadic argument). */
  optional: boolean;
  /** Repeats (`src_label...`). */
  repeated: boolean;
  /** A sensible value for a snippet placeholder, if the parameter has one. */
  example?: string;
}

/** Names of the declared parameters, where the generic `v`/`s` would say too little. */
const paramNames: Record<string, string[]> = {
  clamp: ['v', 'min', 'max'],
  clamp_max: ['v', 'max'],
  clamp_min: ['v', 'min'],
  histogram_fraction: ['lower', 'upper', 'b'],
  histogram_quantile: ['φ', 'b'],
  histogram_quantiles: ['v', 'quantile_label', 'φ'],
  double_exponential_smoothing: ['v', 'sf', 'tf'],
  info: ['v', 'data_label_selector'],
  label_replace: ['v', 'dst_label', 'replacement', 'src_label', 'regex'],
  label_join: ['v', 'dst_label', 'separator', 'src_label'],
  max_of: ['a', 'b'],
  min_of: ['a', 'b'],
  predict_linear: ['v', 't'],
  quantile_over_time: ['φ', 'v'],
  round: ['v', 'to_nearest'],
  sort_by_label: ['v', 'label'],
  sort_by_label_desc: ['v', 'label'],
  vector: ['s'],
};

/** Placeholder values for parameters that usually get a literal. */
const paramExamples: Record<string, string> = {
  φ: '0.99',
  min: '0',
  max: '1',
  lower: '0',
  upper: '0.25',
  t: '3600',
  sf: '0.5',
  tf: '0.5',
  to_nearest: '1',
  k: '5',
  ratio: '0.1',
  dst_label: 'dst_label',
  replacement: '$1',
  src_label: 'src_label',
  regex: '(.*)',
  separator: ',',
  label: 'label',
  quantile_label: 'quantile',
  s: '1',
  a: '1m',
  b: '',
};

/** How the parser names value types in messages and docs. */
export function typeLabel(type: ValueType): string {
  switch (type) {
    case 'vector':
      return 'instant-vector';
    case 'matrix':
      return 'range-vector';
    default:
      return type;
  }
}

function defaultName(type: ValueType): string {
  return type === 'matrix' || type === 'vector' ? 'v' : type === 'scalar' ? 's' : 'str';
}

/** The parameters of a function from the catalog. */
export function functionParams(spec: FunctionSpec): ParamInfo[] {
  const names = paramNames[spec.name] ?? [];
  const params = spec.argTypes.map((type, i): ParamInfo => {
    const name = names[i] ?? defaultName(type);
    const last = i === spec.argTypes.length - 1;
    // Any variadic function may leave out its last declared argument; -1 or N > 1 lets it repeat
    // (promql/parser/parse.go, checkAST on *Call).
    const optional = last && spec.variadic !== 0;
    const repeated = last && (spec.variadic < 0 || spec.variadic > 1);
    return { name, type, optional, repeated, example: paramExamples[name] };
  });
  return params;
}

/** The parameters of an aggregation: its optional parameter, then the vector. */
export function aggregationParams(spec: AggregationSpec): ParamInfo[] {
  const params: ParamInfo[] = [];
  if (spec.param)
    params.push({
      name: spec.param.name,
      type: spec.param.type,
      optional: false,
      repeated: false,
      example: paramExamples[spec.param.name] ?? (spec.param.type === 'string' ? 'value' : undefined),
    });
  params.push({ name: 'v', type: 'vector', optional: false, repeated: false });
  return params;
}

/** `name type`, with `...` for repeats and `?` for optional ones. */
export function paramLabel(param: ParamInfo): string {
  return `${param.name}${param.optional && !param.repeated ? '?' : ''} ${typeLabel(param.type)}${param.repeated ? '...' : ''}`;
}

/** One-line signature, e.g. `histogram_quantile(φ scalar, b instant-vector) → instant-vector`. */
export function signatureLabel(name: string): string | undefined {
  const fn = functionsByName.get(name);
  if (fn) return `${name}(${functionParams(fn).map(paramLabel).join(', ')}) → ${typeLabel(fn.returnType)}`;
  const agg = aggregationsByName.get(name);
  if (agg) return `${name} [by|without (labels)] (${aggregationParams(agg).map(paramLabel).join(', ')}) → instant-vector`;
  return undefined;
}

/** Snippet text for one argument at placeholder `n`; returns the text and the next placeholder number. */
function argSnippet(param: ParamInfo, n: number): [string, number] {
  if (param.type === 'matrix') return [`\${${n}}[\${${n + 1}:5m}]`, n + 2];
  if (param.type === 'string') return [`"\${${n}:${param.example ?? param.name}}"`, n + 1];
  if (param.type === 'scalar' && param.example) return [`\${${n}:${param.example}}`, n + 1];
  return [`\${${n}}`, n + 1];
}

/** A snippet that calls the function with placeholders for its required arguments. */
export function callSnippet(name: string, params: ParamInfo[]): string {
  const parts: string[] = [];
  let n = 1;
  for (const param of params) {
    if (param.optional && !param.repeated) break; // `label_join` keeps one src_label, `round` drops to_nearest
    const [text, next] = argSnippet(param, n);
    parts.push(text);
    n = next;
  }
  return `${name}(${parts.join(', ')})`;
}
