import * as assert from 'node:assert/strict';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { planFileAll, projectInfo } from '../../../src/core/fix/filePlan';
import type { NewFile } from '../../../src/core/fix/types';
import { verifyFilePlans } from '../../../src/core/fix/verifyPlans';
import { makeSecret, tempDir } from './support';

/**
 * The one "type-check the fix, else move the secrets alone" policy (core/fix/verifyPlans), which `rotation-ready fix`
 * and the editor's fix-all both call: planned on a real project, checked with its own tsconfig.
 */
describe('fix: verifying planned files before writing (composed, else env-only, else nothing)', function () {
  // The compiler runs on a real project: seconds, more under load.
  this.timeout(300_000);
  let temp: ReturnType<typeof tempDir>;
  let secret: string;
  beforeEach(() => {
    temp = tempDir();
    secret = makeSecret('stripe');
    symlinkSync(join(__dirname, '../../../node_modules'), join(temp.dir, 'node_modules'));
    writeFileSync(join(temp.dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, noEmit: true, skipLibCheck: true, module: 'commonjs', target: 'es2022', esModuleInterop: true, types: ['node'] }, include: ['src'] }));
    mkdirSync(join(temp.dir, 'src', 'types'), { recursive: true });
    writeFileSync(join(temp.dir, 'src', 'types', 'stripe.d.ts'), "declare module 'stripe' {\n  export default class Stripe {\n    constructor(key: string);\n  }\n}\n");
  });
  afterEach(() => temp.cleanup());

  const planned = (text: string) => {
    const rel = 'src/billing.ts';
    writeFileSync(join(temp.dir, rel), text);
    const created = new Map<string, NewFile>();
    const { plan, envOnly } = planFileAll(rel, text, { salt: 's', project: projectInfo(temp.dir, created), names: new Map() });
    for (const step of [...plan.steps, ...(envOnly?.steps ?? [])]) if (step.plan.helperFile) created.set(step.plan.helperFile.path, step.plan.helperFile);
    return { file: { abs: join(temp.dir, rel), plan, ...(envOnly ? { envOnly } : {}) }, created };
  };

  it('a wrapper that adds a type error falls back to the env-only fix, with the reason; the wrapper helper is not created', () => {
    // A function of the project's own under the wrapper's name: the wrapper call would not type-check.
    const text = `import Stripe from 'stripe';\n\nexport function withFallbackClient(n: number): number {\n  return n;\n}\nexport const stripe = new Stripe('${secret}');\n`;
    const { file, created } = planned(text);
    assert.ok(file.envOnly, 'planFileAll offers the env-only plan beside the composed one');
    assert.ok(file.plan.steps.some((s) => s.kind === 'wrapper'));
    verifyFilePlans(temp.dir, [file], created);
    assert.deepEqual(file.plan.steps.map((s) => s.kind), ['env']);
    assert.match(file.plan.final, /new Stripe\(requireEnv\('STRIPE_SECRET_KEY'\)\)/);
    assert.match(file.plan.unfixed[0] ?? '', /^single-key-call: the primary\/fallback wrapper was left out: the fixed file would not type-check with tsconfig\.json: TS\d+/);
    assert.deepEqual([...created.keys()], ['src/requireEnv.ts'], 'only the helper the final text imports');
  });

  it('when the env-only fix does not type-check either, the file keeps its text and the reason comes first', () => {
    // The project's own requireEnv takes a number: moving the secret alone would not type-check either.
    const text = `import Stripe from 'stripe';\n\nexport function requireEnv(slot: number): string {\n  return String(slot);\n}\nexport function withFallbackClient(n: number): number {\n  return n;\n}\nexport const stripe = new Stripe('${secret}');\n`;
    const { file, created } = planned(text);
    assert.ok(file.envOnly);
    verifyFilePlans(temp.dir, [file], created);
    assert.deepEqual(file.plan.steps, []);
    assert.equal(file.plan.final, text);
    assert.match(file.plan.unfixed[0] ?? '', /^the fixed file would not type-check with tsconfig\.json: TS2345/);
    assert.match(file.plan.unfixed[1] ?? '', /^single-key-call: the primary\/fallback wrapper was left out/);
    assert.deepEqual([...created.keys()], [], 'no helper is created for a file left as it was');
  });
});
