// Export of the dry-run report, as a person does it (issue 16.8: "Export saves to the workspace root without asking"):
// a dry-run from the Keys sidebar's button against the demo's simulator, then the report's Export button and the
// command palette. Each asks with the save dialog (code-server's simple file dialog, a quick input): the path typed
// is where the file lands, nothing goes to the workspace root, Escape writes nothing, no file holds a key value.
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Page } from 'playwright-core';
import { runCommand } from '../keys.ui';
import { pickRow, waitFor } from '../readme.ui';
import { openFolder, type UiTestContext } from '../workbench.ui';
import { addKeys, answerDialog, assertNoKeyInWorkbench, startDemoSimulator, webviewFrame } from './support';

/** The save dialog that is open: its path box, after checking it offers `suggested` (the default name). */
async function saveDialog(page: Page, suggested: string): Promise<ReturnType<Page['locator']>> {
  const input = page.locator('.quick-input-widget input').first();
  await input.waitFor({ state: 'visible', timeout: 30_000 });
  const deadline = Date.now() + 15_000;
  while (!(await input.inputValue()).endsWith(suggested)) {
    if (Date.now() > deadline) throw new Error(`the save dialog offers "${await input.inputValue()}", not …${suggested}`);
    await page.waitForTimeout(200);
  }
  return input;
}

/** Types `path` into the open save dialog and clicks OK, as a person does. */
async function saveAs(page: Page, suggested: string, path: string): Promise<void> {
  const input = await saveDialog(page, suggested);
  await input.fill(path);
  // The dialog completes what is typed as it goes (Enter would pick its highlighted row): OK takes the path as typed,
  // once the box shows it. Clicked again if the dialog was still busy with the typing.
  for (let attempt = 1; ; attempt++) {
    assert.equal(await input.inputValue(), path, 'the save dialog keeps the path as typed');
    await page.locator('.quick-input-widget .monaco-button', { hasText: 'OK' }).first().click();
    try {
      await input.waitFor({ state: 'hidden', timeout: 5_000 });
      return;
    } catch (error) {
      if (attempt >= 3) throw error;
    }
  }
}

export async function runExportUiTest(page: Page, context: UiTestContext): Promise<void> {
  const { workspace } = context;
  const chosenDir = dirname(workspace);
  const { sim, keys } = await startDemoSimulator(workspace);
  try {
    // Keys as Add Key… leaves them: every service's primary and fallback (one of them revoked at the simulator).
    await addKeys(workspace, Object.entries(keys).flatMap(([service, k]) => (['primary', 'fallback'] as const).map((slot) => ({ service, slot, value: k[slot]! }))));
    const values = Object.values(keys).flatMap((k) => Object.values(k));

    await openFolder(page, context.serverUrl, workspace);
    // The Keys sidebar's beaker: Run Rotation Dry-Run.
    await page.locator('.part.activitybar a.action-label[aria-label^="Rotation Ready"]').click();
    const keysHeader = page.locator('.part.sidebar .pane-header').filter({ hasText: 'Keys' }).first();
    await keysHeader.hover();
    await keysHeader.locator('.action-label[aria-label^="Run Rotation Dry-Run"]').click();
    // All services selected: Enter runs them; then one approval per service's host.
    await page.locator('.quick-input-widget .quick-input-title').filter({ hasText: 'which services' }).waitFor({ timeout: 30_000 });
    await page.keyboard.press('Enter');
    for (const service of Object.keys(keys)) {
      const asked = await answerDialog(page, `Send the keys of "${service}"`, 'Allow');
      assert.ok(asked.includes(new URL(sim.url).host), `the approval names the simulator's host: ${asked}`);
    }
    const report = await webviewFrame(page, '#export-markdown');
    const reportText = await report.locator('body').innerText();
    for (const service of Object.keys(keys)) assert.ok(reportText.includes(service), `the report shows ${service}`);
    await page.screenshot({ path: join(context.screenshots, 'export-1-report.png') });
    // What is there before the exports (the dry-run itself wrote its audit log under .rotation-ready/).
    const rootBefore = readdirSync(workspace).sort();
    const chosenBefore = readdirSync(chosenDir).sort();

    // The report's own button: the save dialog, the default in the workspace, a path of the person's choosing.
    await report.locator('#export-markdown').click();
    const markdown = join(chosenDir, 'dry-run-chosen-by-person.md');
    const input = await saveDialog(page, 'rotation-dry-run.md');
    assert.equal(await input.inputValue(), join(workspace, 'rotation-dry-run.md'), 'the dialog starts in the workspace with the default name');
    await page.screenshot({ path: join(context.screenshots, 'export-2-save-dialog.png') });
    await saveAs(page, 'rotation-dry-run.md', markdown);
    await waitFor(() => existsSync(markdown), `the report saved where the person typed (${markdown})`);

    // The command palette, cancelled in the save dialog: nothing written. Then again, saved as JSON; once that file
    // is there the cancelled export has long finished, so its absence is proven, not waited for.
    await page.locator('.part.sidebar .title').first().click();
    await runCommand(page, 'Rotation Ready: Export Dry-Run Report');
    await pickRow(page, 'json');
    await saveDialog(page, 'rotation-dry-run.json');
    await page.keyboard.press('Escape');
    await page.locator('.quick-input-widget input').first().waitFor({ state: 'hidden' });
    await runCommand(page, 'Rotation Ready: Export Dry-Run Report');
    await pickRow(page, 'json');
    const json = join(chosenDir, 'dry-run-chosen-by-person.json');
    await saveAs(page, 'rotation-dry-run.json', json);
    await waitFor(() => existsSync(json), `the JSON report saved where the person typed (${json})`);

    assert.deepEqual(readdirSync(workspace).sort(), rootBefore, 'nothing was written to the workspace root');
    assert.deepEqual(readdirSync(chosenDir).sort(), [...chosenBefore, basename(json), basename(markdown)].sort(), 'only the two files the person saved were written');
    const parsed = JSON.parse(readFileSync(json, 'utf8')) as { targets?: Array<{ service: string }> };
    assert.deepEqual([...new Set(parsed.targets?.map((t) => t.service))].sort(), Object.keys(keys).sort(), 'the JSON report lists every service probed');
    for (const file of [markdown, json]) {
      const text = readFileSync(file, 'utf8');
      assert.ok(/rk1:[0-9a-f]{8}/.test(text), `${basename(file)} names keys by fingerprint`);
      for (const value of values) assert.equal(text.includes(value), false, `a key value appears in ${basename(file)}`);
    }
    for (const value of values) assert.equal(reportText.includes(value), false, 'a key value appears in the report');
    await assertNoKeyInWorkbench(page, values);
  } finally {
    await sim.close();
  }
}
