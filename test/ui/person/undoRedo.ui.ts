// Undo and Redo of *Move secret to environment variable*, as a person does it: Ctrl+. on a hardcoded key, the name
// accepted, Ctrl+S; Ctrl+Z and Ctrl+S bring the file and .env.example back while the value stays secured in .env;
// Ctrl+Shift+Z and Ctrl+S bring the fix back, byte for byte. Every state is read from the disk.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import type { Page } from 'playwright-core';
import { codeAction, goTo, inputTitled, notification, positionOf, waitFor } from '../readme.ui';
import { openFolder, quickOpen, type UiTestContext } from '../workbench.ui';
import { assertNoKeyInWorkbench } from './support';

const FILE = 'src/config.ts';

/**
 * Clicks into the editor (where a person's Ctrl+Z goes), presses `keys`, waits until the editor shows `shown` (an
 * undo that touches other files completes asynchronously), then saves with Ctrl+S.
 */
async function pressInEditor(page: Page, keys: string, shown: RegExp): Promise<void> {
  await page.keyboard.press('Escape');
  const editor = page.locator('.monaco-editor .view-lines').first();
  await editor.click();
  if (keys) await page.keyboard.press(keys);
  await editor.filter({ hasText: shown }).waitFor({ timeout: 15_000 });
  await page.keyboard.press('Control+S');
}

export async function runUndoRedoUiTest(page: Page, context: UiTestContext): Promise<void> {
  const { workspace } = context;
  const read = (relative: string) => (existsSync(join(workspace, relative)) ? readFileSync(join(workspace, relative), 'utf8') : '');
  const stored = (name: string) => parseEnv(read('.env'))[name];
  const shot = (name: string) => page.screenshot({ path: join(context.screenshots, `undo-redo-${name}.png`) });
  const original = read(FILE);
  const exampleBefore = read('.env.example');
  // The AWS access key of the receipt archive: its variable is not in the demo's .env.example yet, so the fix adds it.
  const key = positionOf(workspace, FILE, /AKIA[A-Z2-7]{16}/);
  const helpersBefore = new Set(['src/requireEnv.ts', 'src/requireEnv.js'].filter((f) => existsSync(join(workspace, f))));

  await openFolder(page, context.serverUrl, workspace);
  await quickOpen(page, FILE);
  await goTo(page, { line: key.line, column: key.column + 3 });
  await codeAction(page, 'Move secret to environment variable');
  await inputTitled(page, 'Move secret to environment variable');
  const name = (await page.locator('.quick-input-widget input').first().inputValue()).trim();
  assert.match(name, /^[A-Z][A-Z0-9_]*$/, `the proposed variable name: ${name}`);
  assert.equal(exampleBefore.split('\n').some((l) => l.startsWith(`${name}=`)), false, `${name} is not in .env.example before the fix`);
  await page.keyboard.press('Enter');
  const said = await notification(page, 'The value is stored');
  assert.equal(said.includes(key.text), false, 'the notification never shows the key');

  // Forward: the key in .env (read back), NAME= in .env.example, the file reads the variable.
  await waitFor(() => stored(name) === key.text, `${name} holding the key in .env`);
  const reads = new RegExp(`requireEnv\\(['"]${name}['"]\\)`);
  await pressInEditor(page, '', reads);
  await waitFor(() => !read(FILE).includes(key.text), `${FILE} saved without the key`);
  const fixed = read(FILE);
  assert.match(fixed, reads, 'the file reads the variable');
  const exampleFixed = read('.env.example');
  assert.ok(exampleFixed.split('\n').includes(`${name}=`), `.env.example lists ${name}=`);
  const helpersFixed = ['src/requireEnv.ts', 'src/requireEnv.js'].filter((f) => existsSync(join(workspace, f)));
  await shot('1-fixed');

  // Ctrl+Z: the file and .env.example as they were; the value stays secured in .env (nothing lost).
  const literal = new RegExp(key.text.slice(0, 12));
  await pressInEditor(page, 'Control+Z', literal);
  await waitFor(() => read(FILE) === original, `${FILE} back to its text before the fix after Ctrl+Z`);
  await waitFor(() => read('.env.example') === exampleBefore, `.env.example back to its text before the fix after Ctrl+Z (no ${name}= left)`);
  assert.equal(stored(name), key.text, 'the value stays secured in .env after Undo');
  await shot('2-undone');

  // Ctrl+Shift+Z: the fix again, byte for byte, with its .env.example line; the value still in .env.
  await pressInEditor(page, 'Control+Shift+Z', reads);
  await waitFor(() => read(FILE) === fixed, `${FILE} fixed again after Ctrl+Shift+Z`);
  await waitFor(() => read('.env.example') === exampleFixed, `.env.example lists ${name}= again after Redo`);
  assert.equal(stored(name), key.text, 'the value is still secured in .env after Redo');
  for (const helper of helpersFixed) assert.ok(existsSync(join(workspace, helper)), `${helper}, which the fixed file imports, exists after Redo`);
  assert.ok(helpersFixed.length > 0 || helpersBefore.size > 0, 'the requireEnv helper the fix reads through exists');
  await shot('3-redone');

  // No key value on screen but the file's own text (the editor, closed first; the screen reader's echo of its lines).
  await page.keyboard.press('Control+K');
  await page.keyboard.press('W');
  await page.locator('.tabs-container .tab').first().waitFor({ state: 'detached', timeout: 10_000 });
  await assertNoKeyInWorkbench(page, [key.text], [original]);
}
