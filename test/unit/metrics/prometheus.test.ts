import * as assert from 'node:assert/strict';
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_SETTINGS } from '../../../src/core/config/index';
import { ProbeMetrics, startMetricsServer, type MetricsServer } from '../../../src/core/metrics/index';
import { HealthMonitor, ProbeHistory } from '../../../src/core/monitor/index';
import { memoryApprovals } from '../../../src/core/probe/index';
import { startSimulator, type Simulator } from '../../../src/simulator/index';
import { assertNoKeys, mapKeySource, serviceConfig, sleep, testKey } from '../probe/helpers';

/** The Debian `prometheus` binary (scripts/setup.sh installs it), or undefined. `PROMETHEUS_BIN` overrides the lookup. */
function prometheusBinary(): string | undefined {
  const override = process.env.PROMETHEUS_BIN;
  if (override) return existsSync(override) ? override : undefined;
  try {
    return execFileSync('sh', ['-c', 'command -v prometheus'], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((ok) => s.listen(0, '127.0.0.1', ok));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((ok) => s.close(() => ok()));
  return port;
}

/**
 * A REAL Prometheus server, started by the test on 127.0.0.1 with its own config and data dir,
 * scrapes the metrics endpoint fed by the real health monitor probing the provider simulator; the
 * test reads Prometheus's HTTP API and sees the probe counters move when the simulator revokes a key.
 */
describe('metrics: a real Prometheus scrapes the monitor (simulator revokes a key)', function () {
  this.timeout(90_000);
  const binary = prometheusBinary();
  let dir: string;
  let prom: ChildProcess | undefined;
  let promLog = '';
  let promUrl: string;
  let simulator: Simulator;
  let server: MetricsServer;
  let monitor: HealthMonitor;
  const metrics = new ProbeMetrics();
  const keys = { primary: testKey('prom_p'), fallback: testKey('prom_f') };
  let stopLoop = false;
  let loop: Promise<void> | undefined;

  before(async function () {
    if (!binary) {
      const banner = '#'.repeat(100);
      console.warn(`\n${banner}\n# SKIPPED: the Prometheus integration test needs the 'prometheus' binary (Debian package 'prometheus').\n# Install it with: sudo apt-get install -y prometheus   (scripts/setup.sh does this for CI)\n${banner}\n`);
      // CI runs scripts/setup.sh, which installs it: absent there means setup is broken, not "skip".
      if (process.env.CI) throw new Error('prometheus is not installed although CI ran scripts/setup.sh');
      this.skip();
    }
    dir = mkdtempSync(join(tmpdir(), 'rr-prometheus-'));
    simulator = await startSimulator({
      services: [{ name: 'billing-api', auth: { type: 'bearer' }, keys: [{ label: 'primary', value: keys.primary }, { label: 'fallback', value: keys.fallback }] }],
    });
    server = await startMetricsServer({ metrics, port: 0 });
    const service = serviceConfig('billing-api', simulator.serviceUrl('billing-api', '/v1/account'), { type: 'bearer' }, { timeoutMs: 2000 });
    const addedAt = new Date(Date.now() - 3 * 86_400_000).toISOString();
    monitor = new HealthMonitor({
      keys: mapKeySource({ 'billing-api/primary': keys.primary, 'billing-api/fallback': keys.fallback }),
      approvals: memoryApprovals([{ service: 'billing-api', host: `127.0.0.1:${simulator.port}` }]),
      salt: 'prometheus-test',
      history: new ProbeHistory(undefined, DEFAULT_SETTINGS.monitor.history),
      services: [service],
      settings: { ...structuredClone(DEFAULT_SETTINGS), monitor: { ...structuredClone(DEFAULT_SETTINGS.monitor), jitter: 0 } },
      // The wiring the extension uses: each run's probe results and signals go to the metrics.
      onRun: (e) => metrics.observeRun(e, () => ({ addedAt })),
    });

    const promPort = await freePort();
    promUrl = `http://127.0.0.1:${promPort}`;
    const target = new URL(server.url);
    writeFileSync(
      join(dir, 'prometheus.yml'),
      ['global:', '  scrape_interval: 1s', '  scrape_timeout: 900ms', 'scrape_configs:', '  - job_name: rotation-ready', `    metrics_path: ${target.pathname}`, '    static_configs:', `      - targets: ['${target.host}']`, ''].join('\n'),
    );
    prom = spawn(
      binary!,
      [`--config.file=${join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${promPort}`, '--log.level=warn', '--web.enable-lifecycle'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    prom.stdout!.on('data', (c: Buffer) => (promLog += c.toString()));
    prom.stderr!.on('data', (c: Buffer) => (promLog += c.toString()));
    const ready = Date.now() + 30_000;
    for (;;) {
      if (prom.exitCode !== null) throw new Error(`prometheus exited (${prom.exitCode}):\n${promLog}`);
      const ok = await fetch(`${promUrl}/-/ready`).then((r) => r.ok, () => false);
      if (ok) break;
      if (Date.now() > ready) throw new Error(`prometheus not ready after 30 s:\n${promLog}`);
      await sleep(200);
    }
    // The monitor runs every 250 ms, as its schedule would (faster, for the test).
    loop = (async () => {
      while (!stopLoop) {
        await monitor.runNow();
        await sleep(250);
      }
    })();
  });

  after(async () => {
    stopLoop = true;
    await loop;
    if (prom && prom.exitCode === null) {
      const exited = new Promise((ok) => prom!.once('exit', ok));
      prom.kill('SIGTERM');
      await Promise.race([exited, sleep(10_000)]);
      if (prom.exitCode === null) prom.kill('SIGKILL');
    }
    await server?.close();
    await simulator?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Instant query: `{labels → value}` for each series. */
  async function query(promql: string): Promise<Array<{ metric: Record<string, string>; value: number }>> {
    const res = await fetch(`${promUrl}/api/v1/query?query=${encodeURIComponent(promql)}`);
    const body = (await res.json()) as { status: string; data: { result: Array<{ metric: Record<string, string>; value: [number, string] }> } };
    assert.equal(body.status, 'success', promql);
    return body.data.result.map((r) => ({ metric: r.metric, value: Number(r.value[1]) }));
  }
  async function scalar(promql: string): Promise<number | undefined> {
    const r = await query(promql);
    return r.length ? r[0]!.value : undefined;
  }
  async function until(promql: string, ok: (v: number) => boolean, what: string, timeoutMs = 30_000): Promise<number> {
    const end = Date.now() + timeoutMs;
    let last: number | undefined;
    for (;;) {
      last = await scalar(promql);
      if (last !== undefined && ok(last)) return last;
      if (Date.now() > end) throw new Error(`timed out waiting for ${what} (${promql} = ${last})\n${promLog}`);
      await sleep(250);
    }
  }
  const probes = (slot: string, outcome: string) => `rotation_ready_probes_total{job="rotation-ready",service="billing-api",environment="dev",slot="${slot}",outcome="${outcome}"}`;

  it('scrapes the endpoint (OpenMetrics) and sees healthy probes, latency, key age and last validation', async () => {
    await until('up{job="rotation-ready"}', (v) => v === 1, 'the target to be up');
    const targets = (await (await fetch(`${promUrl}/api/v1/targets`)).json()) as { data: { activeTargets: Array<{ health: string; lastError: string; scrapeUrl: string }> } };
    assert.deepEqual(targets.data.activeTargets.map((t) => [t.health, t.lastError, t.scrapeUrl]), [['up', '', server.url]]);
    assert.ok(server.scrapes.openmetrics > 0, 'Prometheus negotiated OpenMetrics and parsed it');
    await until(probes('primary', 'valid'), (v) => v >= 3, 'valid primary probes');
    await until(probes('fallback', 'valid'), (v) => v >= 3, 'valid fallback probes');
    assert.equal(await scalar(probes('primary', 'rejected')), undefined, 'nothing rejected yet');
    assert.ok((await scalar('rotation_ready_probe_latency_seconds_count{slot="primary"}'))! >= 3);
    assert.ok((await scalar('histogram_quantile(0.5, sum by (le) (rotation_ready_probe_latency_seconds_bucket))')) !== undefined);
    const age = await scalar('rotation_ready_key_age_seconds{slot="primary"}');
    assert.ok(age! > 3 * 86_400 - 60 && age! < 3 * 86_400 + 600, `key age ${age}`);
    const validated = await scalar('rotation_ready_key_last_validation_timestamp_seconds{slot="primary"}');
    assert.ok(Math.abs(validated! - Date.now() / 1000) < 60, 'last validation is recent');
    assert.equal(await scalar('rotation_ready_signal_active{signal="spike"}'), 0);
  });

  it('sees the rejected counter move and the spike signal fire when the simulator revokes the primary; the fallback keeps validating', async () => {
    const validBefore = await until(probes('primary', 'valid'), (v) => v >= 3, 'valid primary probes');
    assert.equal(simulator.admin.revokeKey('billing-api', { label: 'primary' }), 1);
    await until(probes('primary', 'rejected'), (v) => v >= 1, 'the first rejected probe');
    const rejected = await until(probes('primary', 'rejected'), (v) => v >= 4, 'rejected probes to keep counting');
    const validAfter = (await scalar(probes('primary', 'valid')))!;
    assert.ok(validAfter - validBefore <= 2, `valid primary probes stop (before ${validBefore}, after ${validAfter}: at most the runs in flight when revoked)`);
    await until('rotation_ready_signal_active{service="billing-api",environment="dev",signal="spike"}', (v) => v === 1, 'the spike signal');
    const f1 = (await scalar(probes('fallback', 'valid')))!;
    await until(probes('fallback', 'valid'), (v) => v > f1, 'the fallback to keep validating');
    // What the dashboard's spike panel plots: rejected probes over a short window.
    assert.ok((await scalar(`sum(increase(rotation_ready_probes_total{outcome="rejected"}[1m]))`))! > 0);
    assert.ok(rejected >= 4);
  });

  it('the endpoint serves both formats, holds no key material, and refuses a non-loopback Host', async () => {
    const text = await fetch(server.url).then(async (r) => [r.headers.get('content-type'), await r.text()] as const);
    assert.match(text[0]!, /^text\/plain; version=0\.0\.4/);
    const om = await fetch(server.url, { headers: { accept: 'application/openmetrics-text; version=1.0.0' } }).then(async (r) => [r.headers.get('content-type'), await r.text()] as const);
    assert.match(om[0]!, /^application\/openmetrics-text; version=1\.0\.0/);
    assert.match(om[1], /# EOF\n?$/);
    assertNoKeys(text[1] + om[1], [keys.primary, keys.fallback], 'metrics');
    assert.ok(!/rk1:/.test(text[1]), 'not even fingerprints become labels');
    const { request } = await import('node:http');
    const status = await new Promise<number>((ok, fail) => {
      const u = new URL(server.url);
      request({ host: u.hostname, port: u.port, path: u.pathname, headers: { host: 'evil.example:80' } }, (res) => {
        res.resume();
        ok(res.statusCode!);
      }).on('error', fail).end();
    });
    assert.equal(status, 403, 'DNS-rebinding guard');
    await assert.rejects(startMetricsServer({ metrics, port: 0, host: '0.0.0.0' }), /loopback only/);
  });
});

describe('metrics: the example Grafana dashboard', () => {
  const dashboard = JSON.parse(readFileSync(join(__dirname, '../../../docs/grafana-dashboard.json'), 'utf8'));
  const exprs: string[] = dashboard.panels.flatMap((p: { targets?: Array<{ expr: string }> }) => (p.targets ?? []).map((t) => t.expr));

  it('charts the three signals and uses only metrics Rotation Ready exports', async () => {
    const titles = dashboard.panels.map((p: { title: string }) => p.title).join('\n');
    for (const signal of ['Spike', 'Intermittent', 'Gradual increase']) assert.match(titles, new RegExp(`^${signal}:`, 'm'));
    for (const signal of ['spike', 'intermittent', 'increase']) assert.ok(exprs.some((e) => e.includes(`signal="${signal}"`)), `${signal} signal charted`);
    const m = new ProbeMetrics();
    m.observe({ service: 's', environment: 'e', slot: 'primary', outcome: 'valid', latencyMs: 1, at: new Date().toISOString(), keyAddedAt: new Date().toISOString() });
    m.observeSignals({ service: 's', environment: 'e', signals: [] });
    m.countAlert({ service: 's', environment: 'e', error: 'x', timestamp: new Date().toISOString(), fingerprint: 'none' });
    const exported = new Set([...(await m.exposition()).body.matchAll(/^(rotation_ready_\w+?)(?:\{| )/gm)].map((x) => x[1]!));
    const used = new Set(exprs.flatMap((e) => [...e.matchAll(/rotation_ready_\w+/g)].map((x) => x[0])));
    for (const name of used) assert.ok(exported.has(name), `${name} is exported`);
  });

  it('every panel query is valid PromQL for a real Prometheus', async function () {
    this.timeout(60_000);
    const binary = prometheusBinary();
    if (!binary) {
      console.warn('SKIPPED: PromQL check of docs/grafana-dashboard.json needs the prometheus binary (Debian package prometheus).');
      if (process.env.CI) throw new Error('prometheus is not installed although CI ran scripts/setup.sh');
      return this.skip();
    }
    const dir = mkdtempSync(join(tmpdir(), 'rr-promql-'));
    const port = await freePort();
    writeFileSync(join(dir, 'p.yml'), 'global:\n  scrape_interval: 15s\n');
    const prom = spawn(binary, [`--config.file=${join(dir, 'p.yml')}`, `--storage.tsdb.path=${join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`, '--log.level=warn'], { stdio: 'ignore' });
    try {
      const end = Date.now() + 30_000;
      while (!(await fetch(`http://127.0.0.1:${port}/-/ready`).then((r) => r.ok, () => false))) {
        if (Date.now() > end) throw new Error('prometheus not ready');
        await sleep(200);
      }
      for (const expr of exprs) {
        const q = expr.replaceAll('$__rate_interval', '1m').replaceAll('$service', '.*').replaceAll('$environment', '.*');
        const res = await fetch(`http://127.0.0.1:${port}/api/v1/query?query=${encodeURIComponent(q)}`);
        const body = (await res.json()) as { status: string; error?: string };
        assert.equal(body.status, 'success', `${q}\n${body.error}`);
      }
    } finally {
      prom.kill('SIGTERM');
      await new Promise((ok) => prom.once('exit', ok));
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
