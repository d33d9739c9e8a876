// The first run of the demo as `npm start` opens it (src/config.ts in the editor), timed: from the workbench being
// shown to the first Rotation Ready squiggle on that file, with the milestones between them read from the logs.
// The figures go to test-artifacts/startup-timings.json (kept by CI). Asserted in every run: our share (activation
// event to squiggle) within its budget; the whole goal (2 s after the workbench) only when asked (issue 16.6).
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

/** The file `npm start` opens on the demo (scripts/start.mjs): it holds a hardcoded key on its first screen. */
export const DEMO_FIRST_FILE = 'src/config.ts';

/**
 * Issue 16.6's goal: the first squiggle within this many ms of the workbench being shown. Not met yet (a quiet machine,
 * 2026-12-07: 6.1 s, of which 2.7 s before code-server's extension host starts; bench/RESULTS.md, "Editor start-up"),
 * so it is asserted only when RR_UI_STARTUP_BUDGET_MS asks for a budget: every run records the figures and says so.
 */
const GOAL_MS = 2_000;

/** The workbench URL that opens `folder` with `file` in the editor, as `npm start` prints it (the payload's `openFile`). */
export function workbenchUrl(serverUrl: string, folder: string, file?: string): string {
  const base = `${serverUrl}/?folder=${encodeURIComponent(folder)}`;
  if (!file) return base;
  const payload = [['openFile', `vscode-remote://${new URL(serverUrl).host}${join(folder, file)}`]];
  return `${base}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

/** Timestamped lines of one of code-server's log files (`2026-12-06 23:46:03.733 [info] …`, local time), from `since` on. */
function logLines(userData: string, nameEnd: string, since = 0): Array<{ at: number; text: string }> {
  const logs = join(userData, 'logs');
  if (!existsSync(logs)) return [];
  const files = (readdirSync(logs, { recursive: true }) as string[]).filter((f) => f.endsWith(nameEnd)).sort();
  return files.flatMap((file) =>
    readFileSync(join(logs, file), 'utf8')
      .split('\n')
      .map((line) => /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d\.\d{3}) \[\w+\] (.*)$/.exec(line))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => ({ at: new Date(`${m[1]}T${m[2]}`).getTime(), text: m[3]! }))
      .filter((line) => line.at >= since),
  );
}

/** Waits until `find` finds a line of the log from `since` on (the extension writes its lines a little after the fact). */
async function waitForLine(userData: string, nameEnd: string, find: RegExp, since: number, timeoutMs = 10_000): Promise<{ at: number; text: string } | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const line = logLines(userData, nameEnd, since).find((l) => find.test(l.text));
    if (line || Date.now() > deadline) return line;
    await new Promise((done) => setTimeout(done, 250));
  }
}

/** The little of the browser's DOM that problemIn reads (this project's types have no DOM library). */
type RowsDocument = { querySelectorAll(selector: string): Iterable<{ getAttribute(name: string): string | null }> };

/** Resolves when the Problems panel lists a Rotation Ready problem under `fileName` (its rows: a file, then its problems). */
async function problemIn(page: Page, fileName: string, timeoutMs: number): Promise<void> {
  await page.waitForFunction(
    (name) => {
      const { document } = globalThis as unknown as { document: RowsDocument };
      let inFile = false;
      for (const row of document.querySelectorAll('.markers-panel .monaco-list-row')) {
        const label = row.getAttribute('aria-label') ?? '';
        if (row.getAttribute('aria-level') === '1') inFile = label.includes(` file ${name} `);
        else if (inFile && label.includes('Rotation Ready')) return true;
      }
      return false;
    },
    fileName,
    { timeout: timeoutMs, polling: 20 },
  );
}

export interface StartupContext {
  serverUrl: string;
  workspace: string;
  /** code-server's user-data folder: the logs are under logs/. */
  userData?: string;
  /** Where startup-timings.json is written (test-artifacts/). */
  artifacts?: string;
}

/**
 * The part of the wait that is ours: from code-server's activation event for the extension to the squiggle on screen
 * (loading our bundle, activate(), the analyzer's process, its code and the compiler, the analysis, the workbench
 * drawing the problem). The 2.7-5 s before it are code-server starting its extension host, which nothing of ours
 * changes (README "Tests", issue 16.6); this share is asserted in every run, with room for a loaded 2-core machine:
 * at a load average of 11-16 on 2 cores (2026-12-07, the analyzer forked at load, the wiring after the first squiggle)
 * it measured 3.7-7.7 s cold and 3.8-5.9 s warm (6.6-8.6 s and 5.4 s before, at a load of 13-15); one warm start, after
 * the README walk at a load of 16.7, took 8.4 s, VS Code calling activate() 2.5 s after loading our code.
 */
const OUR_SHARE_BUDGET_MS = { cold: 9_000, warm: 6_000 };

/** `cold`: the first start after installing (no V8 compile cache yet); `warm`: a later start in the same profile. */
export type StartKind = 'cold' | 'warm';

/**
 * Opens the workspace as `npm start` does and times the first squiggle on its open file: the first start of the run
 * (`cold`) or a later one in a fresh copy of the demo (`warm`: the extension's compile cache filled by the first).
 * Records the figures (startup-timings.json: the cold start's at the top, the warm one's under `warmStart`), asserts
 * that the open file's diagnostics came before the first-open scan's, and the budget of our share; the whole goal
 * (2 s after the workbench) only when RR_UI_STARTUP_BUDGET_MS asks. `skip`: the start is not measured.
 */
export async function runStartupTest(page: Page, context: StartupContext, skip: boolean, kind: StartKind = 'cold'): Promise<void> {
  const loadAtStart = loadavg()[0]!;
  const started = Date.now();
  const leave = (dialog: { type: () => string; accept: () => Promise<void> }) => void (dialog.type() === 'beforeunload' ? dialog.accept() : undefined);
  page.on('dialog', leave);
  try {
    await page.goto(workbenchUrl(context.serverUrl, context.workspace, DEMO_FIRST_FILE));
  } finally {
    page.off('dialog', leave);
  }
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  const workbenchReady = Date.now();
  await page.keyboard.press('Control+Shift+M');
  // The shortcut toggles: a window that restored the panel open has just closed it.
  if (!skip && !(await page.locator('.markers-panel').waitFor({ timeout: 2_000 }).then(() => true, () => false))) await page.keyboard.press('Control+Shift+M');
  if (skip) {
    await page.keyboard.press('Control+Shift+M');
    return;
  }
  const fileName = DEMO_FIRST_FILE.split('/').pop()!;
  await problemIn(page, fileName, 60_000);
  const firstSquiggle = Date.now();

  // Milestones from the logs of this start, in ms after the workbench was shown. A log file's first lines carry the
  // time they were written, not said (code-server buffers them until the file is open): the start-up lines say their own times.
  const after = (line: { at: number } | undefined) => (line ? line.at - workbenchReady : null);
  const said = (line: { text: string } | undefined, re: RegExp, plus = 0) => {
    const iso = line && re.exec(line.text)?.[1];
    return iso ? new Date(iso).getTime() + plus - workbenchReady : null;
  };
  const ud = context.userData;
  const ours = ud ? await waitForLine(ud, 'Rotation Ready.log', / active \(.*activated in \d+ ms/, started) : undefined;
  const serverFirst = ud ? await waitForLine(ud, 'Rotation Ready.log', new RegExp(`start-up: server process started.*; ${DEMO_FIRST_FILE.replace(/[.]/g, '\\.')}'s diagnostics published`), started) : undefined;
  // The first-open scan lists the other files' findings (README: "opens with its findings already in the Problems panel").
  const scanned = ud ? await waitForLine(ud, 'Rotation Ready.log', /^Scanned \d+ files/, started, 60_000) : undefined;
  const scanAsked = ud ? logLines(ud, 'Rotation Ready.log', started).find((l) => /First opening of this folder/.test(l.text)) : undefined;
  const serverScan = ud ? logLines(ud, 'Rotation Ready.log', started).find((l) => /start-up: the first workspace scan started/.test(l.text)) : undefined;
  // In the server's own clock (ms since its process started): CPU-independent order of the two.
  const serverMs = (line: { text: string } | undefined, re: RegExp) => (line ? Number(re.exec(line.text)?.[1]) : NaN);
  const publishedMs = serverMs(serverFirst, /diagnostics published at (\d+) ms/);
  const scanStartMs = serverMs(serverScan, /scan started at (\d+) ms/);
  const host = ud ? logLines(ud, 'remoteexthost.log', started) : [];
  const serverStart = said(serverFirst, /server process started at (\S+);/);
  const fromServer = (re: RegExp) => (serverStart === null || !serverFirst ? null : serverStart + Number(re.exec(serverFirst.text)?.[1]));
  const activationEvent = after(host.find((l) => /_doActivateExtension rotation-ready\.rotation-ready\b/.test(l.text)));
  const figures = {
    start: kind,
    workbenchReadyMs: workbenchReady - started,
    firstSquiggleAfterWorkbenchMs: firstSquiggle - workbenchReady,
    // Our share: from code-server's activation event for the extension to the squiggle on screen.
    firstSquiggleAfterActivationEventMs: activationEvent === null ? null : firstSquiggle - workbenchReady - activationEvent,
    openFileBeforeScan: publishedMs < scanStartMs,
    milestonesAfterWorkbenchMs: {
      extensionHostStarted: after(host.find((l) => /Extension host with pid \d+ started/.test(l.text))),
      activationEvent,
      extensionCodeLoading: said(ours, /began loading at (\S+),/),
      // VS Code calls activate() once it has read the extension's stored state: "code loaded in" counts up to that call.
      activateCalled: said(ours, /began loading at (\S+),/, Number(/code loaded in (\d+) ms/.exec(ours?.text ?? '')?.[1] ?? NaN)),
      serverProcessStarted: serverStart,
      serverInitialized: fromServer(/initialized at (\d+) ms/),
      firstDocumentOpenedInServer: fromServer(/first document opened at (\d+) ms/),
      firstDiagnosticsPublished: fromServer(/diagnostics published at (\d+) ms/),
      activated: after(ours),
      firstOpenScanAsked: after(scanAsked),
      firstOpenScanDone: after(scanned),
    },
    extensionStartup: ours?.text.replace(/^.*?Rotation Ready /, 'Rotation Ready ') ?? null,
    serverStartup: serverFirst?.text ?? null,
    loadAverage: loadavg(),
    loadAverageAtStart: loadAtStart,
    cores: availableParallelism(),
    measuredAt: new Date().toISOString(),
  };
  console.log(`[harness] ${kind} start (${DEMO_FIRST_FILE} open, as npm start opens it): ${JSON.stringify(figures)}`);
  if (context.artifacts) {
    mkdirSync(context.artifacts, { recursive: true });
    const file = join(context.artifacts, 'startup-timings.json');
    // The cold start begins the file; the warm one, measured later in the run, is added to it.
    const written = kind === 'warm' && existsSync(file) ? { ...(JSON.parse(readFileSync(file, 'utf8')) as object), warmStart: figures } : figures;
    writeFileSync(file, `${JSON.stringify(written, null, 2)}\n`);
  }
  if (ud) assert.ok(figures.openFileBeforeScan, `${DEMO_FIRST_FILE}'s diagnostics must be published before the first-open scan starts: ${JSON.stringify(figures)}`);
  const load = `load average ${loadAtStart.toFixed(1)} on ${availableParallelism()} cores when the run began`;
  if (ud) {
    // The analyzer's Node.js starts while VS Code prepares the extension's activation, not after (src/extension/boot.ts).
    const { serverProcessStarted, activateCalled } = figures.milestonesAfterWorkbenchMs;
    assert.ok(serverProcessStarted !== null && activateCalled !== null && serverProcessStarted < activateCalled, `${kind} start: the analyzer's process must start before activate() is called: ${JSON.stringify(figures)}`);
    const share = figures.firstSquiggleAfterActivationEventMs;
    assert.ok(share !== null && share <= OUR_SHARE_BUDGET_MS[kind], `${kind} start: the first squiggle came ${share} ms after code-server's activation event for the extension (budget ${OUR_SHARE_BUDGET_MS[kind]} ms, ${load}): ${JSON.stringify(figures)}`);
  }
  const asked = process.env.RR_UI_STARTUP_BUDGET_MS;
  const budget = Number(asked ?? 0);
  if (asked === undefined) {
    console.log(`[harness] ${kind} start: the goal of ${GOAL_MS} ms after the workbench is NOT asserted (${figures.firstSquiggleAfterWorkbenchMs} ms here, of which ${figures.milestonesAfterWorkbenchMs.activationEvent} ms before code-server's activation event); RR_UI_STARTUP_BUDGET_MS=${GOAL_MS} asserts it`);
  } else if (budget > 0) {
    assert.ok(figures.firstSquiggleAfterWorkbenchMs <= budget, `${kind} start: the first squiggle came ${figures.firstSquiggleAfterWorkbenchMs} ms after the workbench was shown (budget ${budget} ms, ${load}): ${JSON.stringify(figures)}`);
  }
}
