import { parseAllDocuments, type Document, type YAMLError, type YAMLWarning } from 'yaml';
import { readBlockYaml } from './blockYaml';
import { blankActionLines, looksLikeHelmTemplate } from './helmTemplate';
import type { DocumentProblem, YamlFile } from './types';

/**
 * Parses a YAML text once, every document of it. Broken YAML still yields documents (the
 * package recovers), so features keep working on the parts that parse; its errors become
 * `yaml/…` problems at the package's own positions. Callers cache the result per text.
 */
export function parseYamlFile(text: string): YamlFile {
  const helmTemplate = looksLikeHelmTemplate(text);
  // A chart template parses once its action-only lines are blanked (same offsets).
  const source = helmTemplate ? blankActionLines(text) : text;
  // Plain block YAML (nearly every rule file and manifest) is read without building a CST.
  const read = readBlockYaml(source);
  if (read) return { text, documents: read, problems: [], helmTemplate };
  const parsed = parseAllDocuments(source, { keepSourceTokens: true, prettyErrors: false, merge: true });
  const problems: DocumentProblem[] = [];
  // An empty stream (only comments or directives) still carries the stream's errors.
  if ('empty' in parsed) for (const error of parsed.errors) problems.push(toProblem(text, error, 'error'));
  const documents: Document.Parsed[] = [...parsed];
  for (const document of documents) {
    for (const error of document.errors) problems.push(toProblem(text, error, 'error'));
    for (const warning of document.warnings) problems.push(toProblem(text, warning, 'warning'));
  }
  return { text, documents, problems, helmTemplate };
}

function toProblem(text: string, error: YAMLError | YAMLWarning, kind: 'error' | 'warning'): DocumentProblem {
  const from = Math.min(Math.max(0, error.pos[0]), text.length);
  // An error at the very end (unclosed bracket or quote) is shown on the last character written.
  if (from === text.length && /\S/.test(text)) {
    const last = text.search(/\s*$/) - 1;
    return { from: last, to: last + 1, code: codeOf(error, kind), message: firstLine(error.message) };
  }
  // An empty range at a line break is hard to see: cover at least one character when possible.
  const to = Math.min(Math.max(from + 1, error.pos[1]), text.length);
  return { from, to, code: codeOf(error, kind), message: firstLine(error.message) };
}

function codeOf(error: YAMLError | YAMLWarning, kind: 'error' | 'warning'): string {
  if (kind === 'warning') return 'yaml/warning';
  return error.code === 'DUPLICATE_KEY' ? 'yaml/duplicate-key' : 'yaml/syntax-error';
}

function firstLine(message: string): string {
  const line = message.split('\n')[0];
  return line.replace(/ at line \d+, column \d+:?$/, '');
}
