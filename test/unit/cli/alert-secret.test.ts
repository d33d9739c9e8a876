import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CliIo } from '../../../src/cli/command';
import { createAlertSecretCommand, readValueFromStdin } from '../../../src/cli/commands/alert-secret';
import { Readable } from 'node:stream';
import { createDryRunCommand } from '../../../src/cli/commands/dry-run';
import { main } from '../../../src/cli/main';
import { AlertDispatcher, IncidentTracker, callbackSink, channelCredentialRefs } from '../../../src/core/alerts/index';
import type { Alert } from '../../../src/core/alerts/index';
import { loadConfig } from '../../../src/core/config/index';
import { MemoryKeychain } from '../../../src/core/keychain/memory';
import { ApprovalStore, defaultApprovalsFile, memoryApprovals } from '../../../src/core/probe/index';
import { workspaceIdFor } from '../../../src/core/keychain/workspaceId';
import { startSimulator, type Simulator } from '../../../src/simulator/index';
import { intake } from '../alerts/channels/helpers';

const secret = (name: string) => `rrtest_${name}_${randomBytes(12).toString('hex')}`;

const CONFIG = {
  version: 1,
  services: [
    {
      name: 'billing-api',
      environments: ['dev'],
      probe: { url: 'http://127.0.0.1:9/v1/account', auth: { type: 'bearer' } },
      alerts: { sinks: [{ type: 'datadog', apiKeySecret: 'datadog-api' }] },
    },
  ],
  alerts: {
    sinks: [
      { type: 'pagerduty', routingKeySecret: 'pagerduty-routing' },
      { type: 'email', host: 'smtp.example.com', username: 'alerts@example.com', passwordSecret: 'smtp-password', from: 'alerts@example.com', to: ['oncall@example.com'] },
    ],
  },
  metrics: { datadog: { apiKeySecret: 'datadog-api' } },
};

