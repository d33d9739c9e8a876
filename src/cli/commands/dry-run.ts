import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { parseEnv } from 'node:util';
import { AlertDispatcher, alertEndpoints, alertsFromReport, createSinks, keychainChannelSecrets } from '../../core/alerts/index';
import type { ChannelSecrets } from '../../core/alerts/index';
import { ServiceConfig, formatConfigError, loadConfig } from '../../core/config/index';
import { skippedReason } from '../../core/config/load';
import {
  ApprovalStore,
  type HostApprovals,
  DryRunReport,
  KeySource,
  confirmedEnvKeySource,
  defaultApprovalsFile,
  envKeySource,
  probeBindings,
  renderMarkdown,
  renderText,
  reportToJson,
  runDryRun,
} from '../../core/probe/index';
import { isLoopbackHost } from '../../core/net/loopback';
import { checkTransport } from '../../core/net/transport';
import { KeytarKeychain } from '../../core/keychain/keytar';
import type { KeychainPort } from '../../core/keychain/port';
import { workspaceIdFor } from '../../core/keychain/workspaceId';
import { chainKeySources, keychainKeySource } from '../../core/probe/index';
import { workspaceFingerprints } from '../../core/fingerprints';
import { COMMON_OPTIONS, oneOf, type OptionSpecs, parseCommandArgs, wholeNumber } from '../args';
import { CliCommand, CliIo, UsageError } from '../command';
import { cliConfigFile } from '../project';

const usage = `Usage: rotation-ready dry-run [--config FILE] [--service S]... [--env E]... [--format text|json|markdown]
                              [--rounds N] [--keychain] [--dotenv FILE] [--allow-env NAME]...
                              [--approve-host | --approve-loopback HOST:PORT...] [--alert]

Probes the primary and the fallback key of every configured service over several rounds (read-only)
and prints a verdict per service and environment: safe to promote, wait for propagation,
do not remove the old key, incident, inconclusive, needs host approval.

  -c, --config FILE   .rotation-ready.json to use (default: the nearest one at or above the current folder,
                      not above a git repository's top or your home folder; named when it is above)
  -s, --service S     only this service (repeatable)
  -e, --env E         only this environment (repeatable)
  -f, --format F      text (default), json or markdown
  --rounds N          probes per key (overrides each probe's "rounds")
  --keychain          read keys from the OS keychain first (this workspace's entries), then the environment
  --dotenv FILE       read keys from a dotenv file as well as the environment
                      (<NAME>_KEY_PRIMARY, else <NAME>_KEY; <NAME>_KEY_FALLBACK, names from the config,
                      and the "urlEnv" of alert sinks); only those names are read from it: where approvals
                      and salts live comes from the real environment alone
  --allow-env NAME    a process environment variable a key may be read from (repeatable, or NAME,NAME);
                      only names you confirm (here or at the prompt) are read, and remembered with the approval
  --approve-host      approve sending each selected service's keys (and --alert's Slack/webhook alerts)
                      to the host the config names, and remember it for this workspace
  --approve-loopback HOST:PORT
                      the same for exactly this loopback host and port (the local provider simulator),
                      e.g. 127.0.0.1:8787 (repeatable); another port is another host
  --alert             send alerts for rejected keys to the configured sinks (off by default: a dry-run is read-only)
                      (PagerDuty, email and Datadog credentials come from the OS keychain: see \`rotation-ready alert-secret\`)

Keys are sent only to hosts you approved for that service in this workspace (stored in
${'$'}ROTATION_READY_CONFIG_DIR of the real process environment, else ~/.config/rotation-ready/approvals.json;
never in the workspace, never chosen by a dotenv file), over https (plain http only to loopback).
Without an approval you are asked when stdin is a terminal; otherwise the service is reported as needing approval.

Exit code: 0 every service is safe to rotate, 1 any is not, 2 error (bad config or option, unapproved host, cancelled).`;

interface Options {
  config?: string;
  services: string[];
  environments: string[];
  format: 'text' | 'json' | 'markdown';
  rounds?: number;
  dotenv?: string;
  keychain: boolean;
  approveHost: boolean;
  /** Exact loopback `host:port`s approved on the command line. */
  approveLoopback: string[];
  /** Process environment variable names the user confirmed keys may be read from. */
  allowEnv: string[];
  alert: boolean;
}

