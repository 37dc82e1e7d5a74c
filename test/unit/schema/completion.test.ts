import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parse } from 'yaml';
import { accept, complete, labels, podMonitorHead, serviceMonitorHead as sm } from './helpers';

const rule = 'groups:\n  - name: api\n    rules:\n';

describe('schema completion: keys', () => {
  const cases: { title: string; input: string; includes: string[]; excludes?: string[] }[] = [
    { title: 'partial key under spec', input: `${sm}spec:\n  endpo‸`, includes: ['endpoints', 'selector', 'namespaceSelector'] },
    {
      title: 'partial key before other keys',
      input: `${sm}spec:\n  sel‸\n  endpoints: []\n`,
      includes: ['selector'],
      excludes: ['endpoints'],
    },
    {
      title: 'empty line in spec',
      input: `${sm}spec:\n  selector: {}\n  ‸\n`,
      includes: ['endpoints', 'jobLabel'],
      excludes: ['selector'],
    },
    {
      title: 'list item start in endpoints',
      input: `${sm}spec:\n  endpoints:\n    - ‸`,
      includes: ['port', 'interval', 'scheme', 'bearerTokenFile'],
    },
    {
      title: 'next key of an endpoint',
      input: `${sm}spec:\n  endpoints:\n    - port: http\n      ‸\n`,
      includes: ['path', 'relabelings'],
      excludes: ['port'],
    },
    {
      title: 'relabeling fields',
      input: `${sm}spec:\n  endpoints:\n    - relabelings:\n        - ‸`,
      includes: ['sourceLabels', 'action', 'targetLabel'],
    },
    { title: 'selector', input: `${sm}spec:\n  selector:\n    ‸`, includes: ['matchLabels', 'matchExpressions'] },
    { title: 'namespaceSelector', input: `${sm}spec:\n  namespaceSelector:\n    ‸`, includes: ['any', 'matchNames'] },
    {
      title: 'pod endpoints',
      input: `${podMonitorHead}spec:\n  podMetricsEndpoints:\n    - ‸`,
      includes: ['port', 'portNumber'],
      excludes: ['bearerTokenFile'],
    },
    { title: 'manifest root', input: `${sm}‸`, includes: ['spec'], excludes: ['metadata', 'kind'] },
    {
      title: 'an Operator manifest without its kind',
      input: 'apiVersion: monitoring.coreos.com/v1\n‸',
      includes: ['kind', 'metadata'],
      excludes: ['spec'],
    },
    { title: 'metadata', input: `${sm}  ‸`, includes: ['labels', 'namespace'], excludes: ['name'] },
    {
      title: 'Prometheus selectors',
      input: 'apiVersion: monitoring.coreos.com/v1\nkind: Prometheus\nspec:\n  ruleSel‸',
      includes: ['ruleSelector', 'serviceMonitorSelector', 'retention'],
    },
    { title: 'Prometheus selector body', input: 'kind: Prometheus\nspec:\n  ruleSelector:\n    ‸', includes: ['matchLabels'] },
    { title: 'Probe', input: 'kind: Probe\nspec:\n  targets:\n    staticConfig:\n      ‸', includes: ['static', 'labels'] },
    {
      title: 'PrometheusRule group',
      input: 'kind: PrometheusRule\nspec:\n  groups:\n    - name: a\n      ‸',
      includes: ['rules', 'interval', 'limit', 'query_offset'],
      excludes: ['name'],
    },
    {
      title: 'rule-file rule',
      input: `${rule}      - ‸`,
      includes: ['alert', 'record', 'expr', 'for', 'keep_firing_for', 'labels', 'annotations'],
    },
    {
      title: 'an alert has no record',
      input: `${rule}      - alert: Down\n        ‸`,
      includes: ['expr', 'for'],
      excludes: ['record', 'alert'],
    },
    {
      title: 'a recording rule has no for',
      input: `${rule}      - record: a:b\n        ‸`,
      includes: ['expr', 'labels'],
      excludes: ['for', 'annotations', 'alert'],
    },
    { title: 'key before its colon', input: `${sm}spec:\n  endpoints:\n    - sch‸eme: http\n`, includes: ['scheme'] },
  ];
  for (const { title, input, includes, excludes = [] } of cases) {
    test(title, () => {
      const got = labels(complete(input));
      for (const name of includes) assert.ok(got.includes(name), `${name} in ${got.join(',')}`);
      for (const name of excludes) assert.ok(!got.includes(name), `${name} not in ${got.join(',')}`);
      assert.equal(new Set(got).size, got.length, 'no duplicates');
    });
  }

  test('the range covers the whole word under the cursor', () => {
    const input = `${sm}spec:\n  endpo‸ints\n`;
    const result = complete(input)!;
    assert.equal(input.replace('‸', '').slice(result.from, result.to), 'endpoints');
  });

  test('a key that has its colon is replaced by its name only', () => {
    const input = `${sm}spec:\n  endpoints:\n    - sch‸eme: http\n`;
    const result = complete(input)!;
    const item = result.items.find((candidate) => candidate.label === 'scheme')!;
    assert.equal(accept(input.replace('‸', ''), result, item), `${sm}spec:\n  endpoints:\n    - scheme: http\n`);
  });

  const inserted: { key: string; input: string; expected: unknown }[] = [
    { key: 'endpoints', input: `${sm}spec:\n  endpo‸`, expected: { endpoints: [{ port: 'x' }] } },
    { key: 'selector', input: `${sm}spec:\n  ‸`, expected: { selector: { matchLabels: null } } },
    { key: 'scheme', input: `${sm}spec:\n  endpoints:\n    - port: x\n      ‸`, expected: { endpoints: [{ port: 'x', scheme: 'http' }] } },
    { key: 'interval', input: `${sm}spec:\n  endpoints:\n    - ‸`, expected: { endpoints: [{ interval: '30s' }] } },
  ];
  for (const { key, input, expected } of inserted) {
    test(`inserting ${key} keeps the YAML well-formed and nested`, () => {
      const text = input.replace('‸', '');
      const result = complete(input)!;
      const item = result.items.find((candidate) => candidate.label === key)!;
      let after = accept(text, result, item);
      // Type the next thing where the snippet leaves the cursor, as a user would.
      if (key === 'endpoints') after += 'port: x';
      if (key === 'selector') after += 'matchLabels:';
      assert.deepEqual(parse(after).spec, expected, after);
    });
  }

  test('a new line under an array of objects offers its first item, dash included', () => {
    const input = `${sm}spec:\n  endpoints:\n    ‸`;
    const result = complete(input)!;
    const item = result.items.find((candidate) => candidate.label === 'relabelings')!;
    const after = accept(input.replace('‸', ''), result, item) + 'action: drop';
    assert.deepEqual(parse(after).spec, { endpoints: [{ relabelings: [{ action: 'drop' }] }] }, after);
  });

  test('a new line under an array of enums offers its values, dash included', () => {
    const input = `${sm}spec:\n  scrapeProtocols:\n    ‸`;
    const result = complete(input)!;
    const after = accept(input.replace('‸', ''), result, result.items[0]);
    assert.deepEqual(parse(after).spec, { scrapeProtocols: ['PrometheusProto'] }, after);
  });

  test('a line indented unlike its siblings gets nothing', () => {
    assert.deepEqual(labels(complete(`${sm}spec:\n  selector: {}\n    ‸`)), []);
    assert.deepEqual(labels(complete(`${sm}spec:\n  jobLabel: app\n    endp‸`)), []);
  });

  test('inside a block scalar there is nothing to complete', () => {
    assert.deepEqual(labels(complete(`${rule}      - alert: Down\n        annotations:\n          description: |\n            Inst‸`)), []);
    assert.deepEqual(labels(complete(`${rule}      - alert: Down\n        annotations:\n          description: >-\n            ‸`)), []);
  });

  test('siblings whose values span lines still count as present', () => {
    const input = `${sm}spec:\n  selector: {matchLabels:\n    {app: x}}\n  jobLabel: "a\n    b"\n  ‸\n  targetLabels:\n    - team\n`;
    const got = labels(complete(input));
    assert.ok(got.includes('endpoints'), got.join());
    for (const present of ['selector', 'jobLabel', 'targetLabels']) assert.ok(!got.includes(present), present);
  });

  test('documents of other kinds get nothing', () => {
    assert.deepEqual(labels(complete('apiVersion: apps/v1\nkind: Deployment\nspec:\n  ‸')), []);
    assert.deepEqual(labels(complete('services:\n  web:\n    ‸')), []);
    assert.deepEqual(labels(complete('apiVersion: v1\n‸')), []);
  });

  test('the document under the cursor decides, in a multi-document file', () => {
    const input = `apiVersion: v1\nkind: Service\nspec:\n  ports: []\n---\n${sm}spec:\n  ‸\n---\nkind: Deployment\n`;
    assert.ok(labels(complete(input)).includes('endpoints'));
  });

  test('the most used fields sort first, as the table lists them', () => {
    const items = complete(`${sm}spec:\n  ‸`)!.items;
    const sorted = [...items].sort((a, b) => a.sortText!.localeCompare(b.sortText!)).map((item) => item.label);
    assert.deepEqual(sorted.slice(0, 3), ['selector', 'namespaceSelector', 'endpoints']);
  });

  test('deprecated fields come last, tagged', () => {
    const items = complete(`${sm}spec:\n  endpoints:\n    - ‸`)!.items;
    const deprecated = items.find((item) => item.label === 'bearerTokenFile')!;
    assert.deepEqual(deprecated.tags, [1]);
    assert.ok(items.every((item) => item === deprecated || item.sortText! < deprecated.sortText!));
  });
});

