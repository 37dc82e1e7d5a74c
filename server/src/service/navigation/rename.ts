import type { Position, Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { keywordWords } from '../promql/completionFrames';
import { collectMetricReferences } from '../promql/references';
import type { SymbolIndex } from './symbolIndex';

/** Why a rename cannot be done; the server answers the request with this message as an error. */
export interface RenameRefusal {
  error: string;
}

// The name a rename writes is a classic metric name: it needs no quoting anywhere.
const metricName = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

/**
 * Whether the name at the cursor can be renamed: only recording rules defined in the
 * workspace can, since we cannot change the name of a metric an exporter produces. Null
 * when the cursor is on no name at all.
 */
export function prepareRecordingRuleRename(
  index: SymbolIndex,
  uri: string,
  position: Position,
): { range: Range; placeholder: string } | RenameRefusal | null {
  const symbol = index.symbolAt(uri, position);
  if (!symbol) return null;
  if (index.recordDefinitions(symbol.name).length === 0) return { error: notARecordingRule(symbol.name) };
  return { range: symbol.range, placeholder: symbol.name };
}

/**
 * Renames a recording rule everywhere: every `record:` value that defines it and every use
 * in an expression (`name`, `{__name__="name"}`, `{"name"}`). Only the characters of the
 * name are replaced, so quotes and YAML escaping around it stay as written.
 */
export function renameRecordingRule(index: SymbolIndex, uri: string, position: Position, newName: string): WorkspaceEdit | RenameRefusal {
  const symbol = index.symbolAt(uri, position);
  if (!symbol) return { error: 'There is no recording rule name at the cursor.' };
  const definitions = index.recordDefinitions(symbol.name);
  if (definitions.length === 0) return { error: notARecordingRule(symbol.name) };
  if (!metricName.test(newName)) {
    return { error: `"${newName}" is not a valid metric name: use letters, digits, "_" and ":", and do not start with a digit.` };
  }
  if (newName.endsWith(':')) {
    // `record: job:x:` or `expr: job:x: > 0` unquoted would read as a YAML key.
    return {
      error: `"${newName}" ends with ":", which YAML reads as a key in an unquoted value; recording rule names are level:metric:operations.`,
    };
  }
  if (!readsAsMetricName(newName)) {
    return { error: `"${newName}" reads as a PromQL keyword or number (offset, bool, on, inf, nan…), not as a metric name.` };
  }
  if (newName !== symbol.name && index.recordDefinitions(newName).length > 0) {
    return { error: `A recording rule named "${newName}" already exists; renaming would merge two series.` };
  }
  const changes: Record<string, TextEdit[]> = {};
  const seen = new Set<string>();
  const add = (target: string, range: Range) => {
    const key = `${target} ${range.start.line}:${range.start.character}`;
    if (seen.has(key)) return; // an anchored name shared by aliases is one edit
    seen.add(key);
    (changes[target] ??= []).push({ range, newText: newName });
  };
  for (const definition of definitions) add(definition.uri, definition.range);
  for (const reference of index.references(symbol.name)) add(reference.uri, reference.range);
  return { changes };
}

/** True for a refusal, so callers can tell it from a result. */
export function isRenameRefusal(value: unknown): value is RenameRefusal {
  return typeof value === 'object' && value !== null && typeof (value as RenameRefusal).error === 'string';
}

/** Whether the name alone parses as a vector selector: `offset`, `bool`, `inf` and the like do not. */
function readsAsMetricName(name: string): boolean {
  // Prometheus reads a keyword as a metric name only where no expression comes before it
  // (`offset` alone, but `x offset` is the modifier): a rule named so would be a trap.
  if (keywordWords.has(name.toLowerCase())) return false;
  const references = collectMetricReferences(name);
  return references.length === 1 && references[0].from === 0 && references[0].to === name.length;
}

function notARecordingRule(name: string): string {
  return `"${name}" is not a recording rule defined in this workspace, so it cannot be renamed.`;
}
