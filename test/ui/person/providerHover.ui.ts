// A key only its name identifies, hovered as a person does (issue 17): the mouse on the squiggle of a UUID under
// `postmarkServerToken` and of 32 hex under `DATADOG_API_KEY` in a .env file; the hover names the provider and links
// its rotation page (Finding.rotationUrl for a generic finding named for a provider, the provider rule's page for
// Datadog). The values are made here, fresh each run, and never appear in the hover.
import * as assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { providerNames } from '../../../src/core/rules/providerNames';
import { ruleById } from '../../../src/core/rules/index';
import { goTo, positionOf } from '../readme.ui';
import { openFolder, quickOpen, type UiTestContext } from '../workbench.ui';
import { assertNoKeyInWorkbench } from './support';

interface Case {
  file: string;
  text: string;
  value: string;
  provider: string;
  rotationUrl: string;
}

/**
 * Puts the cursor in the key, then moves the mouse off and onto the text there (the squiggled key), as a person
 * does, until our hover naming `provider` shows; asked again while the analyzer starts.
 */
async function hoverKey(page: Page, at: { line: number; column: number }, provider: string): Promise<ReturnType<Page['locator']>> {
  const hover = page.locator('.monaco-hover:visible').filter({ hasText: 'Rotation Ready' }).filter({ hasText: `Rotate at ${provider}` }).first();
  for (let attempt = 1; ; attempt++) {
    await goTo(page, { line: at.line, column: at.column + 4 });
    const cursor = await page.locator('.monaco-editor .cursors-layer .cursor').first().boundingBox();
    assert.ok(cursor, 'the editor cursor is on screen');
    await page.mouse.move(cursor.x + 300, cursor.y + 300);
    await page.mouse.move(cursor.x + 12, cursor.y + cursor.height / 2, { steps: 4 });
    try {
      await hover.waitFor({ timeout: 8_000 });
      return hover;
    } catch (error) {
      if (attempt >= 6) throw error;
    }
  }
}

export async function runProviderHoverUiTest(page: Page, context: UiTestContext): Promise<void> {
  const { workspace } = context;
  const postmark = providerNames.find((p) => p.provider === 'Postmark');
  const datadog = ruleById('datadog-api-key');
  assert.ok(postmark?.rotationUrl && datadog?.rotationUrl, 'the expected rotation pages come from the rule tables');
  const cases: Case[] = [
    { file: 'src/notifications.ts', text: `export const postmarkServerToken = '${randomUUID()}';\n`, value: '', provider: 'Postmark', rotationUrl: postmark.rotationUrl },
    { file: '.env.monitoring', text: `DATADOG_API_KEY=${randomBytes(16).toString('hex')}\n`, value: '', provider: datadog.provider, rotationUrl: datadog.rotationUrl },
  ];
  for (const c of cases) {
    mkdirSync(join(workspace, c.file, '..'), { recursive: true });
    writeFileSync(join(workspace, c.file), c.text);
    c.value = /'([^']+)'|=(\S+)/.exec(c.text)!.slice(1).find(Boolean)!;
  }

  await openFolder(page, context.serverUrl, workspace);
  for (const c of cases) {
    await quickOpen(page, c.file);
    const hover = await hoverKey(page, positionOf(workspace, c.file, c.value), c.provider);
    const text = await hover.innerText();
    // The key as the hover shows it (redacted, under its provider's name) and the link's title name the provider.
    assert.ok(text.includes(`Key: ${c.provider}…${c.value.slice(-4)}`), `the hover names the key ${c.provider}'s: ${text}`);
    assert.ok(text.includes(`Rotate at ${c.provider}`), `the hover names ${c.provider}: ${text}`);
    // The link as the workbench renders it: a Markdown link's target is kept in data-href (clicks go through the opener).
    const link = hover.locator('a', { hasText: `Rotate at ${c.provider}` }).first();
    assert.equal(await link.count(), 1, `the hover links ${c.provider}'s rotation page`);
    const href = (await link.getAttribute('data-href')) || (await link.getAttribute('href'));
    assert.equal(href, c.rotationUrl, `the link opens ${c.provider}'s rotation page`);
    assert.equal(text.includes(c.value), false, 'the hover never shows the key');
    await page.screenshot({ path: join(context.screenshots, `provider-hover-${c.provider.toLowerCase()}.png`) });
    await page.keyboard.press('Escape');
  }
  // No key value anywhere but the files' own text (the editors, closed first).
  await page.keyboard.press('Control+K');
  await page.keyboard.press('W');
  await page.locator('.tabs-container .tab').first().waitFor({ state: 'detached', timeout: 10_000 });
  await assertNoKeyInWorkbench(page, cases.map((c) => c.value), cases.map((c) => c.text));
}
