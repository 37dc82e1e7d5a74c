import { createRequire } from 'node:module';
import { join } from 'node:path';

// playwright-core lives in the e2e cache (test/e2e/setup.sh), not in the project's
// node_modules, so its types are not available here: these are the few parts we use.

export interface Locator {
  first(): Locator;
  nth(index: number): Locator;
  locator(selector: string, options?: { hasText?: string | RegExp }): Locator;
  filter(options: { hasText?: string | RegExp }): Locator;
  waitFor(options?: { state?: 'attached' | 'detached' | 'visible' | 'hidden'; timeout?: number }): Promise<void>;
  click(options?: { timeout?: number }): Promise<void>;
  hover(options?: { timeout?: number }): Promise<void>;
  fill(value: string, options?: { timeout?: number }): Promise<void>;
  innerText(options?: { timeout?: number }): Promise<string>;
  textContent(options?: { timeout?: number }): Promise<string | null>;
  getAttribute(name: string): Promise<string | null>;
  selectOption(values: { label: string }): Promise<string[]>;
  isVisible(): Promise<boolean>;
  count(): Promise<number>;
  allInnerTexts(): Promise<string[]>;
  evaluateAll<R>(fn: (elements: Element[]) => R): Promise<R>;
  screenshot(options: { path: string }): Promise<Buffer>;
}

/** A DOM element as seen inside `evaluateAll`; only what we read. */
export interface Element {
  getAttribute(name: string): string | null;
  textContent: string | null;
}

export interface FrameLocator {
  locator(selector: string, options?: { hasText?: string | RegExp }): Locator;
  frameLocator(selector: string): FrameLocator;
}

export interface Keyboard {
  press(key: string): Promise<void>;
  type(text: string, options?: { delay?: number }): Promise<void>;
  insertText(text: string): Promise<void>;
}

export interface Page {
  goto(url: string): Promise<unknown>;
  locator(selector: string, options?: { hasText?: string | RegExp }): Locator;
  frameLocator(selector: string): FrameLocator;
  keyboard: Keyboard;
  mouse: { move(x: number, y: number): Promise<void> };
  screenshot(options: { path: string }): Promise<Buffer>;
  on(event: 'console', listener: (message: { type(): string; text(): string }) => void): void;
  setDefaultTimeout(ms: number): void;
  /** Evaluates a JavaScript expression in the page; a promise is awaited. */
  evaluate(expression: string): Promise<unknown>;
}

export interface Browser {
  newPage(options?: { viewport?: { width: number; height: number }; deviceScaleFactor?: number }): Promise<Page>;
  close(): Promise<void>;
}

interface Chromium {
  launch(options: { executablePath: string; headless: boolean; args?: string[]; env?: NodeJS.ProcessEnv }): Promise<Browser>;
}

/** Loads playwright-core from `toolsDir`/node_modules. */
export function loadChromium(toolsDir: string): Chromium {
  const require = createRequire(join(toolsDir, 'package.json'));
  return (require('playwright-core') as { chromium: Chromium }).chromium;
}
