import * as assert from 'node:assert/strict';
import { posix } from 'node:path';
import { planEnvFix, EnvFixPlan } from '../../../src/core/fix/envFix';
import { requireEnvHelper } from '../../../src/core/fix/templates/requireEnv';
import { applyEdits } from '../../../src/core/fix/minimalEdits';
import { Fixture, loadFixtures } from './fixtures';
import { pythonSyntaxErrors, syntaxErrors, typeCheck } from './support';

function plan(f: Fixture, text = f.input): EnvFixPlan {
  const helperDir = posix.dirname(f.path);
  const offset = text.indexOf(f.secret);
  return planEnvFix({
    path: f.path,
    text,
    finding: { offset, length: f.secret.length, provider: f.config.provider ?? 'Generic', suggestedEnvName: f.config.suggestedEnvName, ruleId: f.config.ruleId ?? 'generic-api-key' },
    ...(f.config.envName ? { envName: f.config.envName } : {}),
    existingEnvNames: f.config.existingEnvNames ?? [],
    project: { helperDir, ...(f.config.packageType ? { packageType: f.config.packageType } : {}), exists: () => !!f.config.helperExists },
  });
}

/** Edits only replace what they cover: every gap between them is the same text before and after. */
export function assertOutsideEditsIdentical(original: string, edits: EnvFixPlan['edits'], result: string): void {
  const sorted = [...edits].sort((a, b) => a.offset - b.offset);
  let from = 0;
  let shift = 0;
  for (const edit of sorted) {
    assert.ok(edit.offset >= from, 'edits overlap');
    assert.equal(result.slice(from + shift, edit.offset + shift), original.slice(from, edit.offset));
    shift += edit.newText.length - edit.length;
    from = edit.offset + edit.length;
  }
  assert.equal(result.slice(from + shift), original.slice(from));
}

describe('fix: move secret to environment variable (fixtures)', () => {
  const fixtures = loadFixtures('env');
  const plans = new Map<string, EnvFixPlan>();
  for (const f of fixtures) {
    it(f.name, () => {
      const p = plan(f);
      plans.set(f.name, p);
      assert.equal(p.newText, f.output);
      assert.equal(applyEdits(f.input, p.edits), f.output);
      assertOutsideEditsIdentical(f.input, p.edits, f.output);
      assert.ok(!p.newText.includes(f.secret) && !JSON.stringify(p).includes(f.secret), 'the plan carries no secret');
      assert.equal(f.output.indexOf(f.secret), -1, 'fixing again finds nothing to move');
      if (/^(?:ts|tsx|js|mjs|cjs)$/.test(f.ext)) assert.deepEqual(syntaxErrors(f.path, p.newText), []);
      if (f.ext === 'json') JSON.parse(p.newText);
    });
  }

  it('outputs type-check under strict (with the generated helper) wherever the inputs did', function () {
    // A type-check of every fixture is slow work, not a bound: it may take a while on a loaded machine.
    this.timeout(120_000);
    const ts = fixtures.filter((f) => f.ext === 'ts' && f.config.typecheck !== false);
    const inputs = new Map(ts.map((f) => [`/fx/${f.name}/${posix.basename(f.path)}`, f.input]));
    const outputs = new Map(ts.map((f) => [`/fx/${f.name}/${posix.basename(f.path)}`, f.output]));
    for (const f of ts) {
      const helper = plans.get(f.name)?.helperFile ?? plan(f).helperFile;
      const helperText = helper?.text ?? (f.config.helperExists ? requireEnvHelper('ts') : undefined);
      if (helperText) {
        outputs.set(`/fx/${f.name}/requireEnv.ts`, helperText);
        if (f.config.helperExists) inputs.set(`/fx/${f.name}/requireEnv.ts`, helperText);
      }
    }
    const before = typeCheck(inputs);
    const after = typeCheck(outputs);
    for (const [path, errors] of before) {
      assert.deepEqual(errors, [], `input ${path} should type-check`);
      assert.deepEqual(after.get(path), [], `output ${path}`);
    }
    for (const path of outputs.keys()) if (path.endsWith('requireEnv.ts')) assert.deepEqual(after.get(path), [], path);
  });

  it('Python outputs parse', function () {
    const py = fixtures.filter((f) => f.ext === 'py');
    const errors = pythonSyntaxErrors(py.map((f) => f.output));
    if (!errors) this.skip();
    assert.deepEqual(errors, py.map(() => ''));
  });
});
