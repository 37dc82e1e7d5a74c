import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { getLanguageService, type LanguageService } from '../service/languageService';
import { lineRegions } from '../service/lineRegions';
import { parseArgs, type CheckOptions } from './args';
import { collectInputs } from './files';
import { formatJson, formatText, type FileReport } from './format';
import { runFormat } from './formatCommand';

/** `alertsmith check …`: exit 0 when no error, 1 when there is one, 2 on usage or I/O errors. */
async function check(options: CheckOptions): Promise<number> {
  let inputs;
  try {
    inputs = await collectInputs(options.paths, options.language, readStdin);
  } catch (error) {
    process.stderr.write(`alertsmith: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  const service = getLanguageService();
  // Index everything first so a recording rule defined in one file is known in all. One by one,
  // a file's parse stays cached for its validation (the cache keeps 256); in bulk it would not.
  if (inputs.length <= 256) for (const input of inputs) service.indexFile(input.uri, input.languageId, input.text);
  else service.indexFiles(inputs);
  const documents = inputs.map((file) => TextDocument.create(file.uri, file.languageId, 0, file.text));
  const live = options.prometheus ? await connectLive(options.prometheus, documents, service, options.eachLine) : undefined;
  const reports: FileReport[] = inputs.map((file, index) => {
    const document = documents[index];
    const diagnostics = service.doValidation(document, { eachLine: options.eachLine });
    diagnostics.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
    return { file, diagnostics };
  });
  live?.dispose();
  const output =
    options.format === 'json' ? formatJson(reports) : formatText(reports, process.stdout.isTTY === true && !process.env.NO_COLOR);
  await new Promise<void>((resolve) => process.stdout.write(output + '\n', () => resolve()));
  return reports.some((report) => report.diagnostics.some((d) => d.severity === DiagnosticSeverity.Error)) ? 1 : 0;
}

/**
 * `--prometheus URL`: fetch (bounded) what the expressions need before validating, so the
 * live checks run on complete data. An unreachable server is a warning, not a failure.
 */
async function connectLive(url: string, documents: readonly TextDocument[], service: LanguageService, eachLine: boolean) {
  const { connectForCheck } = await import('../sources/prometheus/liveSource');
  const expressions = documents.flatMap((document) => {
    const parsed = service.parse(document);
    const regions = eachLine && parsed.kind !== 'yaml' ? lineRegions(document.getText(), parsed.kind) : parsed.regions;
    return regions.filter((region) => region.language === 'promql').map((region) => region.text);
  });
  const { source, warning } = await connectForCheck(url, expressions, 20_000);
  if (warning) process.stderr.write(`alertsmith: ${warning}\n`);
  if (source) service.setLiveSnapshot(() => source);
  return source;
}

function readStdin(): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    process.stdin.on('data', (chunk: Buffer) => chunks.push(chunk));
    process.stdin.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    process.stdin.on('error', reject);
  });
}

// The entry of dist/check.js, which dist/cli.js runs for `alertsmith check …` and `format …`.
// A reader that stops early (`alertsmith check … | head`) closes the pipe: the rest of the
// report has nowhere to go, and the exit code still says whether there were errors.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
});
const parsed = parseArgs(process.argv.slice(2));
if (parsed.command === 'check' || parsed.command === 'format') {
  (parsed.command === 'check' ? check(parsed.options) : runFormat(parsed.options, readStdin)).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      process.stderr.write(`alertsmith: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 2;
    },
  );
} else {
  process.stderr.write('alertsmith: dist/check.js runs only `check` and `format`; use dist/cli.js\n');
  process.exitCode = 2;
}
