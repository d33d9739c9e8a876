import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, get, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { channelSecretAddress } from '../../src/core/alerts/index';
import { KeytarKeychain } from '../../src/core/keychain/keytar';
import { workspaceIdFor } from '../../src/core/keychain/workspaceId';
import { startSimulator, type Simulator } from '../../src/simulator/index';
import type { ChannelCredentialResult } from '../../src/extension/monitor/channelCredentials';
import type { Prompts } from '../../src/extension/keys/prompts';
import { activeExtension, waitFor, workspaceUri, filesUnder } from './helpers';

/** Synthetic secrets made for this run only. A PagerDuty routing key is 32 characters. */
const make = (name: string) => `rrtest_${name}_${randomBytes(12).toString('hex')}`;
const keys = { primary: make('pd_p'), fallback: make('pd_f') };
const ROUTING_KEY = randomBytes(16).toString('hex');
const DATADOG_KEY = make('dd_api');
const SERVICE = 'paging-api';
const DEDUP_KEY = `rotation-ready/${SERVICE}/dev`;

interface PagerDutyEvent {
  routing_key: string;
  event_action: 'trigger' | 'resolve' | 'acknowledge';
  dedup_key: string;
  payload?: { summary: string; source: string; severity: string; component?: string; group?: string; class?: string };
}

/** Why a body is not a valid Events API v2 request (the real intake answers 400), or undefined. */
function eventsV2Problem(body: string): string | undefined {
  let e: PagerDutyEvent;
  try {
    e = JSON.parse(body) as PagerDutyEvent;
  } catch {
    return 'not JSON';
  }
  if (typeof e.routing_key !== 'string' || e.routing_key.length !== 32) return 'routing_key must be a 32-character string';
  if (!['trigger', 'resolve', 'acknowledge'].includes(e.event_action)) return 'bad event_action';
  if (typeof e.dedup_key !== 'string' || !e.dedup_key) return 'dedup_key missing';
  if (e.event_action === 'trigger') {
    const p = e.payload;
    if (!p || !p.summary || !p.source || !['critical', 'error', 'warning', 'info'].includes(p.severity)) return 'trigger needs payload.summary, source and severity';
    if (p.summary.length > 1024) return 'summary too long';
  }
  return undefined;
}

/** A PagerDuty-shaped receiver on 127.0.0.1: POST /v2/enqueue, 202 for a valid event, 400 otherwise. */
async function pagerDutyReceiver() {
  const bodies: string[] = [];
  const problems: string[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      bodies.push(body);
      const problem = req.method !== 'POST' || req.url !== '/v2/enqueue' ? `${req.method} ${req.url}` : eventsV2Problem(body);
      if (problem) {
        problems.push(problem);
        return void res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'invalid event', errors: [problem] }));
      }
      res.writeHead(202, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'success', dedup_key: (JSON.parse(body) as PagerDutyEvent).dedup_key }));
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v2/enqueue`,
    bodies,
    problems,
    events: () => bodies.map((b) => JSON.parse(b) as PagerDutyEvent),
    close: () => new Promise<void>((ok) => { server.close(() => ok()); server.closeAllConnections(); }),
  };
}

/** A Datadog-intake-shaped receiver: records POST /api/v2/series with its DD-API-KEY header. */
async function datadogReceiver() {
  const requests: Array<{ path: string; apiKey: string | undefined; body: string }> = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      requests.push({ path: req.url ?? '', apiKey: req.headers['dd-api-key'] as string | undefined, body });
      res.writeHead(req.url === '/api/v2/series' ? 202 : 404, { 'content-type': 'application/json' }).end('{"errors":[]}');
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () => new Promise<void>((ok) => { server.close(() => ok()); server.closeAllConnections(); }),
  };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((ok) => server.close(() => ok()));
  return port;
}

/** A plain HTTP GET, as a scraper does: status and body, or the connection error's code. */
function scrape(url: string): Promise<{ status: number; body: string } | { error: string }> {
  return new Promise((resolve) => {
    get(url, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString('utf8')));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    }).on('error', (e: NodeJS.ErrnoException) => resolve({ error: e.code ?? e.message }));
  });
}

/** The value of one sample of the Prometheus text format, 0 when absent. */
function sample(text: string, metric: string, labels: Record<string, string>): number {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${metric}{`)) continue;
    const inside = line.slice(metric.length + 1, line.lastIndexOf('}'));
    if (Object.entries(labels).every(([k, v]) => inside.includes(`${k}="${v}"`))) return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return 0;
}

