import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { parseEnv } from 'node:util';
import { AlertDispatcher, alertsFromReport, createSinks, keychainChannelSecrets } from '../../core/alerts/index';
import type { ChannelSecrets } from '../../core/alerts/index';
import { ServiceConfig, formatConfigError, loadConfig } from '../../core/config/index';
import { skippedReason } from '../../core/config/load';
import {
  ApprovalStore,
  type HostApprovals,
  DryRunReport,
  KeySource,
  checkTransport,
  defaultApprovalsFile,
  envKeySource,
  pendingApprovals,
  renderMarkdown,
  renderText,
  reportToJson,
  runDryRun,
} from '../../core/probe/index';
import { KeytarKeychain } from '../../core/keychain/keytar';
import type { KeychainPort } from '../../core/keychain/port';
import { workspaceIdFor } from '../../core/keychain/workspaceId';
import { chainKeySources, keychainKeySource } from '../../core/probe/index';
import { workspaceFingerprints } from '../../core/fingerprints';
import { CliCommand, CliIo, UsageError } from '../command';

const usage = `Usage: rotation-ready dry-run [--config FILE] [--service S]... [--env E]... [--format text|json|markdown]
                              [--rounds N] [--keychain] [--env-file FILE] [--approve-host | --approve-loopback] [--alert]

Probes the primary and the fallback key of every configured service over several rounds (read-only)
and prints a verdict per service and environment: safe to promote, wait for propagation,
do not remove the old key, incident, inconclusive, needs host approval.

  --config FILE       .rotation-ready.json to use (default: ./.rotation-ready.json)
  --service S         only this service (repeatable)
  --env E             only this environment (repeatable)
  --format F          text (default), json or markdown
  --rounds N          probes per key (overrides each probe's "rounds")
  --keychain          read keys from the OS keychain first (this workspace's entries), then the environment
  --env-file FILE     read keys from a dotenv file as well as the environment
                      (<NAME>_KEY_PRIMARY, else <NAME>_KEY; <NAME>_KEY_FALLBACK, names from the config)
  --approve-host      approve sending each selected service's keys to its probe host, and remember it
  --approve-loopback  the same, for loopback hosts only (the local provider simulator)
  --alert             send alerts for rejected keys to the configured sinks (off by default: a dry-run is read-only)
                      (PagerDuty, email and Datadog credentials come from the OS keychain: see \`rotation-ready alert-secret\`)

Keys are sent only to hosts you approved for that service (stored in ${'$'}ROTATION_READY_CONFIG_DIR,
else ~/.config/rotation-ready/approvals.json, never in the workspace), over https (plain http only to loopback).
Without an approval you are asked when stdin is a terminal; otherwise the service is reported as needing approval.

Exit code: 0 every service is safe to rotate, 1 any is not, 2 error (bad config or option, unapproved host, cancelled).`;

interface Options {
  config: string;
  services: string[];
  environments: string[];
  format: 'text' | 'json' | 'markdown';
  rounds?: number;
  envFile?: string;
  keychain: boolean;
  approveHost: boolean;
  approveLoopback: boolean;
  alert: boolean;
}

