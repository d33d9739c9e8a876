import * as assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CliIo } from '../../../src/cli/command';
import { main } from '../../../src/cli/main';
import { assertNoKeys, testKey, waitFor } from '../probe/helpers';

function captureIo(cwd: string) {
  const controller = new AbortController();
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { stdout: (t) => void out.push(t), stderr: (t) => void err.push(t), cwd, env: {}, signal: controller.signal };
  return { io, out, err, abort: () => controller.abort() };
}

describe('CLI: rotation-ready simulate', () => {
  it('serves a config file on the given port, prints requests without keys, and stops on abort', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rr-sim-'));
    const key = testKey('cli');
    writeFileSync(join(dir, 'sim.json'), JSON.stringify({ services: [{ name: 'svc', auth: { type: 'query', name: 'k' }, keys: [{ label: 'primary', value: key }] }] }));
    const { io, out, abort } = captureIo(dir);
    const running = main(['simulate', '--config', 'sim.json', '--port', '0'], io);
    await waitFor(() => out.join('').includes('Press Ctrl+C'), 10_000, 'the simulator to start');
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out.join(''))![1]!;
    assert.equal((await fetch(`${url}/svc/ping?k=${key}`)).status, 200);
    assert.equal((await fetch(`${url}/svc/ping?k=nope`)).status, 401);
    await waitFor(() => out.join('').includes('unknown key'), 10_000, 'the log line');
    abort();
    assert.equal(await running, 0);
    const text = out.join('');
    assert.match(text, /GET\s+\/svc\/ping svc key=primary rk1:[0-9a-f]+ → 200 ok/);
    assert.match(text, /stopped/);
    assertNoKeys(text, [key], 'simulate output');
  });

  it('exits 2 with file, path and reason on a bad config', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rr-sim-'));
    writeFileSync(join(dir, '.simulator.json'), '{"services":[{"name":"x","auth":{"type":"nope"},"keys":[]}]}');
    const { io, err } = captureIo(dir);
    assert.equal(await main(['simulate'], io), 2);
    assert.match(err.join(''), /\.simulator\.json:1:\d+: error: services\[0\]\.auth\.type: must be one of/);
  });

  it('falls back to the bundled demo config, and rejects bad options with exit 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rr-sim-'));
    const { io, out, abort } = captureIo(dir);
    const running = main(['simulate', '--port=0', '--quiet'], io);
    await waitFor(() => out.join('').includes('Press Ctrl+C'), 10_000, 'the simulator to start');
    assert.match(out.join(''), /bundled demo/);
    assert.match(out.join(''), /maps-api .* auth: header x-api-key .*fallback=propagating/);
    assert.doesNotMatch(out.join(''), /rrsim_/, 'the banner names labels, not keys');
    abort();
    assert.equal(await running, 0);
    const bad = captureIo(dir);
    assert.equal(await main(['simulate', '--port', 'x'], bad.io), 2);
  });
});
