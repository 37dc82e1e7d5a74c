import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { covered, indexFiles, withCursor } from './helpers';

const ruleFile = (rules: string) => `groups:\n  - name: g\n    rules:\n${rules}`;

describe('SymbolIndex definitions', () => {
  const cases: Array<{ title: string; text: string; expected: Array<[string, 'record' | 'alert', string, string]> }> = [
    {
      title: 'plain, single- and double-quoted record values, and an alert',
      text: ruleFile(
        [
          '      - record: job:a:sum',
          '        expr: sum(a)',
          "      - record: 'job:b:sum'",
          '        expr: sum(b)',
          '      - record: "job:c:sum"  # comment',
          '        expr: sum(c)',
          '      - alert: CDown',
          '        expr: job:c:sum == 0',
          '',
        ].join('\n'),
      ),
      expected: [
        ['job:a:sum', 'record', 'g', 'job:a:sum'],
        ['job:b:sum', 'record', 'g', 'job:b:sum'],
        ['job:c:sum', 'record', 'g', 'job:c:sum'],
        ['CDown', 'alert', 'g', 'CDown'],
      ],
    },
    {
      title: 'a PrometheusRule in a multi-document file',
      text: [
        'kind: ConfigMap',
        'apiVersion: v1',
        '---',
        'apiVersion: monitoring.coreos.com/v1',
        'kind: PrometheusRule',
        'spec:',
        '  groups:',
        '    - name: node.rules',
        '      rules:',
        '        - expr: sum(x)',
        '          record: node:x:sum',
        '',
      ].join('\n'),
      expected: [['node:x:sum', 'record', 'node.rules', 'node:x:sum']],
    },
    {
      title: 'an escaped record value and one written at an anchor',
      text: ruleFile(
        [
          '      - record: "job\\x3ad:sum"',
          '        expr: sum(d)',
          '      - record: &shared job:e:sum',
          '        expr: sum(e)',
          '      - record: *shared',
          '        expr: sum(e2)',
          '',
        ].join('\n'),
      ),
      expected: [
        ['job:d:sum', 'record', 'g', 'job\\x3ad:sum'],
        ['job:e:sum', 'record', 'g', 'job:e:sum'],
        ['job:e:sum', 'record', 'g', 'job:e:sum'],
      ],
    },
    {
      title: 'a rule with both alert and record is an alert',
      text: ruleFile('      - alert: Both\n        record: both:x\n        expr: up\n'),
      expected: [['Both', 'alert', 'g', 'Both']],
    },
  ];
  for (const { title, text, expected } of cases) {
    test(title, () => {
      const index = indexFiles({ 'file:///r.yaml': text });
      const actual = [...index.definitions()].map((d) => [d.name, d.kind, d.group, covered(text, d.range)]);
      assert.deepEqual(actual, expected);
    });
  }

  test('a Loki RecordingRule manifest defines nothing and its LogQL holds no metric references', () => {
    const text = [
      'apiVersion: loki.grafana.com/v1',
      'kind: RecordingRule',
      'spec:',
      '  groups:',
      '    - name: loki',
      '      rules:',
      '        - record: loki:lines:rate',
      '          expr: sum(rate({app="x"}[5m]))',
      '',
    ].join('\n');
    const index = indexFiles({ 'file:///loki.yaml': text });
    assert.deepEqual([...index.definitions()], []);
    assert.equal(index.symbolAt('file:///loki.yaml', { line: 7, character: 32 }), undefined);
  });
});

