import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliIo } from '../../../src/cli/command';
import { createAlertSecretCommand } from '../../../src/cli/commands/alert-secret';
import { createExecCommand } from '../../../src/cli/commands/exec';
import { parseMcpArgs } from '../../../src/cli/commands/mcp';
import { main } from '../../../src/cli/main';
import { findProject } from '../../../src/core/config/findProject';
import { MemoryKeychain } from '../../../src/core/keychain/memory';
import { workspaceIdFor } from '../../../src/core/keychain/workspaceId';
import { memoryApprovals } from '../../../src/core/probe/index';
import { randomKey } from '../keychain/helpers';

const sha = (v: string): string => createHash('sha256').update(v).digest('hex');

/** A config naming one service, probed on a loopback port nothing listens on (no test here probes). */
const config = (service: string): string => JSON.stringify({ version: 1, services: [{ name: service, environments: ['dev'], probe: { url: 'http://127.0.0.1:9/v1', auth: { type: 'bearer' } } }] });

/** Issue 20 (CLI): the project is the folder of the nearest `.rotation-ready.json` at or above the current folder. */
describe('CLI: how the project is found', () => {
  let top: string;
  let repo: string;
  let userDir: string;
  beforeEach(() => {
    top = realpathSync(mkdtempSync(join(tmpdir(), 'rr-project-')));
    // A monorepo: two packages, each with its own config; the repository's top has none.
    repo = join(top, 'repo');
    mkdirSync(join(repo, '.git'), { recursive: true });
    for (const [pkg, service] of [['alpha', 'alpha-api'], ['beta', 'beta-api']] as const) {
      mkdirSync(join(repo, 'packages', pkg, 'src', 'deep'), { recursive: true });
      writeFileSync(join(repo, 'packages', pkg, '.rotation-ready.json'), config(service));
    }
    userDir = join(top, 'user');
  });
  afterEach(() => rmSync(top, { recursive: true, force: true }));

  async function run(cwd: string, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
    let out = '';
    let err = '';
    const io: CliIo = { stdout: (t) => void (out += t), stderr: (t) => void (err += t), cwd, env: { ROTATION_READY_CONFIG_DIR: userDir }, signal: new AbortController().signal };
    return { code: await main(argv, io), out, err };
  }

  it("dry-run in a package's subfolder uses that package's config, names it, and never the other package's", async () => {
    const alpha = join(repo, 'packages/alpha');
    const r = await run(join(alpha, 'src/deep'), 'dry-run', '--service', 'beta-api');
    assert.equal(r.code, 2);
    assert.ok(r.err.includes(`using ${join(alpha, '.rotation-ready.json')} (the nearest .rotation-ready.json above ${join(alpha, 'src/deep')})`), r.err);
    assert.ok(r.err.includes(`no service 'beta-api' in ${join(alpha, '.rotation-ready.json')} (services: alpha-api)`), r.err);
    const beta = await run(join(repo, 'packages/beta/src'), 'dry-run', '-s', 'alpha-api');
    assert.match(beta.err, /no service 'alpha-api' in .*packages\/beta\/\.rotation-ready\.json \(services: beta-api\)/);
  });

  it('--config wins over the config found above', async () => {
    const r = await run(join(repo, 'packages/alpha/src'), 'dry-run', '--config', '../../beta/.rotation-ready.json', '--service', 'alpha-api');
    assert.match(r.err, /no service 'alpha-api' in .*packages\/beta\/\.rotation-ready\.json/);
    assert.doesNotMatch(r.err, /using /, 'no search, so nothing to name');
  });

  it('in the config folder itself nothing is named; without any config the error says where it looked', async () => {
    const here = await run(join(repo, 'packages/alpha'), 'dry-run', '--service', 'nope');
    assert.doesNotMatch(here.err, /using /);
    assert.match(here.err, /no service 'nope'/);
    const none = await run(repo, 'dry-run');
    assert.equal(none.code, 2);
    assert.ok(none.err.includes(`no configuration at ${join(repo, '.rotation-ready.json')} or in a folder above it`), none.err);
  });

  it("the search stops at the repository's top and at the home folder: a config above them is not the project's", async () => {
    writeFileSync(join(top, '.rotation-ready.json'), config('outside-api'));
    const r = await run(repo, 'dry-run');
    assert.match(r.err, /no configuration at .*repo\/\.rotation-ready\.json or in a folder above it/);
    assert.doesNotMatch(r.err, /outside-api|using /);
    // A folder that is not in a repository: the search goes up to the home folder, and no further.
    const loose = join(top, 'home/me/work/app');
    mkdirSync(loose, { recursive: true });
    assert.equal(findProject(loose).configFile, join(top, '.rotation-ready.json'));
    assert.deepEqual(findProject(loose, { home: join(top, 'home/me') }), { root: loose, above: false });
  });

  it('a config above the folder that another user owns is passed over, and said so; one in the folder itself is used', () => {
    const me = process.getuid?.();
    if (me === undefined) return; // no file owners to compare on Windows
    const deep = join(repo, 'packages/alpha/src/deep');
    const found = findProject(deep, { uid: me + 1 });
    assert.deepEqual(found, { root: deep, above: false, ignored: { file: join(repo, 'packages/alpha/.rotation-ready.json'), reason: `owned by another user (uid ${me})` } });
    assert.equal(findProject(join(repo, 'packages/alpha'), { uid: me + 1 }).configFile, join(repo, 'packages/alpha/.rotation-ready.json'));
  });

  it("exec from a package's subfolder injects that package's keychain entries and runs in the current folder", async () => {
    const keychain = new MemoryKeychain();
    const [alphaKey, betaKey] = [randomKey(), randomKey()];
    await keychain.set({ workspaceId: workspaceIdFor(join(repo, 'packages/alpha')), service: 'alpha-api', environment: 'dev', slot: 'primary' }, alphaKey);
    await keychain.set({ workspaceId: workspaceIdFor(join(repo, 'packages/beta')), service: 'beta-api', environment: 'dev', slot: 'primary' }, betaKey);
    const cwd = join(repo, 'packages/alpha/src');
    const report = join(top, 'report.json');
    const script = "const h=v=>v&&require('crypto').createHash('sha256').update(v).digest('hex');require('fs').writeFileSync(process.argv[1],JSON.stringify({alpha:h(process.env.ALPHA_API_KEY_PRIMARY),beta:process.env.BETA_API_KEY_PRIMARY??null,cwd:process.cwd()}))";
    let err = '';
    const io: CliIo = { stdout: () => undefined, stderr: (t) => void (err += t), cwd, env: process.env, signal: new AbortController().signal };
    assert.equal(await createExecCommand({ keychain: () => keychain }).run(['--', process.execPath, '-e', script, report], io), 0, err);
    assert.deepEqual(JSON.parse(readFileSync(report, 'utf8')), { alpha: sha(alphaKey), beta: null, cwd });
    assert.match(err, /using .*packages\/alpha\/\.rotation-ready\.json/);
    assert.ok(!err.includes(alphaKey) && !err.includes(betaKey));
  });

  it("alert-secret stores a credential under the package's workspace; mcp serves the package by default", async () => {
    const alpha = join(repo, 'packages/alpha');
    const keychain = new MemoryKeychain();
    const value = randomKey();
    const roots: string[] = [];
    const command = createAlertSecretCommand({ keychain: () => keychain, readValue: async () => value, approvals: (root) => (roots.push(root), memoryApprovals()) });
    const io: CliIo = { stdout: () => undefined, stderr: () => undefined, cwd: join(alpha, 'src/deep'), env: {}, signal: new AbortController().signal };
    assert.equal(await command.run(['set', 'pagerduty-routing'], io), 0);
    assert.deepEqual(roots, [alpha]);
    assert.deepEqual((await keychain.list(workspaceIdFor(alpha))).map((a) => a.environment), ['pagerduty-routing']);
    assert.equal(parseMcpArgs([], io).root, alpha);
    assert.equal(parseMcpArgs(['--root', '.'], io).root, join(alpha, 'src/deep'), '--root wins');
  });

  it("approvals still live only where the real environment says, never inside the project found above", async () => {
    const alpha = join(repo, 'packages/alpha');
    const io: CliIo = { stdout: () => undefined, stderr: () => undefined, cwd: join(alpha, 'src'), env: { ROTATION_READY_CONFIG_DIR: join(alpha, '.rr') }, signal: new AbortController().signal };
    assert.equal(await main(['dry-run', '--approve-host'], io), 2);
    assert.ok(!existsSync(join(alpha, '.rr/approvals.json')));
  });
});
