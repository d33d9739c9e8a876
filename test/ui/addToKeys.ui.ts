// Add to Keys and Rotate… as a person does it: Ctrl+. on the demo's Stripe key, the action, the provider pick,
// then the Keys sidebar lists the new service with its primary key and the rotation wizard stands at step 1.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { codeAction, goTo, inputTitled, pickRow, positionOf } from './readme.ui';
import { quickOpen, type UiTestContext } from './workbench.ui';

export async function runAddToKeysUiTest(page: Page, context: UiTestContext): Promise<void> {
  const { workspace } = context;
  // The tree draws only the rows in view: the three demo services collapsed, the new one fits below them.
  const keysHeader = page.locator('.part.sidebar .pane-header').filter({ hasText: 'Keys' }).first();
  await keysHeader.hover();
  await keysHeader.locator('.action-label[aria-label^="Collapse All"]').click();
  await quickOpen(page, 'src/config.ts');
  const stripe = positionOf(workspace, 'src/config.ts', /sk_live_[A-Za-z0-9]+/);
  await goTo(page, { line: stripe.line, column: stripe.column + 3 });
  await codeAction(page, 'Add to Keys and Rotate');

  // The provider pick: the preset that matches the key comes first, marked.
  await inputTitled(page, 'which provider issued this key');
  const first = await page.locator('.quick-input-widget .quick-input-list .monaco-list-row').first().getAttribute('aria-label');
  assert.match(first ?? '', /Stripe.*matches this key/, `first row: ${first}`);
  await page.screenshot({ path: join(context.screenshots, 'add-to-keys-1-provider.png') });
  await pickRow(page, 'matches this key');

  // The rotation wizard at step 1, offering the provider's key page.
  const wizard = await inputTitled(page, 'Step 1 of 5');
  assert.match(wizard.title, /Rotate stripe \(dev\)/);
  await page.locator(`.quick-input-widget .quick-input-list .monaco-list-row[aria-label*="Open Stripe's key page"]`).first().waitFor();

  // The Keys sidebar: the service and its primary key (a fingerprint, never the value).
  const service = page.locator('.sidebar .pane-body .monaco-list-row[aria-level="1"][aria-label*="stripe"]').first();
  await service.waitFor({ timeout: 20_000 });
  // The rows below the service, in order: its environment, then its slots (each row: label and description).
  const stripeRows = async () => {
    const rows = await page.locator('.sidebar .pane-body .monaco-list-row').evaluateAll((elements) =>
      elements.map((e) => ({ level: Number(e.getAttribute('aria-level') ?? 0), label: e.querySelector('.label-name')?.textContent?.trim() ?? '', description: e.querySelector('.label-description')?.textContent?.trim() ?? '' })),
    );
    const start = rows.findIndex((r) => r.level === 1 && r.label === 'stripe');
    const end = rows.findIndex((r, i) => i > start && r.level === 1);
    return start < 0 ? [] : rows.slice(start, end < 0 ? undefined : end);
  };
  let primary: { label: string; description: string } | undefined;
  for (let tries = 0; tries < 40 && !primary?.description.startsWith('rk1:'); tries++) {
    primary = (await stripeRows()).find((r) => r.level === 3 && r.label === 'primary');
    if (!primary?.description.startsWith('rk1:')) await page.waitForTimeout(500);
  }
  assert.match(primary?.description ?? '', /^rk1:/, `the primary of stripe holds a key: ${JSON.stringify(await stripeRows())}`);
  const primaryText = JSON.stringify(primary);
  await page.screenshot({ path: join(context.screenshots, 'add-to-keys-2-wizard-step1.png') });

  const sidebar = await page.locator('.part.sidebar').innerText();
  const quickInput = await page.locator('.quick-input-widget').innerText();
  for (const text of [sidebar, quickInput, primaryText]) assert.equal(text.includes(stripe.text), false, 'no key value in the sidebar or the wizard');
  // The configuration names the preset; the code no longer holds the literal (the editor's text, unsaved).
  assert.match(readFileSync(join(workspace, '.rotation-ready.json'), 'utf8'), /"provider": "stripe"/);
  assert.equal((await page.locator('.monaco-editor .view-lines').first().innerText()).includes(stripe.text), false, 'the literal left the code');
  await page.keyboard.press('Escape');
}
