import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createNonce, previewHtml } from '../../client/src/preview/html';
import type { HostToWebview, InitialState, PreviewResult, WebviewToHost } from '../../client/src/preview/previewMessaging';
import type { WireLogEntry, WireQueryData, WireStream, WireValue } from '../../server/src/protocol';
import { timeRuns } from '../../server/src/timeRuns';

/**
 * Serves the real preview page (the HTML builder's output, CSP included, and a fresh esbuild
 * bundle of client/webview) from a loopback server to headless Chromium, with a fake
 * `acquireVsCodeApi` that records what the page posts. Used by the webview tests and the bench.
 */

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const chromiumAvailable = existsSync(chromiumPath);
const repoRoot = join(import.meta.dirname, '..', '..');

export type Theme = 'vscode-dark' | 'vscode-light' | 'vscode-high-contrast';

export interface PreviewHarness {
  page: Page;
  /** Messages the page posted, oldest first. */
  posted(): Promise<WebviewToHost[]>;
  /** Resolves with the first posted message (from index `after`) that matches. */
  waitForPosted<T extends WebviewToHost['type']>(type: T, after?: number): Promise<Extract<WebviewToHost, { type: T }>>;
  send(message: HostToWebview): Promise<void>;
  /** Posts a message and resolves, inside the page, when the page posts a `type` message back. */
  sendAndWait<T extends WebviewToHost['type']>(message: HostToWebview, type: T): Promise<Extract<WebviewToHost, { type: T }>>;
  /** Uncaught exceptions in the page. */
  errors(): string[];
  /** Content-Security-Policy violations the page reported. */
  violations(): Promise<string[]>;
  /** What the page last passed to `vscode.setState` (VS Code keeps it across a reload). */
  savedState(): Promise<unknown>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  state: InitialState;
  /** What `vscode.getState()` answers at first, as after a reload; nothing by default. */
  savedState?: unknown;
  theme?: Theme;
  width?: number;
  height?: number;
}

/** Theme variables VS Code would set on <body>; a few are enough for the page's CSS. */
const themeVariables: Record<Theme, Record<string, string>> = {
  'vscode-dark': {
    '--vscode-editor-background': '#1f1f1f',
    '--vscode-editor-foreground': '#cccccc',
    '--vscode-foreground': '#cccccc',
    '--vscode-editorWidget-border': '#454545',
  },
  'vscode-light': {
    '--vscode-editor-background': '#ffffff',
    '--vscode-editor-foreground': '#3b3b3b',
    '--vscode-foreground': '#3b3b3b',
    '--vscode-editorWidget-border': '#c8c8c8',
  },
  'vscode-high-contrast': {
    '--vscode-editor-background': '#000000',
    '--vscode-editor-foreground': '#ffffff',
    '--vscode-foreground': '#ffffff',
    '--vscode-contrastBorder': '#6fc3df',
  },
};

let bundle: Promise<{ js: string; css: string }> | undefined;

/** Bundles the webview once per process, with the same options as esbuild.mjs. */
export function buildWebview(): Promise<{ js: string; css: string }> {
  bundle ??= (async () => {
    const outdir = await mkdtemp(join(tmpdir(), 'alertsmith-webview-'));
    try {
      await esbuild.build({
        entryPoints: { webview: join(repoRoot, 'client/webview/main.ts') },
        outdir,
        bundle: true,
        platform: 'browser',
        format: 'iife',
        target: 'es2022',
        logLevel: 'error',
      });
      return { js: await readFile(join(outdir, 'webview.js'), 'utf8'), css: await readFile(join(outdir, 'webview.css'), 'utf8') };
    } finally {
      await rm(outdir, { recursive: true, force: true });
    }
  })();
  return bundle;
}

let browser: Promise<Browser> | undefined;

export function launchBrowser(): Promise<Browser> {
  browser ??= chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--no-sandbox',
      '--headless',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
  return browser;
}

export async function closeBrowser(): Promise<void> {
  if (browser) await (await browser).close();
  browser = undefined;
}

