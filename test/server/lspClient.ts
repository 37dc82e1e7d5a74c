import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
  type ClientCapabilities,
  type InitializeResult,
  type PublishDiagnosticsParams,
  type Registration,
} from 'vscode-languageserver-protocol/node';

export const repoRoot = join(__dirname, '..', '..');
export const cliPath = join(repoRoot, 'dist', 'cli.js');

/**
 * A minimal editor: spawns `alertsmith lsp --stdio` and speaks JSON-RPC to it, as Neovim or
 * any other client would. Diagnostics pushed by the server are kept per URI.
 */
export class LspClient {
  readonly connection: ProtocolConnection;
  private readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  private readonly pushes = new Map<string, number>();
  private readonly waiters: Array<{ uri: string; version?: number; resolve: (p: PublishDiagnosticsParams) => void }> = [];
  readonly stderr: string[] = [];
  private versions = new Map<string, number>();

  private constructor(readonly child: ChildProcessWithoutNullStreams) {
    this.connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    child.stderr.on('data', (chunk: Buffer) => this.stderr.push(chunk.toString()));
    this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      this.diagnostics.set(params.uri, params);
      this.pushes.set(params.uri, (this.pushes.get(params.uri) ?? 0) + 1);
      for (let i = this.waiters.length - 1; i >= 0; i--) {
        const waiter = this.waiters[i];
        if (waiter.uri === params.uri && (waiter.version === undefined || params.version === waiter.version)) {
          this.waiters.splice(i, 1);
          waiter.resolve(params);
        }
      }
    });
    this.connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => this.settings));
    this.connection.onRequest('client/registerCapability', (params: { registrations: Registration[] }) => {
      this.registrations.push(...params.registrations);
      return null;
    });
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.listen();
  }

  /** What the server registered dynamically (`client/registerCapability`), in order. */
  readonly registrations: Registration[] = [];

  /** The server's answer to `initialize`: its capabilities. */
  initializeResult: InitializeResult | undefined;

  /** What the client answers to `workspace/configuration` (section `alertsmith`). */
  settings: unknown = null;

  static async start(
    options: {
      capabilities?: ClientCapabilities;
      rootUri?: string | null;
      settings?: unknown;
      nodeOptions?: readonly string[];
      /** Another build's dist/cli.js, for A/B runs of two builds in one session. */
      cli?: string;
      env?: Readonly<Record<string, string>>;
      initializationOptions?: unknown;
    } = {},
  ): Promise<LspClient> {
    const child = spawn(process.execPath, [...(options.nodeOptions ?? []), options.cli ?? cliPath, 'lsp', '--stdio'], {
      stdio: 'pipe',
      env: { ...process.env, ...options.env },
    });
    const client = new LspClient(child);
    client.settings = options.settings ?? null;
    client.initializeResult = await client.connection.sendRequest<InitializeResult>('initialize', {
      processId: process.pid,
      rootUri: options.rootUri ?? null,
      workspaceFolders: options.rootUri ? [{ uri: options.rootUri, name: 'workspace' }] : null,
      capabilities: options.capabilities ?? { workspace: { configuration: true } },
      initializationOptions: options.initializationOptions,
    });
    await client.connection.sendNotification('initialized', {});
    return client;
  }

  async open(uri: string, languageId: string, text: string): Promise<PublishDiagnosticsParams> {
    this.versions.set(uri, 1);
    const waiting = this.nextDiagnostics(uri, 1);
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    return waiting;
  }

  async change(uri: string, text: string): Promise<PublishDiagnosticsParams> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    const waiting = this.nextDiagnostics(uri, version);
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
    return waiting;
  }

  /** An incremental edit, as editors send on each keystroke. */
  async edit(
    uri: string,
    range: { start: { line: number; character: number }; end: { line: number; character: number } },
    text: string,
  ): Promise<PublishDiagnosticsParams> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    const waiting = this.nextDiagnostics(uri, version);
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text }] });
    return waiting;
  }

  async close(uri: string): Promise<void> {
    this.versions.delete(uri);
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /** How many times the server has pushed diagnostics for `uri`. */
  pushCount(uri: string): number {
    return this.pushes.get(uri) ?? 0;
  }

  nextDiagnostics(uri: string, version?: number, timeoutMs = 10_000): Promise<PublishDiagnosticsParams> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} v${version} within ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push({ uri, version, resolve: (params) => (clearTimeout(timer), resolve(params)) });
    });
  }

  request<T>(method: string, params: unknown): Promise<T> {
    return this.connection.sendRequest(method, params) as Promise<T>;
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((resolve) => setTimeout(resolve, 2000))]);
      await this.connection.sendNotification('exit');
    } catch {
      // already gone
    }
    this.connection.dispose();
    if (this.child.exitCode === null) {
      await Promise.race([new Promise((resolve) => this.child.once('exit', resolve)), new Promise((resolve) => setTimeout(resolve, 2000))]);
      this.child.kill();
    }
  }
}

/**
 * Splits `text` with one `‸` cursor marker into the text without it and the LSP position.
 * (Not `|`, which YAML block scalars need.)
 */
export function withCursor(marked: string): { text: string; position: { line: number; character: number } } {
  const index = marked.indexOf('‸');
  if (index < 0) throw new Error('no ‸ cursor in test input');
  const text = marked.slice(0, index) + marked.slice(index + 1);
  const before = text.slice(0, index).split('\n');
  return { text, position: { line: before.length - 1, character: before[before.length - 1].length } };
}
