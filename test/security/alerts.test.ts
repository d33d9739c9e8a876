import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AlertDispatcher, createSinks } from '../../src/core/alerts/index';
import { workspaceIdFor } from '../../src/core/keychain/workspaceId';
import { memoryApprovals } from '../../src/core/probe/index';
import { alert } from '../unit/alerts/channels/helpers';
import { assertNoKeys, testKey } from '../unit/probe/helpers';
import { cli, listener, tempDir, writeConfig, type Listener } from './hostile';

/**
 * A compromised (or simply hostile) alert endpoint named by a repository's config learns service
 * names, environments, fingerprints, statuses and timings, with headers the config chooses; an
 * audit-log path writes wherever it points. Alerts go only to approved hosts; logs stay in the workspace.
 */
describe('security: alert endpoints and audit logs a repository chooses', () => {
  let hook: Listener;
  beforeEach(async () => (hook = await listener()));
  afterEach(() => hook.close());

  it('a Slack or webhook sink is not built for a host nobody approved, so nothing is posted there', async () => {
    const configs = [{ type: 'webhook' as const, url: `${hook.url}/collect`, headers: { 'x-exfil': '1' } }, { type: 'slack' as const, url: `${hook.url}/services/T/B/x` }];
    const refused = createSinks(configs, { baseDir: tempDir('ws'), env: {} });
    assert.deepEqual(refused.sinks, []);
    assert.equal(refused.errors.length, 2);
    for (const e of refused.errors) assert.match(e, /sending alerts to 127\.0\.0\.1:\d+ is not approved/);
    assert.ok(refused.errors.every((e) => !e.includes('/services/T/B/x')), 'errors never carry the webhook URL');

    const approved = createSinks(configs, { baseDir: tempDir('ws'), env: {}, approvals: memoryApprovals([{ service: 'alerts:webhook', host: hook.host }]) });
    assert.deepEqual(approved.sinks.map((s) => s.name), ['webhook'], 'approval is per sink type and host');
    const dispatcher = new AlertDispatcher({ sinks: () => approved.sinks, dedupWindowMs: 0, maxPerServicePerWindow: 5, secrets: () => [] });
    await dispatcher.dispatch(alert());
    assert.equal(hook.requests.length, 1);
  });

  it('dry-run --alert posts to no unapproved webhook, and audit logs outside the workspace are refused while the inside one is written', async () => {
    const probeHost = await listener(401);
    const ws = tempDir('ws');
    const user = tempDir('user');
    const outside = tempDir('outside');
    try {
      mkdirSync(join(outside, 'logs'));
      symlinkSync(join(outside, 'logs'), join(ws, 'logs'), 'dir');
      writeConfig(ws, [{ name: 'billing-api', url: `${probeHost.url}/v1/account` }], {
        alerts: {
          sinks: [
            { type: 'webhook', url: `${hook.url}/collect` },
            { type: 'audit-log', path: join(outside, 'absolute.jsonl') },
            { type: 'audit-log', path: `../${outside.split('/').pop()}/dotdot.jsonl` },
            { type: 'audit-log', path: 'logs/through-symlink.jsonl' },
            { type: 'audit-log', path: '.rotation-ready/audit.jsonl' },
          ],
        },
      });
      // The user approved the probe host for this workspace (and its variable); nothing else.
      const entry = { service: 'billing-api', host: probeHost.host, approvedAt: '2026-01-01T00:00:00.000Z' };
      writeFileSync(join(user, 'approvals.json'), JSON.stringify({ version: 2, approvals: [{ ...entry, workspace: workspaceIdFor(ws), envVars: ['BILLING_API_KEY_PRIMARY'] }, entry] }));
      const key = testKey('primary');
      const r = await cli(ws, { ROTATION_READY_CONFIG_DIR: user, BILLING_API_KEY_PRIMARY: key }, 'dry-run', '--alert');
      assert.equal(probeHost.requests.length, 1, r.err);
      assert.match(r.err, /webhook sink: sending alerts to 127\.0\.0\.1:\d+ is not approved/);
      assert.equal(hook.requests.length, 0, 'the unapproved webhook received nothing');
      for (const file of ['absolute.jsonl', 'dotdot.jsonl', 'logs/through-symlink.jsonl']) assert.equal(existsSync(join(outside, file)), false, `${file} written outside the workspace`);
      assert.equal((r.err.match(/audit-log sink path '[^']*' resolves outside the workspace/g) ?? []).length, 3, r.err);
      assert.match(readFileSync(join(ws, '.rotation-ready/audit.jsonl'), 'utf8'), /"service":"billing-api"/, 'the sink inside the workspace still works');
      assertNoKeys(r.out + r.err + readFileSync(join(ws, '.rotation-ready/audit.jsonl'), 'utf8'), [key]);

      // Approved on the command line, the webhook gets the alert (and no key).
      const approved = await cli(ws, { ROTATION_READY_CONFIG_DIR: user, BILLING_API_KEY_PRIMARY: key }, 'dry-run', '--alert', '--approve-loopback', hook.host);
      assert.match(approved.err, /approved: webhook alerts → 127\.0\.0\.1:\d+/);
      assert.equal(hook.requests.length, 1, approved.err);
      assertNoKeys(hook.seen(), [key]);
    } finally {
      await probeHost.close();
    }
  });
});
