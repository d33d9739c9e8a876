import { existsSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { redactSecrets } from '../../core/guard';
import { CHANNEL_PSEUDO_SERVICE, CHANNEL_SECRET_NAME, channelApprovalSubject, channelCredentialRefs, channelSecretLocation, keychainChannelSecrets, storeChannelSecret } from '../../core/alerts/index';
import { formatConfigError, loadConfig } from '../../core/config/index';
import { KeytarKeychain } from '../../core/keychain/keytar';
import { ApprovalStore, defaultApprovalsFile, type HostApprovals } from '../../core/probe/index';
import type { KeychainPort } from '../../core/keychain/port';
import { workspaceIdFor } from '../../core/keychain/workspaceId';
import { COMMON_OPTIONS, parseCommandArgs } from '../args';
import { CliCommand, CliIo, UsageError } from '../command';
import { cliConfigFile } from '../project';

const usage = `Usage: rotation-ready alert-secret set <name> [--config FILE]
       rotation-ready alert-secret approve <name> [--config FILE]
       rotation-ready alert-secret list [--config FILE]

Stores an alert channel credential (PagerDuty routing key, SMTP password, Datadog API key) in the OS
keychain, where the PagerDuty, email and Datadog sinks of .rotation-ready.json read it. <name> is
the entry the config names in "routingKeySecret", "passwordSecret" or "apiKeySecret".

  set <name>     reads the value from stdin (piped, or typed with echo off), never from the command
                 line; stores it under keychain service 'rotation-ready', account
                 '<workspaceId>/_channel/<name>/primary', and reads it back
  approve <name> approves the hosts the config sends <name> to (remembered outside the workspace,
                 in the same file as probe host approvals); a credential goes to no other host
  list           the credentials the config names, whether each is stored, and where it may go
  -c, --config FILE
                 .rotation-ready.json to use (default: the nearest one at or above the current folder,
                 not above a git repository's top or your home folder); its folder is the workspace

Examples:
  printf %s "$PD_ROUTING_KEY" | rotation-ready alert-secret set pagerduty-routing
  rotation-ready alert-secret set smtp-password        # asks, input hidden

Exit code: 0 stored (or listed), 2 error.`;

export interface AlertSecretDeps {
  keychain: () => KeychainPort;
  /** Host approvals (the CLI's file outside the workspace; tests pass an in-memory set). */
  approvals: (workspaceRoot: string, io: CliIo) => HostApprovals & { approve(subject: string, host: string): void };
  /** The value: all of stdin when piped (one trailing newline removed), else typed with echo off. */
  readValue: (io: CliIo, prompt: string) => Promise<string>;
}

interface Options {
  action: 'set' | 'list' | 'approve';
  name?: string;
  config?: string;
}

export function parseAlertSecretArgs(args: string[]): Options {
  const { values, positionals: [action, ...positional] } = parseCommandArgs(args, { config: COMMON_OPTIONS.config }, { positionals: true });
  if (action !== 'set' && action !== 'list' && action !== 'approve') throw new UsageError(action ? `unknown action '${action}': use set, approve or list` : 'missing action: set, approve or list');
  const o: Options = { action, ...(values.config !== undefined ? { config: values.config } : {}) };
  if (o.action === 'list') {
    if (positional.length) throw new UsageError('list takes no name');
    return o;
  }
  // Never echo an extra argument: it may be the value someone typed on the command line.
  if (positional.length > 1) throw new UsageError(o.action === 'approve' ? 'approve takes only the name' : 'set takes only the name: the value is read from stdin, never from the command line (where shell history and the process list would keep it)');
  const name = positional[0];
  if (!name) throw new UsageError(`${o.action} needs the credential name, e.g. pagerduty-routing`);
  if (!CHANNEL_SECRET_NAME.test(name)) throw new UsageError('a credential name uses letters, digits, ".", "-" and "_", starting with a letter or digit');
  // The value typed where the name goes: never stored under it, nor echoed back in the notes that name it.
  const shown = redactSecrets(name);
  if (shown !== name) throw new UsageError(`'${shown}' looks like a key, not a credential name: give the name the config uses (e.g. pagerduty-routing); the value is read from stdin`);
  o.name = name;
  return o;
}

async function run(args: string[], io: CliIo, deps: AlertSecretDeps): Promise<number> {
  const o = parseAlertSecretArgs(args);
  const { file, searched } = cliConfigFile(io, 'alert-secret', o.config);
  const workspaceId = workspaceIdFor(dirname(file));
  let refs: ReturnType<typeof channelCredentialRefs> | undefined;
  if (existsSync(file)) {
    const loaded = loadConfig(readFileSync(file, 'utf8'), file);
    for (const e of loaded.errors) io.stderr(`${formatConfigError(e)}\n`);
    refs = channelCredentialRefs(loaded);
  } else if (o.action !== 'set') throw new UsageError(`no configuration at ${file}${searched ? ' or in a folder above it' : ''} (see docs/alerting.md)`);
  const approvals = deps.approvals(dirname(file), io);
  const approvalLine = (r: NonNullable<typeof refs>[number]) =>
    r.hosts.map((h) => `${h} ${approvals.isApproved(channelApprovalSubject(r.name), h) ? 'approved' : 'NOT approved'}`).join(', ');

  if (o.action === 'approve') {
    const ref = refs?.find((r) => r.name === o.name);
    if (!ref) throw new UsageError(`${file} does not name a credential '${o.name}' (it names: ${refs?.map((r) => r.name).join(', ') || 'none'})`);
    for (const host of ref.hosts) {
      approvals.approve(channelApprovalSubject(ref.name), host);
      io.stdout(`approved: '${ref.name}' (${ref.what}) may be sent to ${host}\n`);
    }
    return 0;
  }

  const keychain = deps.keychain();
  if (o.action === 'list') {
    const stored = new Set((await keychain.list(workspaceId)).filter((a) => a.service === CHANNEL_PSEUDO_SERVICE && a.slot === 'primary').map((a) => a.environment));
    if (!refs?.length) io.stdout('No alert channel in the configuration names a credential (routingKeySecret, passwordSecret, apiKeySecret).\n');
    for (const r of refs ?? []) io.stdout(`${r.name}\t${stored.has(r.name) ? 'stored' : 'missing'}\t${r.what} (${r.property} in ${r.where.join(', ')}) → ${approvalLine(r)}\n`);
    return 0;
  }

  const name = o.name!;
  const ref = refs?.find((r) => r.name === name);
  if (!refs) io.stderr(`note: no configuration at ${file}; storing '${name}' for the workspace ${dirname(file)} anyway\n`);
  else if (!ref) io.stderr(`note: ${file} does not name a credential '${name}' (it names: ${refs.map((r) => r.name).join(', ') || 'none'}); storing it anyway\n`);
  const value = await deps.readValue(io, `${ref?.what ?? 'Credential'} '${name}' (input hidden): `);
  if (!value) {
    io.stderr('rotation-ready alert-secret: no value on stdin; nothing stored\n');
    return 2;
  }
  await storeChannelSecret(keychain, workspaceId, name, value);
  const readBack = await keychainChannelSecrets(keychain, workspaceId).get(name);
  if (readBack !== value) {
    io.stderr(`rotation-ready alert-secret: ${keychain.label} did not return the stored value when read back (${channelSecretLocation(workspaceId, name)})\n`);
    return 2;
  }
  io.stdout(`stored '${name}'${ref ? ` (${ref.what})` : ''} in ${keychain.label}: ${channelSecretLocation(workspaceId, name)}\n`);
  const pending = ref?.hosts.filter((h) => !approvals.isApproved(channelApprovalSubject(name), h)) ?? [];
  if (pending.length) io.stdout(`not sent anywhere yet: approve ${pending.join(', ')} with \`rotation-ready alert-secret approve ${name}\`\n`);
  return 0;
}

/** All of stdin when piped (without one trailing newline); typed with echo off at a terminal. */
export async function readValueFromStdin(io: CliIo, prompt: string, stdin: NodeJS.ReadableStream = process.stdin): Promise<string> {
  const tty = stdin as NodeJS.ReadStream;
  if (!tty.isTTY || typeof tty.setRawMode !== 'function') {
    const chunks: Buffer[] = [];
    for await (const chunk of stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
    return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
  }
  io.stderr(prompt);
  return new Promise<string>((resolveValue, reject) => {
    let value = '';
    const done = (error?: Error) => {
      tty.setRawMode(false);
      tty.pause();
      tty.off('data', onData);
      io.stderr('\n');
      if (error) reject(error);
      else resolveValue(value);
    };
    const onData = (data: Buffer) => {
      for (const ch of data.toString('utf8')) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') return done();
        if (ch === '\u0003') return done(new Error('cancelled'));
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else value += ch;
      }
    };
    tty.setRawMode(true);
    tty.resume();
    tty.on('data', onData);
  });
}

export function createAlertSecretCommand(
  deps: AlertSecretDeps = {
    keychain: () => new KeytarKeychain(),
    readValue: readValueFromStdin,
    approvals: (root, io) => new ApprovalStore(defaultApprovalsFile(io.env), { workspace: root, workspaceRoots: [io.cwd] }),
  },
): CliCommand {
  return {
    name: 'alert-secret',
    summary: 'Store an alert channel credential (PagerDuty, email, Datadog) in the OS keychain, read from stdin',
    usage,
    run: (args, io) => run(args, io, deps),
  };
}

export const alertSecretCommand: CliCommand = createAlertSecretCommand();
