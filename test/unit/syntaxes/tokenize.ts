// Loads our TextMate grammars into vscode-textmate (with the real Oniguruma wasm, as VS Code does)
// and tokenizes text line by line, so tests can assert the scopes VS Code would assign.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as vsctm from 'vscode-textmate';

const repoRoot = join(__dirname, '..', '..', '..');

/** Scope name → grammar file. `source.yaml` is a stand-in unless a host directory is given. */
const ourGrammars: Record<string, string> = {
  'source.promql': join(repoRoot, 'syntaxes', 'promql.tmLanguage.json'),
  'source.logql': join(repoRoot, 'syntaxes', 'logql.tmLanguage.json'),
  'alertsmith.yaml.promql-injection': join(repoRoot, 'syntaxes', 'promql-yaml.injection.tmLanguage.json'),
};

let onigLib: Promise<vsctm.IOnigLib> | undefined;
function loadOniguruma(): Promise<vsctm.IOnigLib> {
  onigLib ??= (async () => {
    const wasm = readFileSync(join(repoRoot, 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    return {
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (text: string) => new oniguruma.OnigString(text),
    };
  })();
  return onigLib;
}

/** One token: its text and its scope stack, outermost first. */
export interface Token {
  text: string;
  scopes: string[];
}

/**
 * A registry over our grammars. `yamlGrammarDir`, when given, is a folder holding VS Code's YAML
 * grammars (yaml.tmLanguage.json, yaml-1.2.tmLanguage.json, …); otherwise source.yaml is our stand-in.
 */
export function createRegistry(yamlGrammarDir?: string): vsctm.Registry {
  const files: Record<string, string> = { ...ourGrammars };
  if (yamlGrammarDir) {
    files['source.yaml'] = join(yamlGrammarDir, 'yaml.tmLanguage.json');
    for (const version of ['1.0', '1.1', '1.2', '1.3']) {
      files[`source.yaml.${version}`] = join(yamlGrammarDir, `yaml-${version}.tmLanguage.json`);
    }
  } else {
    files['source.yaml'] = join(__dirname, 'fixtures', 'yaml-standin.tmLanguage.json');
  }
  return new vsctm.Registry({
    onigLib: loadOniguruma(),
    loadGrammar: async (scopeName) => {
      const path = files[scopeName];
      return path ? vsctm.parseRawGrammar(readFileSync(path, 'utf8'), path) : null;
    },
    // As package.json's `injectTo: ["source.yaml"]` makes VS Code do.
    getInjections: (scopeName) => (scopeName === 'source.yaml' ? ['alertsmith.yaml.promql-injection'] : undefined),
  });
}

const defaultRegistry = createRegistry();

/** Tokenizes `text` (lines split on \n) with the grammar of `scopeName`. */
export async function tokenize(scopeName: string, text: string, registry = defaultRegistry): Promise<Token[][]> {
  const grammar = await registry.loadGrammar(scopeName);
  if (!grammar) throw new Error(`grammar ${scopeName} not found`);
  let state = vsctm.INITIAL;
  return text.split('\n').map((line) => {
    const result = grammar.tokenizeLine(line, state);
    state = result.ruleStack;
    return result.tokens.map((token) => ({
      text: line.slice(token.startIndex, token.endIndex),
      scopes: token.scopes,
    }));
  });
}

/**
 * The scopes of the token that starts at the `occurrence`-th appearance of `needle` in the text
 * (counting across lines; -1 for the last), or undefined when no token starts exactly there.
 * A `‸` in the needle marks the token's start inside a longer, unambiguous context: `by (‸le)`.
 */
export function scopesOf(lines: Token[][], needle: string, occurrence = 1): string[] | undefined {
  const marker = Math.max(needle.indexOf('‸'), 0);
  const context = needle.replace('‸', '');
  const starts: Array<{ tokens: Token[]; at: number }> = [];
  for (const tokens of lines) {
    const lineText = tokens.map((t) => t.text).join('');
    for (let at = lineText.indexOf(context); at >= 0; at = lineText.indexOf(context, at + 1)) {
      starts.push({ tokens, at: at + marker });
    }
  }
  const hit = starts.at(occurrence === -1 ? -1 : occurrence - 1);
  if (!hit) return undefined;
  let offset = 0;
  for (const token of hit.tokens) {
    if (offset === hit.at) return token.scopes;
    offset += token.text.length;
  }
  return undefined;
}

/** True when one of `scopes` equals `scope` or starts with `scope.` (TextMate prefix matching). */
export function hasScope(scopes: string[] | undefined, scope: string): boolean {
  return (scopes ?? []).some((s) => s === scope || s.startsWith(`${scope}.`));
}
