import type { Location, Position, Range } from 'vscode-languageserver-types';
import type { AlertsmithDocument } from '../document';
import { memoizeByKey } from '../memo';
import { collectMetricReferences } from '../promql/references';
import {
  buildFileSymbols,
  definitionAt,
  definitionCount,
  recordNameContains,
  referenceAt,
  referenceContains,
  referenceCount,
  referencesTo,
  textKey,
  type FileSymbols,
  type RuleNameDefinition,
} from './fileSymbols';

/** A rule name defined in some file of the workspace. */
export interface DefinitionLocation extends RuleNameDefinition {
  uri: string;
}

/** The navigable name under the cursor: a metric name in an expression, or a `record:` value. */
export interface SymbolAtPosition {
  name: string;
  /** Where the name is written at the cursor. */
  range: Range;
  /** True when the cursor is on the `record:` value itself. */
  isDefinition: boolean;
}

/**
 * Rule names and metric references of every workspace file, kept per file and replaced
 * whole when a file changes. Open documents win because the facade indexes their live text
 * on every change. Expressions are parsed through a memo, so an edit re-parses only the
 * expression that changed.
 */
export class SymbolIndex {
  private readonly files = new Map<string, FileSymbols>();
  // Fingerprints of every indexed file, also those with nothing to navigate.
  private readonly current = new Map<string, string>();
  private readonly collect = memoizeByKey(collectMetricReferences, (text) => text);

  update(uri: string, text: string, parsed: AlertsmithDocument): void {
    const symbols = buildFileSymbols(uri, text, parsed, this.collect);
    if (symbols.defs.length === 0 && symbols.refs.length === 0) this.files.delete(uri);
    else this.files.set(uri, symbols);
    this.current.set(uri, symbols.textKey);
  }

  remove(uri: string): void {
    this.files.delete(uri);
    this.current.delete(uri);
  }

  /** Whether `text` is what was last indexed for this file. */
  isCurrent(uri: string, text: string): boolean {
    return this.current.get(uri) === textKey(text);
  }

  /** Rule names defined anywhere, in file order. */
  *definitions(): Iterable<DefinitionLocation> {
    for (const file of this.files.values()) {
      for (let i = 0; i < definitionCount(file); i++) yield { ...definitionAt(file, i), uri: file.uri };
    }
  }

  /** Where recording rules of this name are defined. */
  recordDefinitions(name: string): DefinitionLocation[] {
    const out: DefinitionLocation[] = [];
    for (const file of this.files.values()) {
      for (let i = file.defNames.indexOf(name); i >= 0; i = file.defNames.indexOf(name, i + 1)) {
        const definition = definitionAt(file, i);
        if (definition.kind === 'record') out.push({ ...definition, uri: file.uri });
      }
    }
    return out;
  }

  /** Every use of `name` as a metric name in an expression, file by file. */
  references(name: string): Location[] {
    const out: Location[] = [];
    for (const file of this.files.values()) for (const range of referencesTo(file, name)) out.push({ uri: file.uri, range });
    return out;
  }

  /** The metric name or recording rule name at a position of an indexed file. */
  symbolAt(uri: string, position: Position): SymbolAtPosition | undefined {
    const file = this.files.get(uri);
    if (!file) return undefined;
    for (let i = 0; i < definitionCount(file); i++) {
      if (!recordNameContains(file, i, position)) continue;
      const { name, range } = definitionAt(file, i);
      return { name, range, isDefinition: true };
    }
    for (let i = 0; i < referenceCount(file); i++) {
      if (referenceContains(file, i, position)) return { ...referenceAt(file, i), isDefinition: false };
    }
    return undefined;
  }
}
