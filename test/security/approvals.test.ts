import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApprovalStore, ApprovalStoreError } from '../../src/core/probe/index';
import { workspaceIdFor } from '../../src/core/keychain/workspaceId';
import { assertNoKeys, testKey } from '../unit/probe/helpers';
import { cli, listener, tempDir, writeConfig, type Listener } from './hostile';

/**
 * A cloned repository tries to approve its own host: through its `.env` (ROTATION_READY_CONFIG_DIR,
 * XDG_CONFIG_HOME), through paths that only look outside the workspace (a symlink, /proc/self/cwd),
 * through an approval given in another project, through environment variable names of its choosing,
 * and through a loopback port someone else listens on. Each time no key may reach its listener.
 */
describe('security: host approvals a repository cannot give itself', () => {
  let host: Listener;
  let ws: string;
  let user: string;
  let key: string;
  beforeEach(async () => {
    host = await listener();
    ws = tempDir('ws');
    user = tempDir('user');
    key = testKey('primary');
    writeConfig(ws, [{ name: 'billing-api', url: `${host.url}/v1/account` }]);
  });
  afterEach(() => host.close());

  /** The approvals file a repository writes for itself: every format, with the workspace id it can compute. */
  function forgeApprovals(dir: string, workspace = ws): void {
    mkdirSync(dir, { recursive: true });
    const entry = { service: 'billing-api', host: host.host, approvedAt: '2026-01-01T00:00:00.000Z' };
    writeFileSync(join(dir, 'approvals.json'), JSON.stringify({ version: 1, approvals: [entry, { ...entry, workspace: workspaceIdFor(workspace), envVars: ['BILLING_API_KEY_PRIMARY'] }] }));
  }

  it("a dotenv file's ROTATION_READY_CONFIG_DIR does not choose where approvals live", async () => {
    const evil = tempDir('evil');
    forgeApprovals(evil);
    writeFileSync(join(ws, '.env'), `ROTATION_READY_CONFIG_DIR=${evil}\nBILLING_API_KEY_PRIMARY=${key}\n`);
    const r = await cli(ws, { XDG_CONFIG_HOME: user }, 'dry-run', '--dotenv', '.env');
    assert.equal(r.code, 2, r.err);
    assert.match(r.err, /not approved, nothing sent: billing-api → 127\.0\.0\.1:\d+/);
    assert.equal(host.requests.length, 0, 'no request reached the host the repository approved for itself');
    assert.equal(existsSync(join(evil, 'fingerprint-salt')), false, 'nor does the fingerprint salt live where the file says');
    assertNoKeys(host.seen() + r.out + r.err, [key]);
  });

  it("a dotenv file's XDG_CONFIG_HOME does not either (the process environment sets neither variable)", async () => {
    const evil = tempDir('evil');
    forgeApprovals(join(evil, 'rotation-ready'));
    writeFileSync(join(ws, '.env'), `XDG_CONFIG_HOME=${evil}\nBILLING_API_KEY_PRIMARY=${key}\n`);
    // The default location is then under the home folder: a fresh one for this test.
    const home = process.env.HOME;
    process.env.HOME = user;
    try {
      const r = await cli(ws, {}, 'dry-run', '--dotenv', '.env');
      assert.equal(r.code, 2, r.err);
    } finally {
      process.env.HOME = home;
    }
    assert.equal(host.requests.length, 0);
  });

  it('an approvals folder that reaches into the workspace through a symlink is refused (resolved path)', async () => {
    forgeApprovals(join(ws, '.rr'));
    const alias = join(tempDir('alias'), 'ws');
    symlinkSync(ws, alias, 'dir');
    const r = await cli(ws, { ROTATION_READY_CONFIG_DIR: join(alias, '.rr'), BILLING_API_KEY_PRIMARY: key }, 'dry-run');
    assert.equal(r.code, 2);
    assert.match(r.err, /outside the workspace/);
    assert.equal(host.requests.length, 0);
    assert.throws(() => new ApprovalStore(join(alias, '.rr/approvals.json'), { workspace: tempDir('other'), workspaceRoots: [ws] }), ApprovalStoreError);
  });

  it('an approvals folder under /proc/self/cwd (the workspace as the current directory) is refused', async function () {
    if (!existsSync('/proc/self/cwd')) this.skip();
    forgeApprovals(join(ws, '.rr'));
    const before = process.cwd();
    process.chdir(ws);
    try {
      const r = await cli(ws, { ROTATION_READY_CONFIG_DIR: '/proc/self/cwd/.rr', BILLING_API_KEY_PRIMARY: key }, 'dry-run');
      assert.equal(r.code, 2);
      assert.match(r.err, /outside the workspace/);
    } finally {
      process.chdir(before);
    }
    assert.equal(host.requests.length, 0);
  });

  it('an approval given in another workspace does not count here, even for the same service name and host', async () => {
    const mine = tempDir('mine');
    writeConfig(mine, [{ name: 'billing-api', url: `${host.url}/v1/account` }]);
    const given = await cli(mine, { ROTATION_READY_CONFIG_DIR: user }, 'dry-run', '--approve-host');
    assert.match(given.err, /approved: billing-api → 127\.0\.0\.1/);
    host.requests.length = 0;
    const r = await cli(ws, { ROTATION_READY_CONFIG_DIR: user, BILLING_API_KEY_PRIMARY: key }, 'dry-run');
    assert.equal(r.code, 2, r.err);
    assert.match(r.out, /needs host approval/);
    assert.equal(host.requests.length, 0);
    const stored = JSON.parse(readFileSync(join(user, 'approvals.json'), 'utf8')) as { approvals: Array<{ workspace: string }> };
    assert.deepEqual(stored.approvals.map((a) => a.workspace), [workspaceIdFor(mine)], 'the approval records its workspace');
  });

  it('environment variables are read only under names the user confirmed, whatever the config names', async () => {
    const cloud = testKey('cloud');
    writeConfig(ws, [{ name: 'billing-api', url: `${host.url}/v1/account`, envVars: { primary: 'AWS_SECRET_ACCESS_KEY' } }]);
    const env = { ROTATION_READY_CONFIG_DIR: user, AWS_SECRET_ACCESS_KEY: cloud };
    const r = await cli(ws, env, 'dry-run', '--approve-host');
    assert.match(r.err, /not read: billing-api's environment variable AWS_SECRET_ACCESS_KEY \(not confirmed for 127\.0\.0\.1:\d+\); pass --allow-env AWS_SECRET_ACCESS_KEY/);
    assert.equal(host.requests.length, 0, 'no key, no probe');
    assertNoKeys(host.seen() + r.out + r.err, [cloud]);

    // Confirmed by name: read, and remembered with the approval.
    const confirmed = await cli(ws, env, 'dry-run', '--allow-env', 'AWS_SECRET_ACCESS_KEY');
    assert.equal(host.requests.length, 1, confirmed.err);
    assert.equal(host.requests[0]!.headers.authorization, `Bearer ${cloud}`);
    host.requests.length = 0;
    await cli(ws, env, 'dry-run');
    assert.equal(host.requests.length, 1, 'the confirmation is remembered for this workspace');

    // The config later names another variable: not read until confirmed too.
    const other = testKey('other');
    writeConfig(ws, [{ name: 'billing-api', url: `${host.url}/v1/account`, envVars: { primary: 'GITHUB_TOKEN' } }]);
    host.requests.length = 0;
    const later = await cli(ws, { ...env, GITHUB_TOKEN: other }, 'dry-run');
    assert.match(later.err, /not read: .*GITHUB_TOKEN/);
    assert.equal(host.requests.length, 0);
  });

  it('--approve-loopback approves the exact host:port, never every loopback port', async () => {
    const other = await listener();
    try {
      writeConfig(ws, [
        { name: 'billing-api', url: `${host.url}/v1/account` },
        { name: 'maps-api', url: `${other.url}/v1/geocode` },
      ]);
      const env = { ROTATION_READY_CONFIG_DIR: user, BILLING_API_KEY_PRIMARY: key, MAPS_API_KEY_PRIMARY: key };
      const bare = await cli(ws, env, 'dry-run', '--approve-loopback');
      assert.equal(bare.code, 2);
      assert.match(bare.err, /--approve-loopback needs/);
      assert.equal(host.requests.length + other.requests.length, 0, 'a bare --approve-loopback approves nothing');

      const r = await cli(ws, env, 'dry-run', '--approve-loopback', host.host, '--allow-env', 'BILLING_API_KEY_PRIMARY,MAPS_API_KEY_PRIMARY');
      assert.equal(host.requests.length, 1, r.err);
      assert.equal(other.requests.length, 0, 'another loopback port (another local user\'s listener) gets nothing');
      assert.match(r.err, new RegExp(`not approved, nothing sent: maps-api → ${other.host.replace(/\./g, '\\.')}.*--approve-loopback ${other.host.replace(/\./g, '\\.')}`));
    } finally {
      await other.close();
    }
  });
});
