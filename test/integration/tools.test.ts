import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { KeytarKeychain } from '../../src/core/keychain/keytar';
import { workspaceIdFor } from '../../src/core/keychain/workspaceId';
import { startSimulator, type Simulator } from '../../src/core/simulator/index';
import { activeExtension, workspaceUri } from './helpers';

const textOf = (result: vscode.LanguageModelToolResult) => result.content.map((part) => (part instanceof vscode.LanguageModelTextPart ? part.value : '')).join('');

async function invoke(name: string, input: object): Promise<string> {
  const result = await vscode.lm.invokeTool(name, { input, toolInvocationToken: undefined }, new vscode.CancellationTokenSource().token);
  return textOf(result);
}

describe('language-model tools for agent mode', function () {
  this.timeout(120_000);
  before(() => activeExtension());

  it('registers the four tools with their input schemas', () => {
    const ours = vscode.lm.tools.filter((t) => t.name.startsWith('rotation-ready_')).map((t) => t.name).sort();
    assert.deepEqual(ours, ['rotation-ready_explain_finding', 'rotation-ready_rotation_status', 'rotation-ready_run_dry_run', 'rotation-ready_scan_workspace']);
  });

  it('scans the workspace and lists findings without values', async () => {
    const text = await invoke('rotation-ready_scan_workspace', {});
    assert.match(text, /Scanned \d+ files/);
    assert.match(text, /src\/config\.ts:\d+:\d+ stripe-secret-key error/);
    const config = Buffer.from(await vscode.workspace.fs.readFile(workspaceUri('src/config.ts'))).toString('utf8');
    const stripe = /sk_live_[A-Za-z0-9]+/.exec(config)![0];
    assert.equal(text.includes(stripe), false);
  });

  it('explains a finding with the provider rotation steps', async () => {
    const text = await invoke('rotation-ready_explain_finding', { ruleId: 'stripe-secret-key' });
    assert.match(text, /Stripe/);
    assert.match(text, /How to rotate/);
    assert.match(await invoke('rotation-ready_explain_finding', { ruleId: 'no-such-rule' }), /No Rotation Ready rule/);
  });

  describe('with keys and a simulator', () => {
    let simulator: Simulator;
    let original: Uint8Array;
    const primary = `rrtool_${randomBytes(12).toString('hex')}`;
    const fallback = `rrtool_${randomBytes(12).toString('hex')}`;

    before(async () => {
      const { exports: api } = await activeExtension();
      simulator = await startSimulator({ services: [{ name: 'billing-api', auth: { type: 'bearer' }, keys: [primary, fallback] }] });
      original = await vscode.workspace.fs.readFile(workspaceUri('.rotation-ready.json'));
      await vscode.workspace.fs.writeFile(workspaceUri('.rotation-ready.json'), Buffer.from(Buffer.from(original).toString('utf8').replaceAll('127.0.0.1:7311', `127.0.0.1:${simulator.port}`)));
      await api.config.reload();
      api.approvals().approve('billing-api', `127.0.0.1:${simulator.port}`);
      const workspaceId = workspaceIdFor(vscode.workspace.workspaceFolders![0]!.uri.fsPath);
      const keychain = new KeytarKeychain();
      await keychain.set({ workspaceId, service: 'billing-api', environment: 'dev', slot: 'primary' }, primary);
      await keychain.set({ workspaceId, service: 'billing-api', environment: 'dev', slot: 'fallback' }, fallback);
    });

    after(async () => {
      const { exports: api } = await activeExtension();
      await vscode.workspace.fs.writeFile(workspaceUri('.rotation-ready.json'), original);
      await api.config.reload();
      await simulator?.close();
    });

    it('runs a dry-run and returns verdicts, never keys', async () => {
      const text = await invoke('rotation-ready_run_dry_run', { services: ['billing-api'], rounds: 2 });
      assert.match(text, /billing-api\s+dev\s+safe to promote/);
      assert.equal(text.includes(primary) || text.includes(fallback), false);
      assert.ok(simulator.requestLog.length >= 4, 'probes reached the simulator');
    });

    it('reports rotation status by fingerprint', async () => {
      const text = await invoke('rotation-ready_rotation_status', {});
      assert.match(text, /billing-api \(dev\): stage idle/);
      assert.equal(text.includes(primary) || text.includes(fallback), false);
    });
  });
});
