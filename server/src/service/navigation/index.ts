/** Recording rules as workspace symbols: definition, references, rename, workspace symbols. */
export { SymbolIndex, type DefinitionLocation, type SymbolAtPosition } from './symbolIndex';
export { findRecordingRuleDefinition } from './definition';
export { findMetricReferences } from './references';
export { prepareRecordingRuleRename, renameRecordingRule, isRenameRefusal, type RenameRefusal } from './rename';
export { workspaceSymbols } from './workspaceSymbols';
export type { FileSymbols, RuleNameDefinition, RuleNameKind } from './fileSymbols';
export { documentSymbols } from './documentSymbols';
