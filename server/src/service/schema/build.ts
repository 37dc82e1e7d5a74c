/** Small constructors that keep the schema tables readable: one field per line. */
import type { FieldSchema, SchemaFields } from './types';

type Extra = Partial<Pick<FieldSchema, 'example' | 'deprecated' | 'excludes'>>;

export const str = (doc: string, extra: Extra = {}): FieldSchema => ({ type: 'string', doc, ...extra });
export const int = (doc: string, extra: Extra = {}): FieldSchema => ({ type: 'integer', doc, ...extra });
export const bool = (doc: string, extra: Extra = {}): FieldSchema => ({ type: 'boolean', doc, ...extra });
export const duration = (doc: string, example = '30s'): FieldSchema => ({ type: 'duration', doc, example });
export const enumOf = (doc: string, values: readonly string[], extra: Extra = {}): FieldSchema => ({ type: 'enum', doc, values, ...extra });
/** An object with known fields, or (without `fields`) a free-form map. */
export const obj = (doc: string, fields?: SchemaFields, extra: Extra = {}): FieldSchema => ({ type: 'object', doc, fields, ...extra });
/** An object whose keys are the user's own: labels, annotations, parameters. */
export const map = (doc: string): FieldSchema => ({ type: 'object', doc, freeForm: true });
export const arr = (doc: string, items: FieldSchema, extra: Extra = {}): FieldSchema => ({ type: 'array', doc, items, ...extra });
export const strings = (doc: string, extra: Extra = {}): FieldSchema => arr(doc, str(doc), extra);
