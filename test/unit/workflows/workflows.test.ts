// One test per workflow of src/core/workflows, which the CLI commands and the extension commands both call
// (issue 14): the env-name policy, securing a secret, injecting keys into a process, a dry-run's key sources,
// and one fingerprint per key across every output (sidebar metadata, hover, report, alerts, audit log, CLI).
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliIo } from '../../../src/cli/command';
import { createDryRunCommand } from '../../../src/cli/commands/dry-run';
import { scanCommand } from '../../../src/cli/commands/scan';
import { createMcpContext, scanPathTool } from '../../../src/cli/mcp/tools';
import { alertsFromReport } from '../../../src/core/alerts/index';
import { analyzeText } from '../../../src/core/analyze/index';
import { loadConfig } from '../../../src/core/config/index';
import { envVarNamesForService, serviceForEnvName } from '../../../src/core/vocabulary/serviceNames';
import { workspaceFingerprints } from '../../../src/core/fingerprints';
import { MemoryKeychain } from '../../../src/core/keychain/memory';
import { ApprovalStore, runDryRun } from '../../../src/core/probe/index';
import { createProjectContext, keyMetadataFile, type ProjectContext } from '../../../src/core/workflows/context';
import { dryRunKeySource } from '../../../src/core/workflows/dryRunKeys';
import { injectableServices, keysForProcess } from '../../../src/core/workflows/injectKeys';
import { secretDestination } from '../../../src/core/workflows/secureSecret';
import { makeSecret } from '../fix/support';

