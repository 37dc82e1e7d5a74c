// Reads package.json and .vscodeignore for the manifest tests.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const repoRoot = join(__dirname, '..', '..', '..');

/** The parts of package.json these tests look at. */
export interface Manifest {
  main: string;
  icon?: string;
  bin?: Record<string, string>;
  activationEvents: string[];
  capabilities: {
    untrustedWorkspaces: { supported: boolean | 'limited'; description?: string; restrictedConfigurations?: string[] };
    virtualWorkspaces?: boolean | { supported: boolean | 'limited'; description: string };
  };
  contributes: {
    languages: Array<{ id: string; aliases?: string[]; extensions?: string[]; configuration?: string }>;
    grammars: Array<{
      language?: string;
      scopeName: string;
      path: string;
      injectTo?: string[];
      embeddedLanguages?: Record<string, string>;
    }>;
    snippets: Array<{ language: string; path: string }>;
    commands: Array<{ command: string; title?: string; category?: string }>;
    menus: Record<string, Array<{ command: string; when?: string; group?: string }>>;
    configuration: {
      title: string;
      properties: Record<string, { default?: unknown; markdownDescription?: string; type?: string; enum?: string[] }>;
    };
  };
}

export function readJson<T = unknown>(relativePath: string): T {
  return JSON.parse(readFileSync(join(repoRoot, relativePath), 'utf8')) as T;
}

export const manifest = readJson<Manifest>('package.json');

/** `./syntaxes/x.json` → `syntaxes/x.json` */
export function relative(path: string): string {
  return path.replace(/^\.\//, '');
}
