import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FrameLocator, Locator, Page } from './playwright';

/** Resolves when every finite CSS animation (widget fade-ins) has finished: sharp screenshots. */
const settleAnimations = `Promise.all(document.getAnimations()
  .filter((animation) => animation.effect?.getComputedTiming().iterations !== Infinity)
  .map((animation) => animation.finished.catch(() => undefined)))`;

/**
 * The VS Code workbench as a user drives it: keyboard shortcuts, the command palette, the
 * editor, its widgets and the Problems panel. Every wait is on visible UI state.
 */
export class Workbench {
  private shotNumber = 0;

  constructor(
    readonly page: Page,
    private readonly shotsDir: string,
  ) {
    mkdirSync(shotsDir, { recursive: true });
  }

  /** Waits until the workbench shows the workspace's files. */
  async ready(): Promise<void> {
    await this.page.locator('.monaco-workbench').waitFor({ timeout: 90_000 });
    await this.page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 90_000 });
  }

  /** Runs a command by its title from the command palette. */
  async runCommand(title: string): Promise<void> {
    await this.startCommand(title);
    await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  }

  /** Picks a command in the palette without waiting for the palette to close (it may open a quick pick). */
  async startCommand(title: string): Promise<void> {
    // The palette can close right after it opens when a webview takes the focus (the preview
    // re-rendering after a connection change); a user then opens it again.
    for (let attempt = 1; ; attempt++) {
      await this.openPalette();
      try {
        await this.page.locator('.quick-input-widget input').fill('>' + title, { timeout: 5_000 });
        break;
      } catch (error) {
        if (attempt === 3) throw error;
      }
    }
    await this.pickFocused(title);
  }

  /**
   * F1, as a user presses it. When the keyboard focus is inside a webview (the query preview
   * after a click in it), the key may not reach the workbench: then the user clicks the active
   * editor's tab, which takes the focus back without moving the cursor, and presses it again.
   */
  private async openPalette(): Promise<void> {
    const input = this.page.locator('.quick-input-widget input');
    await this.page.keyboard.press('F1');
    try {
      await input.waitFor({ state: 'visible', timeout: 5_000 });
    } catch {
      await this.page.locator('.editor-group-container:has(.monaco-editor) .tab.active').first().click();
      await this.page.keyboard.press('F1');
      await input.waitFor({ state: 'visible' });
    }
  }

  /**
   * The command palette's rows for `filter`, read once the row `expected` shows (so the list
   * has caught up with the filter); the palette is closed again.
   */
  async paletteCommands(filter: string, expected: string): Promise<string[]> {
    await this.openPalette();
    await this.page.locator('.quick-input-widget input').fill('>' + filter);
    const rows = this.page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
    await rows.filter({ hasText: expected }).first().waitFor();
    const labels = await rows.allInnerTexts();
    await this.escape();
    await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
    return labels;
  }

  /** Waits for the quick pick titled `title` to list its items and returns their rows. */
  async quickPick(title: string): Promise<Locator> {
    await this.page.locator('.quick-input-widget .quick-input-title', { hasText: title }).waitFor({ timeout: 30_000 });
    const rows = this.page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
    await rows.first().waitFor();
    return rows;
  }

  /**
   * A status bar item by the id the extension gave it (the workbench prefixes the extension's
   * id), optionally only while its accessible label (text and tooltip) contains `label`.
   */
  statusItem(id: string, label?: string): Locator {
    const quoted = (text: string) => JSON.stringify(text);
    return this.page.locator(`[id=${quoted(`alertsmith.alertsmith.${id}`)}]${label ? `[aria-label*=${quoted(label)}]` : ''}`);
  }

  /** A notification toast whose message contains `text`. */
  notification(text: string | RegExp): Locator {
    return this.page.locator('.notifications-toasts .notification-list-item-message', { hasText: text });
  }

  /** Opens a workspace file through Quick Open, waits for its editor and returns it. */
  async openFile(relativePath: string): Promise<Locator> {
    const name = relativePath.split('/').pop()!;
    await this.page.keyboard.press('Control+P');
    await this.page.locator('.quick-input-widget input').waitFor();
    await this.page.keyboard.insertText(relativePath);
    await this.pickFocused(name);
    await this.page.locator('.tab.active', { hasText: name }).waitFor();
    // Quick Open leaves the keyboard focus in the opened editor, as a user expects.
    await this.page.locator('.editor-group-container.active .monaco-editor.focused').waitFor();
    return this.activeEditor();
  }

  /** Accepts the quick pick once its list has caught up with the typed filter. */
  private async pickFocused(text: string): Promise<void> {
    await this.page.locator('.quick-input-list .monaco-list-row.focused', { hasText: text }).waitFor();
    await this.page.keyboard.press('Enter');
  }

  activeEditor(): Locator {
    return this.page.locator('.editor-group-container.active .monaco-editor').first();
  }

  /** Moves the cursor with "Go to Line/Column" (1-based, as the status bar shows it). */
  async goTo(line: number, column: number): Promise<void> {
    await this.page.keyboard.press('Control+G');
    await this.page.locator('.quick-input-widget input').waitFor();
    await this.page.keyboard.insertText(`${line}:${column}`);
    await this.page.keyboard.press('Enter');
    await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
    await this.page.locator('#status\\.editor\\.selection', { hasText: `Ln ${line}, Col ${column}` }).waitFor();
  }

  /**
   * "Go to Symbol in Editor" (Ctrl+Shift+O): the rows listed once `expected` shows; the
   * picker stays open, so the caller can accept a row.
   */
  async symbolsInEditor(expected: string): Promise<string[]> {
    await this.page.keyboard.press('Control+Shift+O');
    const rows = this.page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
    await rows.filter({ hasText: expected }).first().waitFor({ timeout: 30_000 });
    return rows.allInnerTexts();
  }

  /** Types like a user (auto-closing brackets and auto-indent apply). */
  async type(text: string): Promise<void> {
    await this.page.keyboard.type(text);
  }

  /** Opens the suggest widget with Ctrl+Space and returns the visible rows' labels. */
  async suggest(): Promise<string[]> {
    await this.page.keyboard.press('Control+Space');
    const rows = this.suggestRows();
    await rows.first().waitFor({ timeout: 20_000 });
    return rows.evaluateAll((elements) => elements.map((element) => element.getAttribute('aria-label') ?? element.textContent ?? ''));
  }

  suggestRows(): Locator {
    return this.page.locator('.editor-widget.suggest-widget.visible .monaco-list-row');
  }

  /**
   * Moves the suggest widget's focus down to the first row matching `label` (clicking a row
   * would accept it) and returns that row.
   */
  async focusSuggestion(label: RegExp): Promise<Locator> {
    const focused = this.page.locator('.editor-widget.suggest-widget.visible .monaco-list-row.focused');
    for (let moves = 0; moves < 30; moves++) {
      await focused.waitFor();
      if (label.test(await focused.innerText())) return focused;
      await this.page.keyboard.press('ArrowDown');
    }
    throw new Error(`no suggestion matching ${label} within 30 rows`);
  }

  /** Text of the focused suggestion's documentation pane (opened with Ctrl+Space if closed). */
  async suggestDetails(): Promise<string> {
    const details = this.page.locator('.suggest-details-container .suggest-details');
    if (!(await details.isVisible())) await this.page.keyboard.press('Control+Space');
    await details.locator('.docs', { hasText: /\S/ }).waitFor();
    return details.innerText();
  }

  /** Shows the hover at the cursor ("Show or Focus Hover") and returns its text. */
  async hoverAtCursor(): Promise<string> {
    await this.page.keyboard.press('Control+K');
    await this.page.keyboard.press('Control+I');
    const hover = this.page.locator('.monaco-hover:not(.hidden) .hover-contents', { hasText: /\S/ }).first();
    await hover.waitFor({ timeout: 20_000 });
    return hover.innerText();
  }

  /** Text of the visible parameter hints widget (signature help). */
  async signatureHelp(): Promise<string> {
    const widget = this.page.locator('.parameter-hints-widget.visible');
    await widget.waitFor({ timeout: 20_000 });
    return widget.innerText();
  }

  /**
   * Opens the Problems panel, types `filter` (a file name, a message…) into its filter box, and
   * returns all its rows' text once a row matches. The list draws only the rows in view: filter
   * when many files have problems.
   */
  async problems(matching: RegExp, filter = ''): Promise<string[]> {
    await this.runCommand('Problems: Focus on Problems View');
    await this.page.locator('.part.panel input[aria-label="Filter Problems"]').fill(filter);
    const rows = this.problemRows();
    await rows.filter({ hasText: matching }).first().waitFor({ timeout: 30_000 });
    return rows.allInnerTexts();
  }

  problemRows(): Locator {
    return this.page.locator('.markers-panel .monaco-list-row');
  }

  /** Opens the Quick Fix menu at the cursor (Ctrl+.) and returns its actions' titles. */
  async quickFixes(): Promise<string[]> {
    await this.page.keyboard.press('Control+.');
    const rows = this.page.locator('.action-widget .monaco-list-row.action');
    await rows.first().waitFor({ timeout: 20_000 });
    return rows.evaluateAll((elements) => elements.map((element) => element.getAttribute('aria-label') ?? ''));
  }

  /** Applies the open Quick Fix menu's action titled `title`, by keyboard as a user would. */
  async applyQuickFix(title: string): Promise<void> {
    const focused = this.page.locator('.action-widget .monaco-list-row.action.focused');
    for (let moves = 0; moves < 30; moves++) {
      await focused.waitFor();
      if ((await focused.getAttribute('aria-label')) === title) {
        await this.page.keyboard.press('Enter');
        await this.page.locator('.action-widget').waitFor({ state: 'hidden' });
        return;
      }
      await this.page.keyboard.press('ArrowDown');
    }
    throw new Error(`no quick fix titled ${JSON.stringify(title)} within 30 rows`);
  }

  /** Clicks the active editor's code lens titled `title` (the first one when there are several). */
  async clickCodeLens(title: string): Promise<void> {
    await this.activeEditor().locator('.codelens-decoration a', { hasText: title }).first().click();
  }

  /** The page inside the (single) visible webview, once VS Code has loaded it. */
  webview(): FrameLocator {
    return this.page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
  }

  async escape(): Promise<void> {
    await this.page.keyboard.press('Escape');
  }

  /** Saves a numbered full-window screenshot and returns its path. */
  async screenshot(name: string): Promise<string> {
    const path = join(this.shotsDir, `${String(++this.shotNumber).padStart(2, '0')}-${name}.png`);
    await this.page.evaluate(settleAnimations);
    await this.page.screenshot({ path });
    return path;
  }
}