describe('workflows (src/core/workflows): what both front ends call', () => {
  let dir: string;
  let root: string;
  let env: NodeJS.ProcessEnv;
  let keychain: MemoryKeychain;
  const context = (config?: string): ProjectContext => createProjectContext({ root, keychain, env, ...(config ? { config: loadConfig(config, join(root, '.rotation-ready.json')) } : {}) });
  beforeEach(() => {
    dir = realpathSync(mkdtempSync(join(tmpdir(), 'rr-workflows-')));
    root = join(dir, 'project');
    mkdirSync(root);
    execFileSync('git', ['init', '-q'], { cwd: root });
    env = { ROTATION_READY_CONFIG_DIR: join(dir, 'user-config') };
    keychain = new MemoryKeychain();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  describe('the env-name ↔ service policy', () => {
    it('derives a service from a name and the same name back, whenever the name says it holds a credential', () => {
      for (const name of ['OPENAI_TOKEN', 'OPENAI_API_KEY', 'BILLING_API_KEY', 'STRIPE_SECRET_KEY', 'STRIPE_KEY', 'API_KEY', 'KEY', 'GITHUB_TOKEN_KEY', 'DB_PASSWORD', 'X_API_KEY_2', 'STRIPE_SECRET_KEY_3', 'MAPS_V2_KEY', 'TWILIO_AUTH_TOKEN', 'AWS_CREDENTIALS']) {
        const service = serviceForEnvName(name);
        assert.match(service, /^[a-z0-9][a-z0-9-]*$/, `${name} → ${service} is a valid service name`);
        assert.equal(envVarNamesForService(service).plain, name, `${name} → ${service} → back`);
        assert.equal(serviceForEnvName(`${name}_PRIMARY`), service);
        assert.equal(serviceForEnvName(`${name}_FALLBACK`), service);
      }
      // The names configurations already rely on keep their meaning.
      assert.equal(serviceForEnvName('BILLING_API_KEY'), 'billing-api');
      assert.deepEqual(envVarNamesForService('billing-api'), { plain: 'BILLING_API_KEY', primary: 'BILLING_API_KEY_PRIMARY', fallback: 'BILLING_API_KEY_FALLBACK' });
    });

    it('a configured service owns its names; a stored key keeps the names it was stored under', async () => {
      const ctx = context(JSON.stringify({ services: [{ name: 'payments', envVars: { plain: 'PAY_SECRET', primary: 'PAY_SECRET_A', fallback: 'PAY_SECRET_B' }, probe: { url: 'https://pay.example.com/me', auth: { type: 'bearer' } } }] }));
      assert.equal(ctx.names.serviceFor('PAY_SECRET'), 'payments');
      assert.equal(ctx.names.serviceFor('PAY_SECRET_B'), 'payments');
      assert.deepEqual(await ctx.names.envVarsFor({ service: 'payments', environment: 'dev' }), { plain: 'PAY_SECRET', primary: 'PAY_SECRET_A', fallback: 'PAY_SECRET_B' });
      await secretDestination(ctx, 'keychain').store('SEARCH_API', makeSecret('openai'));
      assert.deepEqual(await ctx.names.envVarsFor({ service: 'search-api', environment: 'dev' }), { plain: 'SEARCH_API', primary: 'SEARCH_API_PRIMARY', fallback: 'SEARCH_API_FALLBACK' });
    });
  });

  describe('secure a secret', () => {
    it('the keychain entry gets the metadata the sidebar shows, is read back, and is undone while the literal is still in the file', async () => {
      const ctx = context();
      const secret = makeSecret('openai');
      const stored = await secretDestination(ctx, 'keychain').store('OPENAI_TOKEN', secret);
      const info = await ctx.keyStore.info({ service: 'openai-token', environment: 'dev' });
      assert.equal(info.slots.primary?.fingerprint, ctx.fingerprints.of(secret));
      assert.deepEqual(info.envVars, { plain: 'OPENAI_TOKEN', primary: 'OPENAI_TOKEN_PRIMARY', fallback: 'OPENAI_TOKEN_FALLBACK' });
      assert.ok(existsSync(keyMetadataFile(ctx.workspaceId, env)) && !readFileSync(ctx.metadataPath, 'utf8').includes(secret), 'metadata outside the workspace, without the value');
      // The same value again is already secured; another value under the name is refused, naming no value.
      await (await secretDestination(ctx, 'keychain').store('OPENAI_TOKEN', secret)).undo();
      assert.equal((await ctx.keyStore.read({ service: 'openai-token', environment: 'dev' }, 'primary')), secret);
      const other = makeSecret('openai');
      await assert.rejects(secretDestination(ctx, 'keychain').store('OPENAI_TOKEN', other), (e: Error) => /already has a different primary key/.test(e.message) && !e.message.includes(other) && !e.message.includes(secret));
      await stored.undo();
      assert.equal(keychain.entries.size, 0, 'undo leaves no key behind');
      assert.deepEqual((await ctx.keyStore.info({ service: 'openai-token', environment: 'dev' })).slots, {});
    });

    it('a keychain that returns another value fails the store and keeps neither the entry nor its metadata; .env and keychain together undo each other', async () => {
      const ctx = context();
      const secret = makeSecret('openai');
      const original = keychain.get.bind(keychain);
      keychain.get = async (a) => ((await original(a)) === secret ? `${secret}x` : original(a));
      await assert.rejects(secretDestination(ctx, 'keychain').store('OPENAI_TOKEN', secret), (e: Error) => /did not return the value just stored/.test(e.message) && !e.message.includes(secret));
      assert.equal(keychain.entries.size, 0);
      assert.deepEqual((await ctx.keyStore.info({ service: 'openai-token', environment: 'dev' })).slots, {});
      keychain.get = original;
      keychain.fail = 'locked';
      await assert.rejects(secretDestination(ctx, 'both').store('OPENAI_TOKEN', secret), /locked/);
      assert.ok(!existsSync(join(root, '.env')), 'the .env written first was removed again');
      assert.equal(secretDestination(ctx, 'both').label, `.env and ${keychain.label}`);
    });
  });

  describe('inject keys into a process', () => {
    it('configured names first, then the names recorded with the key, then derived; keys only in the keychain are injected too', async () => {
      const ctx = context(JSON.stringify({ services: [{ name: 'billing-api', envVars: { plain: 'BILLING' }, probe: { url: 'https://billing.example.com/me', auth: { type: 'bearer' } } }] }));
      const [billing, search, legacy, fallback] = [makeSecret('openai'), makeSecret('openai'), makeSecret('openai'), makeSecret('openai')];
      await ctx.keyStore.add({ service: 'billing-api', environment: 'dev' }, 'primary', billing);
      await secretDestination(ctx, 'keychain').store('SEARCH_API', search);
      await ctx.keyStore.addFallback({ service: 'search-api', environment: 'dev' }, fallback, (r) => r);
      // Stored by an older CLI: a keychain entry without metadata.
      await keychain.set({ workspaceId: ctx.workspaceId, service: 'weather-token', environment: 'dev', slot: 'primary' }, legacy);
      const refs = await injectableServices(ctx, 'dev');
      assert.deepEqual(refs.map((r) => r.service), ['billing-api', 'search-api', 'weather-token']);
      const result = await keysForProcess(ctx, [...refs, { service: 'nothing', environment: 'dev' }]);
      assert.deepEqual(result.env, {
        BILLING: billing,
        BILLING_API_KEY_PRIMARY: billing,
        SEARCH_API: search,
        SEARCH_API_PRIMARY: search,
        SEARCH_API_FALLBACK: fallback,
        WEATHER_TOKEN: legacy,
        WEATHER_TOKEN_PRIMARY: legacy,
      });
      assert.deepEqual(result.empty, [{ service: 'nothing', environment: 'dev' }]);
      assert.ok(!JSON.stringify(result.injected).includes(billing), 'the summary names variables, never values');
      // A key the metadata lists but the keychain lost: that service is reported, the others are still injected.
      await keychain.delete({ workspaceId: ctx.workspaceId, service: 'billing-api', environment: 'dev', slot: 'primary' });
      const partial = await keysForProcess(ctx, refs);
      assert.deepEqual(partial.failed.map((f) => f.ref.service), ['billing-api']);
      assert.match(partial.failed[0]!.reason, /missing from/);
      assert.equal(partial.env.SEARCH_API, search);
    });
  });

  describe("a dry-run's key sources", () => {
    it('the keychain first, then the process environment under confirmed names only, then a dotenv file the user named', async () => {
      const config = loadConfig(JSON.stringify({ services: [{ name: 'pay', probe: { url: 'https://pay.example.com/me', auth: { type: 'bearer' } } }] }), join(root, '.rotation-ready.json'));
      const ctx = createProjectContext({ root, keychain, env, config });
      const [inKeychain, inEnv, inDotenv] = [makeSecret('openai'), makeSecret('openai'), makeSecret('openai')];
      const confirmed: string[] = [];
      const source = (useKeychain: boolean, dotenv?: NodeJS.ProcessEnv) =>
        dryRunKeySource(ctx, { services: config.services, keychain: useKeychain, processEnv: { PAY_KEY_PRIMARY: inEnv }, confirmations: { confirmedEnvVars: () => confirmed }, ...(dotenv ? { dotenv: { values: dotenv, label: 'keys.env' } } : {}) });
      assert.equal(await source(false).get('pay', 'dev', 'primary'), undefined, 'an environment variable nobody confirmed is not read');
      assert.equal(await source(false, { PAY_KEY_FALLBACK: inDotenv }).get('pay', 'dev', 'fallback'), inDotenv);
      confirmed.push('PAY_KEY_PRIMARY');
      assert.equal(await source(false).get('pay', 'dev', 'primary'), inEnv);
      await ctx.keyStore.add({ service: 'pay', environment: 'dev' }, 'primary', inKeychain);
      assert.equal(await source(true).get('pay', 'dev', 'primary'), inKeychain);
    });
  });

  describe('fingerprints', () => {
    let server: Server;
    afterEach(() => new Promise<void>((done) => (server ? server.close(() => done()) : done())));

    it('one key has one fingerprint in the key metadata (sidebar), the hover, the dry-run report, its alerts, the audit log, the CLI report, the CLI scan (text, JSON, SARIF) and the MCP scan tool', async () => {
      // A provider that rejects every key, so the dry-run raises an alert for it.
      server = createServer((_req, res) => res.writeHead(401).end('{}'));
      await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
      const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
      const configText = JSON.stringify({ services: [{ name: 'pay', probe: { url: `http://${host}/me`, auth: { type: 'bearer' }, rounds: 1, intervalMs: 0 } }], alerts: { sinks: [{ type: 'audit-log', path: 'audit.jsonl' }] } });
      writeFileSync(join(root, '.rotation-ready.json'), configText);
      const key = makeSecret('stripe');
      const ctx = context(configText);

      // Secured from a fix (both front ends): the key store records the fingerprint the sidebar shows.
      await secretDestination(ctx, 'keychain').store('PAY_KEY', key);
      const inMetadata = (await ctx.keyStore.info({ service: 'pay', environment: 'dev' })).slots.primary?.fingerprint;
      assert.match(inMetadata ?? '', /^rk1:[0-9a-f]{16}$/);
      // The extension's salt (src/extension/salt.ts): the same policy over the same metadata file.
      assert.equal(workspaceFingerprints(root, { env, metadataPath: keyMetadataFile(ctx.workspaceId, env) }).of(key), inMetadata);
      // The hover: the language server analyzes with the workspace's salt as its key salt.
      const finding = analyzeText('src/pay.ts', `export const key = '${key}';\n`, { salt: 'baseline-salt', keySalt: ctx.fingerprints.salt }).findings.find((f) => f.kind === 'hardcoded-secret');
      assert.equal(finding?.keyFingerprint, inMetadata, 'hover');
      // The editor's dry-run and its alerts.
      const approvals = new ApprovalStore(join(dir, 'user-config', 'approvals.json'), { workspace: root });
      approvals.approve('pay', host);
      const report = await runDryRun({ services: ctx.config!.services, keys: dryRunKeySource(ctx, { services: ctx.config!.services, keychain: true, processEnv: {}, confirmations: approvals }), approvals, salt: ctx.fingerprints.salt, settings: ctx.config!.settings.dryRun });
      assert.equal(report.targets[0]?.slots.find((s) => s.slot === 'primary')?.keyFingerprint, inMetadata, 'report');
      assert.deepEqual(alertsFromReport(report).map((a) => a.fingerprint), [inMetadata], 'alerts');

      // The CLI, with its own context for the same folder: its JSON report and the audit log its alert wrote.
      let out = '';
      let err = '';
      const io: CliIo = { stdout: (t) => void (out += t), stderr: (t) => void (err += t), cwd: root, env, signal: new AbortController().signal };
      await createDryRunCommand({ keychain: () => keychain }).run(['--keychain', '--format', 'json', '--alert', '--approve-loopback', host], io);
      const cli = JSON.parse(out) as { targets: Array<{ slots: Array<{ slot: string; keyFingerprint?: string }> }> };
      assert.equal(cli.targets[0]?.slots.find((s) => s.slot === 'primary')?.keyFingerprint, inMetadata, `CLI report (${err})`);
      const audit = readFileSync(join(root, 'audit.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { fingerprint?: string });
      assert.deepEqual(audit.map((a) => a.fingerprint), [inMetadata], 'audit log');

      // The CLI scan of the folder, in each format: the hardcoded key's fingerprint is the sidebar's.
      writeFileSync(join(root, 'pay.ts'), `export const key = '${key}';\n`);
      const scans: string[] = [];
      for (const format of ['text', 'json', 'sarif']) {
        let scanOut = '';
        await scanCommand.run(['--format', format, 'pay.ts'], { ...io, stdout: (t) => void (scanOut += t) });
        scans.push(scanOut);
      }
      assert.ok(scans[0]!.includes(`${inMetadata}]`), `scan text: ${scans[0]}`);
      const json = JSON.parse(scans[1]!) as { findings: Array<{ keyFingerprint?: string }> };
      assert.deepEqual(json.findings.map((f) => f.keyFingerprint), [inMetadata], 'scan JSON');
      const sarif = JSON.parse(scans[2]!) as { runs: Array<{ results: Array<{ properties: { keyFingerprint?: string } }> }> };
      assert.deepEqual(sarif.runs[0]!.results.map((r) => r.properties.keyFingerprint), [inMetadata], 'scan SARIF');
      // The MCP server's scan tool, over the same ProjectContext.
      const mcpScan = await scanPathTool(createMcpContext({ root, env, keychain: false }), { path: 'pay.ts' });
      assert.ok(mcpScan.includes(`${inMetadata}]`), `MCP scan_path: ${mcpScan}`);
      scans.push(mcpScan);
      assert.ok(![out, err, ...scans, readFileSync(join(root, 'audit.jsonl'), 'utf8'), readFileSync(ctx.metadataPath, 'utf8')].some((t) => t.includes(key)), 'no output holds the key');
    });
  });
});