/** Answers the credential command's two questions; anything else is recorded as unexpected. */
class CredentialPrompts implements Prompts {
  readonly asked: string[] = [];
  readonly unexpected: string[] = [];
  constructor(private readonly answers: { pick: string; secret: string; approveHost?: boolean }) {}
  async secret(options: { title: string; prompt: string }): Promise<string | undefined> {
    this.asked.push(`secret: ${options.title} | ${options.prompt}`);
    return this.answers.secret;
  }
  async pick<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions): Promise<T | undefined> {
    this.asked.push(`pick: ${options.title} [${items.map((i) => `${i.label} — ${i.description}`).join('; ')}]`);
    return items.find((i) => (i as unknown as { action?: string }).action === this.answers.pick);
  }
  async text(options: vscode.InputBoxOptions): Promise<string | undefined> {
    this.unexpected.push(`text: ${options.title}`);
    return undefined;
  }
  async pickMany<T extends vscode.QuickPickItem>(_items: readonly T[], options: vscode.QuickPickOptions): Promise<readonly T[] | undefined> {
    this.unexpected.push(`pickMany: ${options.title}`);
    return undefined;
  }
  async confirm(message: string): Promise<boolean> {
    if (this.answers.approveHost === undefined) {
      this.unexpected.push(`confirm: ${message}`);
      return false;
    }
    this.asked.push(`confirm: ${message}`);
    return this.answers.approveHost;
  }
}


