// Smoke tests inside desktop VS Code's extension host (loaded by @vscode/test-electron, which
// calls run()). Same checks as test/e2e/vscode.test.ts, through the VS Code API instead of
// the screen. No test framework: a short sequential runner that prints `ok`/`not ok` lines.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  hoveredFunction,
  locate,
  misspelledFunction,
  operatorMistake,
  previewAlert,
  serviceMonitorSnippetPrefix,
  typingLines,
} from '../../e2e/fixtures';

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

function codeOf(diagnostic: vscode.Diagnostic): string {
  return String(typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code);
}

/** Resolves with the first tab labelled `label`, open now or opened within `timeoutMs`. */
function tabLabelled(label: string, timeoutMs = 20_000): Promise<vscode.Tab> {
  const find = () => vscode.window.tabGroups.all.flatMap((group) => group.tabs).find((tab) => tab.label === label);
  return new Promise((resolve, reject) => {
    const done = (tab: vscode.Tab): void => {
      listener.dispose();
      clearTimeout(timer);
      resolve(tab);
    };
    const listener = vscode.window.tabGroups.onDidChangeTabs(() => {
      const tab = find();
      if (tab) done(tab);
    });
    const timer = setTimeout(() => {
      listener.dispose();
      const labels = vscode.window.tabGroups.all.flatMap((group) => group.tabs.map((tab) => tab.label));
      reject(new Error(`no tab "${label}" after ${timeoutMs} ms; tabs: ${labels.join(' | ')}`));
    }, timeoutMs);
    const tab = find();
    if (tab) done(tab);
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

/**
 * Completion items as the suggest widget would show them. The server sends documentation on
 * `completionItem/resolve` (as the widget asks for the focused item), so resolve them all here.
 */
async function complete(uri: vscode.Uri, position: vscode.Position): Promise<vscode.CompletionItem[]> {
  const resolveAll = 10_000;
  const list = await vscode.commands.executeCommand<vscode.CompletionList>(
    'vscode.executeCompletionItemProvider',
    uri,
    position,
    undefined,
    resolveAll,
  );
  return list.items;
}

const tests: Array<[string, () => Promise<void>]> = [
  [
    'the extension activates on a rule file and reports the misspelled function exactly',
    async () => {
      const uri = workspaceUri('e2e/checkout.rules.yaml');
      await vscode.window.showTextDocument(uri);
      const diagnostics = await diagnosticsWhen(uri, (all) => all.some((d) => codeOf(d) === 'promql/unknown-function'));
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
  [
    'a ServiceMonitor whose selector matches no Service gets a diagnostic, and its quick fix repairs the selector',
    async () => {
      const { path, code, message, fixTitle } = operatorMistake;
      const uri = workspaceUri(path);
      const editor = await vscode.window.showTextDocument(uri);
      const { line, column } = locate(editor.document.getText(), operatorMistake.token, operatorMistake.after);
      const diagnostics = await diagnosticsWhen(uri, (all) => all.some((d) => codeOf(d) === code));
      const found = diagnostics.find((d) => codeOf(d) === code)!;
      assert.deepEqual([found.range.start.line, found.range.start.character], [line - 1, column - 1]);
      assert.equal(found.range.end.character - found.range.start.character, operatorMistake.token.length);
      assert.ok(found.message.includes(message), found.message);
      const actions = await vscode.commands.executeCommand<Array<vscode.CodeAction | vscode.Command>>(
        'vscode.executeCodeActionProvider',
        uri,
        found.range,
        vscode.CodeActionKind.QuickFix.value,
        10,
      );
      const fix = actions.find((action): action is vscode.CodeAction => action.title === fixTitle && 'kind' in action);
      assert.ok(fix?.edit, `quick fix "${fixTitle}" with an edit, got ${actions.map((action) => action.title).join(' | ')}`);
      assert.ok(await vscode.workspace.applyEdit(fix.edit), 'the edit applies');
      if (fix.command) await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? []));
      assert.match(editor.document.getText(), operatorMistake.fixed);
      assert.doesNotMatch(editor.document.getText(), operatorMistake.before);
      // With the selector matching, the Service's ports are checked: the next mistake shows.
      await diagnosticsWhen(uri, (all) => !all.some((d) => codeOf(d) === code) && all.some((d) => codeOf(d) === operatorMistake.next.code));
    },
  ],
  [
    '"▶ Run" above an alert carries its threshold and opens the query preview',
    async () => {
      // The chart itself is inside a webview, which the API cannot read: test/e2e/vscode.test.ts
      // checks it against a real Prometheus in the workbench.
      const uri = workspaceUri(previewAlert.path);
      await vscode.window.showTextDocument(uri);
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 10);
      const run = lenses.find((lens) => lens.command?.title === '▶ Run')?.command;
      assert.ok(run, `a "▶ Run" lens, got ${JSON.stringify(lenses.map((lens) => lens.command?.title))}`);
      const args = run.arguments?.[0] as { alert?: { name?: string; threshold?: { op: string; value: number } } } | undefined;
      assert.equal(args?.alert?.name, previewAlert.name);
      assert.deepEqual([args?.alert?.threshold?.op, args?.alert?.threshold?.value], ['>', previewAlert.threshold]);
      const opened = tabLabelled(`▶ ${previewAlert.name}`);
      await vscode.commands.executeCommand(run.command, ...(run.arguments ?? []));
      const tab = await opened;
      assert.ok(tab.input instanceof vscode.TabInputWebview, 'the preview is a webview');
      assert.match(tab.input.viewType, /alertsmith\.queryPreview$/);
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
