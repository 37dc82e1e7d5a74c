import { TextDocument } from 'vscode-languageserver-textdocument';
import { getLanguageService, type LanguageService } from '../server/src/service/languageService';
import { generateOperatorWorkspace, type OperatorWorkspace } from './generateOperatorWorkspace';
import { heapNote, heapUsedMb } from './heap';
import { median, percentile, printFigures, timeAsync } from './stats';

const edits = 20;

function indexWorkspace(workspace: OperatorWorkspace): [number, LanguageService] {
  const service = getLanguageService();
  const start = performance.now();
  service.indexFiles(workspace.files);
  return [performance.now() - start, service];
}

/** Median of a few full indexings (a fresh service each time), so one GC pause does not decide. */
function fullIndexMs(workspace: OperatorWorkspace, runs: number): number {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) samples.push(indexWorkspace(workspace)[0]);
  return median(samples);
}

/**
 * What the server does when a Service changes: re-index its file, then re-validate it and
 * every file whose diagnostics may have changed. Alternates between a label its monitor
 * selects and one it does not, so each edit really changes the matches.
 */
async function recheckAfterEdits(workspace: OperatorWorkspace): Promise<{ samples: number[]; affected: number }> {
  const [, service] = indexWorkspace(workspace);
  const { uri, app } = workspace.editedService;
  const original = workspace.files.find((file) => file.uri === uri)!.text;
  const texts = new Map(workspace.files.map((file) => [file.uri, file.text]));
  const samples: number[] = [];
  let affected = 0;
  for (let i = 0; i < edits + 2; i++) {
    const text = i % 2 === 0 ? original.replace(`    app: ${app}\n`, `    app: ${app}-canary\n`) : original;
    const [ms, count] = await timeAsync(async () => {
      const others = service.indexFile(uri, 'yaml', text);
      service.doValidation(TextDocument.create(uri, 'yaml', i + 2, text));
      for (const other of others) service.doValidation(TextDocument.create(other, 'yaml', i + 2, texts.get(other) ?? ''));
      return others.length;
    });
    if (i < 2) continue; // warm-up: first parse of the monitor files
    samples.push(ms);
    affected = Math.max(affected, count);
  }
  return { samples, affected };
}

/** Operator workspace: first index, re-check after a Service edit, memory of the index. */
export async function operatorBench(): Promise<void> {
  const workspace = generateOperatorWorkspace();
  const small = generateOperatorWorkspace(4, 16);
  const sourceMb = workspace.files.reduce((sum, file) => sum + file.text.length, 0) / 1024 / 1024;

  fullIndexMs(small, 2); // warm-up: JIT
  const smallIndex = fullIndexMs(small, 5);
  const fullIndex = fullIndexMs(workspace, 3);

  const smallEdits = await recheckAfterEdits(small);
  const fullEdits = await recheckAfterEdits(workspace);

  const before = heapUsedMb();
  const [, service] = indexWorkspace(workspace);
  const heapMb = heapUsedMb() - before;
  service.workspaceSymbols(''); // keeps the service alive past the measurement

  printFigures(
    `Operator workspace: ${workspace.documents} YAML documents in ${workspace.files.length} files (language service, in process)`,
    [
      {
        name: 'full index (indexFiles), median of 3',
        value: fullIndex,
        unit: 'ms',
        goal: '≤ 1000',
        baseline: { name: `${small.documents} documents`, value: smallIndex },
      },
      {
        name: `re-check after a Service edit, p95 (${edits}, ${fullEdits.affected} affected)`,
        value: percentile(fullEdits.samples, 95),
        unit: 'ms',
        goal: '≤ 50',
        baseline: { name: `same in ${small.documents} documents`, value: percentile(smallEdits.samples, 95) },
      },
      { name: `heap of the index${heapNote}`, value: heapMb, unit: 'MB', baseline: { name: 'source text', value: sourceMb } },
    ],
  );
}
