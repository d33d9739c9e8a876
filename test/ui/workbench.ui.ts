// DOM assertions and screenshots on the real workbench with the packaged extension installed.
// Screenshots go to test-artifacts/screenshots (git-ignored), kept by CI as artifacts.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { runAddToKeysUiTest } from './addToKeys.ui';
import { runHistoryHoverUiTest } from './history.ui';
import { runKeysUiTest } from './keys.ui';
import { runReadmeWalk } from './readme.ui';
import { PERSON_PARTS } from './person/index';
import { DEMO_FIRST_FILE, runStartupTest } from './startup.ui';

export interface UiTestContext {
  serverUrl: string;
  workspace: string;
  screenshots: string;
  /** A second fresh copy of the demo, for the README walk (its keys must not meet the seeded ones). */
  readmeWorkspace?: string;
  /** code-server's user-data folder: the logs (start-up milestones) are under logs/. */
  userData?: string;
  /** Where the start-up figures are written (test-artifacts/), kept by CI with the screenshots. */
  artifacts?: string;
  /** Runs only the parts whose name it matches (a regular expression: `readme`, `workbench`, or a part of PERSON_PARTS). */
  grep?: string;
  /** A fresh copy of the demo for one part (its synthetic secrets filled in), under the run's folder. */
  freshWorkspace?: (name: string) => string;
}

const ACTIVITY_ICON = '.part.activitybar a.action-label[aria-label^="Rotation Ready"]';

async function shot(page: Page, context: UiTestContext, name: string): Promise<void> {
  await page.screenshot({ path: join(context.screenshots, `${name}.png`) });
}

export async function quickOpen(page: Page, relativePath: string): Promise<void> {
  const name = relativePath.split('/').pop()!;
  // Anything left open (a quick pick, a hover) would swallow the keystrokes.
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(relativePath);
  // Pick the row for this file, not whichever result happens to come first under load.
  const row = page.locator(`.quick-input-list .monaco-list-row[aria-label*="${name}"]`).first();
  await row.waitFor();
  await row.click();
  await page.locator(`.tabs-container .tab[aria-label*="${name}"]`).first().waitFor({ timeout: 30_000 });
}

/** Opens `folder` in the window; a leftover edit of the folder before is dropped (files.hotExit is off). */
export async function openFolder(page: Page, serverUrl: string, folder: string): Promise<void> {
  const leave = (dialog: { type: () => string; accept: () => Promise<void> }) => void (dialog.type() === 'beforeunload' ? dialog.accept() : undefined);
  page.on('dialog', leave);
  try {
    await page.goto(`${serverUrl}/?folder=${encodeURIComponent(folder)}`);
  } finally {
    page.off('dialog', leave);
  }
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
}