describe('schema completion: values', () => {
  const cases: { title: string; input: string; expected: string[] }[] = [
    { title: 'scheme', input: `${sm}spec:\n  endpoints:\n    - scheme: ‸`, expected: ['http', 'https'] },
    {
      title: 'relabel action',
      input: `${sm}spec:\n  endpoints:\n    - metricRelabelings:\n        - action: dr‸`,
      expected: [
        'replace',
        'keep',
        'drop',
        'hashmod',
        'labelmap',
        'labeldrop',
        'labelkeep',
        'lowercase',
        'uppercase',
        'keepequal',
        'dropequal',
      ],
    },
    {
      title: 'matchExpressions operator',
      input: `${sm}spec:\n  selector:\n    matchExpressions:\n      - key: app\n        operator: ‸`,
      expected: ['In', 'NotIn', 'Exists', 'DoesNotExist'],
    },
    { title: 'honorLabels', input: `${sm}spec:\n  endpoints:\n    - honorLabels: ‸`, expected: ['true', 'false'] },
    { title: 'namespaceSelector.any', input: `${sm}spec:\n  namespaceSelector:\n    any: t‸`, expected: ['true', 'false'] },
    {
      title: 'an array of enums',
      input: `${sm}spec:\n  scrapeProtocols:\n    - ‸`,
      expected: ['PrometheusProto', 'OpenMetricsText0.0.1', 'OpenMetricsText1.0.0', 'PrometheusText0.0.4', 'PrometheusText1.0.0'],
    },
    { title: 'Prometheus logLevel', input: 'kind: Prometheus\nspec:\n  logLevel: ‸', expected: ['debug', 'info', 'warn', 'error'] },
    {
      title: 'kind of a new manifest',
      input: 'apiVersion: monitoring.coreos.com/v1\nkind: ‸',
      expected: ['ServiceMonitor', 'PodMonitor', 'Probe', 'PrometheusRule', 'Prometheus'],
    },
    { title: 'kind of an apps/v1 manifest', input: 'apiVersion: apps/v1\nkind: ‸', expected: [] },
    { title: 'a string field', input: `${sm}spec:\n  jobLabel: ‸`, expected: [] },
  ];
  for (const { title, input, expected } of cases) {
    test(title, () => assert.deepEqual(labels(complete(input)), expected));
  }

  test('a quoted value is replaced with its quotes', () => {
    const input = `${sm}spec:\n  endpoints:\n    - scheme: "ht‸"\n`;
    const result = complete(input)!;
    const item = result.items.find((candidate) => candidate.label === 'https')!;
    assert.equal(accept(input.replace('‸', ''), result, item), `${sm}spec:\n  endpoints:\n    - scheme: "https"\n`);
  });
});
