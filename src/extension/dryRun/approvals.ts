import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { alertEndpoints } from '../../core/alerts/index';
import { adoptLegacyApprovals, ApprovalStore, defaultApprovalsFile, probeBindings } from '../../core/probe/index';
import type { LoadedConfig, ServiceConfig } from '../../core/config/index';
import type { Prompts } from '../keys/prompts';

/** The modal confirmation (the Keys feature's prompt seam, which the integration tests script). */
export type Confirm = Prompts['confirm'];

/**
 * Host approvals live in the per-user file the CLI and the MCP server use (core/probe/approval.ts), outside every
 * workspace and located from the extension host's real environment, so a cloned repository's config or .env can
 * never pre-approve a host, and an approval given in one front end holds in the others. Asking is the only way in.
 * The store sees only approvals given in the project at `root` (a workspace folder, or a package with its own
 * `.rotation-ready.json`), as if it were opened alone.
 */
export function approvalStore(context: vscode.ExtensionContext, root: string, workspaceRoots: readonly string[]): ApprovalStore {
  // The file must lie outside every open folder, not only outside this project (checked before anything is written).
  const store = new ApprovalStore(defaultApprovalsFile(process.env), { workspace: root, workspaceRoots: [root, ...workspaceRoots] });
  // Where earlier versions kept the editor's approvals: merged into the shared file once.
  const legacy = join(context.globalStorageUri.fsPath, 'host-approvals.json');
  if (existsSync(legacy)) {
    adoptLegacyApprovals(legacy, store.file);
    store.reload();
  }
  return store;
}

/**
 * Asks, once per service→host binding, whether the service's keys may go to that host, naming the
 * environment variables (set in this window's environment) they would be read from; asks again when
 * the configuration names a variable not confirmed yet. Returns the bindings still unapproved.
 */
export async function askForApprovals(confirm: Confirm, store: ApprovalStore, services: readonly ServiceConfig[], environments?: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<string[]> {
  const unapproved: string[] = [];
  for (const binding of probeBindings(services, environments)) {
    const { service, host } = binding;
    const approved = store.isApproved(service, host);
    const confirmed = store.confirmedEnvVars(service, host);
    const unconfirmed = binding.envVars.filter((n) => env[n]?.trim() && !confirmed.includes(n));
    if (approved && unconfirmed.length === 0) continue;
    const variables = unconfirmed.length ? ` Keys are read from this workspace's keychain entries, else from the environment variables ${unconfirmed.join(', ')}.` : " Keys are read from this workspace's keychain entries.";
    const allowed = await confirm(
      approved ? `Read the keys of "${service}" (sent to ${host}) from the environment variables ${unconfirmed.join(', ')}?` : `Send the keys of "${service}" to ${host}?`,
      `The workspace's .rotation-ready.json points the probe of "${service}" at ${host}.${variables} Rotation Ready sends a key only to hosts you approve in this workspace, and reads only the environment variables you confirm; approvals are stored outside the workspace and asked again if the host or the variables change.`,
      'Allow',
    );
    if (allowed) store.approve(service, host, { envVars: unconfirmed });
    else if (!approved) unapproved.push(`${service} → ${host}`);
  }
  return unapproved;
}

/** Asks whether the Slack and webhook alerts the configuration sends may go to their hosts (once per host, per workspace). */
export async function askForAlertEndpoints(confirm: Confirm, store: ApprovalStore, config: LoadedConfig, services: readonly ServiceConfig[], env: NodeJS.ProcessEnv = process.env): Promise<string[]> {
  const unapproved: string[] = [];
  const sinks = [...config.settings.alerts.sinks, ...services.flatMap((s) => s.alerts.sinks)];
  for (const endpoint of alertEndpoints(sinks, env)) {
    if (store.isApproved(endpoint.subject, endpoint.host)) continue;
    const allowed = await confirm(
      `Send Rotation Ready alerts (${endpoint.type} sink) to ${endpoint.host}?`,
      `The workspace's .rotation-ready.json sends alerts (service names, environments, key fingerprints, statuses, timings) to ${endpoint.host}. Rotation Ready posts alerts only to hosts you approve in this workspace; approvals are stored outside the workspace.`,
      'Allow',
    );
    if (allowed) store.approve(endpoint.subject, endpoint.host);
    else unapproved.push(`${endpoint.type} alerts → ${endpoint.host}`);
  }
  return unapproved;
}
