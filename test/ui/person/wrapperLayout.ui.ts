// The wrapper's layout in the editor (issue 16: "the rewritten line is ~150 characters and unformatted"; "no in-host
// layout check"): Make Rotation Ready (the preferred Ctrl+. action on a single-key call) applied through its preview
// under the editor's ruler, saved, read from the disk. Under a wide ruler the wrapped call stays on one line; under a
// narrower one it breaks one argument a line, every line within the ruler, indented one level, closed at the
// statement's indentation. The ruler is changed in between as a person does (settings.json), seen on screen.
import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { codeAction, goTo, hideNotifications, inputTitled, notificationItem, positionOf, waitFor } from '../readme.ui';
import { openFolder, quickOpen, type UiTestContext } from '../workbench.ui';

const INDENT = '  ';

function setRuler(workspace: string, column: number): void {
  mkdirSync(join(workspace, '.vscode'), { recursive: true });
  writeFileSync(join(workspace, '.vscode/settings.json'), `${JSON.stringify({ 'editor.rulers': [column] }, null, 2)}\n`);
}

/** Where the active editor draws its ruler (px from the text's left edge, whatever the scroll), once it draws one. */
async function rulerLeft(page: Page): Promise<number> {
  const ruler = page.locator('.editor-group-container.active .monaco-editor .view-ruler').first();
  await ruler.waitFor({ state: 'attached', timeout: 20_000 });
  return ruler.evaluate((e) => parseFloat(e.style.left));
}

/** Make Rotation Ready on the first call of `file` that sends a key, applied through the preview, then saved. */
async function makeRotationReady(page: Page, workspace: string, file: string, call: string): Promise<string> {
  const before = readFileSync(join(workspace, file), 'utf8');
  await quickOpen(page, file);
  const at = positionOf(workspace, file, call);
  await goTo(page, { line: at.line, column: at.column + 1 });
  await codeAction(page, 'Make Rotation Ready', { first: true });
  await inputTitled(page, 'Make Rotation Ready');
  await page.keyboard.press('Enter');
  const preview = await notificationItem(page, 'review the change');
  await preview.locator('.monaco-button:has-text("Apply")').click();
  await hideNotifications(page);
  // Applied, the preview closes: the person is back in the file.
  await page.locator('.tabs-container .tab').filter({ hasText: '(preview)' }).first().waitFor({ state: 'detached', timeout: 15_000 });
  const editor = page.locator('.monaco-editor .view-lines').first();
  await editor.filter({ hasText: 'withKeyFallback' }).waitFor({ timeout: 20_000 });
  await editor.click();
  await page.keyboard.press('Control+S');
  await waitFor(() => readFileSync(join(workspace, file), 'utf8') !== before && readFileSync(join(workspace, file), 'utf8').includes('await withKeyFallback('), `${file} saved with the wrapper`);
  return readFileSync(join(workspace, file), 'utf8');
}

interface WrappedCall {
  lines: string[];
  /** The statement's own indentation. */
  base: string;
}

/** Every wrapped call statement in `text`: from the line that opens `withKeyFallback(` to the line that closes it. */
function wrappedCalls(text: string): WrappedCall[] {
  const lines = text.split('\n');
  const calls: WrappedCall[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!/await withKeyFallback\(/.test(lines[i]!)) continue;
    const base = /^[ \t]*/.exec(lines[i]!)![0];
    let depth = 0;
    let end = i;
    for (let j = i; j < lines.length; j++) {
      for (const ch of lines[j]!.replace(/(['"`]).*?\1/g, '')) depth += ch === '(' ? 1 : ch === ')' ? -1 : 0;
      end = j;
      if (depth <= 0) break;
    }
    calls.push({ lines: lines.slice(i, end + 1), base });
  }
  return calls;
}

export async function runWrapperLayoutUiTest(page: Page, context: UiTestContext): Promise<void> {
  const { workspace } = context;
  const shot = (name: string) => page.screenshot({ path: join(context.screenshots, `wrapper-layout-${name}.png`) });
  // A wide ruler first: the OpenAI call of support.ts, wrapped, still fits on one line (152 columns).
  const wide = 160;
  setRuler(workspace, wide);
  await openFolder(page, context.serverUrl, workspace);
  const oneLine = wrappedCalls(await makeRotationReady(page, workspace, 'src/clients/support.ts', 'fetch('));
  assert.equal(oneLine.length, 1, 'support.ts has one wrapped call');
  const [call] = oneLine;
  assert.match(call!.lines[0]!, /await withKeyFallback\(\{ service: '[\w-]+', envName: '[A-Z_]+' \}, \(key\) => fetch\(/, `under a ${wide}-column ruler the call stays on one line:\n${call!.lines.join('\n')}`);
  assert.ok(call!.lines[0]!.length <= wide && call!.lines[0]!.length > 100, `the line (${call!.lines[0]!.length} columns) fits the ruler, past the default of 100`);
  await shot('1-wide-ruler');

  // A 120-column ruler, set while the window is open: the editor moves its ruler, the next fix breaks the call.
  const wideLeft = await rulerLeft(page);
  const narrow = 120;
  setRuler(workspace, narrow);
  await quickOpen(page, 'src/clients/billing.ts');
  const deadline = Date.now() + 30_000;
  while ((await rulerLeft(page)) >= wideLeft) {
    if (Date.now() > deadline) throw new Error(`the editor did not move its ruler to column ${narrow}`);
    await page.waitForTimeout(250);
  }
  const original = readFileSync(join(workspace, 'src/clients/billing.ts'), 'utf8');
  const broken = wrappedCalls(await makeRotationReady(page, workspace, 'src/clients/billing.ts', 'fetch('));
  assert.equal(broken.length, 2, 'billing.ts has two wrapped calls (pingBilling and createCharge)');
  for (const { lines, base } of broken) {
    const shown = lines.join('\n');
    for (const line of lines) assert.ok(line.length <= narrow, `a line of the wrapped call passes the ${narrow}-column ruler (${line.length}):\n${shown}`);
    // One argument a line, one level deeper than the statement; closed at the statement's indentation.
    assert.match(lines[0]!, /await withKeyFallback\($/, shown);
    assert.match(lines[1]!, new RegExp(`^${base}${INDENT}\\{ service: 'billing-api', envName: '[A-Z_]+' \\},$`), shown);
    assert.ok(lines[2]!.startsWith(`${base}${INDENT}(key) => fetch(`), shown);
    assert.equal(lines.at(-1), `${base});`, shown);
    assert.equal(lines.at(-2), `${base}${INDENT}}),`, shown);
    // The call's own lines, moved one level in and otherwise as they were (trailing spaces none).
    for (const line of lines.slice(3, -2)) {
      assert.ok(line.startsWith(`${base}${INDENT}${INDENT}`), `indented inside the callback: ${JSON.stringify(line)}`);
      const own = line.slice(INDENT.length).replace(/\$\{key\}/, '${billingApiKey}');
      assert.ok(original.split('\n').includes(own), `a line of the call as it was, one level in: ${JSON.stringify(line)}`);
      assert.equal(/\s$/.test(line), false, `no trailing whitespace: ${JSON.stringify(line)}`);
    }
  }
  await shot('2-ruler-120');
}
