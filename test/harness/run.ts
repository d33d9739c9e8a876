// Runs the integration suite inside a real VS Code extension host (code-server + headless Chromium),
// and the DOM/screenshot UI test. Exits non-zero on any failure; ends every process it started.
//
//   tsx test/harness/run.ts --mode dev     suite against the development folder
//   tsx test/harness/run.ts --mode vsix    suite against the packaged .vsix installed with --install-extension
//   tsx test/harness/run.ts --mode ui      DOM assertions + screenshots on the installed .vsix
//                                          (--grep <regexp> runs only the UI parts it matches: readme, workbench, export…)
//   tsx test/harness/run.ts --mode restricted   the Restricted Mode suite: Workspace Trust on, folder untrusted
//   tsx test/harness/run.ts --mode multiroot    the multi-root suite: a .code-workspace of two folders, one a monorepo
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs, format } from 'node:util';
import { chromium, type Browser, type Page } from 'playwright-core';
import { Chromium, CodeServer, codeServerInstalled, endGroup, installExtension, repoRoot, startChromium, startCodeServer } from './codeServer';
import { runUiTest } from '../ui/workbench.ui';
import { materializeDemo } from '../../scripts/materialize-demo';
import { makeMultirootWorkspace } from './multiroot';

type Mode = 'dev' | 'vsix' | 'ui' | 'restricted' | 'multiroot';

interface SuiteResults {
  tests: number;
  passes: number;
  failures: number;
  pending: number;
  failed: { title: string; error: string }[];
}

const { values } = parseArgs({
  options: {
    mode: { type: 'string', default: 'dev' },
    timeout: { type: 'string', default: '300' },
    vsix: { type: 'string', default: join(repoRoot, 'rotation-ready.vsix') },
    workspace: { type: 'string', default: join(repoRoot, 'demo') },
    grep: { type: 'string' },
  },
});
const mode = values.mode as Mode;
const timeoutMs = Number(values.timeout) * 1000;

const runDir = join(repoRoot, '.test-runs', `${mode}-${Date.now()}`);

