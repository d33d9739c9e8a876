import * as assert from 'node:assert/strict';
import { posix } from 'node:path';
import { singleKeyCallsInText } from '../../../src/core/calls/index';
import { applyEdits } from '../../../src/core/fix/minimalEdits';
import { keyFallbackHelper } from '../../../src/core/fix/templates/keyFallback';
import { keyFallbackPython } from '../../../src/core/fix/templates/keyFallbackPython';
import { planWrapperFix, WrapperFixPlan } from '../../../src/core/fix/wrapperFix';
import { assertOutsideEditsIdentical } from './envFix.fixtures.test';
import { Fixture, loadFixtures } from './fixtures';
import { pythonSyntaxErrors, syntaxErrors, typeCheck } from './support';

/** Fix-all for a file: fix the first single-key call, re-analyze, repeat (each plan's edits checked). */
function fixAll(f: Fixture): { text: string; plans: WrapperFixPlan[] } {
  let text = f.input;
  const plans: WrapperFixPlan[] = [];
  for (let guard = 0; guard < 10; guard++) {
    const call = singleKeyCallsInText(f.path, text)[0];
    if (!call) break;
    const plan = planWrapperFix({ path: f.path, text, finding: { offset: call.calleeStart }, project: { helperDir: posix.dirname(f.path), exists: () => !!f.config.helperExists || plans.length > 0 } });
    assert.equal(applyEdits(text, plan.edits), plan.newText);
    assertOutsideEditsIdentical(text, plan.edits, plan.newText);
    plans.push(plan);
    text = plan.newText;
  }
  return { text, plans };
}

describe('fix: add primary/fallback key rotation (fixtures)', () => {
  const fixtures = loadFixtures('wrapper');
  for (const f of fixtures) {
    it(f.name, () => {
      const { text, plans } = fixAll(f);
      assert.ok(plans.length > 0, 'the input has a single-key call');
      assert.equal(text, f.output);
      assert.deepEqual(singleKeyCallsInText(f.path, text), [], 'fixing again changes nothing');
      if (/^(?:ts|tsx|js|mjs|cjs)$/.test(f.ext)) assert.deepEqual(syntaxErrors(f.path, text), []);
      assert.ok(!text.includes(f.secret), 'no hardcoded key is left by the rewrite');
      for (const plan of plans) assert.ok(!JSON.stringify({ ...plan, newText: '' }).includes(f.secret), 'plans carry no secret');
      assert.equal(plans.filter((p) => p.helperFile).length, f.config.helperExists ? 0 : 1, 'the helper is created once');
    });
  }

  it('TS outputs type-check under strict with the generated helper wherever the inputs did', function () {
    // A type-check of every fixture is slow work, not a bound: it may take a while on a loaded machine.
    this.timeout(120_000);
    const ts = fixtures.filter((f) => f.ext === 'ts' && f.config.typecheck !== false);
    const file = (f: Fixture): string => `/wx/${f.name}/${posix.basename(f.path)}`;
    const inputs = new Map(ts.map((f) => [file(f), f.input]));
    const outputs = new Map(ts.map((f) => [file(f), f.output]));
    for (const f of ts) {
      // Local modules the fixtures import, as tiny stubs.
      for (const [name, stub] of [['logger', 'export const logger = { info(_m: string): void {} };'], ['types', 'export interface Order { id: string }']] as const) {
        inputs.set(`/wx/${f.name}/${name}.ts`, stub);
        outputs.set(`/wx/${f.name}/${name}.ts`, stub);
      }
      outputs.set(`/wx/${f.name}/keyFallback.ts`, keyFallbackHelper('ts'));
      if (f.config.helperExists) inputs.set(`/wx/${f.name}/keyFallback.ts`, keyFallbackHelper('ts'));
    }
    const before = typeCheck(inputs);
    const after = typeCheck(outputs);
    const failures: string[] = [];
    for (const f of ts) {
      if ((before.get(file(f)) ?? []).length > 0) failures.push(`input of ${f.name} does not type-check: ${before.get(file(f))!.join('; ')}`);
      else if ((after.get(file(f)) ?? []).length > 0) failures.push(...after.get(file(f))!);
    }
    assert.deepEqual(failures, []);
    assert.deepEqual(after.get(`/wx/${ts[0]!.name}/keyFallback.ts`), [], 'the TS helper type-checks under strict');
  });

  it('the JS helpers parse as ESM and CJS; the Python helper and outputs parse', function () {
    assert.deepEqual(syntaxErrors('keyFallback.mjs', keyFallbackHelper('esm')), []);
    assert.deepEqual(syntaxErrors('keyFallback.cjs', keyFallbackHelper('cjs')), []);
    assert.match(keyFallbackHelper('cjs'), /^module\.exports = \{ setAuthFailureHook, setAuthFailureLogger, readKeys, withKeyFallback, withFallbackClient \};$/m);
    const py = fixtures.filter((f) => f.ext === 'py');
    const errors = pythonSyntaxErrors([keyFallbackPython, ...py.map((f) => f.output)]);
    if (!errors) this.skip();
    assert.deepEqual(errors, [keyFallbackPython, ...py].map(() => ''));
  });
});
