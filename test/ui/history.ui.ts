// The hover of a current key and the git history, as a person sees it: the mouse on the squiggle, the hover's
// link that scans the history, then the hover again naming the commit. The key value never appears in the hover.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { runCommand } from './keys.ui';
import { goTo, positionOf } from './readme.ui';
import { quickOpen, type UiTestContext } from './workbench.ui';

/** Moves the mouse onto the text under the cursor (the squiggled key) until a hover holding `text` shows. */
async function hoverAtCursor(page: Page, text: string): Promise<ReturnType<Page['locator']>> {
  const hover = page.locator('.monaco-hover:visible').filter({ hasText: text }).first();
  for (let attempt = 1; ; attempt++) {
    const cursor = await page.locator('.monaco-editor .cursors-layer .cursor').first().boundingBox();
    assert.ok(cursor, 'the editor cursor is on screen');
    // Off and back on, a few characters right of the cursor: inside the key, on its squiggle.
    await page.mouse.move(cursor.x + 200, cursor.y + 200);
    await page.mouse.move(cursor.x + 20, cursor.y + cursor.height / 2, { steps: 4 });
    try {
      await hover.waitFor({ timeout: 8_000 });
      return hover;
    } catch (error) {
      if (attempt >= 6) throw error;
    }
  }
}

export async function runHistoryHoverUiTest(page: Page, context: UiTestContext): Promise<void> {
  const { workspace } = context;
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=T', '-c', 'commit.gpgsign=false', ...args], { cwd: workspace }).toString().trim();
  git('init', '-q');
  git('add', 'src/config.ts');
  git('commit', '-q', '--no-verify', '-m', 'config with a key');
  const commit = git('rev-parse', 'HEAD').slice(0, 7);
  try {
    await quickOpen(page, 'src/config.ts');
    const stripe = positionOf(workspace, 'src/config.ts', /sk_live_[A-Za-z0-9]+/);
    await goTo(page, { line: stripe.line, column: stripe.column + 3 });
    const before = await hoverAtCursor(page, 'Git history not scanned yet');
    assert.equal((await before.innerText()).includes(stripe.text), false, 'the hover never shows the key');
    await page.screenshot({ path: join(context.screenshots, 'history-1-hover-not-scanned.png') });
    // The hover's own link runs the scan (a trusted command link of ours).
    await before.locator('a', { hasText: 'Scan the git history' }).click();
    await page.locator('.sidebar .pane-body .monaco-list-row[aria-label*="src/config.ts"]').first().waitFor({ timeout: 60_000 });

    await quickOpen(page, 'src/config.ts');
    await goTo(page, { line: stripe.line, column: stripe.column + 3 });
    const after = await hoverAtCursor(page, 'also in git history');
    const text = await after.innerText();
    assert.match(text, new RegExp(`This key is also in git history \\(commit ${commit}, \\d{4}-\\d\\d-\\d\\d, src/config\\.ts\\): rotate it — deleting the line does not revoke it`), text);
    assert.equal(text.includes(stripe.text), false, 'the hover never shows the key');
    await page.screenshot({ path: join(context.screenshots, 'history-2-hover-in-history.png') });
    await page.keyboard.press('Escape');
    // The scan opened our view container; the workbench test goes on by clicking its icon, which must open it.
    await runCommand(page, 'View: Close Primary Side Bar');
    await page.locator('.part.sidebar').waitFor({ state: 'hidden' });
  } finally {
    rmSync(join(workspace, '.git'), { recursive: true, force: true });
  }
}
