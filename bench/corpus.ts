import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';

/** ../shared/corpus (see its README): read, never copied into the repository. */
export const corpusRoot = join(__dirname, '..', '..', 'shared', 'corpus');
export const corpusAvailable = existsSync(corpusRoot);

export function filesUnder(folder: string, pattern = /\.ya?ml$/): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .sort()
    .flatMap((name) => {
      const path = join(folder, name);
      return statSync(path).isDirectory() ? filesUnder(path, pattern) : pattern.test(name) ? [path] : [];
    });
}

/** Every rule `expr` in the corpus rule files and PrometheusRule manifests. */
export function corpusExpressions(): string[] {
  const found = new Set<string>();
  for (const file of filesUnder(join(corpusRoot, 'rules'))) {
    for (const document of parseAllDocuments(readFileSync(file, 'utf8'))) {
      const value = document.toJS?.() as unknown;
      const groups =
        (value as { groups?: unknown; spec?: { groups?: unknown } } | null)?.groups ??
        (value as { spec?: { groups?: unknown } } | null)?.spec?.groups;
      if (!Array.isArray(groups)) continue;
      for (const group of groups) {
        const rules = (group as { rules?: unknown })?.rules;
        if (!Array.isArray(rules)) continue;
        for (const rule of rules) {
          const expr = (rule as { expr?: unknown })?.expr;
          if (typeof expr === 'string' && expr.trim() !== '') found.add(expr.trim());
        }
      }
    }
  }
  return [...found];
}
