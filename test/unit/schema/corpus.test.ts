// The schema tables against real manifests and rule files: reads ../shared/corpus (see its
// README) and skips when it is absent. Every key they use must be known where our tables list
// an object's fields, and every enum value they use must be one we offer.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { OperatorIndex } from '../../../server/src/service/operator';
import { schemaCompletion, schemaHover, schemaOfDocument, type FieldSchema } from '../../../server/src/service/schema';
import { parseYamlFile } from '../../../server/src/service/yaml/yamlFile';

const corpus = resolve(__dirname, '../../../../shared/corpus');
const folders = ['servicemonitor', 'rules/kube-prometheus', 'rules/prometheus-operator-example', 'rules/node-exporter'].map((folder) =>
  join(corpus, folder),
);

function yamlFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yamlFiles(path, out);
    else if (/\.ya?ml$/.test(name)) out.push(path);
  }
  return out;
}

/** Disagreements between a node and its schema, as `path: what`. */
function disagreements(node: Node | null, schema: FieldSchema, path: string, out: string[]): void {
  if (isMap(node) && schema.type === 'object' && schema.fields) {
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '?';
      const field = schema.fields[key];
      if (!field) out.push(`${path}.${key}: unknown field`);
      else disagreements(pair.value as Node | null, field, `${path}.${key}`, out);
    }
  } else if (isSeq(node) && schema.type === 'array' && schema.items) {
    node.items.forEach((item, i) => disagreements(item as Node, schema.items!, `${path}[${i}]`, out));
  } else if (isScalar(node) && schema.type === 'enum' && !schema.values?.includes(String(node.value))) {
    out.push(`${path}: ${String(node.value)} is not one of ${schema.values?.join('|')}`);
  } else if (isScalar(node) && schema.type === 'boolean' && typeof node.value !== 'boolean') {
    out.push(`${path}: ${String(node.value)} is not a boolean`);
  }
}

test('corpus: every field and enum value of real manifests and rule files is in the tables', (t) => {
  if (!folders.every(existsSync)) return t.skip(`corpus not found at ${corpus}`);
  const problems: string[] = [];
  let documents = 0;
  for (const file of folders.flatMap((folder) => yamlFiles(folder))) {
    for (const document of parseYamlFile(readFileSync(file, 'utf8')).documents) {
      const root = schemaOfDocument(document);
      if (!root) continue;
      documents++;
      const found: string[] = [];
      disagreements(document.contents as Node | null, root, '', found);
      problems.push(...found.map((problem) => `${file.slice(corpus.length + 1)}: ${problem}`));
    }
  }
  assert.ok(documents >= 25, `the corpus holds documents we know (${documents})`);
  assert.deepEqual(problems, []);
});

test('corpus: completion and hover at every line of real files, whole or cut short while typing, never throw', (t) => {
  if (!folders.every(existsSync)) return t.skip(`corpus not found at ${corpus}`);
  const index = new OperatorIndex();
  let answered = 0;
  for (const file of folders.flatMap((folder) => yamlFiles(folder))) {
    const text = readFileSync(file, 'utf8');
    const uri = `file://${file}`;
    index.updateFile(uri, text);
    const yaml = parseYamlFile(text);
    for (let lineStart = 0; lineStart < text.length; lineStart = text.indexOf('\n', lineStart) + 1 || text.length) {
      const lineEnd = text.indexOf('\n', lineStart) < 0 ? text.length : text.indexOf('\n', lineStart);
      const indent = lineStart + (/^\s*(- )?/.exec(text.slice(lineStart, lineEnd))?.[0].length ?? 0);
      for (const offset of new Set([indent, Math.min(indent + 3, lineEnd), lineEnd])) {
        if (schemaCompletion(text, offset, { index, uri })) answered++;
        schemaHover(yaml, offset);
      }
      schemaCompletion(text.slice(0, lineEnd), lineEnd, { index, uri });
    }
  }
  assert.ok(answered > 100, `completion answers somewhere (${answered})`);
});
