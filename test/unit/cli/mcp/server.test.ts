import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { ApprovalStore } from '../../../../src/core/probe/index';
import { Simulator, startSimulator } from '../../../../src/simulator/index';
import { testKey } from '../../probe/helpers';

const repo = join(__dirname, '../../../..');
type Result = { content: Array<{ type: string; text: string }>; isError?: boolean };

describe('rotation-ready mcp: the SDK client over stdio', function () {
  this.timeout(60_000);
  let root: string;
  let outside: string;
  let configDir: string;
  let sim: Simulator;
  let client: Client;
  const stripe = 'sk_' + 'live_' + testKey('x').replace(/[^A-Za-z0-9]/g, '').slice(0, 24);
  const primary = testKey('primary');
  const fallback = testKey('fallback');
  const outputs: string[] = [];
  const call = async (name: string, args: Record<string, unknown> = {}): Promise<Result> => {
    const result = (await client.callTool({ name, arguments: args })) as Result;
    outputs.push(JSON.stringify(result));
    return result;
  };
  const textOf = (r: Result) => r.content.map((c) => c.text).join('\n');

  before(async () => {
    sim = await startSimulator({ services: [{ name: 'pay', provider: 'stripe', auth: { type: 'bearer' }, keys: [primary, fallback] }, { name: 'other', auth: { type: 'bearer' }, keys: [primary] }] });
    root = realpathSync(mkdtempSync(join(tmpdir(), 'rr-mcp-')));
    outside = realpathSync(mkdtempSync(join(tmpdir(), 'rr-mcp-outside-')));
    configDir = realpathSync(mkdtempSync(join(tmpdir(), 'rr-mcp-config-')));
    mkdirSync(join(root, 'src'));
    writeFileSync(join(root, 'src/pay.ts'), `export const key = '${stripe}';\n`);
    writeFileSync(join(outside, 'leak.ts'), `export const key = '${stripe}';\n`);
    symlinkSync(outside, join(root, 'escape'));
    writeFileSync(
      join(root, '.rotation-ready.json'),
      JSON.stringify({ services: [{ name: 'pay', provider: 'stripe', baseUrl: sim.serviceUrl('pay'), probe: { intervalMs: 0 } }, { name: 'other', probe: { url: `${sim.serviceUrl('other')}/me`, auth: { type: 'bearer' }, intervalMs: 0 } }] }),
    );
    // Only `pay` is approved, by the user, outside the project, for this project and its two variables.
    new ApprovalStore(join(configDir, 'approvals.json'), { workspace: root }).approve('pay', new URL(sim.url).host, { envVars: ['PAY_KEY_PRIMARY', 'PAY_KEY_FALLBACK'] });
    const env: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: configDir, ROTATION_READY_CONFIG_DIR: configDir, PAY_KEY_PRIMARY: primary, PAY_KEY_FALLBACK: fallback, OTHER_KEY_PRIMARY: primary };
    const transport = new StdioClientTransport({ command: process.execPath, args: ['-r', 'tsx/cjs', join(repo, 'src/cli/main.ts'), 'mcp', '--root', root], cwd: repo, env, stderr: 'pipe' });
    client = new Client({ name: 'rotation-ready-test', version: '1.0.0' });
    await client.connect(transport);
  });
  after(async () => {
    await client?.close();
    await sim?.close();
    for (const o of outputs) for (const k of [stripe, primary, fallback]) assert.ok(!o.includes(k), 'no tool answer holds a key value');
    for (const d of [root, outside, configDir]) rmSync(d, { recursive: true, force: true });
  });

  it('lists the four tools with their input schemas', async () => {
    const { tools } = await client.listTools();
    assert.deepEqual(tools.map((t) => t.name).sort(), ['dry_run', 'explain_finding', 'rotation_status', 'scan_path']);
    const scan = tools.find((t) => t.name === 'scan_path')!;
    assert.ok(scan.inputSchema.properties && 'path' in scan.inputSchema.properties);
    assert.equal(scan.annotations?.readOnlyHint, true);
  });

  it('scan_path finds the key inside the project, redacted, and refuses paths outside it (.., absolute, symlink)', async () => {
    const r = await call('scan_path', { path: 'src' });
    assert.ok(!r.isError, textOf(r));
    assert.match(textOf(r), /src\/pay\.ts:1:\d+ error stripe-secret-key .*\[Stripe…/);
    assert.match(textOf(r), /provider preset: stripe/);
    for (const path of ['..', outside, 'escape', 'escape/leak.ts', 'nope']) {
      const bad = await call('scan_path', { path });
      assert.equal(bad.isError, true, `${path}: ${textOf(bad)}`);
      assert.match(textOf(bad), /outside the project|no such file/);
    }
    const clamped = await call('scan_path', { maxResults: -5 });
    assert.ok(!clamped.isError);
    assert.equal(textOf(clamped).split('\n').filter((l) => / stripe-secret-key /.test(l)).length, 1, 'at least one result even when asked for fewer');
  });

  it('explain_finding knows rule ids and rejects unknown ones', async () => {
    const r = await call('explain_finding', { ruleId: 'stripe-secret-key' });
    assert.match(textOf(r), /Stripe/);
    assert.match(textOf(r), /"provider": "stripe"/);
    const bad = await call('explain_finding', { ruleId: 'stripe-secret-kee' });
    assert.equal(bad.isError, true);
    assert.match(textOf(bad), /no rule/);
    const invalid = await call('explain_finding', {});
    assert.equal(invalid.isError, true, 'a missing required input is refused by the schema');
  });

  it('dry_run probes only already-approved hosts, clamps rounds, and never approves', async () => {
    sim.admin.clearLog();
    const r = await call('dry_run', { rounds: 1000 });
    assert.ok(!r.isError, textOf(r));
    assert.match(textOf(r), /pay[\s\S]*safe to promote|safe-to-promote/i);
    assert.match(textOf(r), /other[\s\S]*approv/i);
    assert.ok(sim.requestLog.every((e) => e.service === 'pay'), 'nothing was sent to the unapproved service');
    assert.equal(sim.requestLog.length, 2 * 5, 'rounds clamped to 5, two keys');
    const unknown = await call('dry_run', { services: ['nope'] });
    assert.equal(unknown.isError, true);
    assert.match(textOf(unknown), /no service 'nope'/);
  });

  it('rotation_status lists configured services (stages need the editor\'s key metadata)', async () => {
    const r = await call('rotation_status');
    assert.match(textOf(r), /pay \(dev\), provider stripe/);
    assert.match(textOf(r), /--keys-metadata/);
  });
});