async function main(): Promise<number> {
  if (!codeServerInstalled()) {
    console.error('code-server is not installed: run scripts/setup.sh (it installs test/harness/node24 and test/harness/host).');
    return 2;
  }
  mkdirSync(runDir, { recursive: true });
  // A fresh copy of the workspace per run, its synthetic secrets filled in: a test's edit must never reach the fixture.
  const workspace = join(runDir, 'workspace');
  // The multi-root suite opens a .code-workspace file (`?workspace=`) instead of a folder (`?folder=`).
  const opened = mode === 'multiroot' ? { workspace: makeMultirootWorkspace(workspace) } : { folder: workspace };
  if (mode !== 'multiroot') materializeDemo(values.workspace!, workspace);

  if (mode === 'vsix' || mode === 'ui') {
    if (!existsSync(values.vsix!)) {
      console.error(`No packaged extension at ${values.vsix}: run \`npm run package\` first.`);
      return 2;
    }
    await installExtension(values.vsix!, join(runDir, 'ext'), runDir);
  }

  let server: CodeServer | undefined;
  let browserProcess: Chromium | undefined;
  let browser: Browser | undefined;
  const watchdog = setTimeout(() => {
    console.error(`[harness] overall timeout of ${timeoutMs / 1000} s reached; ending processes`);
    void Promise.all([endGroup(browserProcess?.process), endGroup(server?.process)]).finally(() => process.exit(124));
  }, timeoutMs);
  try {
    server = await startCodeServer({
      runDir,
      // Per-user state (host approvals, fingerprint salts, key metadata) stays in the run, never in the machine's own config.
      env: { ROTATION_READY_CONFIG_DIR: join(runDir, 'user-config') },
      userSettings:
        mode === 'ui'
          ? { 'workbench.colorTheme': 'Default Dark Modern' }
          : mode === 'restricted'
            ? { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never', 'security.workspace.trust.untrustedFiles': 'open' }
            : {},
      workspaceTrust: mode === 'restricted',
    });
    browserProcess = await startChromium(runDir);
    browser = await chromium.connectOverCDP(browserProcess.cdpUrl);
    const context = browser.contexts()[0] ?? (await browser.newContext());
    const page = context.pages()[0] ?? (await context.newPage());
    await page.setViewportSize({ width: 1400, height: 900 });
    if (mode === 'ui') {
      const screenshots = join(repoRoot, 'test-artifacts', 'screenshots');
      mkdirSync(screenshots, { recursive: true });
      const readmeWorkspace = join(runDir, 'workspace-readme');
      materializeDemo(values.workspace!, readmeWorkspace);
      // Each part a person's clicks run after the main walk opens its own fresh copy of the demo (test/ui/person/).
      const freshWorkspace = (name: string) => materializeDemo(values.workspace!, join(runDir, `workspace-${name}`)).targetDir;
      await runUiTest(page, { serverUrl: server.url, workspace, screenshots, readmeWorkspace, userData: join(runDir, 'ud'), artifacts: join(repoRoot, 'test-artifacts'), grep: values.grep, freshWorkspace });
      console.log('[harness] UI test passed');
      return 0;
    }
    return await runSuite(page, server, opened);
  } catch (error) {
    console.error(`[harness] ${mode} run failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    if (server) console.error(`[harness] code-server log tail:\n${server.log().slice(-3000)}`);
    return 1;
  } finally {
    clearTimeout(watchdog);
    await browser?.close().catch(() => undefined);
    await Promise.all([endGroup(browserProcess?.process), endGroup(server?.process)]);
  }
}

async function runSuite(page: Page, server: CodeServer, opened: { folder: string } | { workspace: string }): Promise<number> {
  const resultsFile = join(runDir, 'results.json');
  let exitCode: number | undefined;
  const exited = new Promise<number>((done) => {
    void page.exposeFunction('codeAutomationExit', (code: number) => {
      exitCode = code;
      done(code);
    });
  });
  await page.exposeFunction('codeAutomationLog', (_type: string, args: unknown[]) => {
    console.log(format(...(Array.isArray(args) ? args : [args])));
  });
  const authority = `vscode-remote://127.0.0.1:${server.port}`;
  const developmentPath = mode === 'vsix' ? join(repoRoot, 'test/harness/vsix-runner') : repoRoot;
  const extensionEnvironment = {
    RR_TEST_RESULTS: resultsFile,
    RR_TEST_MODE: mode,
    RR_TEST_GREP: values.grep ?? '',
    RR_REPO_ROOT: repoRoot,
    RR_TEST_RUN_DIR: runDir,
    // Per-user state of the CLI the suite runs (host approvals, fingerprint salts) stays in the run.
    ROTATION_READY_CONFIG_DIR: join(runDir, 'user-config'),
  };
  const payload = [
    ['extensionDevelopmentPath', `${authority}${developmentPath}`],
    ['extensionTestsPath', `${authority}${join(repoRoot, 'out/test/integration/index.js')}`],
    ['extensionEnvironment', JSON.stringify(extensionEnvironment)],
    ['skipWelcome', 'true'],
    ['skipReleaseNotes', 'true'],
  ];
  const target = 'folder' in opened ? `folder=${encodeURIComponent(opened.folder)}` : `workspace=${encodeURIComponent(opened.workspace)}`;
  await page.goto(`${server.url}/?${target}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
  await exited;
  // The workbench reports 0 even when the extension host crashed mid-run: trust only the results file.
  if (!existsSync(resultsFile)) {
    console.error('[harness] no results file: the extension host crashed or the suite never ran');
    return 1;
  }
  const results = JSON.parse(readFileSync(resultsFile, 'utf8')) as SuiteResults;
  console.log(`[harness] ${mode}: ${results.passes} passing, ${results.failures} failing, ${results.pending} pending`);
  for (const failure of results.failed) console.error(`[harness] FAILED ${failure.title}\n${failure.error}`);
  if (exitCode !== 0 || results.tests === 0 || results.failures > 0) return 1;
  renameSync(resultsFile, join(runDir, 'results.passed.json'));
  return 0;
}

main().then(
  (code) => {
    if (code === 0 && !process.env.RR_KEEP_RUNS) rmSync(runDir, { recursive: true, force: true });
    process.exit(code);
  },
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