describe('SymbolIndex references', () => {
  // Every scalar style must give the exact characters of the name in the document.
  const styles: Array<[string, string]> = [
    ['plain', 'expr: sum(job:a:sum) > 1'],
    ['single-quoted', "expr: 'sum(job:a:sum{code=''5xx''})'"],
    ['double-quoted with escapes', 'expr: "sum(job:a:sum{code=\\"5xx\\"})"'],
    ['literal block', 'expr: |\n          sum(\n            job:a:sum\n          )'],
    ['folded block', 'expr: >-\n          sum(\n            job:a:sum)'],
    ['__name__ matcher', 'expr: \'sum({__name__="job:a:sum"})\''],
    ['__name__ matcher, double-quoted YAML', 'expr: "sum({__name__=\\"job:a:sum\\"})"'],
    ['quoted UTF-8 name', 'expr: \'sum({"job:a:sum", code="5xx"})\''],
    ['backquoted __name__', "expr: 'sum({__name__=`job:a:sum`})'"],
  ];
  for (const [style, exprLine] of styles) {
    test(`the name is found exactly in a ${style} expression`, () => {
      const text = ruleFile(`      - alert: A\n        ${exprLine}\n`);
      const index = indexFiles({ 'file:///r.yaml': text });
      const refs = index.references('job:a:sum');
      assert.equal(refs.length, 1, JSON.stringify(refs));
      assert.equal(covered(text, refs[0].range), 'job:a:sum');
    });
  }

  test('.promql files hold references; .logql files do not', () => {
    const promql = '# errors\nsum(rate(job:a:sum[5m]))\n/ job:a:sum\n';
    const index = indexFiles({ 'file:///q.promql': promql, 'file:///q.logql': 'sum(rate({job="job:a:sum"}[5m]))' });
    const refs = index.references('job:a:sum');
    assert.deepEqual(
      refs.map((r) => [r.uri, r.range.start.line, covered(promql, r.range)]),
      [
        ['file:///q.promql', 1, 'job:a:sum'],
        ['file:///q.promql', 2, 'job:a:sum'],
      ],
    );
  });

  test('label values and function names are not metric references', () => {
    const index = indexFiles({ 'file:///q.promql': 'rate(x{job="job:a:sum"}[5m])' });
    assert.deepEqual(index.references('job:a:sum'), []);
    assert.deepEqual(index.references('rate'), []);
    assert.equal(index.references('x').length, 1);
  });
});

describe('SymbolIndex.symbolAt', () => {
  const cases: Array<[string, string, { name: string; isDefinition: boolean } | undefined]> = [
    ['on a record value', ruleFile('      - record: job:a:‸sum\n        expr: sum(a)\n'), { name: 'job:a:sum', isDefinition: true }],
    [
      'at the end of a record value',
      ruleFile('      - record: job:a:sum‸\n        expr: sum(a)\n'),
      { name: 'job:a:sum', isDefinition: true },
    ],
    [
      'on a use in a block',
      ruleFile('      - alert: A\n        expr: |\n          rate(‸job:a:sum[5m]) > 0\n'),
      { name: 'job:a:sum', isDefinition: false },
    ],
    [
      'inside a __name__ string',
      ruleFile('      - alert: A\n        expr: \'{__name__="job:‸a:sum"}\'\n'),
      { name: 'job:a:sum', isDefinition: false },
    ],
    ['on an alert name', ruleFile('      - alert: A‸lert\n        expr: up == 0\n'), undefined],
    ['on a function name', ruleFile('      - alert: A\n        expr: ra‸te(x[5m]) > 0\n'), undefined],
    ['on a label name', ruleFile('      - alert: A\n        expr: x{jo‸b="a"} > 0\n'), undefined],
  ];
  for (const [title, marked, expected] of cases) {
    test(title, () => {
      const { text, position } = withCursor(marked);
      const symbol = indexFiles({ 'file:///r.yaml': text }).symbolAt('file:///r.yaml', position);
      assert.deepEqual(symbol && { name: symbol.name, isDefinition: symbol.isDefinition }, expected);
      if (symbol) assert.equal(covered(text, symbol.range), symbol.name);
    });
  }
});

describe('SymbolIndex updates', () => {
  test('a changed file replaces its entries; a removed file leaves none', () => {
    const index = indexFiles({ 'file:///a.promql': 'foo + bar' });
    assert.ok(index.isCurrent('file:///a.promql', 'foo + bar'));
    assert.ok(!index.isCurrent('file:///a.promql', 'foo + baz'));
    const text = 'foo + baz';
    index.update('file:///a.promql', text, { kind: 'promql', documentKinds: [], ruleFiles: [], regions: [wholeText(text)] });
    assert.deepEqual(index.references('bar'), []);
    assert.equal(index.references('baz').length, 1);
    index.remove('file:///a.promql');
    assert.deepEqual(index.references('foo'), []);
    assert.ok(!index.isCurrent('file:///a.promql', text));
  });
});

function wholeText(text: string) {
  return {
    language: 'promql' as const,
    context: 'query' as const,
    text,
    sourceStart: 0,
    sourceEnd: text.length,
    toDocumentOffset: (offset: number) => offset,
    toRegionOffset: (offset: number) => offset,
  };
}
