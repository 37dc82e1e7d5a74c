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

/** One file edited back and forth between its text and `edited`. */
interface EditCase {
  uri: string;
  edited: (text: string) => string;
}

/**
 * What the server does when a file changes: re-index it, then re-validate it and every file
 * whose diagnostics may have changed. Alternates between the edited and the original text, so
 * each edit really changes the matches. Returns the times and the files re-checked per edit.
 */
async function recheckAfterEdits(workspace: OperatorWorkspace, edit: EditCase): Promise<{ samples: number[]; files: number }> {
  const [, service] = indexWorkspace(workspace);
  const original = workspace.files.find((file) => file.uri === edit.uri)!.text;
  const edited = edit.edited(original);
  if (edited === original) throw new Error(`the edit of ${edit.uri} changes nothing`);
  const texts = new Map(workspace.files.map((file) => [file.uri, file.text]));
  const samples: number[] = [];
  let files = 0;
  for (let i = 0; i < edits + 2; i++) {
    const text = i % 2 === 0 ? edited : original;
    const [ms, count] = await timeAsync(async () => {
      const others = service.indexFile(edit.uri, 'yaml', text);
      service.doValidation(TextDocument.create(edit.uri, 'yaml', i + 2, text));
      for (const other of others) service.doValidation(TextDocument.create(other, 'yaml', i + 2, texts.get(other) ?? ''));
      return 1 + others.length;
    });
    if (i < 2) continue; // warm-up: first parse of the monitor files
    samples.push(ms);
    files = Math.max(files, count);
  }
  return { samples, files };
}

/** A label of the Service a ServiceMonitor selects, and the metrics port of its Deployment. */
function editCases(workspace: OperatorWorkspace): { service: EditCase; deployment: EditCase } {
  const { uri, app } = workspace.editedService;
  return {
    service: { uri, edited: (text) => text.replace(`    app: ${app}\n`, `    app: ${app}-canary\n`) },
    deployment: {
      uri: uri.replace('/service.yaml', '/deployment.yaml'),
      edited: (text) => text.replace('containerPort: 9090', 'containerPort: 9091'),
    },
  };
}

/** Operator workspace: first index, re-check after a Service edit, memory of the index. */
export async function operatorBench(): Promise<void> {
  const workspace = generateOperatorWorkspace();
  const small = generateOperatorWorkspace(4, 16);
  const sourceMb = workspace.files.reduce((sum, file) => sum + file.text.length, 0) / 1024 / 1024;

  fullIndexMs(small, 2); // warm-up: JIT
  const smallIndex = fullIndexMs(small, 5);
  const fullIndex = fullIndexMs(workspace, 3);

  const smallEdits = await recheckAfterEdits(small, editCases(small).service);
  const fullEdits = await recheckAfterEdits(workspace, editCases(workspace).service);
  const smallDeployment = await recheckAfterEdits(small, editCases(small).deployment);
  const fullDeployment = await recheckAfterEdits(workspace, editCases(workspace).deployment);

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
        name: `re-check after a Service edit: ${fullEdits.files} files, p95 of ${edits}`,
        value: percentile(fullEdits.samples, 95),
        unit: 'ms',
        goal: '≤ 50',
        baseline: { name: `${smallEdits.files} files in ${small.documents} documents`, value: percentile(smallEdits.samples, 95) },
      },
      {
        name: `re-check after a Deployment edit: ${fullDeployment.files} files, p95`,
        value: percentile(fullDeployment.samples, 95),
        unit: 'ms',
        baseline: {
          name: `${smallDeployment.files} files in ${small.documents} documents`,
          value: percentile(smallDeployment.samples, 95),
        },
      },
      { name: `heap of the index${heapNote}`, value: heapMb, unit: 'MB', baseline: { name: 'source text', value: sourceMb } },
    ],
  );
}