export async function runUiTest(page: Page, context: UiTestContext): Promise<void> {
  const pattern = context.grep ? new RegExp(context.grep) : undefined;
  const wanted = (part: string) => !pattern || pattern.test(part);
  const ran: string[] = [];
  if (context.readmeWorkspace && wanted('readme')) {
    ran.push('readme');
    // First run, as `npm start` opens it: src/config.ts in the editor, timed to its first squiggle (test/ui/startup.ui.ts).
    const skipStart = process.env.RR_UI_SKIP?.split(',').includes('first-run') === true;
    await runStartupTest(page, { ...context, workspace: context.readmeWorkspace }, skipStart, 'cold');
    await page.screenshot({ path: join(context.screenshots, 'readme-0-first-run.png') });
    // RR_UI_ONLY=first-run: only the start-up figures (to measure them several times in a row).
    if (process.env.RR_UI_ONLY !== 'first-run') await runReadmeWalk(page, { ...context, workspace: context.readmeWorkspace });
    // A later start, the compile cache filled by the first: the same first open, in a fresh copy of the demo.
    if (!skipStart && context.freshWorkspace) await runStartupTest(page, { ...context, workspace: context.freshWorkspace('warm-start') }, false, 'warm');
    if (process.env.RR_UI_ONLY === 'first-run' || process.env.RR_UI_ONLY === 'readme') return;
  }
  if (wanted('workbench')) {
    ran.push('workbench');
    await runWorkbenchWalk(page, context);
  }
  // Each a person's clicks on one feature, in a fresh copy of the demo: independent of the walks above and of each other.
  for (const [name, run] of PERSON_PARTS) {
    if (!wanted(name)) continue;
    if (!context.freshWorkspace) throw new Error(`the UI part ${name} needs a fresh workspace (test/harness/run.ts makes them)`);
    ran.push(name);
    // The part opens the folder itself, once it has prepared what a person would find there (a simulator, a setting).
    const workspace = context.freshWorkspace(name);
    const started = Date.now();
    try {
      await run(page, { ...context, workspace });
      console.log(`[harness] UI part ${name}: passed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    } catch (error) {
      // What the person saw when it went wrong (kept with the other screenshots).
      await page.screenshot({ path: join(context.screenshots, `${name}-failure.png`) }).catch(() => undefined);
      throw error;
    }
  }
  // A selection that matches nothing must not pass as a green run.
  if (ran.length === 0) throw new Error(`no UI part matches --grep ${context.grep}: ${['readme', 'workbench', ...PERSON_PARTS.map(([name]) => name)].join(', ')}`);
  console.log(`[harness] UI parts run: ${ran.join(', ')}`);
}

async function runWorkbenchWalk(page: Page, context: UiTestContext): Promise<void> {
  await openFolder(page, context.serverUrl, context.workspace);

  // The activity-bar icon is contributed by the manifest, before activation.
  const icon = page.locator(ACTIVITY_ICON);
  await icon.waitFor({ state: 'visible', timeout: 30_000 });
  assert.equal(await icon.isVisible(), true, 'Rotation Ready activity-bar icon is visible');

  // Opening a demo file activates the extension; the language server draws a squiggle on its secret.
  await quickOpen(page, DEMO_FIRST_FILE);
  await page.locator('.monaco-editor .squiggly-error').first().waitFor({ timeout: 45_000 });

  // `.squiggly-error` alone does not say who drew it: prove it is ours through the Problems panel.
  await page.keyboard.press('Control+Shift+M');
  const ourRow = page.locator('.markers-panel .monaco-list-row[aria-label*="Rotation Ready"]');
  await ourRow.first().waitFor({ timeout: 30_000 });
  const label = (await ourRow.first().getAttribute('aria-label')) ?? '';
  assert.match(label, /Rotation Ready/);
  await shot(page, context, '01-squiggle-and-problems');

  // The mouse on the squiggle: the hover says whether the key is in git history, and its link scans it.
  await runHistoryHoverUiTest(page, context);

  await icon.click();
  // The Keys tree lists the services of the demo's .rotation-ready.json.
  for (const service of ['billing-api', 'maps-api', 'weather-api']) {
    await page.locator(`.sidebar .pane-body .monaco-list-row[aria-label*="${service}"]`).first().waitFor({ timeout: 20_000 });
  }
  await shot(page, context, '02-sidebar');

  // Two services mid-rotation: tree rows and their descriptions (test/ui/keys.ui.ts).
  await runKeysUiTest(page, context);

  // The overview for the README: a single-key call's squiggle beside the sidebar mid-rotation, with the
  // editor scrolled past the hardcoded literal, so the picture shows no key value.
  await quickOpen(page, 'src/clients/billing.ts');
  await page.keyboard.press('Control+G');
  await page.keyboard.type('34');
  await page.keyboard.press('Enter');
  await page.locator('.monaco-editor .squiggly-warning').first().waitFor({ timeout: 30_000 });
  await page.keyboard.press('Control+Shift+M');
  await page.locator('.markers-panel .monaco-list-row[aria-label*="single-key-call"], .markers-panel .monaco-list-row[aria-label*="no fallback"]').first().waitFor({ timeout: 30_000 });
  await shot(page, context, '04-overview');

  // From the squiggle to a rotation: Add to Keys and Rotate… on the demo key (changes src/config.ts, so it comes last).
  await runAddToKeysUiTest(page, context);
}
