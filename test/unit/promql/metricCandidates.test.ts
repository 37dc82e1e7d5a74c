import { test } from 'node:test';
import assert from 'node:assert/strict';
import { metricLookup } from '../../../server/src/service/catalog/metrics';
import { metricCandidates, type MetricCandidate } from '../../../server/src/service/promql/metricCandidates';
import type { MetricInfo, RecordingRuleInfo, ValueType } from '../../../server/src/service/types';

/**
 * What metricCandidates must answer, written the plain way: every candidate in sortText order;
 * those whose lower-case name starts with the typed text first, then the fuzzy matches (the
 * typed characters in order), `limit` in all.
 */
function reference(all: readonly MetricCandidate[], typed: string, limit: number): string[] {
  const sorted = [...all].sort((a, b) => (a.sortText < b.sortText ? -1 : a.sortText > b.sortText ? 1 : 0));
  const prefix = typed.toLowerCase();
  const fuzzy = (name: string) => {
    let at = 0;
    for (const c of prefix) {
      at = name.indexOf(c, at);
      if (at < 0) return false;
      at++;
    }
    return true;
  };
  const starting = sorted.filter((c) => c.name.toLowerCase().startsWith(prefix));
  const others = sorted.filter((c) => !c.name.toLowerCase().startsWith(prefix) && fuzzy(c.name.toLowerCase()));
  return [...starting, ...others].slice(0, limit).map((c) => c.name);
}

const types: MetricInfo['type'][] = ['counter', 'gauge', 'histogram', 'summary', 'unknown'];
const words = ['node', 'kube', 'Http', 'go', 'process', 'cpu', 'memory', 'requests', 'seconds', 'bytes', 'node_cpu'];

test('the capped candidates are the ones the plain filter would pick, in its order, for every kind of typed text', () => {
  let seed = 11;
  const random = (n: number) => (seed = (seed * 48271) % 2147483647) % n;
  const infos: MetricInfo[] = Array.from({ length: 3000 }, (_, i) => ({
    name: `${words[random(words.length)]}_${words[random(words.length)]}_m${i}`,
    type: types[random(types.length)],
    help: '',
  }));
  const rules: RecordingRuleInfo[] = Array.from({ length: 40 }, (_, i) => ({
    name: `job:node_cpu:rate${i}`,
    expr: 'x',
    uri: 'file:///r',
    line: i,
  }));
  const deps = { metrics: metricLookup(infos), recordingRules: rules, experimentalFeaturesEnabled: false };
  const typedTexts = ['', 'n', 'node', 'node_', 'NODE_C', 'http_', 'kube_m', 'zz', 'nce', 'job:', 'm1', 'go_go', 'seconds_bytes'];
  for (const expected of [undefined, 'vector', 'matrix', 'scalar'] as (ValueType | undefined)[]) {
    // Everything, uncapped: the list the reference filters.
    const all = metricCandidates(expected, deps, '', Number.MAX_SAFE_INTEGER).candidates;
    for (const typed of typedTexts) {
      for (const limit of [1, 50, 300]) {
        const { candidates, capped } = metricCandidates(expected, deps, typed, limit);
        assert.equal(capped, true);
        assert.deepEqual(
          candidates.map((c) => c.name),
          reference(all, typed, limit),
          `${expected} "${typed}" ${limit}`,
        );
      }
    }
  }
});

test('a lookup that answers with the same array is not listed again; a new array with other entries is', () => {
  let list: MetricInfo[] = [
    { name: 'a_total', type: 'counter', help: '' },
    { name: 'b', type: 'gauge', help: '' },
  ];
  const calls = { all: 0 };
  const lookup = { get: () => undefined, all: () => (calls.all++, list) };
  const deps = { metrics: lookup, recordingRules: [], experimentalFeaturesEnabled: false };
  assert.deepEqual(
    metricCandidates(undefined, deps, '', 10).candidates.map((c) => c.name),
    ['a_total', 'b'],
  );
  list = [...list, { name: 'c', type: 'gauge', help: '' }];
  assert.deepEqual(
    metricCandidates(undefined, deps, '', 10).candidates.map((c) => c.name),
    ['a_total', 'b', 'c'],
  );
  assert.equal(calls.all, 2);
});
