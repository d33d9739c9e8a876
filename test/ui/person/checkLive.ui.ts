// *Check if This Key Is Live…* as a person does it (issue 18): Ctrl+. on the demo's Stripe key, the action, the
// host-approval dialog (Cancel: nothing sent; Allow: one read-only probe), the verdict in a notification and in the
// hover, against the bundled provider simulator playing Stripe on 127.0.0.1 — live, then revoked at the provider.
// No key value in a dialog, a notification, the hover, the Output channel or the rest of the workbench.
import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyEdits, modify } from 'jsonc-parser';
import type { Page } from 'playwright-core';
import { presetSimAuth, startSimulator } from '../../../src/simulator/index';
import { runCommand } from '../keys.ui';
import { askUntilShown, codeAction, goTo, notification, positionOf, waitFor } from '../readme.ui';
import { openFolder, quickOpen, type UiTestContext } from '../workbench.ui';
import { answerDialog, assertNoKeyInWorkbench, extensionLogs } from './support';

const FILE = 'src/config.ts';
const SERVICE = 'stripe-live-check';

export async function runCheckLiveUiTest(page: Page, context: UiTestContext): Promise<void> {
  const { workspace } = context;
  const key = positionOf(workspace, FILE, /sk_live_[A-Za-z0-9]+/);
  // The simulator plays Stripe (its preset's endpoint and auth) and knows the demo's key as a valid one.
  const sim = await startSimulator({ services: [{ name: 'stripe', provider: 'stripe', auth: presetSimAuth('stripe'), keys: [{ value: key.text, label: 'demo' }] }] }, { port: 0 });
  const host = new URL(sim.url).host;
  const seen: string[] = [];
  try {
    // The project's Stripe service, its origin the simulator's (a preset's `baseUrl`, as for a proxy).
    const configFile = join(workspace, '.rotation-ready.json');
    const config = readFileSync(configFile, 'utf8');
    const service = { name: SERVICE, provider: 'stripe', baseUrl: sim.serviceUrl('stripe') };
    writeFileSync(configFile, applyEdits(config, modify(config, ['services', -1], service, { isArrayInsertion: true, formattingOptions: { insertSpaces: true, tabSize: 2 } })));

    await openFolder(page, context.serverUrl, workspace);
    await quickOpen(page, FILE);
    const check = async () => {
      await goTo(page, { line: key.line, column: key.column + 3 });
      await codeAction(page, 'Check if This Key Is Live');
    };

    // Cancel in the approval dialog: nothing reaches the simulator, and the person is told so.
    await check();
    seen.push(await answerDialog(page, `Send the keys of "${SERVICE}" to ${host}?`, 'Cancel'));
    const refused = await notification(page, 'nothing was sent');
    seen.push(refused);
    assert.match(refused, new RegExp(`${host.replace(/\./g, '\\.')} is not approved for ${SERVICE}`));
    assert.equal(sim.requestLog.length, 0, 'no request reached the simulator after Cancel');

    // Allow: one read-only request; the verdict "live" in a notification, then in the hover.
    await check();
    const approval = await answerDialog(page, `Send the keys of "${SERVICE}" to ${host}?`, 'Allow');
    seen.push(approval);
    await page.screenshot({ path: join(context.screenshots, 'check-live-1-verdict.png') });
    const live = await notification(page, 'is live');
    seen.push(live);
    // The key by its redacted form (provider and last four) only.
    assert.ok(live.includes(`Stripe…${key.text.slice(-4)} is live: Stripe accepts it. Rotate it now (HTTP 200 from ${host}`), live);
    await waitFor(() => sim.requestLog.length === 1, 'one request at the simulator');
    assert.equal(sim.requestLog[0]!.method, 'GET', 'the check is read-only');
    const hover = page.locator('.monaco-hover:visible').filter({ hasText: 'Live check' }).first();
    await goTo(page, { line: key.line, column: key.column + 3 });
    await askUntilShown(page, ['Control+K', 'Control+I'], hover, 6, 8_000);
    const liveHover = await hover.innerText();
    seen.push(liveHover);
    assert.match(liveHover, /Live check \(.*\): live/, liveHover);
    await page.screenshot({ path: join(context.screenshots, 'check-live-2-hover-live.png') });
    await page.keyboard.press('Escape');

    // The provider revokes the key: checked again, no second question (approved once), the verdict "revoked".
    sim.admin.revokeKey('stripe', { label: 'demo' });
    await check();
    const revoked = await notification(page, 'is revoked');
    seen.push(revoked);
    assert.ok(revoked.includes(`Stripe…${key.text.slice(-4)} is revoked: Stripe refuses it (HTTP 401 from ${host}`), revoked);
    assert.equal(await page.locator('.monaco-dialog-box').count(), 0, 'the approval is not asked again');
    assert.equal(sim.requestLog.length, 2, 'one more request');
    await goTo(page, { line: key.line, column: key.column + 3 });
    const revokedHover = page.locator('.monaco-hover:visible').filter({ hasText: 'revoked' }).first();
    await askUntilShown(page, ['Control+K', 'Control+I'], revokedHover, 6, 8_000);
    seen.push(await revokedHover.innerText());
    await page.keyboard.press('Escape');

    // The Output channel, as Show Log opens it: it records both checks, by redacted form and fingerprint only.
    await runCommand(page, 'Rotation Ready: Show Log');
    const output = page.locator('.part.panel .monaco-editor .view-lines').first();
    await output.filter({ hasText: 'Live check of' }).waitFor({ timeout: 20_000 });
    seen.push(await output.innerText());
    await page.screenshot({ path: join(context.screenshots, 'check-live-3-output.png') });
    const logs = extensionLogs(context.userData);
    assert.equal((logs.match(/Live check of .* through stripe-live-check: (live|revoked)/g) ?? []).length >= 2, true, 'the log file records both checks');
    seen.push(logs);

    // The rest of the workbench, once the editor (the only place the key belongs) is closed.
    await page.locator('.monaco-editor .view-lines').first().click();
    await runCommand(page, 'View: Close All Editors');
    await page.locator('.tabs-container .tab').first().waitFor({ state: 'detached', timeout: 10_000 });
    await assertNoKeyInWorkbench(page, [key.text], [readFileSync(join(workspace, FILE), 'utf8')]);
    for (const text of seen) assert.equal(text.includes(key.text), false, `a key value appears on screen or in the log: ${text.slice(0, 200)}`);
    assert.ok(seen.length >= 8, 'every screen was read');
  } finally {
    await sim.close();
  }
}
