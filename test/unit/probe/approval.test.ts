import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import { workspaceIdFor } from '../../../src/core/keychain/workspaceId';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { adoptLegacyApprovals, ApprovalStore, ApprovalStoreError, defaultApprovalsFile, memoryApprovals, pendingApprovals } from '../../../src/core/probe/index';
import { isLoopbackAddress, isLoopbackHost } from '../../../src/core/net/loopback';
import { checkTransport } from '../../../src/core/net/transport';
import { serviceConfig } from './helpers';

describe('host approval', () => {
  const dir = () => mkdtempSync(join(tmpdir(), 'rr-approvals-'));
  const workspace = dir();

  it('persists service→host bindings in a 0600 JSON file and reloads them', () => {
    const file = join(dir(), 'nested/approvals.json');
    const store = new ApprovalStore(file, { workspace });
    assert.equal(store.isApproved('billing-api', 'api.example.com'), false);
    store.approve('billing-api', 'API.example.com', { now: new Date('2026-01-01T00:00:00Z') });
    store.approve('billing-api', 'api.example.com');
    assert.equal(statSync(file).mode & 0o777, 0o600);
    const again = new ApprovalStore(file, { workspace });
    assert.equal(again.isApproved('billing-api', 'api.example.com'), true);
    assert.equal(again.isApproved('billing-api', 'api.example.com:8443'), false, 'another port is another host');
    assert.equal(again.isApproved('maps-api', 'api.example.com'), false, 'approval is per service');
    assert.deepEqual(JSON.parse(readFileSync(file, 'utf8')), {
      version: 2,
      approvals: [{ service: 'billing-api', host: 'api.example.com', workspace: workspaceIdFor(workspace), workspaceRoot: realpathSync(workspace), envVars: [], approvedAt: '2026-01-01T00:00:00.000Z' }],
    });
  });

  it('merges with approvals written by another process, and revokes', () => {
    const file = join(dir(), 'approvals.json');
    const a = new ApprovalStore(file, { workspace });
    const b = new ApprovalStore(file, { workspace });
    a.approve('one', 'h1');
    b.approve('two', 'h2');
    a.reload();
    assert.deepEqual(a.list().map((x) => x.service), ['one', 'two']);
    assert.equal(a.revoke('one'), 1);
    assert.equal(new ApprovalStore(file, { workspace }).isApproved('one', 'h1'), false);
  });

  it('refuses to live inside a workspace (a cloned repo could pre-approve its hosts)', () => {
    const ws = dir();
    assert.throws(() => new ApprovalStore(join(ws, '.vscode/approvals.json'), { workspace: ws }), ApprovalStoreError);
    assert.doesNotThrow(() => new ApprovalStore(join(dir(), 'approvals.json'), { workspace: ws }));
  });

  it('reports a corrupt file clearly', () => {
    const file = join(dir(), 'approvals.json');
    writeFileSync(file, '{nope');
    assert.throws(() => new ApprovalStore(file, { workspace }), /not valid JSON/);
  });

  it('keys go over https anywhere, plain http only to loopback, never with URL credentials', () => {
    assert.deepEqual(checkTransport('https://api.example.com/v1'), { ok: true, host: 'api.example.com', loopback: false });
    assert.deepEqual(checkTransport('http://127.0.0.1:7311/x'), { ok: true, host: '127.0.0.1:7311', loopback: true });
    assert.deepEqual(checkTransport('http://[::1]:80/x'), { ok: true, host: '[::1]', loopback: true });
    assert.equal(checkTransport('http://localhost:3000').ok, true);
    for (const bad of ['http://api.example.com', 'http://10.0.0.1', 'http://127.0.0.1.nip.io', 'https://u:p@api.example.com', 'ftp://127.0.0.1', 'nope']) {
      assert.equal(checkTransport(bad).ok, false, bad);
    }
  });

  it('recognises loopback hosts and socket addresses', () => {
    for (const h of ['127.0.0.1', '127.1.2.3', '::1', '[::1]', 'localhost', 'api.localhost']) assert.equal(isLoopbackHost(h), true, h);
    for (const h of ['128.0.0.1', '0.0.0.0', 'example.com', '::2', 'localhost.example.com']) assert.equal(isLoopbackHost(h), false, h);
    assert.equal(isLoopbackAddress('::ffff:127.0.0.1'), true);
    assert.equal(isLoopbackAddress('192.168.1.4'), false);
    assert.equal(isLoopbackAddress(undefined), false);
  });

  it('puts the CLI approvals file in a user-level directory', () => {
    assert.equal(defaultApprovalsFile({ ROTATION_READY_CONFIG_DIR: '/x' }, 'linux'), '/x/approvals.json');
    assert.equal(defaultApprovalsFile({ XDG_CONFIG_HOME: '/home/u/.cfg' }, 'linux'), '/home/u/.cfg/rotation-ready/approvals.json');
    assert.match(defaultApprovalsFile({}, 'linux'), /\.config\/rotation-ready\/approvals\.json$/);
  });

  it('lists the bindings still to approve, once per service and host', () => {
    const billing = { ...serviceConfig('billing', 'https://api.billing.example/v1'), environments: [{ name: 'dev' }, { name: 'staging' }, { name: 'prod', url: 'https://prod.billing.example/v1' }] };
    const local = serviceConfig('local', 'http://127.0.0.1:7311/local');
    const insecure = serviceConfig('insecure', 'http://api.example.com');
    const approvals = memoryApprovals([{ service: 'billing', host: 'prod.billing.example' }]);
    assert.deepEqual(pendingApprovals([billing, local, insecure], approvals), [
      { service: 'billing', environments: ['dev', 'staging'], host: 'api.billing.example', loopback: false, envVars: ['BILLING_KEY_PRIMARY', 'BILLING_KEY', 'BILLING_KEY_FALLBACK'] },
      { service: 'local', environments: ['dev'], host: '127.0.0.1:7311', loopback: true, envVars: ['LOCAL_KEY_PRIMARY', 'LOCAL_KEY', 'LOCAL_KEY_FALLBACK'] },
    ]);
    assert.deepEqual(pendingApprovals([billing], approvals, ['prod']), []);
  });

  it("one file for every front end: the editor's old approvals are merged in once, and a later revoke holds", () => {
    const userDir = dir();
    const shared = join(userDir, 'approvals.json');
    const legacy = join(dir(), 'host-approvals.json');
    // The editor approved billing-api and maps-api in its global storage; the CLI approved billing-api already.
    const editor = new ApprovalStore(legacy, { workspace });
    editor.approve('billing-api', 'api.example.com', { envVars: ['BILLING_KEY'] });
    editor.approve('maps-api', 'maps.example.com');
    new ApprovalStore(shared, { workspace }).approve('billing-api', 'api.example.com', { envVars: ['BILLING_API_KEY'] });

    adoptLegacyApprovals(legacy, shared);
    const store = new ApprovalStore(shared, { workspace });
    assert.equal(store.isApproved('maps-api', 'maps.example.com'), true, "the editor's approval counts for the CLI");
    assert.deepEqual(store.confirmedEnvVars('billing-api', 'api.example.com'), ['BILLING_API_KEY'], 'an entry already in the shared file wins');
    assert.equal(existsSync(legacy), false);
    assert.equal(existsSync(`${legacy}.migrated`), true, 'the old file is kept, renamed');

    store.revoke('maps-api');
    adoptLegacyApprovals(legacy, shared);
    assert.equal(new ApprovalStore(shared, { workspace }).isApproved('maps-api', 'maps.example.com'), false, 'a revoked approval is not brought back');
  });
});
