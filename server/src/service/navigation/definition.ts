import type { Location, Position } from 'vscode-languageserver-types';
import type { SymbolIndex } from './symbolIndex';

/**
 * Go-to-definition for a recording rule: from any use of its name in an expression (or from
 * the `record:` value itself) to every `record:` that defines it. Prometheus allows one name
 * in several rules (one per label set), so there can be more than one.
 */
export function findRecordingRuleDefinition(index: SymbolIndex, uri: string, position: Position): Location[] {
  const symbol = index.symbolAt(uri, position);
  if (!symbol) return [];
  return index.recordDefinitions(symbol.name).map((definition) => ({ uri: definition.uri, range: definition.range }));
}
