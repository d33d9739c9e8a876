import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import * as vscode from 'vscode';
import { ApprovalStore, defaultApprovalsFile, type DryRunReport } from '../../src/core/probe/index';
import { startSimulator, type Simulator } from '../../src/simulator/index';
import type { Prompts } from '../../src/extension/keys/prompts';
import { webhookReceiver } from '../unit/monitor/helpers';
import { activeExtension, waitFor, workspaceUri } from './helpers';

/** Synthetic keys and variable names made for this run only. */
const tag = randomBytes(6).toString('hex').toUpperCase();
const keys = { primary: `rrtest_envp_${randomBytes(12).toString('hex')}`, fallback: `rrtest_envf_${randomBytes(12).toString('hex')}` };
const names = { primary: `RRT_${tag}_PRIMARY`, fallback: `RRT_${tag}_FALLBACK`, plain: `RRT_${tag}`, other: `RRT_${tag}_OTHER` };
const SERVICE = 'envtest-api';

/** Answers every modal confirmation by its message, and records what was asked (message and detail). */
class ConfirmOnly implements Prompts {
  readonly asked: Array<{ message: string; detail: string }> = [];
  constructor(private readonly answer: (message: string) => boolean) {}
  async confirm(message: string, detail: string): Promise<boolean> {
    this.asked.push({ message, detail });
    return this.answer(message);
  }
  async secret(): Promise<string | undefined> {
    throw new Error('unexpected secret prompt');
  }
  async text(): Promise<string | undefined> {
    throw new Error('unexpected text prompt');
  }
  async pick<T extends vscode.QuickPickItem>(): Promise<T | undefined> {
    throw new Error('unexpected pick');
  }
  async pickMany<T extends vscode.QuickPickItem>(): Promise<readonly T[] | undefined> {
    throw new Error('unexpected pick');
  }
}

