import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { formatConfigError } from '../../core/config/jsonc-reader';
import { DEFAULT_SIMULATOR_PORT, SimLogEntry, loadSimulatorConfig, startSimulator } from '../../simulator/index';
import { COMMON_OPTIONS, type OptionSpecs, parseCommandArgs, wholeNumber } from '../args';
import { CliCommand, CliIo, UsageError } from '../command';
// Bundled so `rotation-ready simulate` works from anywhere, with the same keys the demo's README names.
import bundledDemoConfig from '../../../demo/.simulator.json';

const usage = `Usage: rotation-ready simulate [--port N] [--host H] [--config FILE] [--quiet]

Runs the local provider simulator: an HTTP server on 127.0.0.1 that guards endpoints with keys
the way an API provider does (revocation, propagation delay, rate limits, slow or hanging answers, flapping).

  -c, --config FILE  simulator config (JSON with comments); default ./.simulator.json, else the bundled demo config
  --port N           port to listen on (default: the config's port, else ${DEFAULT_SIMULATOR_PORT}; 0 picks a free one)
  --host H           interface (default 127.0.0.1; admin routes answer loopback peers only)
  --quiet            do not print each request

Admin routes (loopback only): GET /__admin/health, GET /__admin/services, GET|DELETE /__admin/log,
POST /__admin/services/<name>/keys {value,label?,propagation?:{seconds?,requests?}},
POST /__admin/services/<name>/keys/revoke {value?|label?}, POST /__admin/services/<name>/behaviour
{latencyMs?,hang?,rateLimit?:{next?,limit?,windowMs?,retryAfterSeconds?},flap?:{up,down,status?},failNext?:{count,status?}},
POST /__admin/services/<name>/reset, POST /__admin/reset. The log never holds key values.`;

const SIMULATE_OPTIONS = {
  config: COMMON_OPTIONS.config,
  port: { type: 'string' },
  host: { type: 'string' },
  quiet: { type: 'boolean' },
} as const satisfies OptionSpecs;

export function parseSimulateArgs(args: string[]): { port?: number; host?: string; config?: string; quiet: boolean } {
  const { values: v } = parseCommandArgs(args, SIMULATE_OPTIONS);
  return {
    ...(v.port !== undefined ? { port: wholeNumber('--port', v.port, 0, 65535) } : {}),
    ...(v.host !== undefined ? { host: v.host } : {}),
    ...(v.config !== undefined ? { config: v.config } : {}),
    quiet: v.quiet === true,
  };
}

export function formatLogEntry(e: SimLogEntry): string {
  const key = e.keyLabel ?? e.keyRedacted ?? (e.reason === 'missing-key' ? 'no key' : e.reason === 'unknown-key' ? 'unknown key' : '-');
  const fp = e.keyFingerprint ? ` ${e.keyFingerprint}` : '';
  const status = e.status === 0 ? 'hang' : String(e.status);
  return `${e.time.slice(11, 23)} ${e.method.padEnd(6)} ${e.path} ${e.service ?? '-'} key=${key}${fp} → ${status} ${e.reason} ${e.latencyMs}ms`;
}

async function run(args: string[], io: CliIo): Promise<number> {
  const opts = parseSimulateArgs(args);
  let file = opts.config ? resolve(io.cwd, opts.config) : resolve(io.cwd, '.simulator.json');
  let text: string;
  if (existsSync(file)) text = readFileSync(file, 'utf8');
  else if (opts.config) throw new UsageError(`no such config file: ${file}`);
  else {
    file = '<bundled demo/.simulator.json>';
    text = JSON.stringify(bundledDemoConfig);
  }
  const { config, errors } = loadSimulatorConfig(text, file);
  for (const e of errors) io.stderr(`${formatConfigError(e)}\n`);
  if (errors.some((e) => e.severity === 'error')) return 2;

  const sim = await startSimulator(config, {
    host: opts.host ?? config.host ?? '127.0.0.1',
    port: opts.port ?? config.port ?? DEFAULT_SIMULATOR_PORT,
    ...(opts.quiet ? {} : { onRequest: (e: SimLogEntry) => io.stdout(`${formatLogEntry(e)}\n`) }),
  });
  io.stdout(`Provider simulator listening on ${sim.url} (config: ${file})\n`);
  for (const s of sim.admin.services()) {
    const keys = s.keys.map((k) => `${k.label ?? k.redacted}=${k.state}`).join(', ');
    const how = s.auth.type === 'header' ? `header ${s.auth.name}` : s.auth.type === 'query' ? `query ?${s.auth.name}=` : s.auth.type;
    io.stdout(`  ${s.name.padEnd(16)} ${sim.url}${s.basePath}/…  auth: ${how}  keys: ${keys}\n`);
  }
  io.stdout('Press Ctrl+C to stop.\n');
  await new Promise<void>((done) => {
    if (io.signal.aborted) done();
    else io.signal.addEventListener('abort', () => done(), { once: true });
  });
  await sim.close();
  io.stdout('Provider simulator stopped.\n');
  return 0;
}

export const simulateCommand: CliCommand = {
  name: 'simulate',
  summary: 'Run the local provider simulator (keys, revocation, propagation, rate limits) on 127.0.0.1',
  usage,
  run,
};
