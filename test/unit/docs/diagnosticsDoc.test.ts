import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { renderDiagnosticsDoc } from '../../../scripts/diagnosticsDoc';
import { diagnosticTables } from '../../../server/src/service/diagnosticCodes';

test('docs/diagnostics.md is up to date (run `npm run docs:diagnostics`)', () => {
  const onDisk = readFileSync(join(__dirname, '..', '..', '..', 'docs', 'diagnostics.md'), 'utf8');
  assert.equal(onDisk, renderDiagnosticsDoc() + '\n');
});

test('every diagnostic code is unique, namespaced, kebab-case, and has a title and an example', () => {
  const seen = new Set<string>();
  for (const table of diagnosticTables) {
    for (const rule of table.rules) {
      assert.match(rule.code, new RegExp(`^${table.area}/[a-z0-9]+(-[a-z0-9]+)*$`), rule.code);
      assert.ok(!seen.has(rule.code), `duplicate code ${rule.code}`);
      seen.add(rule.code);
      assert.ok(rule.title.length > 10, `${rule.code} needs a title`);
      assert.ok(rule.example.length > 0, `${rule.code} needs an example`);
    }
  }
});
