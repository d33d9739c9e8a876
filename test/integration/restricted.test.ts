// Runs only in the harness's `restricted` mode: Workspace Trust on and the folder not trusted.
import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { KeytarKeychain } from '../../src/core/keychain/keytar';
import { workspaceIdFor } from '../../src/core/keychain/workspaceId';
import { startSimulator, type Simulator } from '../../src/core/simulator/index';
import { activeExtension, ourDiagnostics, waitFor, workspaceUri } from './helpers';

describe('Restricted Mode (an untrusted workspace)', function () {
  this.timeout(60_000);
  let simulator: Simulator;
  let original: Uint8Array;
  const primary = `rrrestricted_${randomBytes(12).toString('hex')}`;

  before(async () => {
    const { exports: api } = await activeExtension();
    assert.equal(vscode.workspace.isTrusted, false, 'the harness opened the folder untrusted');
    simulator = await startSimulator({ services: [{ name: 'billing-api', auth: { type: 'bearer' }, keys: [primary] }] });
    original = await vscode.workspace.fs.readFile(workspaceUri('.rotation-ready.json'));
    await vscode.workspace.fs.writeFile(workspaceUri('.rotation-ready.json'), Buffer.from(Buffer.from(original).toString('utf8').replaceAll('127.0.0.1:7311', `127.0.0.1:${simulator.port}`)));
    await api.config.reload();
    // Even with a key in the keychain and the host approved, nothing may be read or sent.
    await new KeytarKeychain().set({ workspaceId: workspaceIdFor(vscode.workspace.workspaceFolders![0]!.uri.fsPath), service: 'billing-api', environment: 'dev', slot: 'primary' }, primary);
    api.approvals().approve('billing-api', `127.0.0.1:${simulator.port}`);
  });

  after(async () => {
    await vscode.workspace.fs.writeFile(workspaceUri('.rotation-ready.json'), original);
    await simulator?.close();
  });

  it('still analyzes: hardcoded keys are squiggled', async () => {
    const uri = workspaceUri('src/config.ts');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    await waitFor(() => ourDiagnostics(uri), (d) => d.some((x) => (typeof x.code === 'object' ? x.code.value : x.code) === 'stripe-secret-key'), 'a stripe-secret-key diagnostic');
  });

  it('runs no dry-run and sends no probe, even to an approved host', async () => {
    const report = await vscode.commands.executeCommand('rotationReady.runDryRun', { services: ['billing-api'], askApproval: false, showReport: false });
    assert.equal(report, undefined);
    const tool = await vscode.lm.invokeTool('rotation-ready_run_dry_run', { input: { services: ['billing-api'] }, toolInvocationToken: undefined });
    assert.match(tool.content.map((p) => (p instanceof vscode.LanguageModelTextPart ? p.value : '')).join(''), /did not run/);
    assert.equal(await vscode.commands.executeCommand('rotationReady.startHealthMonitor'), false);
    await new Promise((r) => setTimeout(r, 500));
    assert.deepEqual(simulator.requestLog, [], 'the simulator saw no request');
  });

  it('neither reads nor injects keys: no terminal, no task, no .env, no validation', async () => {
    const { exports: api } = await activeExtension();
    const asked: string[] = [];
    const refuse = async (what: string) => {
      asked.push(what);
      return undefined;
    };
    api.keys.prompts = { secret: () => refuse('secret'), pick: () => refuse('pick'), pickMany: () => refuse('pickMany'), text: () => refuse('text'), confirm: async () => (asked.push('confirm'), false) };
    const terminals = vscode.window.terminals.length;
    const node = { kind: 'environment', service: 'billing-api', environment: 'dev' };
    for (const command of ['rotationReady.runWithKeys', 'rotationReady.runTaskWithKeys', 'rotationReady.writeDotEnv', 'rotationReady.copyKey', 'rotationReady.revealKey', 'rotationReady.validateKey', 'rotationReady.rotate', 'rotationReady.setAlertChannelCredential', 'rotationReady.scanHistory']) {
      assert.equal(await vscode.commands.executeCommand(command, node), undefined, `${command} did something`);
    }
    assert.deepEqual(asked, [], 'no command got as far as asking the user');
    assert.equal(vscode.window.terminals.length, terminals, 'no terminal was opened');
    await assert.rejects(Promise.resolve(vscode.workspace.fs.stat(workspaceUri('.env'))), 'no .env was written');
    assert.deepEqual(simulator.requestLog, []);
    assert.match(api.keys.viewNote().message ?? '', /Restricted Mode/);
  });
});
