import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { pythonRegression, verifyChanges } from '../../../src/core/fix/verify';
import { planFileFixes } from '../../../src/server/fixes';
import { makeSecret, runFixCommand, tempDir } from './support';

/**
 * Issues 15.2 and 15.3: generated code compiles under the project's own tsconfig, and `fix` type-checks
 * each changed file in that configuration before writing it; a fix that adds an error is not applied.
 * Each project links this repository's node_modules so `@types/node` resolves as in a real project.
 */
const fix = runFixCommand;

function tsc(dir: string): string {
  try {
    execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', dir, '--noEmit'], { encoding: 'utf8' });
    return '';
  } catch (error) {
    return String((error as { stdout?: string }).stdout ?? error);
  }
}

describe('fixes compile under the project’s own tsconfig (issues 15.2, 15.3)', function () {
  // Each case runs the compiler on a real project (tsc -p and the fix's own check): seconds, more under load.
  this.timeout(300_000);
  let temp: ReturnType<typeof tempDir>;
  let secret: string;
  const project = (packageJson: object, compilerOptions: object): void => {
    execFileSync('git', ['init', '-q'], { cwd: temp.dir });
    symlinkSync(join(__dirname, '../../../node_modules'), join(temp.dir, 'node_modules'));
    writeFileSync(join(temp.dir, 'package.json'), JSON.stringify(packageJson));
    writeFileSync(join(temp.dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, noEmit: true, skipLibCheck: true, types: ['node'], ...compilerOptions }, include: ['src'] }));
    mkdirSync(join(temp.dir, 'src'));
  };
  beforeEach(() => {
    temp = tempDir();
    secret = makeSecret('stripe');
  });
  afterEach(() => temp.cleanup());

  for (const [module, packageType] of [['nodenext', 'module'], ['node16', 'commonjs']] as const) {
    it(`module ${module}, package type ${packageType}: both fixes type-check with tsc -p (imports carry .js)`, async () => {
      project({ name: 'p', type: packageType }, { module, moduleResolution: module, target: 'es2022', verbatimModuleSyntax: packageType === 'module', isolatedModules: true, noUnusedLocals: true, exactOptionalPropertyTypes: true, noUncheckedIndexedAccess: true });
      writeFileSync(join(temp.dir, 'src', 'billing.ts'), `export const stripeKey = '${secret}';\n`);
      writeFileSync(join(temp.dir, 'src', 'client.ts'), "export const get = (url: string): Promise<Response> =>\n  fetch(url, { headers: { Authorization: `Bearer ${process.env.CLIENT_API_KEY}` } });\n");
      const env = await fix(temp.dir);
      assert.equal(env.code, 0, env.err);
      const wrap = await fix(temp.dir, ['--rule', 'single-key-call']);
      assert.equal(wrap.code, 0, wrap.err);
      assert.match(readFileSync(join(temp.dir, 'src', 'billing.ts'), 'utf8'), /from '\.\/requireEnv\.js'/);
      assert.match(readFileSync(join(temp.dir, 'src', 'client.ts'), 'utf8'), /from '\.\/keyFallback\.js'/);
      assert.equal(tsc(temp.dir), '', 'the project compiles after');
    });
  }

  it('a fix that would add a type error is not applied: the file and .env stay as they were, the report says why (exit 1)', async () => {
    project({ name: 'p' }, { module: 'commonjs', target: 'es2022' });
    // The project's own `requireEnv` takes a number: the generated call would not type-check.
    const original = `export function requireEnv(slot: number): string {\n  return String(slot);\n}\nexport const stripeKey = '${secret}';\n`;
    writeFileSync(join(temp.dir, 'src', 'billing.ts'), original);
    const { code, out, err } = await fix(temp.dir);
    assert.equal(code, 1);
    assert.match(err, /^src\/billing\.ts: not fixed: the fixed file would not type-check with tsconfig\.json: TS2345 at line 4: Argument of type 'string' is not assignable to parameter of type 'number'\.; the file was left as it was$/m);
    assert.equal(readFileSync(join(temp.dir, 'src', 'billing.ts'), 'utf8'), original);
    assert.ok(!existsSync(join(temp.dir, '.env')), 'nothing was stored for a fix that was not applied');
    assert.ok(!(out + err).includes(secret));
    const dry = await fix(temp.dir, ['--dry-run']);
    assert.equal(dry.code, 1, 'a dry run reports the same refusal');
    assert.match(dry.err, /TS2345/);
  });

  it('when the composed fix would not type-check, the secret still moves and only the wrapper is left out', async () => {
    project({ name: 'p' }, { module: 'commonjs', target: 'es2022', esModuleInterop: true });
    // A function of the project's own under the wrapper's name: the wrapper call would not type-check.
    const original = `import Stripe from 'stripe';\n\nexport function withFallbackClient(n: number): number {\n  return n;\n}\nexport const stripe = new Stripe('${secret}');\n`;
    writeFileSync(join(temp.dir, 'src', 'billing.ts'), original);
    mkdirSync(join(temp.dir, 'src', 'types'));
    writeFileSync(join(temp.dir, 'src', 'types', 'stripe.d.ts'), "declare module 'stripe' {\n  export default class Stripe {\n    constructor(key: string);\n  }\n}\n");
    const { code, err } = await fix(temp.dir);
    assert.equal(code, 1);
    assert.match(err, /^src\/billing\.ts: not fixed: single-key-call: the primary\/fallback wrapper was left out: the fixed file would not type-check with tsconfig\.json: TS\d+/m);
    assert.equal(readFileSync(join(temp.dir, 'src', 'billing.ts'), 'utf8'), original.replace(`'${secret}'`, "requireEnv('STRIPE_SECRET_KEY')").replace("import Stripe from 'stripe';\n", "import Stripe from 'stripe';\nimport { requireEnv } from './requireEnv';\n"));
    assert.equal(readFileSync(join(temp.dir, '.env'), 'utf8'), `STRIPE_SECRET_KEY=${secret}\n`);
    assert.ok(!existsSync(join(temp.dir, 'src', 'keyFallback.ts')));
    assert.equal(tsc(temp.dir), '');
  });

  it('when moving the secret alone would not type-check either, nothing is written (the fallback is verified too)', async () => {
    project({ name: 'p' }, { module: 'commonjs', target: 'es2022', esModuleInterop: true });
    // The wrapper's name and requireEnv are the project's own functions, taking numbers: neither fix type-checks.
    const original = `import Stripe from 'stripe';\n\nexport function requireEnv(slot: number): string {\n  return String(slot);\n}\nexport function withFallbackClient(n: number): number {\n  return n;\n}\nexport const stripe = new Stripe('${secret}');\n`;
    writeFileSync(join(temp.dir, 'src', 'billing.ts'), original);
    mkdirSync(join(temp.dir, 'src', 'types'));
    writeFileSync(join(temp.dir, 'src', 'types', 'stripe.d.ts'), "declare module 'stripe' {\n  export default class Stripe {\n    constructor(key: string);\n  }\n}\n");
    const { code, err } = await fix(temp.dir);
    assert.equal(code, 1);
    assert.match(err, /^src\/billing\.ts: not fixed: the fixed file would not type-check with tsconfig\.json: TS2345/m);
    assert.equal(readFileSync(join(temp.dir, 'src', 'billing.ts'), 'utf8'), original);
    assert.ok(!existsSync(join(temp.dir, '.env')), 'nothing was stored for a fix that was not applied');
    assert.equal(tsc(temp.dir), '');
  });

  it("the editor's fix-all is verified the same way (language server planFileFixes)", () => {
    project({ name: 'p' }, { module: 'commonjs', target: 'es2022' });
    const abs = join(temp.dir, 'src', 'billing.ts');
    writeFileSync(abs, `export function requireEnv(slot: number): string {\n  return String(slot);\n}\nexport const stripeKey = '${secret}';\n`);
    const planned = planFileFixes({ uri: pathToFileURL(abs).href }, { root: () => temp.dir, salt: () => 'salt', path: () => 'src/billing.ts', findings: () => [], document: () => undefined });
    assert.deepEqual(planned.edits, []);
    assert.deepEqual(planned.steps, []);
    assert.match(planned.unfixed[0] ?? '', /would not type-check with tsconfig\.json: TS2345/);
  });

  it('errors the file already had do not block a fix; only new ones do', () => {
    const root = temp.dir;
    project({ name: 'p' }, { module: 'commonjs', target: 'es2022' });
    const abs = join(root, 'src', 'a.ts');
    const before = "const broken: number = 'already';\nexport const k = 1;\n";
    writeFileSync(abs, before);
    const same = verifyChanges(root, [{ abs, rel: 'src/a.ts', before, after: before.replace('k = 1', 'k = 2'), creates: [] }], []);
    assert.equal(same.size, 0);
    const worse = verifyChanges(root, [{ abs, rel: 'src/a.ts', before, after: `${before}const more: number = 'new';\n`, creates: [] }], []);
    assert.match(worse.get(abs) ?? '', /TS2322 at line 3/);
  });

  it('Python: a rewrite that leaves a string or bracket open is refused', () => {
    assert.equal(pythonRegression('x = call("a")\n', 'x = call(os.environ["A"])\n'), undefined);
    assert.match(pythonRegression('x = call("a")\n', 'x = call(os.environ["A")\n') ?? '', /unmatched '\)' at line 1|unclosed/);
    assert.match(pythonRegression('x = "a"\n', 'x = "a\n') ?? '', /unclosed string at line 1/);
    assert.equal(pythonRegression('x = (\n', 'import os\nx = (\n'), undefined, 'a problem the file already had is not counted');
  });
});
