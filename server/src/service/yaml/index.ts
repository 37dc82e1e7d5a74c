/** Where PromQL and LogQL live in YAML: parse once, classify documents, map expressions. */
export { parseYamlFile } from './yamlFile';
export { documentKinds, documentKindOf, type DocumentKind, type DocumentKindInfo } from './documentKind';
export { findEmbeddedRegions, ruleContext, type RegionSearchOptions } from './regions';
export {
  ruleFileShapes,
  fieldsOf,
  keyText,
  type FieldEntry,
  type FieldMap,
  type RuleFileShape,
  type RuleGroupShape,
  type RuleShape,
} from './ruleShape';
export { expressionLanguage, ruleFileLanguage } from './languageDetection';
export type { DocumentProblem, YamlFile } from './types';
