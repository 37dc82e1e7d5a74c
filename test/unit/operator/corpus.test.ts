// Real manifests must open with no warnings: reads ../shared/corpus (see its README), skips when absent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { defaultSettings } from '../../../server/src/service/settings';
import { validateOperatorFile } from '../../../server/src/service/operator/validate';
import { OperatorIndex } from '../../../server/src/service/operator/workspaceIndex';

const corpus = resolve(__dirname, '../../../../shared/corpus');
const folders = ['servicemonitor', 'rules/kube-prometheus'].map((folder) => join(corpus, folder));

function yamlFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yamlFiles(path, out);
    else if (/\.ya?ml$/.test(name)) out.push(path);
  }
  return out;
}

test('corpus: prometheus-operator examples and kube-prometheus rules produce no warning', (t) => {
  if (!folders.every(existsSync)) return t.skip(`corpus not found at ${corpus}`);
  const index = new OperatorIndex();
  const files = folders.flatMap((folder) => yamlFiles(folder));
  for (const file of files) index.updateFile(pathToFileURL(file).href, readFileSync(file, 'utf8'));
  assert.ok(index.allMonitors().length >= 6, 'the corpus holds monitors');
  const loud = index
    .uris()
    .flatMap((u) => validateOperatorFile(u, index, defaultSettings.operator).map((p) => ({ u, ...p })))
    .filter((p) => p.severity === 'warning' || p.severity === 'error')
    .map((p) => `${p.u.slice(corpus.length)}: ${p.code} ${p.message}`);
  assert.deepEqual(loud, []);
});