describe('CLI: rotation-ready alert-secret', () => {
  let ws: string;
  let keychain: MemoryKeychain;
  let typed: string | undefined;
  let prompts: string[];
  let approvals: ReturnType<typeof memoryApprovals>;

  beforeEach(() => {
    ws = mkdtempSync(join(tmpdir(), 'rr-alert-secret-'));
    writeFileSync(join(ws, '.rotation-ready.json'), JSON.stringify(CONFIG, null, 2));
    keychain = new MemoryKeychain();
    approvals = memoryApprovals();
    typed = undefined;
    prompts = [];
  });

  async function cli(...args: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const io: CliIo = { stdout: (t) => void out.push(t), stderr: (t) => void err.push(t), cwd: ws, env: {}, signal: new AbortController().signal };
    const command = createAlertSecretCommand({
      keychain: () => keychain,
      readValue: async (_io, prompt) => {
        prompts.push(prompt);
        return typed ?? '';
      },
      approvals: () => approvals,
    });
    const code = await command.run(args, io);
    return { code, out: out.join(''), err: err.join('') };
  }

  it('set <name> stores the value read from stdin under the workspace channel account, reads it back, and prints no value', async () => {
    typed = secret('routing');
    const r = await cli('set', 'pagerduty-routing');
    assert.equal(r.code, 0, r.err);
    const account = `${workspaceIdFor(ws)}/_channel/pagerduty-routing/primary`;
    assert.equal(keychain.entries.get(account), typed);
    assert.ok(keychain.calls.includes(`get ${account}`), 'read back after storing');
    assert.match(r.out, /stored 'pagerduty-routing' \(PagerDuty routing key\) in In-memory keychain \(tests only\): keychain service 'rotation-ready', account 'ws-[^']+\/_channel\/pagerduty-routing\/primary'/);
    assert.deepEqual(prompts, ["PagerDuty routing key 'pagerduty-routing' (input hidden): "]);
    assert.equal((r.out + r.err).includes(typed), false);
  });

  it('never takes the value from argv, and does not echo an extra argument', async () => {
    const value = secret('argv');
    const r = await main(['alert-secret', 'set', 'pagerduty-routing', value], {
      stdout: () => undefined,
      stderr: (t) => void prompts.push(t),
      cwd: ws,
      env: {},
      signal: new AbortController().signal,
    });
    assert.equal(r, 2);
    const err = prompts.join('');
    assert.match(err, /the value is read from stdin, never from the command line/);
    assert.equal(err.includes(value), false, 'the refused argument is not printed');
    await assert.rejects(cli('set', 'pagerduty-routing', `--x=${value}`), (e: Error) => /unknown option '--x=…'/.test(e.message) && !e.message.includes(value));
    assert.equal(keychain.entries.size, 0);
  });

  it('an empty stdin stores nothing (exit 2); a bad name is refused; a name the config does not use is stored with a note', async () => {
    const empty = await cli('set', 'pagerduty-routing');
    assert.equal(empty.code, 2);
    assert.match(empty.err, /no value on stdin; nothing stored/);
    assert.equal(keychain.entries.size, 0);
    await assert.rejects(cli('set', '../etc'), /letters, digits/);
    typed = secret('other');
    const other = await cli('set', 'opsgenie-key');
    assert.equal(other.code, 0);
    assert.match(other.err, /does not name a credential 'opsgenie-key' \(it names: pagerduty-routing, smtp-password, datadog-api\); storing it anyway/);
  });

  it('list shows the credentials the config names and which are stored, never a value', async () => {
    typed = secret('smtp');
    assert.equal((await cli('set', 'smtp-password')).code, 0);
    const r = await cli('list');
    assert.equal(r.code, 0);
    assert.deepEqual(r.out.trim().split('\n'), [
      'pagerduty-routing\tmissing\tPagerDuty routing key (routingKeySecret in alerts.sinks) → events.pagerduty.com NOT approved',
      'smtp-password\tstored\tSMTP password for alerts@example.com at smtp.example.com (passwordSecret in alerts.sinks) → smtp.example.com:587 NOT approved',
      'datadog-api\tmissing\tDatadog API key (apiKeySecret in services.billing-api.alerts.sinks, metrics.datadog) → api.datadoghq.com NOT approved',
    ]);
    assert.equal(r.out.includes(typed), false);
  });

  it('approve <name> records the hosts the config sends it to, outside the workspace; only those', async () => {
    const r = await cli('approve', 'smtp-password');
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /approved: 'smtp-password' \(SMTP password for alerts@example\.com at smtp\.example\.com\) may be sent to smtp\.example\.com:587/);
    assert.equal(approvals.isApproved('channel:smtp-password', 'smtp.example.com:587'), true);
    assert.equal(approvals.isApproved('channel:smtp-password', 'evil.example.com:587'), false);
    assert.equal(approvals.isApproved('channel:pagerduty-routing', 'events.pagerduty.com'), false);
    await assert.rejects(cli('approve', 'nope'), /does not name a credential 'nope'/);
  });

  it('--config picks the workspace: the keychain account follows the config file folder', async () => {
    const other = mkdtempSync(join(tmpdir(), 'rr-alert-secret-other-'));
    writeFileSync(join(other, 'rr.json'), JSON.stringify(CONFIG));
    typed = secret('dd');
    const r = await cli('set', 'datadog-api', '--config', join(other, 'rr.json'));
    assert.equal(r.code, 0, r.err);
    assert.equal(keychain.entries.get(`${workspaceIdFor(other)}/_channel/datadog-api/primary`), typed);
  });

  it('reads a piped value whole, without its one trailing newline, and prompts nothing', async () => {
    const value = secret('piped');
    const err: string[] = [];
    const io: CliIo = { stdout: () => undefined, stderr: (t) => void err.push(t), cwd: ws, env: {}, signal: new AbortController().signal };
    assert.equal(await readValueFromStdin(io, 'prompt: ', Readable.from([Buffer.from(value.slice(0, 5)), Buffer.from(`${value.slice(5)}\n`)])), value);
    assert.equal(await readValueFromStdin(io, 'prompt: ', Readable.from([Buffer.from(`${value}\r\n`)])), value);
    assert.equal(await readValueFromStdin(io, 'prompt: ', Readable.from([])), '');
    assert.deepEqual(err, []);
  });

  it('is listed in the CLI help', async () => {
    const out: string[] = [];
    await main(['--help'], { stdout: (t) => void out.push(t), stderr: () => undefined, cwd: ws, env: {}, signal: new AbortController().signal });
    assert.match(out.join(''), /alert-secret\s+Store an alert channel credential/);
  });
});

