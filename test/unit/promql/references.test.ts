import { test } from 'node:test';
import assert from 'node:assert/strict';
import { collectMetricReferences } from '../../../server/src/service/promql/references';

// Each ⟦…⟧ marks a metric reference; its text (unquoted) is the expected name.
const cases = [
  'sum(rate(⟦http_requests_total⟧{code=~"5.."}[5m])) / sum(rate(⟦http_requests_total⟧[5m]))',
  '⟦job:up:ratio⟧ > 0.5',
  '{__name__=⟦"node_load1"⟧, job="x"}',
  '{⟦"my.metric"⟧, "service.name"="a"}',
  'kube_pod_info{⟦"x"⟧} or ⟦kube_node_info⟧',
  'vector(1) + time()',
  '{__name__=~"node_.*"}',
];

for (const marked of cases) {
  test(`metric references in ${marked.replace(/[⟦⟧]/g, '')}`, () => {
    let text = '';
    const want: { name: string; from: number; to: number }[] = [];
    let start = -1;
    for (const ch of marked) {
      if (ch === '⟦') start = text.length;
      else if (ch === '⟧') {
        const raw = text.slice(start, text.length);
        want.push({ name: raw.replace(/^"|"$/g, ''), from: start, to: text.length });
      } else text += ch;
    }
    const got = collectMetricReferences(text).sort((a, b) => a.from - b.from);
    const expected = marked.startsWith('kube_pod_info') ? [{ name: 'kube_pod_info', from: 0, to: 13 }, ...want] : want;
    assert.deepEqual(got, expected);
  });
}
