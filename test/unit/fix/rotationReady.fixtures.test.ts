import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { singleKeyCallsInText } from '../../../src/core/calls/index';
import { projectInfo } from '../../../src/core/fix/filePlan';
import { applyEdits } from '../../../src/core/fix/minimalEdits';
import { planRotationReady } from '../../../src/core/fix/rotationReady';
import type { NewFile } from '../../../src/core/fix/types';
import { assertOutsideEditsIdentical } from './envFix.fixtures.test';
import { FIXTURES, fixtureProjectFiles, loadFixtures } from './fixtures';
import { syntaxErrors, tempDir } from './support';

/** `tsc -p` on a project folder: its diagnostics, empty when it compiles. */
function tsc(dir: string): string {
  try {
    execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', dir, '--noEmit', '--pretty', 'false'], { encoding: 'utf8' });
    return '';
  } catch (error) {
    return String((error as { stdout?: string }).stdout ?? error);
  }
}

/**
 * Issue 15.2 / 15.4: Make Rotation Ready in the configurations teams use (verbatimModuleSyntax, isolatedModules,
 * allowImportingTsExtensions, exactOptionalPropertyTypes, noUncheckedIndexedAccess, path aliases). Each case is a
 * small project: planned with what the CLI reads from its tsconfig/package.json, then the input and the output
 * (with the generated helpers) are each compiled with `tsc -p` under the project's own tsconfig.
 */
describe('fix: Make Rotation Ready (fixtures, each compiled with its own tsconfig)', function () {
  // tsc on a real project per case: seconds each, more under load.
  this.timeout(300_000);
  for (const f of loadFixtures('rotation-ready')) {
    it(f.name, () => {
      const temp = tempDir();
      try {
        const root = temp.dir;
        for (const file of fixtureProjectFiles(f.name)) cpSync(join(FIXTURES, f.name, file), file === 'files' ? root : join(root, file), { recursive: true });
        symlinkSync(join(__dirname, '../../../node_modules'), join(root, 'node_modules'));
        const write = (path: string, text: string): void => {
          mkdirSync(dirname(join(root, path)), { recursive: true });
          writeFileSync(join(root, path), text);
        };
        write(f.path, f.input);
        const configured = fixtureProjectFiles(f.name).includes('tsconfig.json');
        if (configured) assert.equal(tsc(root), '', 'the input compiles with its tsconfig');

        const plan = planRotationReady({
          path: f.path,
          text: f.input,
          finding: { offset: f.input.indexOf(f.secret), length: f.secret.length, provider: f.config.provider ?? 'Generic', ruleId: f.config.ruleId ?? 'generic-api-key', ...(f.config.suggestedEnvName ? { suggestedEnvName: f.config.suggestedEnvName } : {}) },
          project: projectInfo(root, new Map<string, NewFile>()),
        });
        assert.equal(plan.newText, f.output);
        assert.equal(applyEdits(f.input, plan.edits), f.output);
        assertOutsideEditsIdentical(f.input, plan.edits, f.output);
        assert.ok(!f.output.includes(f.secret) && !JSON.stringify({ ...plan, newText: '' }).includes(f.secret), 'no key in the output or the plan');
        assert.deepEqual(singleKeyCallsInText(f.path, f.output), [], 'fixing again changes nothing');
        assert.deepEqual(syntaxErrors(f.path, f.output), []);

        write(f.path, f.output);
        for (const helper of plan.helperFiles) write(helper.path, helper.text);
        if (configured) assert.equal(tsc(root), '', 'the output and its helpers compile with the project’s tsconfig');
      } finally {
        temp.cleanup();
      }
    });
  }
});
