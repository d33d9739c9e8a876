import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyEdits, modify } from 'jsonc-parser';
import * as vscode from 'vscode';
import type { CheckLiveOutcome } from '../../src/extension/checkLive';
import type { Prompts } from '../../src/extension/keys/prompts';
import { presetSimAuth, startSimulator, type Simulator } from '../../src/simulator/index';
import { activeExtension, filesUnder, ourDiagnostics, waitFor, workspaceUri } from './helpers';

/** Answers the host-approval question as told, and records it; any other question is unexpected. */
class ApprovalPrompts implements Prompts {
  readonly asked: string[] = [];
  constructor(private readonly allow: boolean) {}
  secret() {
    this.asked.push('secret');
    return Promise.resolve(undefined);
  }
  text() {
    this.asked.push('text');
    return Promise.resolve(undefined);
  }
  pick() {
    this.asked.push('pick');
    return Promise.resolve(undefined);
  }
  pickMany() {
    this.asked.push('pickMany');
    return Promise.resolve(undefined);
  }
  confirm(message: string) {
    this.asked.push(message);
    return Promise.resolve(this.allow);
  }
}

const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? d.code.value : d.code);

describe('Check if This Key Is Live… (against the simulator through the Stripe preset)', function () {
  this.timeout(120_000);
  let sim: Simulator;
  let originalPrompts: Prompts;
  let configBefore: string;
  const configFile = () => join(workspaceUri().fsPath, '.rotation-ready.json');
  const SERVICE = 'stripe-live-check';
  let key = '';
  const outputs: string[] = [];

  before(async () => {
    const { exports: api } = await activeExtension();
    originalPrompts = api.keys.prompts;
    const uri = workspaceUri('src/config.ts');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const stripe = (await waitFor(() => ourDiagnostics(uri), (d) => d.some((x) => codeOf(x) === 'stripe-secret-key'), 'the Stripe squiggle')).find((x) => codeOf(x) === 'stripe-secret-key')!;
    key = vscode.window.activeTextEditor!.document.getText(stripe.range);
    // The simulator plays Stripe (its auth style, its endpoint) and knows the demo key as a valid one.
    sim = await startSimulator({ services: [{ name: 'stripe', provider: 'stripe', auth: presetSimAuth('stripe'), keys: [{ value: key, label: 'demo' }] }] });
    configBefore = readFileSync(configFile(), 'utf8');
    const service = { name: SERVICE, provider: 'stripe', baseUrl: sim.serviceUrl('stripe') };
    writeFileSync(configFile(), applyEdits(configBefore, modify(configBefore, ['services', -1], service, { isArrayInsertion: true, formattingOptions: { insertSpaces: true, tabSize: 2 } })));
    await waitFor(() => api.projects.all()[0]!.config.reload(), (c) => !!c?.services.some((s) => s.name === SERVICE), 'the service in the configuration');
  });
  after(async () => {
    const { exports: api } = await activeExtension();
    api.keys.prompts = originalPrompts;
    api.approvals().revoke(SERVICE);
    writeFileSync(configFile(), configBefore);
    await api.projects.all()[0]!.config.reload();
    await sim?.close();
  });

  const run = async (allow: boolean) => {
    const { exports: api } = await activeExtension();
    const prompts = new ApprovalPrompts(allow);
    api.keys.prompts = prompts;
    const uri = workspaceUri('src/config.ts');
    const stripe = ourDiagnostics(uri).find((x) => codeOf(x) === 'stripe-secret-key')!;
    let actions: vscode.CodeAction[] = [];
    for (let attempt = 0; attempt < 6 && !actions.length; attempt++) {
      actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, stripe.range).then((a) => a, () => []);
      if (!actions.length) await new Promise((r) => setTimeout(r, 500));
    }
    const check = actions.find((a) => a.command?.command === 'rotationReady.checkKeyLive');
    assert.ok(check, `offered: ${actions.map((a) => a.title).join(' | ')}`);
    const result = await vscode.commands.executeCommand<CheckLiveOutcome>(check.command!.command, ...check.command!.arguments!);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, stripe.range.start.translate(0, 3));
    const hover = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    outputs.push(JSON.stringify(result), hover, ...prompts.asked);
    return { result, hover, prompts };
  };

  it('asks with the probes’ approval prompt; refused, nothing is sent', async () => {
    const { result, prompts } = await run(false);
    assert.deepEqual(result, { refused: new URL(sim.url).host, service: SERVICE });
    assert.deepEqual(prompts.asked, [`Send the keys of "${SERVICE}" to ${new URL(sim.url).host}?`]);
    assert.equal(sim.requestLog.length, 0, 'no request reached the simulator');
  });

  it('approved: live (HTTP 200) in the result and the hover; after revocation: revoked (HTTP 401)', async () => {
    const live = await run(true);
    assert.ok(live.result && 'liveness' in live.result, JSON.stringify(live.result));
    assert.equal(live.result.liveness, 'live');
    assert.equal(live.result.status, 200);
    assert.equal(sim.requestLog.length, 1, 'one read-only request');
    assert.equal(sim.requestLog[0]!.method, 'GET');
    assert.match(live.hover, /Live check \(.*\): \*\*live\*\*/);
    // Approved once, not asked again.
    sim.admin.revokeKey('stripe', { label: 'demo' });
    const revoked = await run(true);
    assert.ok(revoked.result && 'liveness' in revoked.result);
    assert.equal(revoked.result.liveness, 'revoked');
    assert.equal(revoked.result.status, 401);
    assert.deepEqual(revoked.prompts.asked, [], 'the approval is remembered');
    assert.match(revoked.hover, /\*\*revoked\*\*/);
  });

  it('no key value in any result, prompt, hover or log file', async () => {
    const { exports: api } = await activeExtension();
    const logs = filesUnder(api.logDirectory.fsPath).map((f) => readFileSync(f, 'utf8'));
    for (const out of [...outputs, ...logs, JSON.stringify(sim.requestLog)]) assert.equal(out.includes(key), false, 'a key value leaked');
  });
});
