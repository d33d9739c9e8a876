import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CliIo } from '../../../src/cli/command';
import { createDryRunCommand } from '../../../src/cli/commands/dry-run';
import { main } from '../../../src/cli/main';
import { workspaceFingerprints } from '../../../src/core/fingerprints';
import { MemoryKeychain } from '../../../src/core/keychain/memory';
import { workspaceIdFor } from '../../../src/core/keychain/workspaceId';
import { DryRunReport } from '../../../src/core/probe/index';
import { Simulator, loadSimulatorConfig, startSimulator } from '../../../src/simulator/index';
import { assertNoKeys } from '../probe/helpers';

const root = join(__dirname, '../../..');

describe('CLI: rotation-ready dry-run on the demo workspace', () => {
  let sim: Simulator;
  let ws: string;
  let userDir: string;
  let demoKeys: string[];

  beforeEach(async () => {
    const simText = readFileSync(join(root, 'demo/.simulator.json'), 'utf8');
    const { config } = loadSimulatorConfig(simText, 'demo/.simulator.json');
    demoKeys = config.services.flatMap((s) => s.keys.map((k) => (typeof k === 'string' ? k : k.value)));
    sim = await startSimulator(config, { port: 0 });
    ws = mkdtempSync(join(tmpdir(), 'rr-ws-'));
    userDir = mkdtempSync(join(tmpdir(), 'rr-user-'));
    // The demo config, pointed at this simulator's random port and with quick rounds.
    const rr = readFileSync(join(root, 'demo/.rotation-ready.json'), 'utf8').replaceAll('127.0.0.1:7311', `127.0.0.1:${sim.port}`).replaceAll('"intervalMs": 300', '"intervalMs": 0');
    writeFileSync(join(ws, '.rotation-ready.json'), rr);
    writeFileSync(join(ws, '.env'), readFileSync(join(root, 'demo/.env.example'), 'utf8'));
  });
  afterEach(() => sim.close());

  /** `--approve-loopback` names the exact loopback host and port (the simulator's). */
  const approveSim = () => ['--approve-loopback', `127.0.0.1:${sim.port}`];

  async function cli(...args: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const io: CliIo = { stdout: (t) => void out.push(t), stderr: (t) => void err.push(t), cwd: ws, env: { ROTATION_READY_CONFIG_DIR: userDir }, signal: new AbortController().signal };
    const code = await main(['dry-run', ...args], io);
    return { code, out: out.join(''), err: err.join('') };
  }

  it('the demo flow: approve loopback once, see safe / wait / do-not-remove, then wait turns safe', async () => {
    const first = await cli('--dotenv', '.env', ...approveSim());
    assert.equal(first.code, 1, first.err);
    assert.match(first.err, /approved: billing-api → 127\.0\.0\.1:\d+/);
    assert.match(first.out, /^SERVICE\s+ENV\s+VERDICT\s+PRIMARY\s+FALLBACK$/m);
    assert.match(first.out, /^billing-api\s+dev\s+safe to promote\s+valid \(200 200 200\)\s+valid \(200 200 200\)$/m);
    assert.match(first.out, /^maps-api\s+dev\s+wait for propagation\s+valid \(200 200 200\)\s+not-yet-valid \(401 401 200\)$/m);
    assert.match(first.out, /^weather-api\s+dev\s+do not remove old key\s+valid \(200 200 200\)\s+rejected \(401 401 401\)$/m);
    assert.match(first.out, /1 of 3 safe to rotate/);
    assert.ok(existsSync(join(userDir, 'approvals.json')), 'approvals live in the user directory');
    assert.ok(!existsSync(join(ws, 'approvals.json')));

    const second = await cli('--dotenv', '.env', '--format', 'json');
    assert.equal(second.code, 1);
    const report = JSON.parse(second.out) as DryRunReport;
    assert.deepEqual(report.targets.map((t) => t.verdict), ['safe-to-promote', 'safe-to-promote', 'do-not-remove-old-key']);
    for (const r of [first, second]) assertNoKeys(r.out + r.err, demoKeys, 'CLI output');
    assertNoKeys(sim.requestLog, demoKeys, 'simulator log');
  });

  it('exit 0 when every selected service is safe; Markdown on request', async () => {
    const r = await cli('--dotenv', '.env', ...approveSim(), '--service', 'billing-api', '--format', 'markdown', '--rounds', '2');
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^# Rotation dry-run/);
    assert.match(r.out, /\| billing-api \| safe to promote \| valid \(200 200\)/);
    assert.equal(sim.requestLog.length, 4);
  });

  it('--dotenv: a binary or huge file is refused with its name and why; a line it skips is named by number, never quoted', async () => {
    writeFileSync(join(ws, 'binary.env'), Buffer.from([0x41, 0x3d, 0x31, 0x0a, 0x00, 0x01]));
    const binary = await cli('--dotenv', 'binary.env', ...approveSim());
    assert.equal(binary.code, 2);
    assert.match(binary.err, /binary\.env is not text \(a NUL byte on line 2\)/);
    writeFileSync(join(ws, 'huge.env'), 'A=1\n'.repeat(300_000));
    assert.match((await cli('--dotenv', 'huge.env', ...approveSim())).err, /huge\.env is 1200000 bytes, more than the 1048576/);
    const stray = demoKeys[0]!;
    writeFileSync(join(ws, '.env'), `${stray}\n${readFileSync(join(root, 'demo/.env.example'), 'utf8')}`);
    const r = await cli('--dotenv', '.env', ...approveSim(), '--service', 'billing-api', '--rounds', '1');
    assert.equal(r.code, 0, r.err);
    assert.match(r.err, /^\.env:1: not a NAME=value line/m);
    assert.ok(!r.err.includes(stray) && !r.out.includes(stray));
    assert.equal(sim.requestLog.length > 0, true);
  });

  it('without approval: exit 2, a hint, and no request reaches the simulator', async () => {
    const r = await cli('--dotenv', '.env');
    assert.equal(r.code, 2);
    assert.match(r.err, /not approved, nothing sent: billing-api → 127\.0\.0\.1:\d+.*--approve-loopback/);
    assert.match(r.out, /needs host approval/);
    assert.equal(sim.requestLog.length, 0);
  });

  it('keys from the environment; a missing fallback means do not remove the old key', async () => {
    const out: string[] = [];
    const io: CliIo = {
      stdout: (t) => void out.push(t),
      stderr: () => undefined,
      cwd: ws,
      env: { ROTATION_READY_CONFIG_DIR: userDir, BILLING_API_KEY: 'rrsim_billing_primary_0001_devonly' },
      signal: new AbortController().signal,
    };
    assert.equal(await main(['dry-run', '--service', 'billing-api', '--approve-host', '--allow-env', 'BILLING_API_KEY', '--rounds', '1'], io), 1);
    assert.match(out.join(''), /billing-api\s+dev\s+do not remove old key\s+valid \(200\)\s+missing/);
  });

  it('--keychain reads this workspace\'s keychain entries first, then the environment', async () => {
    const keychain = new MemoryKeychain();
    const workspaceId = workspaceIdFor(ws);
    await keychain.set({ workspaceId, service: 'billing-api', environment: 'dev', slot: 'primary' }, 'rrsim_billing_primary_0001_devonly');
    await keychain.set({ workspaceId, service: 'billing-api', environment: 'dev', slot: 'fallback' }, 'rrsim_billing_fallback_0002_devonly');
    const out: string[] = [];
    const io: CliIo = { stdout: (t) => void out.push(t), stderr: () => undefined, cwd: ws, env: { ROTATION_READY_CONFIG_DIR: userDir }, signal: new AbortController().signal };
    const code = await createDryRunCommand({ keychain: () => keychain }).run(['--keychain', ...approveSim(), '--rounds', '1'], io);
    assert.equal(code, 1);
    assert.match(out.join(''), /billing-api\s+dev\s+safe to promote/);
    assert.match(out.join(''), /maps-api\s+dev\s+inconclusive\s+missing/, 'no keychain entry and no env var');
    assert.ok(keychain.calls.some((c) => c.includes(`${workspaceId}/billing-api/dev/primary`)));
  });

  it('--alert sends an incident to the configured sinks (audit log, notification) without key material', async () => {
    sim.admin.revokeKey('weather-api', { label: 'primary' });
    const r = await cli('--dotenv', '.env', ...approveSim(), '--service', 'weather-api', '--alert');
    assert.equal(r.code, 1);
    assert.match(r.out, /weather-api\s+dev\s+INCIDENT/);
    assert.match(r.err, /ALERT Rotation Ready: weather-api \(dev\): primary key rejected \(HTTP 401\) in 3 of 3 rounds — key rk1:[0-9a-f]{16}/);
    assert.match(r.err, /alert weather-api \(dev\): sent/);
    const audit = readFileSync(join(ws, '.rotation-ready/audit.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(audit.map((a) => [a.service, a.slot]), [['weather-api', 'primary'], ['weather-api', 'fallback']]);
    assertNoKeys(r.out + r.err, demoKeys, 'CLI output');
    assertNoKeys(readFileSync(join(ws, '.rotation-ready/audit.jsonl'), 'utf8'), demoKeys, 'audit log');
  });

  it('config errors: reported with position, the other services still run, exit 2', async () => {
    const text = readFileSync(join(ws, '.rotation-ready.json'), 'utf8').replace('"auth": { "type": "query", "name": "appid" }', '"auth": { "type": "query" }');
    writeFileSync(join(ws, '.rotation-ready.json'), text);
    const r = await cli('--dotenv', '.env', ...approveSim(), '--rounds', '1');
    assert.equal(r.code, 2);
    assert.match(r.err, /\.rotation-ready\.json:\d+:\d+: error: services\[2\]\.probe\.auth: auth type 'query' needs/);
    assert.match(r.out, /billing-api/);
    // The left-out service is named in the report, with where and why: never silently missing.
    assert.match(r.out, /weather-api: not probed, left out by the configuration \(line \d+, services\[2\]\.probe\.auth: auth type 'query' needs/);
    const json = await cli('--dotenv', '.env', ...approveSim(), '--rounds', '1', '--format', 'json');
    const report = JSON.parse(json.out) as DryRunReport;
    assert.deepEqual(report.skipped?.map((x) => x.service), ['weather-api']);
    assert.equal(report.targets.some((t) => t.service === 'weather-api'), false);
  });

  it("fingerprints keys with the workspace's one salt policy (as the Keys sidebar does)", async () => {
    const r = await cli('--dotenv', '.env', ...approveSim(), '--rounds', '1', '--format', 'json', '--service', 'billing-api');
    const report = JSON.parse(r.out) as DryRunReport;
    const primary = readFileSync(join(ws, '.env'), 'utf8').match(/^BILLING_API_KEY_PRIMARY=(\S+)$/m)![1]!;
    const policy = workspaceFingerprints(ws, { env: { ROTATION_READY_CONFIG_DIR: userDir } });
    assert.equal(report.targets[0]!.slots.find((x) => x.slot === 'primary')?.keyFingerprint, policy.of(primary));
  });

  it('bad options and unknown services exit 2 with the usage', async () => {
    assert.equal((await cli('--format', 'yaml')).code, 2);
    assert.equal((await cli('--rounds', '0')).code, 2);
    const r = await cli('--service', 'nope');
    assert.equal(r.code, 2);
    assert.match(r.err, /no service 'nope'.*billing-api, maps-api, weather-api/);
    assert.equal((await cli('--config', 'missing.json')).code, 2);
  });

  it('refuses an approvals store inside the workspace', async () => {
    const io: CliIo = { stdout: () => undefined, stderr: () => undefined, cwd: ws, env: { ROTATION_READY_CONFIG_DIR: join(ws, '.rr') }, signal: new AbortController().signal };
    assert.equal(await main(['dry-run', '--approve-host'], io), 2);
    assert.ok(!existsSync(join(ws, '.rr/approvals.json')));
  });
});
