// Smoke tests inside desktop VS Code's extension host (loaded by @vscode/test-electron, which
// calls run()). Same checks as test/e2e/vscode.test.ts, through the VS Code API instead of
// the screen. No test framework: a short sequential runner that prints `ok`/`not ok` lines.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { hoveredFunction, misspelledFunction, serviceMonitorSnippetPrefix, typingLines } from '../../e2e/fixtures';

const extensionId = 'alertsmith.alertsmith';

function workspaceUri(path: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'a workspace folder is open');
  return vscode.Uri.joinPath(folder.uri, path);
}

/** Resolves with the document's diagnostics once `accept` likes them (event-driven, no polling). */
function diagnosticsWhen(
  uri: vscode.Uri,
  accept: (diagnostics: vscode.Diagnostic[]) => boolean,
  timeoutMs = 20_000,
): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const diagnostics = vscode.languages.getDiagnostics(uri);
      if (!accept(diagnostics)) return false;
      listener.dispose();
      clearTimeout(timer);
      resolve(diagnostics);
      return true;
    };
    const listener = vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((changed) => changed.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      listener.dispose();
      reject(
        new Error(
          `diagnostics for ${uri.path} not as expected after ${timeoutMs} ms: ${JSON.stringify(vscode.languages.getDiagnostics(uri))}`,
        ),
      );
    }, timeoutMs);
    check();
  });
}

/** Replaces a whole (1-based) line's expression after `expr: ` and returns the end position. */
async function replaceExpression(editor: vscode.TextEditor, line: number, column: number, text: string): Promise<vscode.Position> {
  const start = new vscode.Position(line - 1, column - 1);
  const end = editor.document.lineAt(line - 1).range.end;
  await editor.edit((edit) => edit.replace(new vscode.Range(start, end), text));
  return start.translate(0, text.length);
}

function label(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

function documentation(value: vscode.CompletionItem['documentation'] | vscode.Hover['contents'][number]): string {
  if (!value) return '';
  if (typeof value === 'string') return value;
  return 'value' in value ? value.value : '';
}

async function complete(uri: vscode.Uri, position: vscode.Position): Promise<vscode.CompletionItem[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, position);
  return list.items;
}

const tests: Array<[string, () => Promise<void>]> = [
  [
    'the extension activates on a rule file and reports the misspelled function exactly',
    async () => {
      const uri = workspaceUri('e2e/checkout.rules.yaml');
      await vscode.window.showTextDocument(uri);
      const diagnostics = await diagnosticsWhen(uri, (all) =>
        all.some((d) => String(typeof d.code === 'object' ? d.code.value : d.code) === 'promql/unknown-function'),
      );
      assert.equal(vscode.extensions.getExtension(extensionId)?.isActive, true);
      const { line, column, text } = misspelledFunction;
      const found = diagnostics.find((d) => d.range.start.line === line - 1 && d.range.start.character === column - 1);
      assert.ok(found, `a diagnostic at ${line}:${column}: ${JSON.stringify(diagnostics)}`);
      assert.equal(found.range.end.character - found.range.start.character, text.length);
    },
  ],
  [
    'completion offers functions and metrics with documentation',
    async () => {
      const uri = workspaceUri('e2e/disk.rules.yaml');
      const editor = await vscode.window.showTextDocument(uri);
      const afterFunction = await replaceExpression(editor, typingLines.completion, typingLines.column, 'sum by (instance) (rat');
      const rate = (await complete(uri, afterFunction)).find((item) => label(item) === 'rate');
      assert.ok(rate && documentation(rate.documentation).length > 20, 'rate with documentation');
      const afterMetric = await replaceExpression(editor, typingLines.completion, typingLines.column, 'node_filesystem_av');
      const metric = (await complete(uri, afterMetric)).find((item) => label(item) === 'node_filesystem_avail_bytes');
      assert.ok(metric && documentation(metric.documentation).length > 10, 'node_filesystem_avail_bytes with documentation');
    },
  ],
  [
    "hover on a function shows the function's documentation",
    async () => {
      const uri = workspaceUri('e2e/checkout.rules.yaml');
      const position = new vscode.Position(hoveredFunction.line - 1, hoveredFunction.column - 1);
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position);
      const text = hovers.flatMap((hover) => hover.contents.map(documentation)).join('\n');
      assert.ok(text.includes(hoveredFunction.name) && text.split(/\s+/).length > 8, text);
    },
  ],
  [
    'signature help appears inside histogram_quantile(',
    async () => {
      const uri = workspaceUri('e2e/disk.rules.yaml');
      const editor = await vscode.window.showTextDocument(uri);
      // As the editor leaves it after typing `histogram_quantile(0.99, `: the `)` auto-closed.
      const afterText = await replaceExpression(editor, typingLines.signatureHelp, typingLines.column, 'histogram_quantile(0.99, )');
      const position = afterText.translate(0, -1);
      const help = await vscode.commands.executeCommand<vscode.SignatureHelp>('vscode.executeSignatureHelpProvider', uri, position, ',');
      assert.ok(help?.signatures[0]?.label.includes('histogram_quantile'), JSON.stringify(help));
      assert.equal(help.activeParameter, 1);
    },
  ],
  [
    'a snippet inserts a ServiceMonitor',
    async () => {
      const repo = process.env.ALERTSMITH_REPO;
      assert.ok(repo, 'ALERTSMITH_REPO is set by runTest.ts');
      const prefix = serviceMonitorSnippetPrefix(repo);
      const uri = workspaceUri('e2e/monitor.yaml');
      const editor = await vscode.window.showTextDocument(uri);
      await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), prefix));
      const snippet = (await complete(uri, new vscode.Position(0, prefix.length))).find(
        (item) => label(item) === prefix && item.kind === vscode.CompletionItemKind.Snippet,
      );
      assert.ok(snippet, `snippet ${prefix} offered`);
      await editor.insertSnippet(snippet.insertText as vscode.SnippetString, new vscode.Range(0, 0, 0, prefix.length));
      assert.match(editor.document.getText(), /kind: ServiceMonitor/);
    },
  ],
];

/** One check's outcome. */
export interface SmokeResult {
  name: string;
  error?: string;
}

/** Runs every check in order; never throws. (The code-server harness calls this directly.) */
export async function runSmokeTests(): Promise<SmokeResult[]> {
  const results: SmokeResult[] = [];
  for (const [name, body] of tests) {
    try {
      await body();
      results.push({ name });
    } catch (error) {
      results.push({ name, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return results;
}

/** The entry point @vscode/test-electron calls: prints TAP-like lines, rejects on failure. */
export async function run(): Promise<void> {
  const results = await runSmokeTests();
  for (const { name, error } of results) console.log(error ? `not ok - ${name}: ${error}` : `ok - ${name}`);
  const failed = results.filter((result) => result.error).length;
  console.log(`${results.length - failed} passed, ${failed} failed`);
  if (failed) throw new Error(`${failed} editor smoke test(s) failed`);
}
