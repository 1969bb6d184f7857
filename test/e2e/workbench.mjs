// Drives the VS Code workbench (code-server in Chromium) the way a person does: keyboard shortcuts,
// the mouse, and reading what is on screen. Every wait polls the DOM until a deadline; nothing
// relies on a fixed sleep being long enough, except short pauses for VS Code's own debounces.
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

const STATUS_ITEM_TEXT = /Internal Events|\d+ events? · \d+ metrics?/;

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `probe` until it returns a truthy value; throws `what` (with the last value) at the deadline. */
export async function poll(what, probe, { timeout = 30_000, interval = 250 } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      last = await probe();
      if (last) return last;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    if (Date.now() > deadline) {
      const detail = typeof last === 'string' ? last : JSON.stringify(last);
      throw new Error(`timed out after ${timeout / 1000}s waiting for ${what}${detail ? ` (last seen: ${detail.slice(0, 400)})` : ''}`);
    }
    await sleep(interval);
  }
}

/** A fresh Chromium profile and page. `close()` ends the browser and removes the profile. */
export async function launchBrowser() {
  const profile = mkdtempSync(join(tmpdir(), 'ie-e2e-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1440, height: 900 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(30_000);
  return {
    page,
    async close() {
      await context.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export class Workbench {
  constructor(page) {
    this.page = page;
  }

  /** Opens the URL and waits for the workbench with its status bar. */
  async open(url) {
    await this.page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
    await this.page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 90_000 });
    await this.page.locator('.part.statusbar').waitFor({ state: 'visible', timeout: 60_000 });
  }

  /** The modal "Do you trust the authors of the files in this folder?" (restricted-mode runs). */
  async answerTrustDialog(trust) {
    const dialog = this.page.locator('.monaco-dialog-box');
    await dialog.waitFor({ state: 'visible', timeout: 60_000 });
    const label = trust ? /Yes, I trust the authors/i : /No, I don.t trust the authors/i;
    await dialog.getByRole('button', { name: label }).click();
    await dialog.waitFor({ state: 'hidden' });
  }

  /** The extension's status bar item (before and after the index is ready). */
  statusItem() {
    return this.page.locator('.statusbar-item').filter({ hasText: STATUS_ITEM_TEXT }).first();
  }

  async statusItemText() {
    return (await this.statusItem().textContent({ timeout: 2000 }))?.trim() ?? '';
  }

  /** Waits until the status bar says the index is ready ("N events · M metrics"). */
  async waitForIndexReady(timeout = 90_000) {
    return poll('the status bar to show "N events · M metrics"', async () => {
      const text = await this.statusItemText().catch(() => '');
      return /\d+ events? · \d+ metrics?/.test(text) ? text : false;
    }, { timeout });
  }

  /** Gives the keyboard to the workbench (Chromium only sends keys to a focused page). */
  async focusWorkbench() {
    await this.page.bringToFront();
    await this.page.locator('.monaco-workbench').focus().catch(() => undefined);
  }

  async pressEscape(times = 2) {
    for (let i = 0; i < times; i++) await this.page.keyboard.press('Escape');
  }

  /** Runs a command by its palette title (F1, type, Enter). */
  async runCommand(title) {
    await this.focusWorkbench();
    await this.page.keyboard.press('F1');
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor({ state: 'visible' });
    await input.fill(`>${title}`);
    const row = this.page
      .locator('.quick-input-widget .monaco-list-row')
      .filter({ hasText: title })
      .first();
    await row.waitFor({ state: 'visible', timeout: 15_000 });
    await row.click();
    await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => undefined);
  }

  /** Ctrl+P, type the workspace-relative path, pick the row for that file, wait for its tab. */
  async openFile(relativePath) {
    const fileName = relativePath.split('/').pop();
    await this.focusWorkbench();
    await this.page.keyboard.press('Control+P');
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor({ state: 'visible' });
    await this.page.keyboard.type(relativePath, { delay: 5 });
    const directory = relativePath.split('/').slice(0, -1).join('/');
    // Enter only once the input holds the whole path and the highlighted row is this file (its
    // description holds the folder): quick open filters asynchronously while one types.
    await poll(`quick open to highlight ${relativePath}`, async () => {
      if ((await input.inputValue()) !== relativePath) return false;
      const focused = await this.page.locator('.quick-input-widget .monaco-list-row.focused').first().textContent({ timeout: 1000 });
      return !!focused && focused.includes(fileName) && (!directory || focused.includes(directory));
    });
    await this.page.keyboard.press('Enter');
    await this.waitForActiveTab(fileName);
    await this.waitForEditorFocus();
  }

  async activeTabTitle() {
    const tab = this.page.locator('.tabs-container .tab.active').first();
    return (await tab.getAttribute('aria-label', { timeout: 2000 })) ?? (await tab.textContent()) ?? '';
  }

  async waitForActiveTab(fileName, timeout = 30_000) {
    return poll(`the active editor tab to be ${fileName}`, async () => {
      const title = await this.activeTabTitle().catch(() => '');
      return title.includes(fileName) ? title : false;
    }, { timeout });
  }

  async waitForEditorFocus() {
    await poll('the text editor to have focus', () =>
      this.page.evaluate(() => !!document.activeElement?.closest('.editor-instance .monaco-editor')),
    );
  }

  /** Ctrl+G "line:column" (both 1-based), then waits for the status bar to confirm. */
  async goTo(line, column) {
    await this.page.keyboard.press('Control+G');
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor({ state: 'visible' });
    await input.fill(`:${line}:${column}`);
    await this.page.keyboard.press('Enter');
    await poll(`the cursor at Ln ${line}, Col ${column}`, async () => {
      const position = await this.cursorPosition();
      return position && position.line === line && position.column === column ? position : false;
    }, { timeout: 10_000 });
  }

  /** The cursor position from the status bar's "Ln N, Col M" item. */
  async cursorPosition() {
    const text = await this.page.locator('.statusbar-item').filter({ hasText: /Ln \d+, Col \d+/ }).first().textContent({ timeout: 2000 });
    const match = /Ln (\d+), Col (\d+)/.exec(text ?? '');
    return match ? { line: Number(match[1]), column: Number(match[2]) } : undefined;
  }

  /** Screen point of the text cursor in the active editor (to hover the token under it). */
  async cursorPoint() {
    const cursor = this.page.locator('.editor-instance .monaco-editor.focused .cursors-layer .cursor').first();
    const box = await cursor.boundingBox();
    if (!box) throw new Error('no visible text cursor');
    return { x: box.x, y: box.y + box.height / 2 };
  }

  /**
   * Hovers the mouse a few characters right of the cursor (inside the token the cursor was placed
   * at) and returns the hover's text. Falls back to the keyboard hover (Ctrl+K Ctrl+I) when the
   * mouse hover does not show, so a flaky pointer does not hide a working server.
   */
  async hoverAtCursor(expected, timeout = 20_000) {
    const hover = this.page.locator('.monaco-hover:not(.hidden)').filter({ hasText: expected });
    const { x, y } = await this.cursorPoint();
    await this.page.mouse.move(x - 40, y + 60);
    await this.page.mouse.move(x + 12, y, { steps: 4 });
    try {
      await hover.first().waitFor({ state: 'visible', timeout });
    } catch {
      await this.page.keyboard.press('Control+K');
      await this.page.keyboard.press('Control+I');
      await hover.first().waitFor({ state: 'visible', timeout: 10_000 });
    }
    return (await hover.first().textContent()) ?? '';
  }

  /** Ctrl+Space and the labels in the suggest widget. */
  async triggerSuggest(expectedLabel, timeout = 20_000) {
    await this.page.keyboard.press('Control+Space');
    const widget = this.page.locator('.editor-widget.suggest-widget.visible');
    return poll(`the suggest widget to list ${expectedLabel}`, async () => {
      if (!(await widget.isVisible())) return false;
      const labels = await widget.locator('.monaco-list-row .label-name').allTextContents();
      return labels.some((label) => label.includes(expectedLabel)) ? labels : false;
    }, { timeout });
  }

  /**
   * Opens the Problems panel (Ctrl+Shift+M), narrows it to `file` with the panel's own filter box
   * (a `**\/name` glob; the list only renders the rows in view, so without it a problem could be
   * scrolled out of sight, and "it is gone" would pass by accident), and polls its rows until
   * `predicate(rows)` holds. Rows are `{ file, text }`: `file` is the resource row above the
   * marker (file name and folder), `text` the marker row (message, source(code), [Ln N, Col M]).
   */
  async waitForProblems(what, predicate, { file, timeout = 45_000 } = {}) {
    await this.showProblems();
    await this.filterProblems(file ? `**/${file.split('/').pop()}` : '');
    let rows = [];
    try {
      return await poll(what, async () => {
        rows = await this.problemRows();
        return predicate(rows) ? rows : false;
      }, { timeout });
    } catch (error) {
      const seen = rows.map((row) => `${row.file}: ${row.text}`).join(' || ') || 'no problems listed';
      throw new Error(`timed out waiting for ${what}; the Problems panel shows: ${seen}`);
    }
  }

  async filterProblems(filter) {
    const input = this.page.locator('.part.panel').getByPlaceholder(/^Filter \(e\.g\./).first();
    if ((await input.inputValue()) === filter) return;
    const editorHadFocus = await this.page.evaluate(() => !!document.activeElement?.closest('.editor-instance'));
    await input.fill(filter);
    await sleep(400); // the panel applies its filter after a short debounce
    if (editorHadFocus) {
      await this.runCommand('View: Focus Active Editor Group');
      await this.waitForEditorFocus();
    }
  }

  /** Ctrl+Shift+M when the panel is not shown; the keyboard goes back to the editor it was in. */
  async showProblems() {
    const panel = this.page.locator('.markers-panel');
    if (await panel.isVisible()) return;
    const editorHadFocus = await this.page.evaluate(() => !!document.activeElement?.closest('.editor-instance'));
    await this.focusWorkbench();
    await this.page.keyboard.press('Control+Shift+M');
    await panel.waitFor({ state: 'visible' });
    if (editorHadFocus) {
      await this.runCommand('View: Focus Active Editor Group');
      await this.waitForEditorFocus();
    }
  }

  async problemRows() {
    return this.page.locator('.markers-panel .monaco-list-row').evaluateAll((elements) => {
      const rows = [];
      let file = '';
      for (const element of elements) {
        const text = (element.textContent ?? '').replace(/\s+/g, ' ').trim();
        if (element.querySelector('.marker-message-details, .marker-code, .marker-line')) rows.push({ file, text });
        else file = text;
      }
      return rows;
    });
  }

  /**
   * Ctrl+. and the titles in the code action menu; [] when VS Code says "No code actions available".
   */
  async openQuickFixMenu() {
    await this.page.keyboard.press('Control+.');
    const menu = this.page.locator('.action-widget');
    const noActions = this.page.locator('.monaco-editor-overlaymessage').filter({ hasText: /No code actions/i });
    return poll('the code action menu (or "No code actions available")', async () => {
      if (await noActions.isVisible()) return [];
      if (!(await menu.isVisible())) return false;
      const titles = await menu.locator('.monaco-list-row .title').allTextContents();
      return titles.length ? titles : false;
    }, { timeout: 15_000 });
  }

  /**
   * Chooses an action in the open code action menu with the arrow keys and Enter (a mouse click
   * races the menu's pointer shield while it animates in).
   */
  async pickQuickFix(titlePattern) {
    const menu = this.page.locator('.action-widget');
    const rows = await menu.locator('.monaco-list-row').count();
    for (let step = 0; step <= rows; step++) {
      const focused = (await menu.locator('.monaco-list-row.focused').first().getAttribute('aria-label')) ?? '';
      if (titlePattern.test(focused)) {
        await this.page.keyboard.press('Enter');
        await menu.waitFor({ state: 'hidden', timeout: 10_000 });
        return;
      }
      await this.page.keyboard.press('ArrowDown');
    }
    throw new Error(`no code action matching ${titlePattern} in the menu`);
  }

  /** Types into the focused editor, replacing the current line's text. */
  async replaceCurrentLine(text) {
    await this.page.keyboard.press('Home');
    await this.page.keyboard.press('Home'); // twice: the first stops at the indentation
    await this.page.keyboard.press('Shift+End');
    await this.page.keyboard.type(text, { delay: 10 });
  }

  async screenshot(path) {
    await this.page.screenshot({ path, timeout: 15_000 }).catch(() => undefined);
  }
}
