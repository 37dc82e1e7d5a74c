/** A PromQL keyword, modifier or operator with hover documentation (our own words). */
export interface KeywordSpec {
  name: string;
  kind:
    | 'grouping' // by, without
    | 'vector-matching' // on, ignoring, group_left, group_right
    | 'fill' // fill, fill_left, fill_right
    | 'modifier' // offset, @
    | 'range-modifier' // anchored, smoothed
    | 'at-preprocessor' // start(), end() after @
    | 'comparison' // bool
    | 'set-operator' // and, or, unless
    | 'binary-operator'; // + - * / % ^ atan2 == != > < >= <=
  experimental?: boolean;
  featureFlag?: string;
  doc: string;
  example: string;
}

// Filled in by the catalog work.
export const keywords: KeywordSpec[] = [];

export const keywordsByName: ReadonlyMap<string, KeywordSpec> = new Map(keywords.map((k) => [k.name, k]));
