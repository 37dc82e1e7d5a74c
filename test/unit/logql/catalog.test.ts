import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { logqlCatalog, logqlTemplateFunctions } from '../../../server/src/service/catalog/logql';
import { validateLogQL } from '../../../server/src/service/logql/validate';
import { lexTemplate } from '../../../server/src/service/rules/template/lexer';

// The shared corpus sits beside the repository: <repo>/test/unit/logql → <repo>/../shared/corpus.
const corpusDir = join(__dirname, '..', '..', '..', '..', 'shared', 'corpus');
const keywordsPath = join(corpusDir, 'logql', 'keywords.json');

test(
  "the catalog covers every function, parser, formatter and operator of Loki's lexer",
  { skip: existsSync(corpusDir) ? false : `the shared corpus is not checked out at ${corpusDir}` },
  () => {
    const corpus = JSON.parse(readFileSync(keywordsPath, 'utf8')) as {
      tokens: Record<string, string[]>;
      functionTokens: Record<string, string[]>;
      parserFlags: string[];
    };
    const names = new Set(logqlCatalog.map((entry) => entry.name));
    const punctuation = new Set([',', '.', '{', '}', '(', ')', '[', ']', '|']);
    const wanted = [...Object.values(corpus.tokens).flat(), ...Object.values(corpus.functionTokens).flat(), ...corpus.parserFlags].filter(
      (name) => !punctuation.has(name),
    );
    const missing = [...new Set(wanted)].filter((name) => !names.has(name));
    assert.deepEqual(missing, []);
  },
);

test('every catalog example is a valid LogQL query that uses what it documents', () => {
  for (const entry of logqlCatalog) {
    const problems = validateLogQL(entry.example, { context: 'query' }).problems.filter(
      (p) => p.severity !== 'warning' && p.code !== 'logql/instant-query-only',
    );
    assert.deepEqual(problems, [], `${entry.name}: ${entry.example}`);
    const word = entry.name.replace(/^--/, '');
    assert.ok(entry.example.toLowerCase().includes(word.toLowerCase()), `${entry.name}: ${entry.example}`);
    assert.ok(entry.doc.length > 10 && entry.signature.length > 0, entry.name);
  }
});

test('template functions are documented once each', () => {
  const names = logqlTemplateFunctions.map((f) => f.name);
  assert.equal(new Set(names).size, names.length);
  assert.ok(names.includes('ToUpper') && names.includes('__line__'));
});

test('every template function has an example: a valid query that calls it inside {{ … }}', () => {
  for (const fn of logqlTemplateFunctions) {
    assert.ok(fn.example.trim().length > 0, `${fn.name}: no example`);
    assert.deepEqual(validateLogQL(fn.example, { context: 'query' }).problems, [], `${fn.name}: ${fn.example}`);
    const actions = fn.example.match(/\{\{.*?\}\}/gs) ?? [];
    const calls = actions.flatMap((action) => lexTemplate(action).filter((t) => t.type === 'identifier' && t.value === fn.name));
    assert.ok(calls.length > 0, `${fn.name}: the example does not call it inside {{ … }}: ${fn.example}`);
  }
});

test('every snippet expands to a valid LogQL query', () => {
  const snippets = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'snippets', 'logql.json'), 'utf8')) as Record<
    string,
    { body: string | string[] }
  >;
  for (const [name, snippet] of Object.entries(snippets)) {
    const body = (Array.isArray(snippet.body) ? snippet.body.join('\n') : snippet.body)
      .replace(/\$\{\d+:([^}]*)\}/g, '$1')
      .replace(/\$\{?\d+\}?/g, 'x');
    assert.deepEqual(validateLogQL(body, { context: 'query' }).problems, [], `${name}: ${body}`);
  }
});
