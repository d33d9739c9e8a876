import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { unplannedReason } from '../../../src/core/fix/filePlan';
import { loadFixtures } from './fixtures';
import { makeSecret, runFixCommand, tempDir, typeCheck } from './support';

/** Issue 15.1: no input to `fix` ends in a stack trace; what cannot be planned is skipped with one line and exit 1. */
const fix = runFixCommand;

const STACK_LINE = /^\s+at .+\(?.+:\d+:\d+\)?$/m;

describe('fix never crashes (issue 15.1)', function () {
  // Whole CLI runs over every fixture, each change type-checked: seconds, more under load.
  this.timeout(180_000);
  let temp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    temp = tempDir();
    execFileSync('git', ['init', '-q'], { cwd: temp.dir });
  });
  afterEach(() => temp.cleanup());

  it("the guide's canonical example (a module constant read from process.env, used in a template header) is wrapped and type-checks", async () => {
    mkdirSync(join(temp.dir, 'src'));
    const file = join(temp.dir, 'src', 'client.ts');
    writeFileSync(file, 'const API_KEY = process.env.MY_SERVICE_API_KEY;\n\nexport async function getThing(url: string): Promise<Response> {\n  return fetch(url, { headers: { Authorization: `Bearer ${API_KEY}` } });\n}\n');
    const { code, out, err } = await fix(temp.dir, ['--rule', 'single-key-call']);
    assert.equal(code, 0, err);
    assert.doesNotMatch(out + err, STACK_LINE);
    const after = readFileSync(file, 'utf8');
    assert.match(after, /withKeyFallback\(\s*\{ service: 'my-service-api', envName: 'MY_SERVICE_API_KEY' \},\s*\(\w+\) => fetch\(url, \{ headers: \{ Authorization: `Bearer \$\{\w+\}` \} \}\),?\s*\)/);
    assert.doesNotMatch(after, /const API_KEY/, 'the constant that only fed the key is removed');
    const files = new Map([['/p/src/client.ts', after], ['/p/src/keyFallback.ts', readFileSync(join(temp.dir, 'src', 'keyFallback.ts'), 'utf8')]]);
    assert.deepEqual([...typeCheck(files).values()].flat(), []);
  });

  it('every fixture input, run through fix, fix --rule single-key-call and --dry-run, exits 0 or 1 without a stack trace or a key', async () => {
    const secrets: string[] = [];
    for (const fixture of loadFixtures()) {
      const path = join(temp.dir, fixture.name, fixture.path.replace(/^.*\//, ''));
      mkdirSync(join(temp.dir, fixture.name), { recursive: true });
      writeFileSync(path, fixture.input);
      secrets.push(fixture.secret);
    }
    // Hostile shapes around the canonical one: a key constant used twice, a template built in a helper, a
    // declaration list, an export, a destructured env read.
    const key = makeSecret('stripe');
    secrets.push(key);
    writeFileSync(join(temp.dir, 'odd.ts'), [
      'const A = process.env.A_KEY, B = 1;',
      'export const K = process.env.K_KEY;',
      `const { X_KEY } = process.env;`,
      'const h = (k?: string) => ({ Authorization: `Bearer ${k}` });',
      "fetch('https://api.example.com/a', { headers: { Authorization: `Bearer ${A}` } });",
      "fetch('https://api.example.com/k', { headers: { Authorization: `Bearer ${K}` } });",
      "fetch('https://api.example.com/x', { headers: { Authorization: `Bearer ${X_KEY}` } });",
      "fetch('https://api.example.com/h', { headers: h(process.env.H_KEY) });",
      `const S = '${key}'; fetch('https://api.stripe.com/v1/x', { headers: { Authorization: \`Bearer \${S}\` } }); export { S };`,
      '',
    ].join('\n'));
    for (const args of [['--dry-run'], ['--rule', 'single-key-call', '--dry-run'], ['--rule', 'single-key-call'], []]) {
      const { code, out, err } = await fix(temp.dir, args);
      assert.ok(code === 0 || code === 1, `${args.join(' ')}: exit ${code}\n${err}`);
      assert.doesNotMatch(out + err, STACK_LINE, args.join(' '));
      for (const line of err.split('\n').filter(Boolean)) assert.match(line, /^\S[^\n]*: not fixed: /, `one line per skipped fix: ${line}`);
      for (const secret of secrets) assert.ok(!(out + err).includes(secret), `${args.join(' ')}: a key was printed:\n${(out + err).split('\n').filter((l) => l.includes(secret)).join('\n')}`);
    }
  });

  it("an internal error becomes one line with key-shaped text redacted, never the parser's message body", () => {
    const key = makeSecret('github');
    const error = new Error(`Manipulation error: could not replace ${key}\n-- Details --\nText: "const k = '${key}'"\nStack: at x (y.ts:1:2)`);
    error.name = 'ManipulationError';
    const reason = unplannedReason(error, [key]);
    assert.ok(!reason.includes(key) && !reason.includes('\n') && !reason.includes('Stack'));
    assert.match(reason, /^the fix could not be planned \(ManipulationError: Manipulation error: could not replace \[value\]\)/);
  });
});
