/** The shape of the schema tables: just enough of a CRD's OpenAPI schema to complete and explain fields. */

/**
 * What a field holds. `duration` is a Prometheus duration string (`30s`, `1h30m`); `enum` is a
 * string from `values`; an `object` without `fields` is a free-form map (labels, annotations).
 */
export type FieldType = 'string' | 'integer' | 'boolean' | 'duration' | 'object' | 'array' | 'enum';

/** One field of a schema location. */
export interface FieldSchema {
  type: FieldType;
  /** One line, in our own words. */
  doc: string;
  /** Allowed values of an `enum` (or of the items of an `array` of enums). */
  values?: readonly string[];
  /** Fields of an `object`; absent for free-form maps. */
  fields?: SchemaFields;
  /** What the items of an `array` are. */
  items?: FieldSchema;
  /** A value to show in hover, e.g. `30s`. */
  example?: string;
  /** Still accepted, but superseded; completion ranks it last. */
  deprecated?: boolean;
  /** An object whose keys are the user's own (labels, annotations, parameters). */
  freeForm?: boolean;
  /** Sibling fields that cannot appear next to this one (an alert has no `record`). */
  excludes?: readonly string[];
}

export type SchemaFields = Readonly<Record<string, FieldSchema>>;

/** A schema location: object keys, and `number` for "an item of this array". */
export type SchemaPath = readonly (string | number)[];
