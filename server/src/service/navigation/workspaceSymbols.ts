import { SymbolKind, type SymbolInformation } from 'vscode-languageserver-types';
import type { SymbolIndex } from './symbolIndex';

/** Editors filter again as the user types; this cap keeps a huge workspace's answer small. */
const maxSymbols = 1000;

/**
 * Workspace symbols: recording rules (Variable) and alerts (Event), each in its rule group.
 * A query matches names that contain its characters in order, ignoring case, as editors'
 * symbol pickers do.
 */
export function workspaceSymbols(index: SymbolIndex, query: string, limit = maxSymbols): SymbolInformation[] {
  const wanted = query.toLowerCase();
  const out: SymbolInformation[] = [];
  for (const definition of index.definitions()) {
    if (!isSubsequence(wanted, definition.name.toLowerCase())) continue;
    out.push({
      name: definition.name,
      kind: definition.kind === 'record' ? SymbolKind.Variable : SymbolKind.Event,
      location: { uri: definition.uri, range: definition.range },
      ...(definition.group ? { containerName: definition.group } : {}),
    });
    if (out.length >= limit) break;
  }
  return out;
}

function isSubsequence(query: string, name: string): boolean {
  let at = 0;
  for (const ch of query) {
    at = name.indexOf(ch, at) + 1;
    if (at === 0) return false;
  }
  return true;
}