describe('CLI: dry-run --alert pages PagerDuty with the routing key stored by alert-secret', () => {
  let sim: Simulator;
  /** The simulator's exact host:port, and the environment variables the keys come from, confirmed on the command line. */
  const approveSim = () => ['--approve-loopback', `127.0.0.1:${sim.port}`, '--allow-env', 'BILLING_API_KEY_PRIMARY,BILLING_API_KEY_FALLBACK'];
  let ws: string;
  let userDir: string;
  const keys = { primary: secret('p'), fallback: secret('f') };

  before(async () => {
    sim = await startSimulator({ services: [{ name: 'billing-api', auth: { type: 'bearer' }, keys: [{ label: 'primary', value: keys.primary }, { label: 'fallback', value: keys.fallback }] }] }, { port: 0 });
  });
  after(() => sim.close());

  it('a rejected primary sends a PagerDuty trigger carrying the keychain routing key; nothing else carries it or a key', async () => {
    const pd = await intake({ okStatus: 202 });
    try {
      ws = mkdtempSync(join(tmpdir(), 'rr-dry-run-pd-'));
      userDir = mkdtempSync(join(tmpdir(), 'rr-user-'));
      writeFileSync(
        join(ws, '.rotation-ready.json'),
        JSON.stringify({
          version: 1,
          services: [{ name: 'billing-api', environments: ['dev'], probe: { url: sim.serviceUrl('billing-api', '/v1/account'), auth: { type: 'bearer' }, rounds: 1 } }],
          alerts: { sinks: [{ type: 'pagerduty', routingKeySecret: 'pagerduty-routing', url: `${pd.base}/v2/enqueue` }, { type: 'audit-log', path: 'audit.jsonl' }] },
        }),
      );
      const keychain = new MemoryKeychain();
      const routingKey = secret('routing');
      const io = (out: string[]): CliIo => ({ stdout: (t) => void out.push(t), stderr: (t) => void out.push(t), cwd: ws, env: { ROTATION_READY_CONFIG_DIR: userDir, BILLING_API_KEY_PRIMARY: keys.primary, BILLING_API_KEY_FALLBACK: keys.fallback }, signal: new AbortController().signal });
      const setOut: string[] = [];
      const alertSecret = createAlertSecretCommand({ keychain: () => keychain, readValue: async () => `${routingKey}`, approvals: userApprovals });
      assert.equal(await alertSecret.run(['set', 'pagerduty-routing'], io(setOut)), 0, setOut.join(''));
      assert.match(setOut.join(''), /not sent anywhere yet: approve 127\.0\.0\.1:\d+ with `rotation-ready alert-secret approve pagerduty-routing`/);

      // Stored but not approved for the receiver's host: the routing key goes nowhere.
      sim.admin.revokeKey('billing-api', { label: 'primary' });
      const refused: string[] = [];
      await createDryRunCommand({ keychain: () => keychain }).run([...approveSim(), '--alert'], io(refused));
      assert.match(refused.join(''), /sending the credential 'pagerduty-routing' to 127\.0\.0\.1:\d+ is not approved/);
      assert.equal(pd.requests.length, 0, 'nothing reached the unapproved host');

      assert.equal(await alertSecret.run(['approve', 'pagerduty-routing'], io(setOut)), 0, setOut.join(''));
      sim.admin.reset('billing-api');
      sim.admin.revokeKey('billing-api', { label: 'primary' });
      const out: string[] = [];
      const code = await createDryRunCommand({ keychain: () => keychain }).run([...approveSim(), '--alert'], io(out));
      assert.equal(code, 1, out.join(''));
      assert.match(out.join(''), /alert billing-api \(dev\): sent/);
      assert.equal(pd.requests.length, 1, 'one trigger (PagerDuty routes critical only: the primary incident)');
      const event = pd.requests[0]!.json as { routing_key: string; event_action: string; dedup_key: string; payload: { severity: string } };
      assert.equal(event.routing_key, routingKey);
      assert.equal(event.event_action, 'trigger');
      assert.equal(event.dedup_key, 'rotation-ready/billing-api/dev');
      assert.equal(event.payload.severity, 'critical');
      const elsewhere = { output: setOut.join('') + out.join(''), audit: readFileSync(join(ws, 'audit.jsonl'), 'utf8'), simulator: JSON.stringify(sim.requestLog) };
      for (const [where, text] of Object.entries(elsewhere)) {
        for (const value of [routingKey, keys.primary, keys.fallback]) {
          if (where === 'simulator' && value !== routingKey) continue; // the probes carry the keys to the approved host, by design
          assert.equal(text.includes(value), false, `${where} contains a secret`);
        }
      }
      for (const value of [keys.primary, keys.fallback]) assert.equal(pd.requests[0]!.body.includes(value), false, 'the PagerDuty event carries no API key');
    } finally {
      await pd.close();
    }
  });

  it('without a stored routing key the PagerDuty send fails once, naming the account to create, and the other sinks still deliver', async () => {
    const pd = await intake({ okStatus: 202 });
    try {
      const keychain = new MemoryKeychain();
      sim.admin.revokeKey('billing-api', { label: 'primary' });
      const out: string[] = [];
      const io: CliIo = { stdout: (t) => void out.push(t), stderr: (t) => void out.push(t), cwd: ws, env: { ROTATION_READY_CONFIG_DIR: userDir, BILLING_API_KEY_PRIMARY: keys.primary, BILLING_API_KEY_FALLBACK: keys.fallback }, signal: new AbortController().signal };
      const config = JSON.parse(readFileSync(join(ws, '.rotation-ready.json'), 'utf8'));
      config.alerts.sinks[0].url = `${pd.base}/v2/enqueue`;
      writeFileSync(join(ws, '.rotation-ready.json'), JSON.stringify(config));
      // A new receiver is a new host: approve it, so what fails is the missing key itself.
      await createAlertSecretCommand({ keychain: () => keychain, readValue: async () => '', approvals: userApprovals }).run(['approve', 'pagerduty-routing'], io);
      await createDryRunCommand({ keychain: () => keychain }).run([...approveSim(), '--alert'], io);
      assert.match(out.join(''), /alert billing-api \(dev\): partial — pagerduty: no routing key in the keychain \(keychain service 'rotation-ready', account 'ws-[^']+\/_channel\/pagerduty-routing\/primary'\)/);
      assert.equal(pd.requests.length, 0);
    } finally {
      await pd.close();
    }
  });
});

/** The CLI's own approvals file (ROTATION_READY_CONFIG_DIR), shared by `alert-secret` and `dry-run`. */
function userApprovals(root: string, io: CliIo) {
  return new ApprovalStore(defaultApprovalsFile(io.env), { workspace: root });
}

describe('channel credential names and incident tracking', () => {
  it('channelCredentialRefs lists each name the config references once, with where', () => {
    const loaded = loadConfig(JSON.stringify(CONFIG), '/x/.rotation-ready.json');
    assert.deepEqual(loaded.errors, []);
    assert.deepEqual(channelCredentialRefs(loaded).map((r) => [r.name, r.property, r.where.join(' + ')]), [
      ['pagerduty-routing', 'routingKeySecret', 'alerts.sinks'],
      ['smtp-password', 'passwordSecret', 'alerts.sinks'],
      ['datadog-api', 'apiKeySecret', 'services.billing-api.alerts.sinks + metrics.datadog'],
    ]);
    assert.deepEqual(channelCredentialRefs(undefined), []);
  });

  it('IncidentTracker keeps the most severe open trigger, so a later warning does not keep the resolve from PagerDuty', () => {
    const tracker = new IncidentTracker();
    const base = { service: 'billing-api', environment: 'dev', timestamp: new Date(0).toISOString(), fingerprint: 'rk1:0123456789abcdef' };
    tracker.triggered({ ...base, error: 'primary key rejected (HTTP 401)', slot: 'primary', status: 401 } satisfies Alert);
    tracker.triggered({ ...base, error: 'signal intermittent (key still propagating?): intermittent 401s', signal: 'intermittent', slot: 'primary' } satisfies Alert);
    const resolve = tracker.healthy('billing-api', 'dev');
    assert.equal(resolve?.action, 'resolve');
    assert.equal(resolve?.severity, 'critical');
    assert.equal(tracker.healthy('billing-api', 'dev'), undefined, 'exactly one resolve');
  });

  it('after a resolve went out, the same trigger pages again within the de-duplication window (a new incident)', async () => {
    const sent: string[] = [];
    const d = new AlertDispatcher({ sinks: [callbackSink('test', (_t, a) => void sent.push(`${a.action ?? 'trigger'} ${a.error}`))], dedupWindowMs: 600_000, maxPerServicePerWindow: 20, secrets: () => [] });
    const tracker = new IncidentTracker();
    const trigger: Alert = { service: 'billing-api', environment: 'dev', timestamp: new Date(0).toISOString(), fingerprint: 'rk1:0123456789abcdef', error: 'primary key rejected (HTTP 401)', slot: 'primary', status: 401 };
    const other: Alert = { ...trigger, environment: 'prod' };
    for (const a of [trigger, other]) {
      assert.equal((await d.dispatch(a)).status, 'sent');
      tracker.triggered(a);
    }
    assert.equal((await d.dispatch(trigger)).status, 'deduplicated', 'a persisting problem is one alert');
    assert.equal((await d.dispatch(tracker.healthy('billing-api', 'dev')!)).status, 'sent');
    assert.equal((await d.dispatch(trigger)).status, 'sent', 'revoked again after the resolve: pages again');
    tracker.triggered(trigger);
    assert.equal((await d.dispatch(tracker.healthy('billing-api', 'dev')!)).status, 'sent', 'and resolves again');
    assert.equal((await d.dispatch(other)).status, 'deduplicated', 'another environment keeps its de-duplication');
    assert.deepEqual(sent, ['trigger primary key rejected (HTTP 401)', 'trigger primary key rejected (HTTP 401)', 'resolve primary key validates again', 'trigger primary key rejected (HTTP 401)', 'resolve primary key validates again']);
  });
});