export async function openPreview(options: HarnessOptions): Promise<PreviewHarness> {
  const { js, css } = await buildWebview();
  const nonce = createNonce();
  let origin = '';
  const server: Server = createServer((request, response) => {
    if (request.url === '/webview.js') return void response.writeHead(200, { 'content-type': 'text/javascript' }).end(js);
    if (request.url === '/webview.css') return void response.writeHead(200, { 'content-type': 'text/css' }).end(css);
    if (request.url === '/') {
      const html = previewHtml({
        cspSource: origin,
        nonce,
        scriptUri: `${origin}/webview.js`,
        styleUri: `${origin}/webview.css`,
        state: options.state,
      });
      return void response.writeHead(200, { 'content-type': 'text/html' }).end(html);
    }
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const context = await (
    await launchBrowser()
  ).newContext({ viewport: { width: options.width ?? 1000, height: options.height ?? 900 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const theme = options.theme ?? 'vscode-dark';
  // Runs before the page's own script: stands in for VS Code's webview host. A string, not a
  // function: tsx would wrap a function with helpers (`__name`) that do not exist in the page.
  await page.addInitScript(`(() => {
    const posted = [];
    const violations = [];
    window.__state = ${JSON.stringify(options.savedState ?? null)} ?? undefined;
    Object.assign(window, { __posted: posted, __violations: violations });
    document.addEventListener('securitypolicyviolation', (event) => violations.push(event.violatedDirective + ': ' + event.blockedURI));
    window.acquireVsCodeApi = () => {
      document.body.classList.add(${JSON.stringify(theme)});
      for (const [name, value] of Object.entries(${JSON.stringify(themeVariables[theme])})) document.body.style.setProperty(name, value);
      return { postMessage: (message) => { posted.push(message); window.__onPosted?.(message); }, getState: () => window.__state, setState: (next) => { window.__state = JSON.parse(JSON.stringify(next)); } };
    };
  })()`);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${origin}/`);

  const posted = () => page.evaluate('window.__posted.slice()') as Promise<WebviewToHost[]>;
  return {
    page,
    posted,
    async waitForPosted(type, after = 0) {
      const handle = await page.waitForFunction(
        `window.__posted.slice(${after}).find((message) => message.type === ${JSON.stringify(type)})`,
        undefined,
        {
          timeout: 10_000,
        },
      );
      return (await handle.jsonValue()) as never;
    },
    send: (message) =>
      page.evaluate(`window.dispatchEvent(new MessageEvent('message', { data: ${JSON.stringify(message)} }))`).then(() => undefined),
    sendAndWait: (message, type) =>
      page.evaluate(`new Promise((resolve) => {
        window.__onPosted = (posted) => posted.type === ${JSON.stringify(type)} && resolve(posted);
        window.dispatchEvent(new MessageEvent('message', { data: ${JSON.stringify(message)} }));
      })`) as never,
    errors: () => errors.slice(),
    violations: () => page.evaluate('window.__violations.slice()') as Promise<string[]>,
    savedState: () => page.evaluate('window.__state'),
    async close() {
      await context.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** `count` series of `points` samples each, on a grid ending at `end` (deterministic waves). */
export function syntheticRange(count: number, points: number, end = Date.UTC(2026, 0, 1, 12), stepMs = 15_000): PreviewResult {
  const start = end - (points - 1) * stepMs;
  const series = Array.from({ length: count }, (_, index) => {
    const times = new Array<number>(points);
    const values = new Array<WireValue>(points);
    for (let i = 0; i < points; i++) {
      times[i] = start + i * stepMs;
      values[i] = Math.round((50 + index * 3 + 20 * Math.sin(i / (15 + index) + index)) * 1000) / 1000;
    }
    return {
      metric: {
        __name__: 'http_requests_per_second',
        job: 'api',
        instance: `10.0.${Math.floor(index / 10)}.${index % 10}:8080`,
        code: String(200 + (index % 3)),
      },
      timeRuns: timeRuns(times),
      values,
    };
  });
  const data: WireQueryData = { resultType: 'matrix', series };
  return {
    kind: 'range',
    expr: 'sum by (job, instance, code) (rate(http_requests_total[5m]))',
    data,
    start,
    end,
    stepMs,
    warnings: [],
    notices: [],
    tookMs: 0,
  };
}

/** A log line at `ms` (plus `extraNs` nanoseconds), as the server puts it on the wire. */
export function logEntry(ms: number, line: string, extraNs = 0): WireLogEntry {
  return { time: ms, timeNs: String(BigInt(ms) * 1_000_000n + BigInt(extraNs)), line };
}

/** A LogQL log query's answer over [start, end], as the extension host posts it. */
export function logResult(
  streams: WireStream[],
  options: { start?: number; end?: number; limitReached?: boolean; expr?: string } = {},
): PreviewResult {
  const end = options.end ?? Date.UTC(2026, 0, 1, 12);
  return {
    kind: 'range',
    expr: options.expr ?? '{namespace="shop"}',
    data: { resultType: 'streams', streams },
    start: options.start ?? end - 3_600_000,
    end,
    warnings: [],
    notices: [],
    limitReached: options.limitReached,
    tookMs: 12,
  };
}

/**
 * Two checkout pods and a payments pod of one namespace, a line every 7 s (newest first per
 * stream, as Loki answers a backward query): logfmt lines, some of them errors.
 */
export function syntheticLogStreams(end = Date.UTC(2026, 0, 1, 12), lines = 40): WireStream[] {
  const pods = [
    { app: 'checkout', pod: 'checkout-7d9f8-abcde' },
    { app: 'checkout', pod: 'checkout-7d9f8-fghij' },
    { app: 'payments', pod: 'payments-5c6b4-klmno' },
  ];
  return pods.map(({ app, pod }, podIndex) => {
    const entries: WireLogEntry[] = [];
    for (let i = 0; i < lines; i++) {
      const ms = end - (i * 3 + podIndex) * 7_000 - podIndex * 1_300;
      const n = (i * 7 + podIndex * 13) % 29;
      const line =
        n % 9 === 4
          ? `level=error msg="payment gateway timeout" order_id=${4100 + n} upstream=pay.example:443 after=5.001s`
          : n % 5 === 2
            ? `level=warn msg="slow query" table=orders duration=${320 + n * 11}ms`
            : `level=info msg="${app === 'payments' ? 'charge captured' : 'order placed'}" order_id=${4100 + n} duration=${12 + n}ms`;
      entries.push(logEntry(ms, line));
    }
    return { labels: { namespace: 'shop', container: 'app', app, pod, job: `shop/${app}` }, entries };
  });
}
