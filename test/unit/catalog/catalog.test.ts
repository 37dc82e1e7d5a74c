import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parser } from '@prometheus-io/lezer-promql';
import { functions, functionsByName, PROMETHEUS_VERSION } from '../../../server/src/service/catalog/functions';
import { aggregations, aggregationsByName } from '../../../server/src/service/catalog/aggregations';
import { keywords, keywordsByName } from '../../../server/src/service/catalog/keywords';

const corpus = join(__dirname, '..', '..', '..', '..', 'shared', 'corpus');
const functionsJson = join(corpus, 'promql', 'functions.json');

interface CorpusFunction {
  name: string;
  argTypes: string[];
  variadic: number;
  returnType: string;
  experimental: boolean;
}
interface CorpusFunctions {
  functions: CorpusFunction[];
  keywords: Record<string, string[]>;
}
const corpusFunctions: CorpusFunctions | undefined = existsSync(functionsJson)
  ? (JSON.parse(readFileSync(functionsJson, 'utf8')) as CorpusFunctions)
  : undefined;
const noCorpus = corpusFunctions ? false : `corpus not found at ${corpus}`;

/** Offsets of lezer error nodes; empty when the expression parses cleanly. */
function parseErrors(expr: string): number[] {
  const errors: number[] = [];
  parser.parse(expr).iterate({
    enter(node) {
      if (node.type.isError) errors.push(node.from);
    },
  });
  return errors;
}

const documented = [
  ...functions.map((f) => ({ what: `function ${f.name}`, ...f })),
  ...aggregations.map((a) => ({ what: `aggregation ${a.name}`, ...a })),
  ...keywords.map((k) => ({ what: `keyword ${k.name}`, ...k })),
];

test('catalog tracks Prometheus 3.14', () => {
  assert.equal(PROMETHEUS_VERSION, '3.14');
});

test('every corpus function is in the catalog with the same signature', { skip: noCorpus }, () => {
  const expected = corpusFunctions!.functions;
  assert.equal(functions.length, expected.length);
  for (const want of expected) {
    const got = functionsByName.get(want.name);
    assert.ok(got, `missing function ${want.name}`);
    assert.deepEqual(
      { argTypes: got.argTypes, variadic: got.variadic, returnType: got.returnType, experimental: got.experimental },
      { argTypes: want.argTypes, variadic: want.variadic, returnType: want.returnType, experimental: want.experimental },
      want.name,
    );
  }
});

test('aggregations match the lexer list', { skip: noCorpus }, () => {
  assert.deepEqual(aggregations.map((a) => a.name).sort(), [...corpusFunctions!.keywords.aggregators].sort());
});

test('lexer keywords, operators and preprocessors all have a keyword entry', { skip: noCorpus }, () => {
  const { keywords: lexerKeywords, operators } = corpusFunctions!.keywords;
  for (const name of [...lexerKeywords, ...operators]) assert.ok(keywordsByName.has(name), `missing keyword ${name}`);
});

test('14 aggregations with parameters where Prometheus takes one', () => {
  assert.equal(aggregations.length, 14);
  assert.equal(aggregationsByName.size, 14);
  const params = Object.fromEntries(aggregations.filter((a) => a.param).map((a) => [a.name, a.param!.type]));
  assert.deepEqual(params, {
    topk: 'scalar',
    bottomk: 'scalar',
    limitk: 'scalar',
    limit_ratio: 'scalar',
    quantile: 'scalar',
    count_values: 'string',
  });
});

test('experimental entries name their feature flag and say so in the doc', () => {
  test('each example uses what it documents', () => {
    for (const f of functions) assert.match(f.example, new RegExp(`\\b${f.name}\\s*\\(`), `function ${f.name}: ${f.example}`);
    for (const a of aggregations) assert.match(a.example, new RegExp(`\\b${a.name}\\b`), `aggregation ${a.name}: ${a.example}`);
    for (const k of keywords) assert.ok(k.example.includes(k.name), `keyword ${k.name}: ${k.example}`);
  });

  for (const entry of documented) {
    if (!entry.experimental) {
      assert.equal(entry.featureFlag, undefined, `${entry.what} is stable but has a flag`);
      continue;
    }
    assert.ok(entry.featureFlag, `${entry.what} lacks a feature flag`);
    assert.ok(entry.doc.includes(entry.featureFlag), `${entry.what}: doc does not mention ${entry.featureFlag}`);
  }
});

test('operators and keywords from the brief are all present', () => {
  const names = [
    'by',
    'without',
    'on',
    'ignoring',
    'group_left',
    'group_right',
    'fill',
    'fill_left',
    'fill_right',
    'bool',
    'offset',
    '@',
    'anchored',
    'smoothed',
    'start',
    'end',
    'and',
    'or',
    'unless',
    'atan2',
    '+',
    '-',
    '*',
    '/',
    '%',
    '^',
    '==',
    '!=',
    '>',
    '<',
    '>=',
    '<=',
  ];
  for (const name of names) assert.ok(keywordsByName.has(name), `missing keyword ${name}`);
  assert.equal(keywordsByName.size, keywords.length, 'duplicate keyword names');
});

for (const entry of documented) {
  test(`${entry.what}: doc and example are filled and the example parses`, () => {
    assert.ok(entry.doc.trim().length >= 20, 'doc is empty or too short');
    assert.ok(entry.example.trim().length > 0, 'example is empty');
    assert.deepEqual(parseErrors(entry.example), [], `example does not parse: ${entry.example}`);
  });
}

test('feature flags are the ones Prometheus 3.14 checks', () => {
  const cases: [string, string | undefined][] = [
    ['keyword fill', 'promql-binop-fill-modifiers'],
    ['keyword fill_right', 'promql-binop-fill-modifiers'],
    ['keyword anchored', 'promql-extended-range-selectors'],
    ['keyword smoothed', 'promql-extended-range-selectors'],
    ['keyword @', undefined],
    ['aggregation limitk', 'promql-experimental-functions'],
    ['aggregation topk', undefined],
    // As calls these need the functions flag; promql-duration-expr is a no-op in 3.x.
    ['function step', 'promql-experimental-functions'],
    ['function max_of', 'promql-experimental-functions'],
    ['function info', 'promql-experimental-functions'],
    ['function rate', undefined],
  ];
  const byWhat = new Map(documented.map((d) => [d.what, d]));
  for (const [what, flag] of cases) {
    const entry = byWhat.get(what);
    assert.ok(entry, `${what} missing`);
    assert.equal(entry.featureFlag, flag, what);
  }
});
