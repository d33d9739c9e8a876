import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { KeytarKeychain } from '../../src/core/keychain/keytar';
import { workspaceIdFor } from '../../src/core/keychain/workspaceId';
import { startSimulator, type Simulator } from '../../src/simulator/index';
import { dryRunConfirmation } from '../../src/extension/tools/index';
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

  it('explains only rules it knows: no path out of docs/rules, no other page, no crash on odd input', async () => {
    assert.match(await invoke('rotation-ready_explain_finding', { ruleId: 'single-key-call' }), /single-key/i);
    const readme = readFileSync(join(process.env.RR_REPO_ROOT ?? '', 'README.md'), 'utf8').split('\n')[0]!;
    const hostile: unknown[] = ['../../README', '..%2F..%2FREADME', '../rules/../../README', 'README', '/etc/hostname', 'stripe-secret-key/../../../README', 'stripe-secret-key\0', 42, { id: 'x' }, ['stripe-secret-key'], null, 'x'.repeat(5000)];
    for (const ruleId of hostile) {
      const text = await invoke('rotation-ready_explain_finding', { ruleId });
      assert.match(text, /No Rotation Ready rule/, `${JSON.stringify(ruleId)?.slice(0, 40)} was refused`);
      assert.equal(text.includes(readme), false, 'no other Markdown file is read');
      assert.ok(text.length < 600, 'the refusal does not echo a long input back');
    }
  });

  it('escapes service names in the dry-run confirmation (they come from the workspace config)', () => {
    const message = dryRunConfirmation(['__init__', 'a*b*', '[docs](command:workbench.action.terminal.new)', '<img src=x>']);
    assert.notEqual(message.isTrusted, true);
    assert.match(message.value, /\\_\\_init\\_\\_/);
    assert.match(message.value, /a\\\*b\\\*/);
    assert.doesNotMatch(message.value, /(?<!\\)\]\(/, 'no link survives');
    assert.notEqual(message.supportHtml, true, 'HTML is not rendered');
    assert.match(dryRunConfirmation(undefined).value, /every configured service/);
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

    it('runs no dry-run for services or environments the configuration does not name', async () => {
      const before = simulator.requestLog.length;
      const refusals: [object, RegExp][] = [
        [{ services: ['billing-api', '../../billing-api'] }, /not configured.*"\.\.\/\.\.\/billing-api".*configured: billing-api/s],
        [{ services: 'billing-api' }, /list of service names.*configured: billing-api/s],
        [{ services: ['billing-api', 7] }, /list of service names/],
        [{ services: ['billing-api'], environments: ['prod'] }, /not configured.*"prod".*configured: dev/s],
        [{ services: ['billing-api'], rounds: 'many' }, /rounds must be a whole number/],
      ];
      for (const [input, expected] of refusals) assert.match(await invoke('rotation-ready_run_dry_run', input), expected, JSON.stringify(input));
      assert.equal(simulator.requestLog.length, before, 'no probe was sent');
    });

    it('clamps rounds to the schema: at least 1, at most 20', async () => {
      let before = simulator.requestLog.length;
      await invoke('rotation-ready_run_dry_run', { services: ['billing-api'], rounds: -5 });
      assert.equal(simulator.requestLog.length - before, 2, 'one round for the primary and one for the fallback');
      before = simulator.requestLog.length;
      await invoke('rotation-ready_run_dry_run', { services: ['billing-api'], rounds: 100_000 });
      assert.equal(simulator.requestLog.length - before, 40, 'twenty rounds for each key');
    });

    it('the dry-run command itself clamps rounds, whoever calls it', async () => {
      const before = simulator.requestLog.length;
      await vscode.commands.executeCommand('rotationReady.runDryRun', { services: ['billing-api'], rounds: -3, showReport: false });
      assert.equal(simulator.requestLog.length - before, 2, 'one round for the primary and one for the fallback');
    });

    it('reports rotation status by fingerprint', async () => {
      const text = await invoke('rotation-ready_rotation_status', {});
      assert.match(text, /billing-api \(dev\): stage idle/);
      assert.equal(text.includes(primary) || text.includes(fallback), false);
    });
  });

  describe('the MCP server offered to agent mode (MCP server definition API)', () => {
    let client: Client | undefined;
    after(() => client?.close());

    it('defines one stdio server per project: the host\'s Node runs the bundled CLI\'s mcp command, `--` first', async () => {
      const { exports: api } = await activeExtension();
      assert.equal(typeof (vscode.lm as unknown as Record<string, unknown>).registerMcpServerDefinitionProvider, 'function', 'this host has the API (VS Code 1.101+)');
      const definitions = api.mcpServerDefinitions();
      assert.equal(definitions.length, api.projects.all().length);
      const [definition] = definitions;
      const root = vscode.workspace.workspaceFolders![0]!.uri.fsPath;
      assert.ok(definition instanceof (vscode as unknown as { McpStdioServerDefinition: new (...a: never[]) => object }).McpStdioServerDefinition);
      assert.equal(definition!.command, process.execPath);
      assert.deepEqual(definition!.args.slice(0, 1), ['--'], 'Node reads no option after the script');
      assert.match(definition!.args[1]!, /dist[\\/]cli\.js$/);
      assert.deepEqual(definition!.args.slice(2), ['mcp', '--root', root]);
      assert.equal(definition!.cwd?.fsPath, root);
    });

    it('starts the defined command over stdio, as VS Code would, and answers the SDK client (list tools, scan)', async () => {
      const { exports: api } = await activeExtension();
      const [definition] = api.mcpServerDefinitions();
      const env: Record<string, string> = {};
      for (const [k, v] of Object.entries({ ...process.env, ...definition!.env })) if (typeof v === 'string' || typeof v === 'number') env[k] = String(v);
      const transport = new StdioClientTransport({ command: definition!.command, args: definition!.args, cwd: definition!.cwd!.fsPath, env, stderr: 'pipe' });
      client = new Client({ name: 'rotation-ready-in-host-test', version: '1.0.0' });
      await client.connect(transport);
      const { tools } = await client.listTools();
      assert.deepEqual(tools.map((t) => t.name).sort(), ['dry_run', 'explain_finding', 'rotation_status', 'scan_path']);
      const result = (await client.callTool({ name: 'scan_path', arguments: { path: 'src' } })) as { content: Array<{ text: string }>; isError?: boolean };
      const text = result.content.map((c) => c.text).join('\n');
      assert.ok(!result.isError, text);
      assert.match(text, /src\/config\.ts:\d+:\d+ error stripe-secret-key/);
      const config = Buffer.from(await vscode.workspace.fs.readFile(workspaceUri('src/config.ts'))).toString('utf8');
      assert.equal(text.includes(/sk_live_[A-Za-z0-9]+/.exec(config)![0]), false, 'the key is redacted');
    });
  });
});