export function parseDryRunArgs(args: string[]): Options {
  const o: Options = { config: '.rotation-ready.json', services: [], environments: [], format: 'text', keychain: false, approveHost: false, approveLoopback: false, alert: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const eq = arg.indexOf('=');
    const [flag, inline] = arg.startsWith('--') && eq > 0 ? [arg.slice(0, eq), arg.slice(eq + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? args[++i];
      if (v === undefined || v === '') throw new UsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--config':
        o.config = value();
        break;
      case '--service':
        o.services.push(value());
        break;
      case '--env':
        o.environments.push(value());
        break;
      case '--format': {
        const f = value();
        if (f !== 'text' && f !== 'json' && f !== 'markdown') throw new UsageError(`--format must be text, json or markdown, found '${f}'`);
        o.format = f;
        break;
      }
      case '--rounds': {
        const v = value();
        if (!/^\d+$/.test(v) || Number(v) < 1 || Number(v) > 50) throw new UsageError(`--rounds must be a number from 1 to 50, found '${v}'`);
        o.rounds = Number(v);
        break;
      }
      case '--env-file':
        o.envFile = value();
        break;
      case '--keychain':
        o.keychain = true;
        break;
      case '--approve-host':
        o.approveHost = true;
        break;
      case '--approve-loopback':
        o.approveLoopback = true;
        break;
      case '--alert':
        o.alert = true;
        break;
      default:
        throw new UsageError(`unknown option '${arg}'`);
    }
  }
  return o;
}

async function ask(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}

export interface DryRunDeps {
  keychain: () => KeychainPort;
}

async function run(args: string[], io: CliIo, deps: DryRunDeps): Promise<number> {
  const o = parseDryRunArgs(args);
  const file = resolve(io.cwd, o.config);
  if (!existsSync(file)) throw new UsageError(`no configuration at ${file} (see docs/configuration.md)`);
  const loaded = loadConfig(readFileSync(file, 'utf8'), file);
  for (const e of loaded.errors) io.stderr(`${formatConfigError(e)}\n`);
  const configErrors = loaded.errors.some((e) => e.severity === 'error');

  for (const s of o.services) {
    if (!loaded.services.some((x) => x.name === s)) throw new UsageError(`no service '${s}' in ${file} (services: ${loaded.services.map((x) => x.name).join(', ') || 'none'})`);
  }
  const services: ServiceConfig[] = loaded.services.filter((s) => o.services.length === 0 || o.services.includes(s.name));
  const inEnv = (env: string) => o.environments.length === 0 || o.environments.includes(env);
  if (!services.some((s) => s.environments.some((e) => inEnv(e.name)))) {
    io.stderr(`rotation-ready dry-run: nothing to probe${o.environments.length ? ` in environment ${o.environments.join(', ')}` : ''}\n`);
    return 2;
  }

  let env: NodeJS.ProcessEnv = io.env;
  if (o.envFile) {
    const envFile = resolve(io.cwd, o.envFile);
    if (!existsSync(envFile)) throw new UsageError(`no such env file: ${envFile}`);
    env = { ...parseEnv(readFileSync(envFile, 'utf8')), ...io.env };
  }
  // Remember every key read, only in memory, so the alert guard can refuse a payload that contains one.
  const seen = new Set<string>();
  // The keychain workspace is the config file's folder, as for `rotation-ready exec` and the extension.
  const source = o.keychain ? chainKeySources(keychainKeySource(deps.keychain(), workspaceIdFor(dirname(file))), envKeySource(env, services)) : envKeySource(env, services);
  const keys: KeySource = {
    label: source.label,
    get: async (service, environment, slot) => {
      const v = await source.get(service, environment, slot);
      if (v) seen.add(v);
      return v;
    },
  };

  const approvalsFile = defaultApprovalsFile(env);
  const approvals = new ApprovalStore(approvalsFile, { workspaceRoots: [dirname(file), io.cwd] });
  const interactive = process.stdin.isTTY === true && process.stderr.isTTY === true;
  for (const p of pendingApprovals(services, approvals, o.environments.length ? o.environments : undefined)) {
    if (o.approveHost || (o.approveLoopback && p.loopback) || (interactive && (await ask(`Send ${p.service}'s keys to ${p.host}? Remembered in ${approvalsFile} [y/N] `)))) {
      approvals.approve(p.service, p.host);
      io.stderr(`approved: ${p.service} → ${p.host}\n`);
    }
  }

  const report: DryRunReport = await runDryRun({
    services,
    keys,
    approvals,
    // The workspace's one fingerprint policy, so report lines and alerts match the Keys sidebar.
    salt: workspaceFingerprints(dirname(file), { env }).salt,
    settings: loaded.settings.dryRun,
    ...(o.environments.length ? { environments: o.environments } : {}),
    ...(o.rounds !== undefined ? { rounds: o.rounds } : {}),
    signal: io.signal,
  });
  const skipped = loaded.skipped.filter((x) => o.services.length === 0 || o.services.includes(x.name));
  if (skipped.length) report.skipped = skipped.map((x) => ({ service: x.name, reason: skippedReason(x) }));

  io.stdout(o.format === 'json' ? reportToJson(report) : o.format === 'markdown' ? renderMarkdown(report) : renderText(report));

  const unapproved = report.targets.filter((t) => t.verdict === 'needs-approval');
  if (unapproved.length > 0) {
    const hosts = [...new Set(unapproved.map((t) => `${t.service} → ${t.host}`))].join(', ');
    const allLoopback = unapproved.every((t) => {
      const c = checkTransport(t.url);
      return c.ok && c.loopback;
    });
    io.stderr(`not approved, nothing sent: ${hosts}. Run again with --approve-host${allLoopback ? ' or --approve-loopback' : ''}.\n`);
  }

  // PagerDuty, email and Datadog credentials: this workspace's entries in the OS keychain (`alert-secret set`).
  if (o.alert) await sendAlerts(report, loaded.settings, services, dirname(file), env, seen, io, keychainChannelSecrets(deps.keychain(), workspaceIdFor(dirname(file))), approvals);

  if (report.cancelled || configErrors || unapproved.length > 0) return 2;
  return report.summary.safe === report.summary.targets ? 0 : 1;
}

async function sendAlerts(
  report: DryRunReport,
  settings: ReturnType<typeof loadConfig>['settings'],
  services: ServiceConfig[],
  baseDir: string,
  env: NodeJS.ProcessEnv,
  secrets: Set<string>,
  io: CliIo,
  channelSecrets: ChannelSecrets,
  approvals: HostApprovals,
): Promise<void> {
  // A channel credential goes only to a host approved for it (`rotation-ready alert-secret approve <name>`).
  const ctx = { baseDir, env, notify: (text: string) => io.stderr(`ALERT ${text}\n`), secrets: channelSecrets, approvals };
  const global = createSinks(settings.alerts.sinks, ctx);
  for (const e of global.errors) io.stderr(`alerts: ${e}\n`);
  const perService = new Map(services.map((s) => {
    const built = createSinks(s.alerts.sinks, ctx);
    for (const e of built.errors) io.stderr(`alerts (${s.name}): ${e}\n`);
    return [s.name, built.sinks];
  }));
  const dispatcher = new AlertDispatcher({
    sinks: (alert) => [...(perService.get(alert.service) ?? []), ...global.sinks],
    dedupWindowMs: settings.alerts.dedupWindowMs,
    maxPerServicePerWindow: settings.alerts.maxPerServicePerWindow,
    secrets: () => secrets,
  });
  for (const alert of alertsFromReport(report)) {
    const result = await dispatcher.dispatch(alert, io.signal);
    const failed = result.deliveries.filter((d) => !d.ok);
    io.stderr(`alert ${alert.service} (${alert.environment}): ${result.status}${failed.length ? ` — ${failed.map((d) => d.error).join('; ')}` : ''}\n`);
  }
}

export function createDryRunCommand(deps: DryRunDeps = { keychain: () => new KeytarKeychain() }): CliCommand {
  return {
    name: 'dry-run',
    summary: 'Probe every key slot over several rounds and say whether each service is safe to rotate',
    usage,
    run: (args, io) => run(args, io, deps),
  };
}

export const dryRunCommand: CliCommand = createDryRunCommand();
