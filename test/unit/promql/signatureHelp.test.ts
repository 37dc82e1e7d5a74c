import { test } from 'node:test';
import assert from 'node:assert/strict';
import { signatureHelpPromQL } from '../../../server/src/service/promql/signatureHelp';
import { cursor } from './completionFixtures';

/** [input, signature label prefix, active parameter, label of the active parameter] */
const cases: [input: string, name: string, active: number, param: string][] = [
  ['rate(|', 'rate(', 0, 'v range-vector'],
  ['rate(up[5m]|)', 'rate(', 0, 'v range-vector'],
  ['histogram_quantile(|', 'histogram_quantile(', 0, 'φ scalar'],
  ['histogram_quantile(0.9, |', 'histogram_quantile(', 1, 'b instant-vector'],
  ['histogram_quantile(0.9, sum by (le) (rate(x[5m])) |)', 'histogram_quantile(', 1, 'b instant-vector'],
  ['histogram_quantile(0.9, sum(rate(|', 'rate(', 0, 'v range-vector'],
  ['histogram_quantile(0.9, sum(|', 'sum(', 0, 'v instant-vector'],
  ['label_replace(up, "a,b", |', 'label_replace(', 2, 'replacement string'],
  ['label_replace(up, "a,|b"', 'label_replace(', 1, 'dst_label string'],
  ['label_replace(up, `x,y`, "$1", "s|', 'label_replace(', 3, 'src_label string'],
  ['label_join(up, "dst", ",", "a", "b", |', 'label_join(', 3, 'src_label string...'],
  ['round(up, |', 'round(', 1, 'to_nearest? scalar'],
  ['topk(|', 'topk(', 0, 'k scalar'],
  ['topk(5, |)', 'topk(', 1, 'v instant-vector'],
  ['sum by (job) (|', 'sum(', 0, 'v instant-vector'],
  ['count_values("val,ue", |', 'count_values(', 1, 'v instant-vector'],
  ['clamp(up, 0, |)', 'clamp(', 2, 'max scalar'],
  ['max_over_time(up{job=~"a,b"}[5m:1m]|)', 'max_over_time(', 0, 'v range-vector'],
];

for (const [input, name, active, param] of cases) {
  test(`signature ${input}`, () => {
    const { text, offset } = cursor(input);
    const help = signatureHelpPromQL(text, offset);
    assert.ok(help, 'signature help');
    const signature = help.signatures[help.activeSignature ?? 0];
    assert.ok(signature.label.startsWith(name), signature.label);
    assert.equal(help.activeParameter, active);
    const [from, to] = signature.parameters![active].label as [number, number];
    assert.equal(signature.label.slice(from, to), param);
  });
}

const outside = ['rate(up[5m])|', 'up|', 'sum by (|', 'up{job="a", |}', 'rate|(up[5m])', 'nosuchfunc(|'];
for (const input of outside) {
  test(`no signature at ${input}`, () => {
    const { text, offset } = cursor(input);
    assert.equal(signatureHelpPromQL(text, offset), undefined);
  });
}

test('documentation comes from the catalog', () => {
  const help = signatureHelpPromQL('rate(', 5)!;
  assert.match(JSON.stringify(help.signatures[0].documentation), /counter/i);
});
