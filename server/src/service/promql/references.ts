import { parsePromQL } from './parse';
import { selectorMatchers } from './checkSelectors';
import { childByName, nodeText } from './tree';

/** A metric name used in a vector selector, with the offsets of the name as written. */
export interface MetricReference {
  name: string;
  from: number;
  to: number;
}

/**
 * Every metric name a query selects: `foo{…}`, `{__name__="foo"}` and the quoted UTF-8 form
 * `{"my.metric"}`. For quoted names the range covers the string including its quotes.
 */
export function collectMetricReferences(text: string): MetricReference[] {
  const out: MetricReference[] = [];
  const tree = parsePromQL(text);
  tree.iterate({
    enter(ref) {
      if (ref.name !== 'VectorSelector') return undefined;
      const node = ref.node;
      const ident = childByName(node, 'Identifier');
      if (ident) out.push({ name: nodeText(text, ident), from: ident.from, to: ident.to });
      for (const m of selectorMatchers(text, node)) {
        if (m.name === '__name__' && m.op === '=' && m.valueNode && m.value !== '') {
          out.push({ name: m.value, from: m.valueNode.from, to: m.valueNode.to });
        }
      }
      return false;
    },
  });
  return out;
}
