import { writeFile } from 'node:fs/promises';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { getLanguageService } from '../service/languageService';
import type { FormatOptions } from './args';
import { collectInputs, type InputFile } from './files';

/** What formatting one input gave: its new text (undefined when unchanged) and what it left alone. */
interface FormattedFile {
  file: InputFile;
  formatted?: string;
  /** Expressions left as written, with why (`line:character: reason`). */
  skipped: string[];
}

/** Formats the PromQL and LogQL of each input in memory; nothing is written here. */
function formatInputs(inputs: readonly InputFile[]): FormattedFile[] {
  const service = getLanguageService();
  return inputs.map((file) => {
    const document = TextDocument.create(file.uri, file.languageId, 0, file.text);
    const { edits, unformatted } = service.formatExpressions(document);
    const skipped = unformatted.map((u) => `${u.range.start.line + 1}:${u.range.start.character + 1}: ${u.reason}`);
    const formatted = TextDocument.applyEdits(document, edits);
    return { file, formatted: formatted === file.text ? undefined : formatted, skipped };
  });
}

/**
 * `alertsmith format [--check] PATH...`: rewrites the files whose PromQL (LogQL) is not in
 * Prometheus' (Loki's) layout, or with --check only names them. Stdin (`-`) goes to stdout.
 * Exit 0, or 1 when --check found a file to change, 2 on usage or I/O errors.
 */
export async function runFormat(options: FormatOptions, readStdin: () => Promise<string>): Promise<number> {
  let inputs: InputFile[];
  try {
    inputs = await collectInputs(options.paths, options.language, readStdin);
  } catch (error) {
    process.stderr.write(`alertsmith: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  const results = formatInputs(inputs);
  let changed = 0;
  for (const { file, formatted, skipped } of results) {
    for (const note of skipped) process.stderr.write(`${file.displayPath}:${note}\n`);
    if (file.displayPath === '-') {
      process.stdout.write(formatted ?? file.text);
      if (formatted !== undefined) changed++;
      continue;
    }
    if (formatted === undefined) continue;
    changed++;
    if (options.check) {
      process.stdout.write(`${file.displayPath}: would be reformatted\n`);
      continue;
    }
    try {
      // In place, as editors save: the file keeps its mode, owner and symlinks.
      await writeFile(new URL(file.uri), formatted);
    } catch (error) {
      process.stderr.write(`alertsmith: cannot write ${file.displayPath}: ${error instanceof Error ? error.message : String(error)}\n`);
      return 2;
    }
    process.stdout.write(`${file.displayPath}: reformatted\n`);
  }
  if (!inputs.some((file) => file.displayPath === '-')) {
    const verb = options.check ? 'would be reformatted' : 'reformatted';
    process.stderr.write(`${results.length} file${results.length === 1 ? '' : 's'} checked, ${changed} ${verb}.\n`);
  }
  return options.check && changed > 0 ? 1 : 0;
}
