// The examples/operator workspace: the broken ServiceMonitor shows each problem, its fixed twin none.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { defaultSettings } from '../../../server/src/service/settings';
import { operatorQuickFixes, applyEdits } from '../../../server/src/service/operator/quickFixes';
import { validateOperatorFile } from '../../../server/src/service/operator/validate';
import { OperatorIndex } from '../../../server/src/service/operator/workspaceIndex';

const folder = resolve(process.cwd(), 'examples/operator');

function load(): OperatorIndex {
  const index = new OperatorIndex();
  for (const name of readdirSync(folder))
    index.updateFile(pathToFileURL(join(folder, name)).href, readFileSync(join(folder, name), 'utf8'));
  return index;
}

const codesOf = (index: OperatorIndex, name: string) =>
  validateOperatorFile(pathToFileURL(join(folder, name)).href, index, defaultSettings.operator).map((p) => p.code);

test('examples/operator: only the broken ServiceMonitor has problems', () => {
  const index = load();
  for (const name of readdirSync(folder).filter((n) => n !== 'servicemonitor-broken.yaml')) {
    assert.deepEqual(codesOf(index, name), [], name);
  }
  assert.deepEqual(codesOf(index, 'servicemonitor-broken.yaml'), [
    'operator/not-selected-by-prometheus',
    'operator/selector-matches-no-service',
    'operator/invalid-path',
    'operator/timeout-exceeds-interval',
  ]);
});

test('examples/operator: applying the first quick fix of each problem, repeatedly, leaves no problem', () => {
  const index = load();
  const uri = pathToFileURL(join(folder, 'servicemonitor-broken.yaml')).href;
  for (let round = 0; round < 10; round++) {
    const problem = validateOperatorFile(uri, index, defaultSettings.operator)[0];
    if (!problem) break;
    const [fix] = operatorQuickFixes(problem, (u) => index.text(u));
    assert.ok(fix, `no fix for ${problem.code}`);
    for (const target of new Set(fix.edits.map((edit) => edit.uri))) {
      const edits = fix.edits.filter((edit) => edit.uri === target);
      index.updateFile(target, applyEdits(index.text(target)!, edits));
    }
  }
  assert.deepEqual(validateOperatorFile(uri, index, defaultSettings.operator), []);
  assert.match(index.text(uri)!, /release: prometheus\n[\s\S]*app: payments-api\n[\s\S]*- port: metrics\n/);
});
