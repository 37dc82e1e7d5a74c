import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inferOutputLabels } from '../../../server/src/service/promql/outputLabels';

const cases: { expr: string; labels: string[]; exhaustive: boolean }[] = [
  { expr: 'sum by (job, ns) (rate(foo[5m]))', labels: ['job', 'ns'], exhaustive: true },
  { expr: 'sum(rate(foo[5m]))', labels: [], exhaustive: true },
  { expr: 'sum without (pod) (foo{job="a", pod="b"})', labels: ['job'], exhaustive: false },
  { expr: 'up{job="node", instance=~".+", env=~".*"} == 0', labels: ['instance', 'job'], exhaustive: false },
  { expr: 'count_values("version", build_info)', labels: ['version'], exhaustive: true },
  { expr: 'label_replace(sum by (instance) (up), "host", "$1", "instance", "(.*):.*")', labels: ['host', 'instance'], exhaustive: true },
  {
    expr: 'sum by (namespace, pod) (x) * on(namespace, pod) group_left(node) kube_pod_info',
    labels: ['namespace', 'node', 'pod'],
    exhaustive: true,
  },
  { expr: 'sum by (a) (x) / on(a) sum by (a, b) (y)', labels: ['a'], exhaustive: true },
  { expr: 'sum by (a, b) (x) / ignoring(b) sum by (a) (y)', labels: ['a'], exhaustive: true },
  { expr: 'sum by (a) (x) or sum by (b) (y)', labels: ['a', 'b'], exhaustive: true },
  { expr: 'sum by (a) (x) unless sum by (b) (y)', labels: ['a'], exhaustive: true },
  { expr: 'topk(3, sum by (job) (x))', labels: ['job'], exhaustive: true },
  { expr: 'vector(1)', labels: [], exhaustive: true },
  { expr: 'scalar(x) * 2', labels: [], exhaustive: true },
  // A scalar has no labels, nor a vector made of one.
  { expr: 'scalar(sum by (job) (x))', labels: [], exhaustive: true },
  { expr: 'vector(scalar(sum by (job) (x))) > 1', labels: [], exhaustive: true },
  { expr: 'max_of(scalar(sum by (job) (x)), 1)', labels: [], exhaustive: true },
  // The labels come from the vector argument, wherever it is.
  { expr: 'clamp_min(sum by (job) (x), scalar(sum by (pod) (y)))', labels: ['job'], exhaustive: true },
  { expr: 'quantile_over_time(0.9, sum by (job) (x)[1h:5m])', labels: ['job'], exhaustive: true },
  { expr: 'quantile_over_time(scalar(sum by (pod) (q)), sum by (job) (x)[1h:5m])', labels: ['job'], exhaustive: true },
  { expr: 'round(sum by (job) (x), 0.5)', labels: ['job'], exhaustive: true },
  { expr: '2 * sum by (job) (x) > 1', labels: ['job'], exhaustive: true },
  { expr: 'absent(up{job="node", env="prod"})', labels: ['env', 'job'], exhaustive: true },
  { expr: 'histogram_quantile(0.9, sum by (le, svc) (rate(x_bucket[5m])))', labels: ['svc'], exhaustive: true },
  { expr: 'max_over_time(sum by (job) (up)[1h:5m])', labels: ['job'], exhaustive: true },
  { expr: '{"my.metric", "service.name"="x"}', labels: ['service.name'], exhaustive: false },
];

for (const c of cases) {
  test(`output labels of ${c.expr}`, () => {
    const out = inferOutputLabels(c.expr);
    assert.ok(out);
    assert.deepEqual([...out.labels].sort(), c.labels);
    assert.equal(out.exhaustive, c.exhaustive);
  });
}

test('numbers that lezer-promql cannot read do not hide the labels', () => {
  assert.deepEqual([...(inferOutputLabels('sum by (job) (up) * 5.')?.labels ?? [])], ['job']);
});

test('output labels are unknown for expressions that do not parse', () => {
  assert.equal(inferOutputLabels('sum by (job) (rate(foo[5m])'), undefined);
});
