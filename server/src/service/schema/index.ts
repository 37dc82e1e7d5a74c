/** Schema help for Prometheus Operator manifests and rule files: completion and hover. */
export { schemaCompletion, type SchemaCompletion, type SchemaCompletionContext } from './completion';
export { schemaHover, type SchemaHover } from './hover';
export { rootSchemas, schemaAt, schemaOfDocument } from './kinds';
export type { FieldSchema, FieldType, SchemaPath } from './types';
export { schemaCompletionList, schemaHoverAt } from './lspFeatures';