/** `127.0.0.1:8787` → its URL host spelling, or a UsageError: only an exact loopback host and port. */
function loopbackHostPort(value: string): string {
  const u = URL.canParse(`http://${value}`) ? new URL(`http://${value}`) : undefined;
  if (!u || u.host.toLowerCase() !== value.toLowerCase().replace(/:80$/, '') || !isLoopbackHost(u.hostname) || !/:\d+$/.test(value)) {
    throw new UsageError(`--approve-loopback needs an exact loopback host and port, e.g. 127.0.0.1:8787 or [::1]:8787, found '${value}'`);
  }
  return u.host.toLowerCase();
}

const DRY_RUN_OPTIONS = {
  config: COMMON_OPTIONS.config,
  service: COMMON_OPTIONS.service,
  env: COMMON_OPTIONS.env,
  format: COMMON_OPTIONS.format,
  keychain: COMMON_OPTIONS.keychain,
  rounds: { type: 'string' },
  dotenv: { type: 'string' },
  'allow-env': { type: 'string', multiple: true },
  'approve-host': { type: 'boolean' },
  'approve-loopback': { type: 'string', multiple: true },
  alert: { type: 'boolean' },
} as const satisfies OptionSpecs;

export function parseDryRunArgs(args: string[]): Options {
  const { values: v } = parseCommandArgs(args, DRY_RUN_OPTIONS);
  const allowEnv = (v['allow-env'] ?? []).flatMap((list) => list.split(','));
  for (const name of allowEnv) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new UsageError(`--allow-env takes environment variable names, found '${name.slice(0, 40)}'`);
  }
  return {
    ...(v.config !== undefined ? { config: v.config } : {}),
    services: v.service ?? [],
    environments: v.env ?? [],
    format: v.format === undefined ? 'text' : oneOf('--format', v.format, ['text', 'json', 'markdown']),
    ...(v.rounds !== undefined ? { rounds: wholeNumber('--rounds', v.rounds, 1, 50) } : {}),
    ...(v.dotenv !== undefined ? { dotenv: v.dotenv } : {}),
    keychain: v.keychain === true,
    approveHost: v['approve-host'] === true,
    approveLoopback: (v['approve-loopback'] ?? []).map(loopbackHostPort),
    allowEnv,
    alert: v.alert === true,
  };
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
  const { file, searched } = cliConfigFile(io, 'dry-run', o.config);
  if (!existsSync(file)) throw new UsageError(`no configuration at ${file}${searched ? ' or in a folder above it' : ''} (see docs/configuration.md)`);
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

  // Where approvals and the salt live comes from the real process environment only (io.env), never
  // from the dotenv file: a repository's .env could otherwise point them into the repository.
  const approvalsFile = defaultApprovalsFile(io.env);
  const approvals = new ApprovalStore(approvalsFile, { workspace: dirname(file), workspaceRoots: [io.cwd] });
  let env: NodeJS.ProcessEnv = io.env;
  let dotenv: KeySource | undefined;
  if (o.dotenv) {
    const dotenvFile = resolve(io.cwd, o.dotenv);
    if (!existsSync(dotenvFile)) throw new UsageError(`no such dotenv file: ${dotenvFile}`);
    const values = parseEnv(readFileSync(dotenvFile, 'utf8'));
    env = { ...values, ...io.env };
    dotenv = { ...envKeySource(values, services), label: o.dotenv };
  }
  // Remember every key read, only in memory, so the alert guard can refuse a payload that contains one.
  const seen = new Set<string>();
  // The process environment is read only under names the user confirmed; the dotenv file they named, as the config says.
  const fromEnv = confirmedEnvKeySource(io.env, services, approvals);
  // The keychain workspace is the config file's folder, as for `rotation-ready exec` and the extension.
  const sources = [...(o.keychain ? [keychainKeySource(deps.keychain(), workspaceIdFor(dirname(file)))] : []), fromEnv, ...(dotenv ? [dotenv] : [])];
  const source = sources.length === 1 ? fromEnv : chainKeySources(...sources);
  const keys: KeySource = {
    label: source.label,
    get: async (service, environment, slot) => {
      const v = await source.get(service, environment, slot);
      if (v) seen.add(v);
      return v;
    },
  };

  const interactive = process.stdin.isTTY === true && process.stderr.isTTY === true;
  const approvedOnCommandLine = (host: string, loopback: boolean) => o.approveHost || (loopback && o.approveLoopback.includes(host));
  for (const b of probeBindings(services, o.environments.length ? o.environments : undefined)) {
    // Names the config would read that are set in this process's environment and not yet confirmed for this binding.
    const confirmed = approvals.confirmedEnvVars(b.service, b.host);
    const unconfirmed = b.envVars.filter((n) => io.env[n]?.trim() && !confirmed.includes(n));
    const allowed = unconfirmed.filter((n) => o.allowEnv.includes(n));
    const fromEnvText = (names: string[]) => (names.length ? ` (its keys read from the environment variables ${names.join(', ')})` : '');
    if (!approvals.isApproved(b.service, b.host)) {
      if (approvedOnCommandLine(b.host, b.loopback)) approvals.approve(b.service, b.host, { envVars: allowed });
      else if (interactive && (await ask(`Send ${b.service}'s keys to ${b.host}${fromEnvText(unconfirmed)}? Remembered for this workspace in ${approvalsFile} [y/N] `))) {
        approvals.approve(b.service, b.host, { envVars: unconfirmed });
      } else continue;
      const names = approvals.confirmedEnvVars(b.service, b.host);
      io.stderr(`approved: ${b.service} → ${b.host}${names.length ? ` (environment variables ${names.join(', ')})` : ''}\n`);
    } else if (allowed.length) approvals.approve(b.service, b.host, { envVars: allowed });
    const rest = unconfirmed.filter((n) => !approvals.confirmedEnvVars(b.service, b.host).includes(n));
    if (rest.length && interactive && (await ask(`Read ${b.service}'s keys (sent to ${b.host}) from the environment variables ${rest.join(', ')}? [y/N] `))) {
      approvals.approve(b.service, b.host, { envVars: rest });
    } else if (rest.length) {
      io.stderr(`not read: ${b.service}'s environment variable${rest.length > 1 ? 's' : ''} ${rest.join(', ')} (not confirmed for ${b.host}); pass ${rest.map((n) => `--allow-env ${n}`).join(' ')} to read ${rest.length > 1 ? 'them' : 'it'}\n`);
    }
  }

  const report: DryRunReport = await runDryRun({
    services,
    keys,
    approvals,
    // The workspace's one fingerprint policy, so report lines and alerts match the Keys sidebar.
    salt: workspaceFingerprints(dirname(file), { env: io.env }).salt,
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
    const loopbacks = [...new Set(unapproved.map((t) => t.host))];
    io.stderr(`not approved, nothing sent: ${hosts}. Run again with --approve-host${allLoopback ? ` or ${loopbacks.map((h) => `--approve-loopback ${h}`).join(' ')}` : ''}.\n`);
  }

  // PagerDuty, email and Datadog credentials: this workspace's entries in the OS keychain (`alert-secret set`).
  if (o.alert) {
    // Slack and webhook endpoints come from the config too: approved like probe hosts, per workspace.
    const sinkConfigs = [...loaded.settings.alerts.sinks, ...services.flatMap((s) => s.alerts.sinks)];
    for (const endpoint of alertEndpoints(sinkConfigs, env)) {
      if (approvals.isApproved(endpoint.subject, endpoint.host)) continue;
      if (approvedOnCommandLine(endpoint.host, endpoint.loopback) || (interactive && (await ask(`Send Rotation Ready alerts (${endpoint.type} sink) to ${endpoint.host}? Remembered for this workspace in ${approvalsFile} [y/N] `)))) {
        approvals.approve(endpoint.subject, endpoint.host);
        io.stderr(`approved: ${endpoint.type} alerts → ${endpoint.host}\n`);
      }
    }
    await sendAlerts(report, loaded.settings, services, dirname(file), env, seen, io, keychainChannelSecrets(deps.keychain(), workspaceIdFor(dirname(file))), approvals);
  }

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
