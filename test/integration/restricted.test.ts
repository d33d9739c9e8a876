// Runs only in the harness's `restricted` mode: Workspace Trust on and the folder not trusted.
import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as vscode from 'vscode';
import { KeytarKeychain } from '../../src/core/keychain/keytar';
import { workspaceIdFor } from '../../src/core/keychain/workspaceId';
import { startSimulator, type Simulator } from '../../src/simulator/index';
import { activeExtension, ourDiagnostics, waitFor, workspaceUri } from './helpers';

const codeOf = (d: vscode.Diagnostic) => String(typeof d.code === 'object' ? d.code.value : d.code);
const root = () => vscode.workspace.workspaceFolders![0]!.uri.fsPath;

/** Every file of the workspace with its bytes (the settings file this suite writes aside): what a refused fix must leave as it was. */
function workspaceFiles(dir = root()): Map<string, string> {
  const files = new Map<string, string>();
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) for (const [k, v] of workspaceFiles(path)) files.set(k, v);
    else files.set(relative(root(), path), readFileSync(path, 'latin1'));
  }
  files.delete(join('.vscode', 'settings.json'));
  return files;
}

/** Code actions can be refused with "Canceled" while the built-in TypeScript server starts: retry, bounded. */
async function actionsAt(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range);
    } catch (error) {
      if (attempt >= 5) throw error;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

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

  it('offers agent mode no MCP server: it would read the project\'s configuration and keys', async () => {
    const { exports: api } = await activeExtension();
    assert.ok(api.projects.all().length > 0, 'there is a project to offer');
    assert.deepEqual(api.mcpServerDefinitions(), []);
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

  describe("with a hostile .vscode/settings.json", () => {
    // What a cloned repository could ask for: detection off, its key's rule off, every file too big, test paths
    // reported at full severity, the workspace scan skipping everything, and secrets sent to the keychain.
    const hostile = {
      'rotationReady.enable': false,
      'rotationReady.ruleSeverity': { 'stripe-secret-key': 'off', 'aws-access-key-id': 'info' },
      'rotationReady.maxFileSizeKB': 1,
      'rotationReady.lowerSeverityInTestPaths': false,
      'rotationReady.fix.secretDestination': 'keychain',
      'rotationReady.exclude': ['**'],
      'files.exclude': { '**/*': true },
      // Not restricted: proves the file was read before the others are checked.
      'editor.rulers': [117],
    };
    const defaults: Record<string, unknown> = { enable: true, ruleSeverity: {}, maxFileSizeKB: 2048, lowerSeverityInTestPaths: true, 'fix.secretDestination': 'dotenv' };

    before(async () => {
      await vscode.workspace.fs.writeFile(workspaceUri('.vscode', 'settings.json'), Buffer.from(JSON.stringify(hostile, null, 2)));
      await waitFor(() => vscode.workspace.getConfiguration('editor').inspect<number[]>('rulers')?.workspaceValue, (v) => Array.isArray(v) && v[0] === 117, 'the workspace settings to be read');
    });

    after(async () => {
      await vscode.commands.executeCommand('workbench.action.files.revert');
      await vscode.workspace.fs.delete(workspaceUri('.vscode'), { recursive: true });
    });

    it('cannot change what the extension reads for any setting that changes detection or where a secret goes', () => {
      const ours = vscode.workspace.getConfiguration('rotationReady');
      for (const [key, value] of Object.entries(defaults)) assert.deepEqual(ours.get(key), value, `rotationReady.${key} kept its trusted value`);
      assert.deepEqual(ours.get('exclude'), ['**/node_modules/**', '**/.git/**', '**/dist/**', '**/out/**']);
      const restricted = (vscode.extensions.getExtension('rotation-ready.rotation-ready')!.packageJSON as { capabilities: { untrustedWorkspaces: { restrictedConfigurations: string[] } } }).capabilities.untrustedWorkspaces.restrictedConfigurations;
      for (const key of Object.keys(hostile).filter((k) => k.startsWith('rotationReady.'))) assert.ok(restricted.includes(key), `${key} is a restricted setting`);
    });

    it("still follows the user's own settings", async () => {
      await vscode.workspace.getConfiguration('rotationReady').update('maxFileSizeKB', 4096, vscode.ConfigurationTarget.Global);
      try {
        await waitFor(() => vscode.workspace.getConfiguration('rotationReady').get('maxFileSizeKB'), (v) => v === 4096, "the user's value");
      } finally {
        await vscode.workspace.getConfiguration('rotationReady').update('maxFileSizeKB', undefined, vscode.ConfigurationTarget.Global);
      }
    });

    it('keeps analyzing as the user configured: no switch-off, no rule off, no size limit, no severity change', async () => {
      const uri = workspaceUri('src/config.ts');
      const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
      const before = await waitFor(() => ourDiagnostics(uri), (d) => d.some((x) => codeOf(x) === 'stripe-secret-key'), 'a stripe-secret-key diagnostic');
      const line = before.find((x) => codeOf(x) === 'stripe-secret-key')!.range.start.line;
      // A fresh analysis of a document now over the hostile size limit: its result must still show the key, one line down.
      await editor.edit((e) => e.insert(new vscode.Position(0, 0), `// ${'padding '.repeat(200)}\n`));
      const fresh = (d: vscode.Diagnostic[]) => d.some((x) => codeOf(x) === 'stripe-secret-key' && x.range.start.line === line + 1);
      await waitFor(() => ourDiagnostics(uri), fresh, 'the edited document to be analyzed again');
      // A late settings refresh on the server re-analyzes open documents: give it time, then look again.
      await new Promise((r) => setTimeout(r, 1500));
      const after = ourDiagnostics(uri);
      assert.ok(fresh(after), 'the stripe key is still reported after settings refreshed');
      assert.equal(after.find((x) => codeOf(x) === 'stripe-secret-key')!.severity, vscode.DiagnosticSeverity.Error);
      assert.equal(after.find((x) => codeOf(x) === 'aws-access-key-id')?.severity, vscode.DiagnosticSeverity.Error, 'aws-access-key-id keeps its severity');
      await vscode.commands.executeCommand('workbench.action.files.revert');
      // A key in a test path stays one step lower, as the user's (default) setting says.
      const test = workspaceUri('test', 'config.test.ts');
      await vscode.workspace.fs.writeFile(test, await vscode.workspace.fs.readFile(uri));
      try {
        await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(test));
        const inTest = await waitFor(() => ourDiagnostics(test), (d) => d.some((x) => codeOf(x) === 'stripe-secret-key'), 'a stripe-secret-key diagnostic in a test path');
        assert.equal(inTest.find((x) => codeOf(x) === 'stripe-secret-key')!.severity, vscode.DiagnosticSeverity.Warning);
      } finally {
        await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
        await vscode.workspace.fs.delete(workspaceUri('test'), { recursive: true });
      }
    });

    it('scans the workspace past its files.exclude', async () => {
      const result = await vscode.commands.executeCommand<{ files: number; findings: number }>('rotationReady.scanWorkspace');
      assert.ok(result && result.files > 5 && result.findings > 0, `scanned: ${JSON.stringify(result)}`);
    });

    it('fix commands refuse without touching the keychain, .env or any file', async () => {
      const keychain = new KeytarKeychain();
      const workspaceId = workspaceIdFor(root());
      const keysBefore = await keychain.list(workspaceId);
      const filesBefore = workspaceFiles();
      const config = workspaceUri('src/config.ts');
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(config));
      const stripe = (await waitFor(() => ourDiagnostics(config), (d) => d.some((x) => codeOf(x) === 'stripe-secret-key'), 'a stripe-secret-key diagnostic')).find((x) => codeOf(x) === 'stripe-secret-key')!;
      const actions = await actionsAt(config, stripe.range);
      const move = actions.find((a) => a.command?.command === 'rotationReady.moveSecretToEnv');
      assert.ok(move, `offered: ${actions.map((a) => a.title).join(' | ')}`);
      // Add to Keys and Rotate writes the configuration and the keychain: not offered at all, and refused when run.
      assert.equal(actions.find((a) => a.command?.command === 'rotationReady.addToKeysAndRotate'), undefined, `offered: ${actions.map((a) => a.title).join(' | ')}`);
      assert.equal(await vscode.commands.executeCommand('rotationReady.addToKeysAndRotate', move.command!.arguments![0]), undefined);
      const billing = workspaceUri('src/clients/billing.ts');
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(billing));
      const call = (await waitFor(() => ourDiagnostics(billing), (d) => d.some((x) => codeOf(x) === 'single-key-call'), 'a single-key-call diagnostic')).find((x) => codeOf(x) === 'single-key-call')!;
      const wrap = (await actionsAt(billing, call.range)).find((a) => a.command?.command === 'rotationReady.addKeyFallback');
      assert.ok(wrap, 'the wrapper fix is offered');

      assert.equal(await vscode.commands.executeCommand(move.command!.command, ...move.command!.arguments!, 'STRIPE_SECRET_KEY'), false);
      assert.equal(await vscode.commands.executeCommand(wrap.command!.command, ...wrap.command!.arguments!, 'BILLING_API_KEY', { preview: false }), false);
      assert.equal(await vscode.commands.executeCommand('rotationReady.fixAllInFile', config), 0);
      assert.equal(await vscode.commands.executeCommand('rotationReady.fixAllInWorkspace', { preview: false }), 0);

      assert.deepEqual(await keychain.list(workspaceId), keysBefore, 'the keychain is as it was');
      const filesAfter = workspaceFiles();
      assert.equal(filesAfter.has('.env'), false, 'no .env was written');
      assert.deepEqual([...filesAfter.keys()].sort(), [...filesBefore.keys()].sort(), 'no file was created or removed');
      for (const [path, bytes] of filesBefore) assert.ok(filesAfter.get(path) === bytes, `${path} is unchanged`);
      for (const document of vscode.workspace.textDocuments) assert.equal(document.isDirty, false, `${vscode.workspace.asRelativePath(document.uri)} has no pending edit`);
      // The light bulb says those fixes need trust and never prefers them; the ignore comment (no secret leaves the file) stays.
      for (const action of [move, wrap]) {
        assert.match(action.title, /needs a trusted workspace/, action.title);
        assert.notEqual(action.isPreferred, true, `${action.title} is not preferred`);
      }
      assert.ok(actions.some((a) => a.title === 'Ignore stripe-secret-key on this line'), 'the ignore comment stays available');
    });
  });
});
