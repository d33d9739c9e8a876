// The Keys sidebar with two services mid-rotation: real keychain entries and metadata made through
// the core (KeyStore + RotationMachine, as the sidebar's commands would), then DOM assertions on the
// tree rows and their descriptions, a screenshot, and a search of the sidebar for the key values.
import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import type { Page } from 'playwright-core';
import { KeyStore } from '../../src/core/keychain/keyStore';
import { KeytarKeychain } from '../../src/core/keychain/keytar';
import { workspaceIdFor } from '../../src/core/keychain/workspaceId';
import { keyMetadataFile } from '../../src/core/workflows/context';
import { RotationMachine } from '../../src/core/rotation/index';
import type { UiTestContext } from './workbench.ui';

interface Row {
  label: string;
  description: string;
  ariaLabel: string;
  level: number;
}

/** Seeds billing-api at step 3 (new key added as fallback) and maps-api at step 5 (promoted), weather-api idle. */
async function seed(context: UiTestContext): Promise<string[]> {
  const key = (name: string) => `rrui_${name}_${randomBytes(16).toString('hex')}`;
  const values = { billingOld: key('billing_old'), billingNew: key('billing_new'), mapsOld: key('maps_old'), mapsNew: key('maps_new'), weather: key('weather') };
  // The key metadata the Keys sidebar and the CLI share, in the run's per-user config folder (test/harness/run.ts).
  const workspaceId = workspaceIdFor(context.workspace);
  const store = new KeyStore({
    keychain: new KeytarKeychain(),
    workspaceId,
    metadataPath: keyMetadataFile(workspaceId, { ROTATION_READY_CONFIG_DIR: join(dirname(context.workspace), 'user-config') }),
  });
  const machine = new RotationMachine(store);
  const billing = { service: 'billing-api', environment: 'dev' };
  const maps = { service: 'maps-api', environment: 'dev' };
  const weather = { service: 'weather-api', environment: 'dev' };
  await store.add(billing, 'primary', values.billingOld);
  await store.recordValidation(billing, 'primary', { ok: true, outcome: 'valid', detail: 'HTTP 200' });
  await machine.start(billing);
  await machine.addNewKey(billing, values.billingNew);

  await store.add(maps, 'primary', values.mapsOld);
  await machine.start(maps);
  await machine.addNewKey(maps, values.mapsNew);
  await machine.markDeployed(maps);
  await machine.promote(maps, { validate: async () => ({ ok: true, outcome: 'valid', detail: 'HTTP 200' }) });

  await store.add(weather, 'primary', values.weather);
  await store.recordValidation(weather, 'primary', { ok: false, outcome: 'rejected', detail: 'HTTP 401' });
  return Object.values(values);
}

async function rows(page: Page): Promise<Row[]> {
  return page.locator('.sidebar .pane-body .monaco-list-row').evaluateAll((elements) =>
    elements.map((e) => ({
      label: e.querySelector('.label-name')?.textContent?.trim() ?? '',
      description: e.querySelector('.label-description')?.textContent?.trim() ?? '',
      ariaLabel: e.getAttribute('aria-label') ?? '',
      level: Number(e.getAttribute('aria-level') ?? 0),
    })),
  );
}

/** The rows of one service: the service row and everything nested under it, in order. */
function serviceRows(all: Row[], service: string): Row[] {
  const start = all.findIndex((r) => r.level === 1 && r.label === service);
  assert.ok(start >= 0, `a row for ${service}; rows: ${JSON.stringify(all.map((r) => r.label))}`);
  const end = all.findIndex((r, i) => i > start && r.level === 1);
  return all.slice(start, end < 0 ? undefined : end);
}

export async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${title}`);
  await page.locator(`.quick-input-list .monaco-list-row[aria-label*="${title}"]`).first().waitFor();
  await page.keyboard.press('Enter');
}

export async function runKeysUiTest(page: Page, context: UiTestContext): Promise<void> {
  const values = await seed(context);
  // The sidebar re-reads key metadata whenever the configuration is reloaded.
  await runCommand(page, 'Rotation Ready: Refresh Services');
  const rotationRow = page.locator('.sidebar .pane-body .monaco-list-row[aria-label*="Rotation: step 5 of 5"]');
  await rotationRow.first().waitFor({ timeout: 20_000 });

  const all = await rows(page);
  const billing = serviceRows(all, 'billing-api');
  assert.match(billing[0]!.description, /^dev: rotating, step 3 of 5 · 127\.0\.0\.1:\d+$/);
  assert.deepEqual(
    billing.slice(1).map((r) => r.label),
    ['dev', 'Rotation: step 3 of 5', 'primary', 'fallback'],
  );
  assert.equal(billing[1]!.description, 'rotating · step 3 of 5');
  assert.equal(billing[2]!.description, 'next: Deploy it to dev');
  assert.match(billing[3]!.description, /^rk1:[0-9a-f]{8}… · \d+ s · valid \d+ s ago · BILLING_API_KEY_PRIMARY$/);
  assert.match(billing[4]!.description, /^rk1:[0-9a-f]{8}… · \d+ s · not validated · BILLING_API_KEY_FALLBACK$/);

  const maps = serviceRows(all, 'maps-api');
  assert.match(maps[0]!.description, /^dev: rotating, step 5 of 5 · /);
  assert.deepEqual(
    maps.slice(1).map((r) => r.label),
    ['dev', 'Rotation: step 5 of 5', 'primary', 'fallback', 'previous'],
  );
  assert.equal(maps[2]!.description, 'next: Remove the old key');
  assert.match(maps[3]!.description, /valid \d+ s ago · MAPS_API_KEY_PRIMARY$/, 'the promoted key was validated');
  assert.equal(maps[4]!.description, 'empty · MAPS_API_KEY_FALLBACK');
  assert.match(maps[5]!.description, /^rk1:[0-9a-f]{8}… · \d+ s · not validated$/, 'the old key waits in previous');

  const weather = serviceRows(all, 'weather-api');
  assert.doesNotMatch(weather[0]!.description, /rotating/);
  assert.match(weather[2]!.description, /rejected \d+ s ago · WEATHER_API_KEY_PRIMARY$/);

  // The view says which keychain holds the keys.
  const header = (await page.locator('.sidebar .pane-header').filter({ hasText: 'Keys' }).first().innerText()).replace(/\s+/g, ' ');
  assert.match(header, /OS keychain/);
  await page.locator('.sidebar').screenshot({ path: join(context.screenshots, '03-keys-mid-rotation.png') });

  const sidebar = await page.locator('.sidebar').innerHTML();
  for (const value of values) assert.equal(sidebar.includes(value), false, 'a key value appears in the sidebar');
}