describe('alert channels in the extension host: PagerDuty trigger and resolve, Prometheus and Datadog metrics', function () {
  this.timeout(120_000);
  let simulator: Simulator;
  let pd: Awaited<ReturnType<typeof pagerDutyReceiver>>;
  let dd: Awaited<ReturnType<typeof datadogReceiver>>;
  let metricsPort: number;
  let originalConfig: Uint8Array;
  let originalPrompts: Prompts;
  let prompts: CredentialPrompts;
  const scraped: string[] = [];
  const keychain = new KeytarKeychain();
  const configUri = () => workspaceUri('.rotation-ready.json');
  const workspaceId = () => workspaceIdFor(vscode.workspace.workspaceFolders![0]!.uri.fsPath);
  const metricsText = async () => {
    const { exports: api } = await activeExtension();
    const url = api.monitor.metricsUrl();
    assert.ok(url, 'the metrics endpoint is up');
    const r = await scrape(url);
    assert.ok('status' in r && r.status === 200, `scrape answered ${JSON.stringify(r)}`);
    scraped.push(r.body);
    return r.body;
  };
  const probes = (text: string, slot: string, outcome: string) => sample(text, 'rotation_ready_probes_total', { service: SERVICE, environment: 'dev', slot, outcome });

  before(async () => {
    const { exports: api } = await activeExtension();
    simulator = await startSimulator({
      services: [{ name: SERVICE, auth: { type: 'bearer' }, keys: [{ label: 'primary', value: keys.primary }, { label: 'fallback', value: keys.fallback }] }],
    });
    pd = await pagerDutyReceiver();
    dd = await datadogReceiver();
    metricsPort = await freePort();
    originalConfig = await vscode.workspace.fs.readFile(configUri());
    // This run's configuration (the workspace is a per-run copy): one service on this run's simulator, a
    // one-second schedule, PagerDuty (critical only, by default) on the local receiver, the opt-in
    // Prometheus endpoint on a free loopback port, the Datadog series push to a local intake (hourly: it
    // flushes when the monitor stops).
    const config = {
      version: 1,
      services: [{ name: SERVICE, environments: ['dev'], probe: { url: simulator.serviceUrl(SERVICE, '/v1/account'), auth: { type: 'bearer' }, timeoutMs: 3000 }, monitor: { intervalSeconds: 1 } }],
      monitor: { jitter: 0, signals: { spike: { rejections: 2, healthyProbes: 1, windowSeconds: 600 } } },
      alerts: { dedupWindowMs: 600000, maxPerServicePerWindow: 20, sinks: [{ type: 'pagerduty', routingKeySecret: 'pagerduty-routing', url: pd.url }] },
      metrics: { prometheus: { port: metricsPort }, datadog: { apiKeySecret: 'datadog-api', url: dd.url, intervalSeconds: 3600 } },
    };
    await vscode.workspace.fs.writeFile(configUri(), Buffer.from(JSON.stringify(config, null, 2)));
    const loaded = await api.config.reload();
    assert.deepEqual(loaded?.errors, []);
    await keychain.set({ workspaceId: workspaceId(), service: SERVICE, environment: 'dev', slot: 'primary' }, keys.primary);
    await keychain.set({ workspaceId: workspaceId(), service: SERVICE, environment: 'dev', slot: 'fallback' }, keys.fallback);
    api.approvals().approve(SERVICE, `127.0.0.1:${simulator.port}`);
    originalPrompts = api.keys.prompts;
  });

  after(async () => {
    const { exports: api } = await activeExtension();
    api.keys.prompts = originalPrompts;
    await vscode.commands.executeCommand('rotationReady.stopHealthMonitor');
    await vscode.workspace.fs.writeFile(configUri(), originalConfig);
    await api.config.reload();
    for (const name of ['pagerduty-routing', 'datadog-api']) await keychain.delete(channelSecretAddress(workspaceId(), name)).catch(() => false);
    await simulator?.close();
    await pd?.close();
    await dd?.close();
  });

  it('stores the PagerDuty routing key through "Set Alert Channel Credential…" (masked prompt, keychain, read back)', async () => {
    const { exports: api } = await activeExtension();
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('rotationReady.setAlertChannelCredential'));
    prompts = new CredentialPrompts({ pick: 'pagerduty-routing', secret: ROUTING_KEY, approveHost: true });
    api.keys.prompts = prompts;
    const result = await vscode.commands.executeCommand<ChannelCredentialResult | undefined>('rotationReady.setAlertChannelCredential');
    assert.deepEqual(prompts.unexpected, []);
    assert.ok(result, 'the command stored the credential');
    assert.equal(result.name, 'pagerduty-routing');
    assert.equal(result.keychain, api.keys.keychainLabel);
    assert.equal(result.location, `keychain service 'rotation-ready', account '${workspaceId()}/_channel/pagerduty-routing/primary'`);
    assert.equal(prompts.asked.length, 3);
    assert.match(prompts.asked[0]!, /^pick: Rotation Ready: set which alert channel credential\? \[pagerduty-routing — PagerDuty routing key · not stored yet; datadog-api — Datadog API key · not stored yet\]$/);
    assert.match(prompts.asked[1]!, /^secret: Rotation Ready: PagerDuty routing key \(pagerduty-routing\) \| Paste the PagerDuty routing key\. It is stored in OS keychain/);
    // The config decides where the key goes; the user approves that host once (stored outside the workspace).
    assert.match(prompts.asked[2]!, /^confirm: Send the PagerDuty routing key 'pagerduty-routing' to 127\.0\.0\.1:\d+\?$/);
    assert.deepEqual(result.approvedHosts, [new URL(pd.url).host]);
    assert.equal(await keychain.get(channelSecretAddress(workspaceId(), 'pagerduty-routing')), ROUTING_KEY, 'in the OS keychain the Keys sidebar uses');
    assert.equal(JSON.stringify(result).includes(ROUTING_KEY), false);

    // With the name as argument (e.g. from another command), only the masked input is asked.
    const ddPrompts = new CredentialPrompts({ pick: 'none', secret: DATADOG_KEY, approveHost: true });
    api.keys.prompts = ddPrompts;
    const dd = await vscode.commands.executeCommand<ChannelCredentialResult | undefined>('rotationReady.setAlertChannelCredential', 'datadog-api');
    assert.equal(dd?.name, 'datadog-api');
    assert.deepEqual(ddPrompts.asked.map((q) => q.split(' | ')[0].replace(/\d+\?$/, 'PORT?')), ['secret: Rotation Ready: Datadog API key (datadog-api)', "confirm: Send the Datadog API key 'datadog-api' to 127.0.0.1:PORT?"]);
    prompts.asked.push(...ddPrompts.asked);
    assert.equal(await keychain.get(channelSecretAddress(workspaceId(), 'datadog-api')), DATADOG_KEY);
  });

  it('starts the monitor with the metrics endpoint, which counts valid probes', async () => {
    const { exports: api } = await activeExtension();
    assert.equal(api.monitor.metricsUrl(), undefined, 'metrics are off while the monitor is off');
    assert.equal(await vscode.commands.executeCommand('rotationReady.startHealthMonitor'), true);
    assert.equal(api.monitor.metricsUrl(), `http://127.0.0.1:${metricsPort}/metrics`);
    await waitFor(() => api.monitor.healthOf(SERVICE, 'dev')?.level, (l) => l === 'healthy', 'the service to be healthy');
    const text = await waitFor(metricsText, (t) => probes(t, 'primary', 'valid') >= 1 && probes(t, 'fallback', 'valid') >= 1, 'valid probes on the endpoint');
    assert.equal(probes(text, 'primary', 'rejected'), 0);
    assert.match(text, /# TYPE rotation_ready_probe_latency_seconds histogram/);
    assert.ok(sample(text, 'rotation_ready_probe_latency_seconds_count', { service: SERVICE, slot: 'primary' }) >= 1);
    assert.deepEqual(pd.bodies, [], 'nothing paged while healthy');
  });

  it('revoking the primary pages PagerDuty with the routing key from the keychain, and the counters move', async () => {
    const { exports: api } = await activeExtension();
    const before = await metricsText();
    assert.equal(simulator.admin.revokeKey(SERVICE, { label: 'primary' }), 1);
    const events = await waitFor(() => pd.events(), (e) => e.some((x) => x.event_action === 'trigger'), 'a PagerDuty trigger', 30_000);
    const trigger = events.find((e) => e.event_action === 'trigger')!;
    assert.equal(trigger.routing_key, ROUTING_KEY);
    assert.equal(trigger.dedup_key, DEDUP_KEY);
    assert.equal(trigger.payload?.severity, 'critical');
    assert.equal(trigger.payload?.component, SERVICE);
    assert.equal(trigger.payload?.group, 'dev');
    assert.deepEqual(pd.problems, [], 'every request has the Events v2 shape');
    assert.ok(api.monitor.incidentOpen(SERVICE, 'dev'));
    const text = await waitFor(metricsText, (t) => sample(t, 'rotation_ready_signal_active', { service: SERVICE, signal: 'spike' }) === 1, 'the spike signal on the endpoint', 30_000);
    assert.ok(probes(text, 'primary', 'rejected') >= 2, 'rejected primary probes counted');
    assert.ok(probes(text, 'fallback', 'valid') > probes(before, 'fallback', 'valid'), 'the fallback still validates');
    assert.ok(sample(text, 'rotation_ready_alerts_total', { service: SERVICE, severity: 'critical' }) >= 1, 'alerts counted');
  });

  it('restoring the key sends one resolve with the same dedup_key', async () => {
    const { exports: api } = await activeExtension();
    simulator.admin.reset(SERVICE);
    const events = await waitFor(() => pd.events(), (e) => e.some((x) => x.event_action === 'resolve'), 'a PagerDuty resolve', 30_000);
    const resolve = events.find((e) => e.event_action === 'resolve')!;
    assert.deepEqual(resolve, { routing_key: ROUTING_KEY, event_action: 'resolve', dedup_key: DEDUP_KEY });
    assert.equal(api.monitor.incidentOpen(SERVICE, 'dev'), false);
    const triggers = events.filter((e) => e.event_action === 'trigger');
    assert.ok(triggers.every((e) => e.dedup_key === DEDUP_KEY), 'one incident per service and environment');
    // More healthy runs: still exactly one resolve, and the valid counter moves on.
    const runs = simulator.requestLog.length;
    await waitFor(() => simulator.requestLog.length, (n) => n >= runs + 4, 'two more monitor runs', 30_000);
    assert.equal(pd.events().filter((e) => e.event_action === 'resolve').length, 1);
    assert.equal(pd.events().filter((e) => e.event_action === 'trigger').length, triggers.length, 'no new trigger once healthy');
    assert.deepEqual(pd.problems, []);
  });

  it('stopping the monitor closes the metrics endpoint and flushes the Datadog series with the keychain API key', async () => {
    const { exports: api } = await activeExtension();
    const url = api.monitor.metricsUrl()!;
    assert.deepEqual(dd.requests, [], 'nothing pushed before the hourly flush');
    await vscode.commands.executeCommand('rotationReady.stopHealthMonitor');
    assert.equal(api.monitor.metricsUrl(), undefined);
    const r = await scrape(url);
    assert.ok('error' in r, `no endpoint after stop: ${JSON.stringify(r)}`);
    const pushed = await waitFor(() => dd.requests, (q) => q.length >= 1, 'the Datadog series flush');
    assert.equal(pushed.length, 1);
    assert.equal(pushed[0]!.path, '/api/v2/series');
    assert.equal(pushed[0]!.apiKey, DATADOG_KEY);
    const series = (JSON.parse(pushed[0]!.body) as { series: Array<{ metric: string; tags: string[]; points: Array<{ value: number }> }> }).series;
    const count = (outcome: string) => series.filter((x) => x.metric === 'rotation_ready.probes' && x.tags.includes(`service:${SERVICE}`) && x.tags.includes('slot:primary') && x.tags.includes(`outcome:${outcome}`)).reduce((n, x) => n + x.points[0]!.value, 0);
    assert.ok(count('rejected') >= 2 && count('valid') >= 2, `primary probes by outcome in the series: ${count('valid')} valid, ${count('rejected')} rejected`);
  });

  it('no key and no routing key anywhere but the PagerDuty request itself', async () => {
    const { exports: api } = await activeExtension();
    const outputs: Record<string, string> = {
      metrics: scraped.join('\n'),
      history: readFileSync(api.monitor.historyFile!, 'utf8'),
      statusBar: JSON.stringify(api.monitor.statusBar()),
      prompts: prompts.asked.join('\n'),
      simulator: JSON.stringify(simulator.requestLog),
      config: readFileSync(configUri().fsPath, 'utf8'),
      'PagerDuty events without routing_key': pd.events().map(({ routing_key: _, ...rest }) => JSON.stringify(rest)).join('\n'),
      'Datadog series bodies': dd.requests.map((q) => `${q.path} ${q.body}`).join('\n'),
    };
    if (api.keys.metadataPath && existsSync(api.keys.metadataPath)) outputs.keyMetadata = readFileSync(api.keys.metadataPath, 'utf8');
    for (const file of filesUnder(api.logDirectory.fsPath)) outputs[file] = readFileSync(file, 'utf8');
    for (const file of filesUnder(workspaceUri().fsPath).filter((f) => !f.includes(`${join('node_modules', '')}`))) {
      if (statSync(file).size < 2_000_000) outputs[file] = readFileSync(file, 'utf8');
    }
    assert.ok(Object.values(outputs).some((t) => t.includes("Stored alert channel credential 'pagerduty-routing'")), 'the extension log was read');
    assert.match(outputs.metrics, /rotation_ready_probes_total/);
    for (const [where, text] of Object.entries(outputs)) {
      for (const value of [...Object.values(keys), ROUTING_KEY, DATADOG_KEY]) {
        for (const form of [value, encodeURIComponent(value), Buffer.from(value).toString('base64').replace(/=+$/, '')]) assert.equal(text.includes(form), false, `${where} contains a secret`);
      }
    }
    for (const body of pd.bodies) for (const value of [...Object.values(keys), DATADOG_KEY]) assert.equal(body.includes(value), false, 'a PagerDuty request contains another secret');
  });
});
