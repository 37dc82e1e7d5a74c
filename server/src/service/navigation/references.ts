import type { Location, Position } from 'vscode-languageserver-types';
import type { SymbolIndex } from './symbolIndex';

/**
 * Every use of the metric name at the cursor across the workspace's expressions. Works for
 * any metric; for a recording rule the `record:` values are its declarations.
 */
export function findMetricReferences(index: SymbolIndex, uri: string, position: Position, includeDeclaration: boolean): Location[] {
  const symbol = index.symbolAt(uri, position);
  if (!symbol) return [];
  const declarations = includeDeclaration
    ? index.recordDefinitions(symbol.name).map((definition) => ({ uri: definition.uri, range: definition.range }))
    : [];
  return [...declarations, ...index.references(symbol.name)];
}
