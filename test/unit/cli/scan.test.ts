import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv from 'ajv-draft-04';
import { main } from '../../../src/cli/main';
import type { CliIo } from '../../../src/cli/command';
import { rules } from '../../../src/core/rules/index';
import { keyFileRules } from '../../../src/core/rules/keyFiles';
import { frag } from '../analyze/tester';

async function cli(cwd: string, ...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), cwd, env: { ROTATION_READY_SALT: 'cli-test-salt' }, signal: new AbortController().signal };
  const code = await main(['scan', ...argv], io);
  return { code, stdout, stderr };
}

function project(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'rr-cli-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

const secrets = [frag.stripe, frag.ghp, frag.random32];
const noValue = (out: string) => secrets.every((s) => !out.includes(s));

describe('rotation-ready scan', () => {
  let root: string;
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('exits 0 on a clean tree and 1 with findings, printing only redacted forms', async () => {
    root = project({ 'src/ok.ts': `export const apiKey = process.env.API_KEY;\n` });
    assert.equal((await cli(root)).code, 0);
    writeFileSync(join(root, 'src/bad.ts'), `const stripe = '${frag.stripe}';\nconst apiKey = "${frag.random32}";\n`);
    const { code, stdout } = await cli(root);
    assert.equal(code, 1);
    assert.match(stdout, /^src\/bad\.ts:1:17 {2}error {4}stripe-secret-key .*\[Stripe…/m);
    assert.match(stdout, /^src\/bad\.ts:2:17 {2}warning {2}generic-secret/m);
    assert.match(stdout, /2 findings \(1 error, 1 warning\) in 2 files\./);
    assert.ok(noValue(stdout));
  });

  it('publishable keys get no finding by default, and info with --show-publishable (never failing the scan)', async () => {
    root = project({ 'web/pay.ts': `const pk = '${frag.pk}';\n` });
    const quiet = await cli(root, '--format', 'json');
    assert.equal(quiet.code, 0);
    assert.deepEqual(JSON.parse(quiet.stdout).findings, []);
    const shown = await cli(root, '--format', 'json', '--show-publishable');
    assert.equal(shown.code, 0);
    const [finding] = JSON.parse(shown.stdout).findings;
    assert.equal(finding.ruleId, 'stripe-publishable-key');
    assert.equal(finding.severity, 'info');
  });

  it('exits 2 on bad usage', async () => {
    root = project({});
    assert.equal((await cli(root, '--format', 'xml')).code, 2);
    assert.equal((await cli(root, '--bogus')).code, 2);
    assert.equal((await cli(root, '--baseline', 'missing.json')).code, 2);
    assert.equal((await cli(root, '--jobs', '0')).code, 2);
    assert.equal((await cli(root, '--jobs', 'two')).code, 2);
  });

  it('writes SARIF 2.1.0 that validates against the official schema, with rule help and partial fingerprints', async () => {
    root = project({ 'src/a.ts': `const stripe = '${frag.stripe}';\n`, 'config/.env.production': `GITHUB_TOKEN=${frag.ghp}\n` });
    const { code, stderr } = await cli(root, '--format', 'sarif', '--output', 'out.sarif');
    assert.equal(code, 1);
    assert.match(stderr, /2 findings in 2 files; report written to out\.sarif/);
    const text = readFileSync(join(root, 'out.sarif'), 'utf8');
    assert.ok(noValue(text));
    const sarif = JSON.parse(text);
    const schema = JSON.parse(readFileSync(join(__dirname, '../../fixtures/analyzer/sarif/sarif-schema-2.1.0.json'), 'utf8'));
    const validate = new Ajv({ allErrors: true, strict: false, validateFormats: false }).compile(schema);
    assert.ok(validate(JSON.parse(text)), JSON.stringify(validate.errors?.slice(0, 5), null, 2));
    const run = sarif.runs[0];
    assert.equal(run.tool.driver.rules.length, rules.length + keyFileRules.length);
    const stripeRule = run.tool.driver.rules.find((r: { id: string }) => r.id === 'stripe-secret-key');
    assert.match(stripeRule.help.text, /STRIPE_SECRET_KEY/);
    assert.equal(stripeRule.defaultConfiguration.level, 'error');
    const [envResult, tsResult] = run.results;
    assert.equal(envResult.ruleId, 'github-classic-token');
    assert.deepEqual(tsResult.locations[0].physicalLocation.region, { startLine: 1, startColumn: 17, endLine: 1, endColumn: 17 + frag.stripe.length });
    assert.match(tsResult.partialFingerprints['rotationReady/v1'], /^rr1:[0-9a-f]{32}$/);
    assert.equal(run.tool.driver.rules[tsResult.ruleIndex].id, 'stripe-secret-key');
  });

  it('--update-baseline accepts current findings; later scans report only new ones; --no-ignore shows all', async () => {
    root = project({ 'src/a.ts': `const stripe = '${frag.stripe}';\n` });
    assert.equal((await cli(root, '--update-baseline')).code, 0);
    const baselineText = readFileSync(join(root, '.rotation-ready-baseline.json'), 'utf8');
    assert.ok(noValue(baselineText));
    const clean = await cli(root);
    assert.equal(clean.code, 0);
    assert.match(clean.stdout, /0 findings in 2 files, 1 baselined\./);
    writeFileSync(join(root, 'src/a.ts'), `// moved down\n\nconst stripe = '${frag.stripe}';\nconst gh = '${frag.ghp}';\n`);
    const fresh = await cli(root, '--format', 'json');
    assert.equal(fresh.code, 1);
    assert.deepEqual(JSON.parse(fresh.stdout).findings.map((f: { ruleId: string }) => f.ruleId), ['github-classic-token']);
    assert.equal(JSON.parse((await cli(root, '--format', 'json', '--no-ignore')).stdout).findings.length, 2);
    // Regenerating is idempotent (no timestamps, sorted).
    await cli(root, '--update-baseline');
    const again = readFileSync(join(root, '.rotation-ready-baseline.json'), 'utf8');
    await cli(root, '--update-baseline');
    assert.equal(readFileSync(join(root, '.rotation-ready-baseline.json'), 'utf8'), again);
  });

  it('on a monorepo root, each package (a folder with .rotation-ready.json) is judged by its own baseline', async () => {
    const config = '{ "version": 1, "services": [] }\n';
    const source = `export const stripe = '${frag.stripe}';\n`;
    root = project({
      'packages/a/.rotation-ready.json': config,
      'packages/a/src/key.ts': source,
      'packages/b/.rotation-ready.json': config,
      'packages/b/src/key.ts': source,
      'tools/seed.ts': source,
    });
    // Package a accepts its finding, scanned alone in its folder (its baseline: its salt, paths relative to it).
    assert.equal((await cli(join(root, 'packages/a'), '--update-baseline')).code, 0);
    assert.equal((await cli(join(root, 'packages/a'))).code, 0);
    const fromRoot = await cli(root, '--format', 'json');
    assert.equal(fromRoot.code, 1);
    const report = JSON.parse(fromRoot.stdout) as { findings: Array<{ path: string }>; summary: { baselined: number } };
    assert.deepEqual(report.findings.map((f) => f.path), ['packages/b/src/key.ts', 'tools/seed.ts'], 'the same key in package b and outside the packages is still reported');
    assert.equal(report.summary.baselined, 1, "package a's own baseline accepts package a's finding");
    assert.ok(noValue(fromRoot.stdout));
    // The root's baseline speaks for the files in no package; a package without a baseline accepts nothing.
    assert.equal((await cli(root, '--update-baseline')).code, 0);
    const after = JSON.parse((await cli(root, '--format', 'json')).stdout) as { findings: Array<{ path: string }>; summary: { baselined: number } };
    assert.deepEqual(after.findings.map((f) => f.path), ['packages/b/src/key.ts']);
    assert.equal(after.summary.baselined, 2);
  });

  it('--staged scans what is staged, not the working tree', async function () {
    root = project({ 'app.ts': `export const x = 1;\n` });
    const git = (...a: string[]) => execFileSync('git', a, { cwd: root, stdio: 'pipe' });
    git('init', '-q');
    writeFileSync(join(root, 'app.ts'), `const token = '${frag.ghp}';\n`);
    git('add', 'app.ts');
    // The working tree is fixed after staging; the commit would still contain the key.
    writeFileSync(join(root, 'app.ts'), `const token = process.env.GITHUB_TOKEN;\n`);
    writeFileSync(join(root, 'unstaged.ts'), `const s = '${frag.stripe}';\n`);
    const { code, stdout } = await cli(root, '--staged', '--format', 'json');
    assert.equal(code, 1);
    const report = JSON.parse(stdout);
    assert.deepEqual(report.findings.map((f: { path: string; ruleId: string }) => `${f.path}:${f.ruleId}`), ['app.ts:github-classic-token']);
    assert.ok(existsSync(join(root, 'unstaged.ts')));
  });
});
