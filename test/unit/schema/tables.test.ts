import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { knownFields } from '../../../server/src/service/operator/fields';
import { rootSchemas, schemaAt, type FieldSchema } from '../../../server/src/service/schema';

/** `ServiceMonitor.spec.endpoints[]` -> root ServiceMonitor, path spec.endpoints.0 */
function locate(location: string): FieldSchema | undefined {
  const [kind, ...rest] = location.split('.');
  const path = rest.flatMap((segment) => (segment.endsWith('[]') ? [segment.slice(0, -2), 0] : [segment]));
  return schemaAt(rootSchemas[kind as keyof typeof rootSchemas], path);
}

function walk(name: string, field: FieldSchema, visit: (name: string, field: FieldSchema) => void): void {
  visit(name, field);
  for (const [child, schema] of Object.entries(field.fields ?? {})) walk(`${name}.${child}`, schema, visit);
  if (field.items) walk(`${name}[]`, field.items, visit);
}

describe('schema tables', () => {
  for (const [location, names] of Object.entries(knownFields)) {
    test(`${location} has the fields the CRD lists`, () => {
      const schema = locate(location);
      assert.deepEqual(Object.keys(schema?.fields ?? {}).sort(), [...names].sort());
    });
  }

  test('every field has a one-line doc, enums have values, arrays have items', () => {
    for (const [kind, root] of Object.entries(rootSchemas)) {
      walk(kind, root, (name, field) => {
        assert.ok(field.doc.length > 8 && !field.doc.includes('\n'), `${name} doc`);
        if (field.type === 'enum') assert.ok(field.values && field.values.length > 0, `${name} values`);
        if (field.type === 'array') assert.ok(field.items, `${name} items`);
      });
    }
  });
});
