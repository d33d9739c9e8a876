// What the person-driven UI parts share: the modal dialog's buttons, a webview's frame, the extension's log on
// disk, and the demo's provider simulator on a free port of 127.0.0.1.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { KeyStore, type LiveSlot } from '../../../src/core/keychain/keyStore';
import { KeytarKeychain } from '../../../src/core/keychain/keytar';
import { workspaceIdFor } from '../../../src/core/keychain/workspaceId';
import { keyMetadataFile } from '../../../src/core/workflows/context';
import { loadSimulatorConfig, startSimulator, type Simulator } from '../../../src/simulator/index';

/** The modal dialog that says `text`: its message, after clicking `button` on it. */
export async function answerDialog(page: Page, text: string, button: string): Promise<string> {
  const dialog = page.locator('.monaco-dialog-box').filter({ hasText: text }).first();
  await dialog.waitFor({ timeout: 30_000 });
  const message = await dialog.innerText();
  await dialog.locator('.dialog-buttons .monaco-button', { hasText: button }).first().click();
  await dialog.waitFor({ state: 'hidden' });
  return message;
}

/** The webview frame that holds `selector` (webviews render in nested iframes). */
export async function webviewFrame(page: Page, selector: string, timeoutMs = 60_000): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const frame of page.frames()) {
      if (!/webview|index\.html/.test(frame.url())) continue;
      if (await frame.locator(selector).count().catch(() => 0)) return frame;
    }
    if (Date.now() > deadline) throw new Error(`no webview shows ${selector}`);
    await page.waitForTimeout(250);
  }
}

/** Everything the extension wrote to its log files (the Output channel "Rotation Ready") under code-server's logs. */
export function extensionLogs(userData: string | undefined): string {
  if (!userData) throw new Error('the UI context names no user-data folder: the extension log cannot be read');
  const logs = join(userData, 'logs');
  if (!existsSync(logs)) return '';
  return (readdirSync(logs, { recursive: true }) as string[])
    .filter((f) => f.endsWith('.log') && f.includes('Rotation Ready'))
    .map((f) => readFileSync(join(logs, f), 'utf8'))
    .join('\n');
}

/**
 * The demo's provider simulator (its .simulator.json, synthetic keys filled in) on a free loopback port, and the
 * workspace's .rotation-ready.json pointed at it instead of the fixed port `npm start` uses. Returns the simulator
 * and every key value it knows (what the tests search outputs for).
 */
export async function startDemoSimulator(workspace: string): Promise<{ sim: Simulator; keys: Record<string, Record<string, string>> }> {
  const file = join(workspace, '.simulator.json');
  const { config, errors } = loadSimulatorConfig(readFileSync(file, 'utf8'), file);
  if (errors.length) throw new Error(`${file}: ${errors.map((e) => e.message).join('; ')}`);
  const fixedOrigin = `http://127.0.0.1:${config.port}`;
  const sim = await startSimulator(config, { port: 0 });
  const configFile = join(workspace, '.rotation-ready.json');
  writeFileSync(configFile, readFileSync(configFile, 'utf8').split(fixedOrigin).join(sim.url));
  const keys: Record<string, Record<string, string>> = {};
  for (const service of config.services) keys[service.name] = Object.fromEntries(service.keys.map((k, i) => (typeof k === 'string' ? [String(i), k] : [k.label ?? String(i), k.value])));
  return { sim, keys };
}

/**
 * Puts keys into this workspace's entries of the (private, test/harness) OS keychain, as the Keys sidebar's Add Key…
 * would: the store the extension and the CLI share, its metadata in the run's per-user config folder (run.ts).
 */
export async function addKeys(workspace: string, keys: ReadonlyArray<{ service: string; slot: LiveSlot; value: string }>): Promise<void> {
  const workspaceId = workspaceIdFor(workspace);
  const store = new KeyStore({
    keychain: new KeytarKeychain(),
    workspaceId,
    metadataPath: keyMetadataFile(workspaceId, { ROTATION_READY_CONFIG_DIR: join(dirname(workspace), 'user-config') }),
  });
  for (const key of keys) await store.add({ service: key.service, environment: 'dev' }, key.slot, key.value);
}

/**
 * Fails when any of `values` is in the workbench's DOM, naming where (the innermost element's class path, with the
 * value itself left out of the message). The screen-reader region may repeat text of a file the person opened
 * (`files`: their text), as the workbench does after an Undo ("Context: <text> at line…"): the file's own text,
 * not an output of ours.
 */
export async function assertNoKeyInWorkbench(page: Page, values: readonly string[], files: readonly string[] = []): Promise<void> {
  const found = await page.locator('.monaco-workbench').first().evaluate((root, secrets) => {
    type Node = typeof root;
    const places: Array<{ secret: number; path: string; spoken?: string }> = [];
    secrets.forEach((secret, index) => {
      if (!root.outerHTML.includes(secret)) return;
      let element: Node = root;
      for (let deeper = true; deeper; ) {
        deeper = false;
        for (const child of Array.from(element.children) as Node[]) {
          if (child.outerHTML.includes(secret)) {
            element = child;
            deeper = true;
            break;
          }
        }
      }
      const path: string[] = [];
      for (let e: Node | null = element; e && e !== root && path.length < 8; e = e.parentElement) path.unshift(`${e.tagName.toLowerCase()}${typeof e.className === 'string' && e.className.trim() ? `.${e.className.trim().split(/\s+/).join('.')}` : ''}`);
      const spoken = element.closest('.monaco-aria-container') ? (element.textContent ?? '') : undefined;
      places.push({ secret: index, path: path.join(' > '), ...(spoken !== undefined ? { spoken } : {}) });
    });
    return places;
  }, [...values]);
  // What the screen reader says around the key (the words that hold it) must be the file's own text.
  const fromFile = (spoken: string, secret: string) => spoken.split(/\s+/).filter((word) => word.includes(secret)).every((word) => files.some((file) => file.includes(word)));
  const leaks = found.filter((f) => f.spoken === undefined || !fromFile(f.spoken, values[f.secret]!));
  if (leaks.length) throw new Error(`a key value appears in the workbench: ${leaks.map((f) => `${values[f.secret]!.length}-character key (…${values[f.secret]!.slice(-4)}) in ${f.path}${f.spoken !== undefined ? ` (spoken: ${JSON.stringify(f.spoken.split(values[f.secret]!).join('«key»').slice(0, 300))})` : ''}`).join('; ')}`);
}
