import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { KeytarKeychain } from '../../src/core/keychain/keytar';
import { workspaceIdFor } from '../../src/core/keychain/workspaceId';
import type { DryRunReport } from '../../src/core/probe/index';
import { startSimulator, type Simulator } from '../../src/simulator/index';
import type { KeysNode } from '../../src/extension/keysView';
import { webhookReceiver } from '../unit/monitor/helpers';
import { activeExtension, waitFor, workspaceUri, filesUnder } from './helpers';

/** Synthetic keys made for this run only. */
const key = (name: string) => `rrtest_${name}_${randomBytes(12).toString('hex')}`;
const keys = { primary: key('monitor_p'), fallback: key('monitor_f') };


describe('health monitor in the extension host', function () {
  this.timeout(120_000);
  let simulator: Simulator;
  let hook: Awaited<ReturnType<typeof webhookReceiver>>;
  let originalConfig: Uint8Array;
  const configUri = () => workspaceUri('.rotation-ready.json');
  const auditLog = () => workspaceUri('.rotation-ready', 'monitor-audit.jsonl').fsPath;
  const environmentItem = async () => {
    const { exports: api } = await activeExtension();
    return api.keysTree.getTreeItem({ kind: 'environment', service: 'billing-api', environment: 'dev' } satisfies KeysNode);
  };

  before(async () => {
    const { exports: api } = await activeExtension();
    simulator = await startSimulator({
      services: [{ name: 'billing-api', auth: { type: 'bearer' }, keys: [{ label: 'primary', value: keys.primary }, { label: 'fallback', value: keys.fallback }] }],
    });
    hook = await webhookReceiver();
    // This run's configuration: one service on this run's simulator, a one-second schedule, a spike after
    // two rejections, alerts to the local webhook and an audit log. The workspace is a per-run copy.
    originalConfig = await vscode.workspace.fs.readFile(configUri());
    const config = {
      version: 1,
      services: [{ name: 'billing-api', environments: ['dev'], probe: { url: simulator.serviceUrl('billing-api', '/v1/account'), auth: { type: 'bearer' }, timeoutMs: 3000 }, monitor: { intervalSeconds: 1 } }],
      monitor: { jitter: 0, signals: { spike: { rejections: 2, healthyProbes: 1, windowSeconds: 600 } } },
      alerts: { dedupWindowMs: 600000, sinks: [{ type: 'webhook', url: hook.url }, { type: 'audit-log', path: '.rotation-ready/monitor-audit.jsonl' }] },
    };
    await vscode.workspace.fs.writeFile(configUri(), Buffer.from(JSON.stringify(config, null, 2)));
    const loaded = await api.config.reload();
    assert.deepEqual(loaded?.errors, []);
    const keychain = new KeytarKeychain();
    const workspaceId = workspaceIdFor(vscode.workspace.workspaceFolders![0]!.uri.fsPath);
    await keychain.set({ workspaceId, service: 'billing-api', environment: 'dev', slot: 'primary' }, keys.primary);
    await keychain.set({ workspaceId, service: 'billing-api', environment: 'dev', slot: 'fallback' }, keys.fallback);
    api.approvals().approve('billing-api', `127.0.0.1:${simulator.port}`);
    // The webhook's host is approved like a probe host (alerts go nowhere else).
    api.approvals().approve('alerts:webhook', new URL(hook.url).host);
  });

  after(async () => {
    const { exports: api } = await activeExtension();
    await vscode.commands.executeCommand('rotationReady.stopHealthMonitor');
    await vscode.workspace.fs.writeFile(configUri(), originalConfig);
    await api.config.reload();
    await simulator?.close();
    await hook?.close();
  });

  it('is off by default', async () => {
    const { exports: api } = await activeExtension();
    assert.equal(vscode.workspace.getConfiguration().get('rotationReady.monitor.enabled'), false);
    assert.equal(api.monitor.running, false);
    assert.equal(api.monitor.statusBar().visible, false);
  });

  it('starts from the command and shows the service healthy in the status bar and the Keys sidebar', async () => {
    const { exports: api } = await activeExtension();
    assert.equal(await vscode.commands.executeCommand('rotationReady.startHealthMonitor'), true);
    assert.equal(api.monitor.running, true);
    await waitFor(() => api.monitor.statusBar().text, (t) => t === '$(pass) 1 healthy', 'the status bar to show the service healthy');
    assert.equal(api.monitor.statusBar().visible, true);
    await waitFor(async () => String((await environmentItem()).description), (d) => d.startsWith('healthy · '), 'the sidebar to show health');
    assert.deepEqual(hook.bodies, [], 'no alert while healthy');
  });

  it('turns the status bar to a spike of 401s when the simulator revokes the primary, and alerts exactly once', async () => {
    const { exports: api } = await activeExtension();
    assert.equal(simulator.admin.revokeKey('billing-api', { label: 'primary' }), 1);
    await waitFor(() => api.monitor.statusBar().text, (t) => t === '$(error) billing-api: spike of 401s', 'the status bar to show the spike', 30_000);
    const health = api.monitor.healthOf('billing-api', 'dev')!;
    assert.equal(health.level, 'failing');
    assert.deepEqual(health.signals.map((s) => [s.kind, s.slot]), [['spike', 'primary']]);
    assert.match(String((await environmentItem()).description), /^spike of 401s · /);
    assert.match(api.monitor.statusBar().tooltip, /spike: the primary key was valid in \d+ probe\(s\), then rejected \(HTTP 401\)/);
    // More runs see the same problem; the dispatcher keeps it to one alert per de-duplication window.
    const runs = simulator.requestLog.length;
    await waitFor(() => simulator.requestLog.length, (n) => n >= runs + 6, 'three more monitor runs', 30_000);
    const monitorAlerts = hook.alerts().filter((a) => a.source === 'monitor');
    assert.deepEqual(monitorAlerts.map((a) => a.error).sort(), ['primary key rejected (HTTP 401)', 'signal spike (key revoked or expired?): spike of 401s']);
    for (const a of monitorAlerts) {
      assert.equal(a.service, 'billing-api');
      assert.equal(a.environment, 'dev');
      assert.match(a.fingerprint, /^rk1:[0-9a-f]{16}$/);
    }
    const audit = await waitFor(() => (existsSync(auditLog()) ? readFileSync(auditLog(), 'utf8').trim().split('\n') : []), (lines) => lines.length >= 2, 'the audit log');
    assert.deepEqual(audit.map((l) => JSON.parse(l) as { error: string }).map((a) => a.error).sort(), monitorAlerts.map((a) => a.error).sort());
  });

  it("sends the dry-run command's alerts to the same sinks", async () => {
    const report = await vscode.commands.executeCommand<DryRunReport>('rotationReady.runDryRun', { services: ['billing-api'], rounds: 1, showReport: false, askApproval: false });
    assert.equal(report.targets[0]!.verdict, 'incident');
    const fromDryRun = await waitFor(() => hook.alerts().filter((a) => a.source === 'dry-run'), (a) => a.length >= 1, 'the dry-run alert');
    assert.deepEqual(fromDryRun.map((a) => a.error), ['primary key rejected (HTTP 401) in 1 of 1 rounds']);
  });

  it('opens the probe timeline from the status bar', async () => {
    const { exports: api } = await activeExtension();
    await vscode.commands.executeCommand('rotationReady.showHealthReport');
    const html = await waitFor(() => api.reportHtml() ?? '', (h) => h.includes('health monitor'), 'the timeline report');
    assert.match(html, /<svg class="timeline"/);
    assert.match(html, /billing-api/);
    assert.match(html, /<h1>Key Health \(monitor history\)<\/h1>/, 'the history is not titled as a dry-run');
  });

  it('stops from the command', async () => {
    const { exports: api } = await activeExtension();
    await vscode.commands.executeCommand('rotationReady.stopHealthMonitor');
    assert.equal(api.monitor.running, false);
    assert.equal(api.monitor.statusBar().visible, false);
    const before = simulator.requestLog.length;
    await new Promise((r) => setTimeout(r, 2500));
    assert.equal(simulator.requestLog.length, before, 'no probe after stop');
    assert.doesNotMatch(String((await environmentItem()).description), /spike|healthy/);
  });

  it('never puts a key in the history, the alerts, the audit log, the status bar, the report or the log', async () => {
    const { exports: api } = await activeExtension();
    assert.ok(api.monitor.guardedKeyCount() >= 2, 'the redaction guard knows the keys handed out');
    const outputs: Record<string, string> = {
      history: readFileSync(api.monitor.historyFile!, 'utf8'),
      webhook: hook.bodies.join('\n'),
      audit: readFileSync(auditLog(), 'utf8'),
      statusBar: JSON.stringify(api.monitor.statusBar()),
      report: api.reportHtml() ?? '',
    };
    for (const file of filesUnder(api.logDirectory.fsPath)) outputs[file] = readFileSync(file, 'utf8');
    assert.match(outputs.history, /"outcome":"rejected"/);
    for (const [where, text] of Object.entries(outputs)) {
      for (const value of Object.values(keys)) {
        for (const form of [value, encodeURIComponent(value), Buffer.from(value).toString('base64').replace(/=+$/, '')]) assert.equal(text.includes(form), false, `${where} contains a key`);
      }
    }
  });
});