describe('host approvals in the editor: one workspace, confirmed variables, approved alert hosts', function () {
  this.timeout(120_000);
  let simulator: Simulator;
  let hook: Awaited<ReturnType<typeof webhookReceiver>>;
  let originalConfig: Uint8Array;
  let originalPrompts: Prompts;
  const configUri = () => workspaceUri('.rotation-ready.json');
  const host = () => `127.0.0.1:${simulator.port}`;

  async function writeConfig(envVars: Record<string, string>, probeUrl = simulator.serviceUrl(SERVICE, '/v1/account')): Promise<void> {
    const { exports: api } = await activeExtension();
    const config = {
      version: 1,
      services: [{ name: SERVICE, environments: ['dev'], envVars, probe: { url: probeUrl, auth: { type: 'bearer' }, rounds: 1, intervalMs: 0, timeoutMs: 3000 } }],
      alerts: { dedupWindowMs: 0, sinks: [{ type: 'webhook', url: hook.url }] },
    };
    await vscode.workspace.fs.writeFile(configUri(), Buffer.from(JSON.stringify(config, null, 2)));
    const loaded = await api.config.reload();
    assert.deepEqual(loaded?.errors, []);
  }

  const dryRun = (askApproval = true) => vscode.commands.executeCommand<DryRunReport>('rotationReady.runDryRun', { services: [SERVICE], showReport: false, askApproval });

  before(async () => {
    const { exports: api } = await activeExtension();
    simulator = await startSimulator({ services: [{ name: SERVICE, auth: { type: 'bearer' }, keys: [{ label: 'primary', value: keys.primary }, { label: 'fallback', value: keys.fallback }] }] });
    hook = await webhookReceiver();
    originalConfig = await vscode.workspace.fs.readFile(configUri());
    originalPrompts = api.keys.prompts;
    // The keys live only in this window's environment (no keychain entry for this service).
    process.env[names.primary] = keys.primary;
    process.env[names.fallback] = keys.fallback;
    process.env[names.other] = keys.fallback;
    await writeConfig({ primary: names.primary, fallback: names.fallback, plain: names.plain });
  });

  after(async () => {
    const { exports: api } = await activeExtension();
    api.keys.prompts = originalPrompts;
    for (const name of Object.values(names)) delete process.env[name];
    api.approvals().revoke(SERVICE);
    api.approvals().revoke('alerts:webhook');
    await vscode.workspace.fs.writeFile(configUri(), originalConfig);
    await api.config.reload();
    await simulator?.close();
    await hook?.close();
  });

  it('an approval given in another workspace, or stored without one, does not count here', async () => {
    const { exports: api } = await activeExtension();
    const file = api.approvals().file;
    let stored: { approvals: unknown[] } = { approvals: [] };
    try {
      stored = JSON.parse(readFileSync(file, 'utf8')) as typeof stored;
    } catch {
      // no approvals yet
    }
    const entry = { service: SERVICE, host: host(), approvedAt: '2026-01-01T00:00:00.000Z' };
    stored.approvals.push(entry, { ...entry, workspace: 'ws-0123456789abcdef', envVars: [names.primary, names.fallback] });
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify({ version: 2, ...stored }));
    simulator.admin.clearLog();
    const report = await dryRun(false);
    assert.equal(report.targets[0]!.verdict, 'needs-approval');
    assert.deepEqual(simulator.requestLog, [], 'nothing was sent');
  });

  it('an approval given from the CLI counts in the editor: one per-user file for both front ends', async () => {
    const { exports: api } = await activeExtension();
    // The CLI's store: the same file, located from the real environment, for this workspace folder.
    const file = defaultApprovalsFile(process.env);
    assert.equal(api.approvals().file, file);
    const cli = new ApprovalStore(file, { workspace: workspaceUri().fsPath });
    cli.approve(SERVICE, host(), { envVars: [names.primary, names.fallback] });
    try {
      simulator.admin.clearLog();
      const report = await dryRun(false);
      assert.notEqual(report.targets[0]!.verdict, 'needs-approval', JSON.stringify(report.targets[0]));
      assert.ok(simulator.requestLog.length > 0, 'the probe went to the host the CLI approved');
    } finally {
      cli.revoke(SERVICE);
    }
  });

  it('the approval prompt names the environment variables; only the ones confirmed there are read', async () => {
    const { exports: api } = await activeExtension();
    const prompts = new ConfirmOnly((message) => message.startsWith('Send the keys'));
    api.keys.prompts = prompts;
    simulator.admin.clearLog();
    const report = await dryRun();
    const question = prompts.asked.find((q) => q.message === `Send the keys of "${SERVICE}" to ${host()}?`);
    assert.ok(question, JSON.stringify(prompts.asked));
    assert.match(question.detail, new RegExp(`environment variables ${names.primary}, ${names.fallback}\\.`));
    assert.equal(report.targets[0]!.verdict, 'safe-to-promote', report.targets[0]!.reason);
    assert.equal(simulator.requestLog.length, 2);
    assert.deepEqual([...api.approvals().confirmedEnvVars(SERVICE, host())], [names.primary, names.fallback]);

    // The config now names another variable for the fallback: asked again; refused, it is not read.
    await writeConfig({ primary: names.primary, fallback: names.other, plain: names.plain });
    const again = new ConfirmOnly(() => false);
    api.keys.prompts = again;
    const second = await dryRun();
    assert.ok(again.asked.some((q) => q.message === `Read the keys of "${SERVICE}" (sent to ${host()}) from the environment variables ${names.other}?`), JSON.stringify(again.asked));
    assert.equal(second.targets[0]!.verdict, 'do-not-remove-old-key', 'the unconfirmed fallback variable was not read');
    assert.equal(second.targets[0]!.slots.find((s) => s.slot === 'fallback')!.classification, 'missing');
  });

  it('alerts go to a webhook only after its host is approved in the same prompt', async () => {
    const { exports: api } = await activeExtension();
    await writeConfig({ primary: names.primary, fallback: names.fallback, plain: names.plain });
    simulator.admin.revokeKey(SERVICE, { label: 'primary' });
    const refusing = new ConfirmOnly((message) => !message.startsWith('Send Rotation Ready alerts'));
    api.keys.prompts = refusing;
    const incident = await dryRun();
    assert.equal(incident.targets[0]!.verdict, 'incident');
    assert.ok(refusing.asked.some((q) => q.message === `Send Rotation Ready alerts (webhook sink) to ${new URL(hook.url).host}?`), JSON.stringify(refusing.asked));
    await new Promise((r) => setTimeout(r, 1500));
    assert.deepEqual(hook.bodies, [], 'the unapproved webhook received nothing');

    api.keys.prompts = new ConfirmOnly(() => true);
    await dryRun();
    await waitFor(() => hook.bodies.length, (n) => n > 0, 'the approved webhook to receive the alert');
    const received: string[] = [...hook.bodies];
    for (const body of received) for (const value of Object.values(keys)) assert.equal(body.includes(value), false, 'an alert carries no key');
    simulator.admin.reset(SERVICE);
  });

  it('the Keys tooltip shows a probe URL as one code span, whatever backticks it holds', async () => {
    const { exports: api } = await activeExtension();
    const url = `${simulator.serviceUrl(SERVICE, '/v1/account')}?q=\`](https://evil.example)\``;
    await writeConfig({ primary: names.primary, fallback: names.fallback, plain: names.plain }, url);
    const item = api.keysTree.getTreeItem({ kind: 'service', service: SERVICE });
    const tooltip = item.tooltip as vscode.MarkdownString;
    assert.ok(tooltip.value.includes(`Probe: \`\` GET ${url} \`\``), tooltip.value);
    assert.notEqual(tooltip.isTrusted, true);
  });
});
