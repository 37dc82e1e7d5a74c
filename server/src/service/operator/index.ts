/** The Prometheus Operator part of the language service: what the server and CLI wire in. */
export { operatorRules, OperatorCode } from './codes';
export { extractObjects, type ExtractResult } from './extract';
export type * from './model';
export { isMonitor, isPrometheusLike, isWorkload, qualifiedName, selectableKindOf } from './model';
export { matchCountTitle, selectorHoverMarkdown, selectorMatchesAt, selectorsOf } from './navigation';
export type { SelectorMatch, SelectorMatches } from './navigation';
export type { FixAction, OffsetEdit, OperatorFix, OperatorProblem, RelatedLocation } from './problem';
export { applyEdits, editsOf, operatorQuickFixes, type OperatorQuickFix, type TextLookup } from './quickFixes';
export { validateOperatorFile } from './validate';
export { OperatorIndex, folderOf, type NamespaceScope } from './workspaceIndex';
