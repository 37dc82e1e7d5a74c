/** A PromQL aggregation operator (`sum`, `topk`, …). Docs are our own words. */
export interface AggregationSpec {
  name: string;
  /** The parameter before the vector, for `topk(k, v)`, `quantile(φ, v)`, `count_values("label", v)`. */
  param?: { name: string; type: 'scalar' | 'string' };
  experimental: boolean;
  /** `--enable-feature` flag needed, for experimental ones. */
  featureFlag?: string;
  doc: string;
  example: string;
}

// Filled in by the catalog work; the 14 aggregations of Prometheus 3.14.
export const aggregations: AggregationSpec[] = [];

export const aggregationsByName: ReadonlyMap<string, AggregationSpec> = new Map(aggregations.map((a) => [a.name, a]));
