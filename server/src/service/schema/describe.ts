/** How fields are described in completion details and hovers. */
import type { FieldSchema } from './types';

/** A short type: `duration`, `array of objects`, `one of: http | https`. */
export function describeType(field: FieldSchema): string {
  switch (field.type) {
    case 'enum':
      return `one of: ${(field.values ?? []).join(' | ')}`;
    case 'object':
      return field.freeForm ? 'map' : 'object';
    case 'array':
      return field.items ? `array of ${plural(field.items)}` : 'array';
    default:
      return field.type;
  }
}

function plural(items: FieldSchema): string {
  if (items.type === 'enum') return `values (${(items.values ?? []).join(' | ')})`;
  if (items.type === 'object') return items.freeForm ? 'maps' : 'objects';
  return `${items.type}s`;
}

/** Markdown for a field: name and type, the doc, and an example for durations and sizes. */
export function fieldMarkdown(name: string, field: FieldSchema): string {
  const parts = [`**${name}** — \`${describeType(field)}\`${field.deprecated ? ' (deprecated)' : ''}`, field.doc];
  if (field.example) parts.push(`Example: \`${name}: ${field.example}\``);
  if (field.type === 'duration')
    parts.push('A Prometheus duration: a number and a unit (ms, s, m, h, d, w, y), units may be combined as in `1h30m`.');
  return parts.join('\n\n');
}
