// Entry point of the integration suite inside the extension host (code-server or desktop VS Code).
// Writes a JSON results file: the workbench reports exit code 0 even when the host crashed mid-run,
// so the launcher trusts only this file.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, grep: process.env.RR_TEST_GREP || undefined });
  // Bundled test files register their suites when required; give them mocha's globals first.
  mocha.suite.emit('pre-require', globalThis, 'integration', mocha);
  // Restricted Mode runs its own suite: everything else assumes a trusted workspace.
  if (process.env.RR_TEST_MODE === 'restricted') require('./restricted.test');
  else if (process.env.RR_TEST_MODE === 'multiroot') require('./multiroot.test');
  else require('./suites');
  const results = { tests: 0, passes: 0, failures: 0, pending: 0, failed: [] as { title: string; error: string }[] };
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const file = process.env.RR_TEST_RESULTS;
      if (file) {
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(`${file}.tmp`, JSON.stringify(results, null, 2));
        renameSync(`${file}.tmp`, file);
      }
      if (failures > 0) reject(new Error(`${failures} integration test(s) failed`));
      else resolve();
    });
    runner.on('test end', () => results.tests++);
    runner.on('pass', () => results.passes++);
    runner.on('pending', () => results.pending++);
    runner.on('fail', (test, error: Error) => {
      results.failures++;
      results.failed.push({ title: test.fullTitle(), error: String(error?.stack ?? error) });
    });
  });
}
