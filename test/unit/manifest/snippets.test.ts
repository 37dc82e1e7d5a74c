// Every snippet, expanded with its defaults, must be valid PromQL or valid rule-file YAML.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parser } from '@prometheus-io/lezer-promql';
import { parseDocument } from 'yaml';
import { readJson } from './manifest';
import { expandSnippet } from './snippetBody';
import { aggregations } from '../../../server/src/service/catalog/aggregations';
import { functions } from '../../../server/src/service/catalog/functions';
import { keywords } from '../../../server/src/service/catalog/keywords';
import {
  logqlFormatters,
  logqlFunctions,
  logqlKeywords,
  logqlParsers,
  logqlRangeAggregations,
  logqlVectorAggregations,
} from '../../../server/src/service/catalog/logql';

interface Snippet {
  prefix: string;
  body: string | string[];
  description?: string;
}

/** Offsets of the parse errors lezer-promql (Prometheus' own editor grammar) finds in `expr`. */
function promqlErrors(expr: string): number[] {
  const errors: number[] = [];
  parser.parse(expr).iterate({ enter: (node) => void (node.type.isError && errors.push(node.from)) });
  return errors;
}

/** Every `expr` value in a parsed rule YAML value. */
function exprs(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(exprs);
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, v]) => (key === 'expr' && typeof v === 'string' ? [v] : exprs(v)));
}

describe('snippet expansion', () => {
  const cases: Array<[string, string]> = [
    ['rate(${1:x}[${2:5m}])', 'rate(x[5m])'],
    ['${1:a{{ \\$labels.job \\}\\}}', 'a{{ $labels.job }}'],
    ['severity: ${1|warning,critical|}', 'severity: warning'],
    ['${1:outer ${2:inner}}$0', 'outer inner'],
  ];
  for (const [body, expected] of cases) test(body, () => assert.equal(expandSnippet(body), expected));
});

describe('PromQL snippets', () => {
  const snippets = Object.entries(readJson<Record<string, Snippet>>('snippets/promql.json'));
  test('there are the classic queries', () => assert.ok(snippets.length >= 7));
  for (const [name, snippet] of snippets) {
    test(`${name} (${snippet.prefix}) parses`, () => {
      const expr = expandSnippet(snippet.body);
      assert.deepEqual(promqlErrors(expr), [], expr);
      assert.ok(snippet.description, 'has a description');
    });
  }
});

describe('rule-file snippets', () => {
  const snippets = Object.entries(readJson<Record<string, Snippet>>('snippets/prometheus-rules.json'));
  for (const [name, snippet] of snippets) {
    test(`${name} (${snippet.prefix}) is YAML whose exprs parse`, () => {
      const text = expandSnippet(snippet.body);
      const document = parseDocument(text);
      assert.deepEqual(
        document.errors.map((e) => e.message),
        [],
        text,
      );
      const found = exprs(document.toJS());
      assert.ok(found.length > 0, 'has an expr');
      for (const expr of found) assert.deepEqual(promqlErrors(expr), [], expr);
    });
  }

  test('the alerting rule carries severity, summary, description and runbook_url', () => {
    const alert = snippets.find(([, s]) => s.prefix === 'prom-alert');
    assert.ok(alert);
    const [rule] = parseDocument(expandSnippet(alert[1].body)).toJS() as Array<Record<string, Record<string, string>>>;
    assert.ok(rule.labels.severity);
    assert.deepEqual(Object.keys(rule.annotations).sort(), ['description', 'runbook_url', 'summary']);
  });

  test('the recording rule is named level:metric:operations', () => {
    const record = snippets.find(([, s]) => s.prefix === 'prom-record');
    assert.ok(record);
    const [rule] = parseDocument(expandSnippet(record[1].body)).toJS() as Array<Record<string, string>>;
    assert.match(rule.record, /^[a-z_]+:[a-z_]+:[a-z0-9_]+$/);
  });
});

describe('snippet prefixes', () => {
  // A snippet whose prefix is a function's name shows up twice in completion ("rate" the
  // function and "rate" the snippet) with nothing to tell them apart.
  const cases: Array<[string, Set<string>]> = [
    ['snippets/promql.json', new Set([...functions, ...aggregations, ...keywords].map((entry) => entry.name))],
    [
      'snippets/logql.json',
      new Set(
        [
          ...logqlRangeAggregations,
          ...logqlVectorAggregations,
          ...logqlFunctions,
          ...logqlParsers,
          ...logqlFormatters,
          ...logqlKeywords,
        ].map((entry) => entry.name),
      ),
    ],
  ];
  for (const [file, catalogNames] of cases) {
    test(`${file}: no prefix is also a catalog name`, () => {
      const prefixes = Object.values(readJson<Record<string, Snippet>>(file)).map((snippet) => snippet.prefix);
      assert.deepEqual(
        prefixes.filter((prefix) => catalogNames.has(prefix)),
        [],
      );
    });
  }
});
