import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { getLanguageService } from '../../../server/src/service/languageService';

const document = TextDocument.create('file:///q.promql', 'promql', 1, 'sum(ra');
const position = { line: 0, character: 6 };

test('documentation left out of a list comes back on resolve, item by item', () => {
  const service = getLanguageService();
  const full = service.doComplete(document, position);
  const stripped = service.doComplete(document, position, { documentationOnResolve: true });
  assert.deepEqual(
    stripped.items.map((item) => item.label),
    full.items.map((item) => item.label),
  );
  assert.ok(stripped.items.every((item) => item.documentation === undefined));
  for (const [index, item] of stripped.items.entries()) {
    const { data: _data, ...resolved } = service.resolveCompletion(item);
    assert.deepEqual(resolved, full.items[index]);
  }
});

test('an item of an older list is returned as it is', () => {
  const service = getLanguageService();
  const old = service.doComplete(document, position, { documentationOnResolve: true }).items.find((item) => item.label === 'rate')!;
  service.doComplete(
    TextDocument.create('file:///r.promql', 'promql', 1, 'ab'),
    { line: 0, character: 2 },
    { documentationOnResolve: true },
  );
  assert.deepEqual(service.resolveCompletion(old), old);
});
