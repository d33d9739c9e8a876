// Runs the same integration suite on a desktop VS Code via @vscode/test-electron (`npm run test:desktop`),
// for contributors who have one. It downloads VS Code on first use unless VSCODE_EXECUTABLE points at
// an installed `code` binary; CI uses the code-server harness instead (no downloads there).
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<void> {
  const repoRoot = resolve(__dirname, '../../..');
  const runDir = mkdtempSync(join(tmpdir(), 'rotation-ready-desktop-'));
  const workspace = join(runDir, 'workspace');
  cpSync(join(repoRoot, 'demo'), workspace, { recursive: true });
  const resultsFile = join(runDir, 'results.json');
  await runTests({
    vscodeExecutablePath: process.env.VSCODE_EXECUTABLE || undefined,
    extensionDevelopmentPath: repoRoot,
    extensionTestsPath: join(repoRoot, 'out/test/integration/index.js'),
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', `--user-data-dir=${join(runDir, 'ud')}`],
    extensionTestsEnv: { RR_TEST_RESULTS: resultsFile, RR_TEST_MODE: 'dev', RR_REPO_ROOT: repoRoot, RR_TEST_RUN_DIR: runDir },
  });
  const results = JSON.parse(readFileSync(resultsFile, 'utf8')) as { tests: number; failures: number };
  if (results.tests === 0 || results.failures > 0) throw new Error(`desktop suite: ${results.failures} failing of ${results.tests}`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
