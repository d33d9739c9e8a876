import * as vscode from 'vscode';
import { CHANNEL_PSEUDO_SERVICE, channelApprovalSubject, channelCredentialRefs, channelSecretLocation, keychainChannelSecrets, storeChannelSecret } from '../../core/alerts/index';
import type { KeychainPort } from '../../core/keychain/port';
import type { Project } from '../projects';
import { workspaceIdFor } from '../../core/keychain/workspaceId';
import type { ActionItem, Prompts } from '../keys/prompts';
import { requireTrust } from '../keys/trust';
import { log } from '../log';

export const SET_CHANNEL_CREDENTIAL_COMMAND = 'rotationReady.setAlertChannelCredential';

/** What the command returns (for tests and other commands): never the value. */
export interface ChannelCredentialResult {
  name: string;
  /** `keychain service 'rotation-ready', account '<workspaceId>/_channel/<name>/primary'` */
  location: string;
  keychain: string;
  /** Hosts the user approved for this credential (the endpoints the config sends it to). */
  approvedHosts: string[];
}

/**
 * "Rotation Ready: Set Alert Channel Credential…": pick one of the credential names
 * `.rotation-ready.json` references (`routingKeySecret`, `passwordSecret`, `apiKeySecret`), type
 * the value in a masked input, and it is stored in the Keys sidebar's keychain, then read back.
 * Trusted workspaces only. Optional argument: the name, to skip the pick.
 */
export function registerChannelCredentialCommand(deps: {
  keychain: () => KeychainPort;
  prompts: () => Prompts;
  /** The project whose config names the credential: the active editor's, the only one, or asked. */
  project: () => Promise<Project | undefined>;
}): vscode.Disposable {
  return vscode.commands.registerCommand(SET_CHANNEL_CREDENTIAL_COMMAND, async (name?: string): Promise<ChannelCredentialResult | undefined> => {
    if (!requireTrust('set an alert channel credential')) return undefined;
    try {
      return await setCredential(deps, typeof name === 'string' ? name : undefined);
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      log().error(`Set alert channel credential: ${text}`);
      void vscode.window.showErrorMessage(`Rotation Ready: the credential was not stored: ${text}`);
      return undefined;
    }
  });
}

async function setCredential(
  deps: Parameters<typeof registerChannelCredentialCommand>[0],
  preset: string | undefined,
): Promise<ChannelCredentialResult | undefined> {
  const project = await deps.project();
  if (!project) {
    void vscode.window.showWarningMessage('Rotation Ready: open a folder on disk first: alert channel credentials belong to a project folder.');
    return undefined;
  }
  const root = project.root;
  const refs = channelCredentialRefs(project.config.value ?? (await project.config.reload()));
  if (refs.length === 0) {
    void vscode.window.showInformationMessage(
      'Rotation Ready: no alert channel in .rotation-ready.json names a credential. Add e.g. "routingKeySecret": "pagerduty-routing" to a pagerduty sink (see docs/alerting.md), then run this command again.',
    );
    return undefined;
  }
  const keychain = deps.keychain();
  const workspaceId = workspaceIdFor(root);
  const prompts = deps.prompts();
  let ref = preset !== undefined ? refs.find((r) => r.name === preset) : undefined;
  if (preset !== undefined && !ref) throw new Error(`.rotation-ready.json does not reference a credential named '${preset}' (it names: ${refs.map((r) => r.name).join(', ')})`);
  if (!ref) {
    // Which are stored already: account names only, never values.
    const stored = new Set(
      (await keychain.list(workspaceId).catch(() => []))
        .filter((a) => a.service === CHANNEL_PSEUDO_SERVICE && a.slot === 'primary')
        .map((a) => a.environment),
    );
    const items: Array<ActionItem> = refs.map((r) => ({
      action: r.name,
      label: r.name,
      description: `${r.what}${stored.has(r.name) ? ' · stored (replace)' : ' · not stored yet'}`,
      detail: `${r.property} in ${r.where.join(', ')}`,
    }));
    const picked = await prompts.pick(items, { title: 'Rotation Ready: set which alert channel credential?', placeHolder: 'Credentials named in .rotation-ready.json', ignoreFocusOut: true });
    if (!picked) return undefined;
    ref = refs.find((r) => r.name === picked.action);
    if (!ref) return undefined;
  }
  const value = await prompts.secret({
    title: `Rotation Ready: ${ref.what} (${ref.name})`,
    prompt: `Paste the ${ref.what}. It is stored in ${keychain.label}, never in the workspace.`,
  });
  if (!value) return undefined;
  await storeChannelSecret(keychain, workspaceId, ref.name, value);
  const readBack = await keychainChannelSecrets(keychain, workspaceId).get(ref.name);
  if (readBack !== value) throw new Error(`${keychain.label} did not return the stored value when read back (${channelSecretLocation(workspaceId, ref.name)})`);
  const location = channelSecretLocation(workspaceId, ref.name);
  log().info(`Stored alert channel credential '${ref.name}' (${ref.what}) in ${keychain.label}: ${location}`);
  // The config decides where the credential goes; the user decides whether it may.
  const approvals = project.approvals();
  const approvedHosts: string[] = [];
  for (const host of ref.hosts) {
    const subject = channelApprovalSubject(ref.name);
    if (!approvals.isApproved(subject, host)) {
      const ok = await prompts.confirm(
        `Send the ${ref.what} '${ref.name}' to ${host}?`,
        `.rotation-ready.json sends it to ${host} (${ref.where.join(', ')}). Rotation Ready hands a credential only to hosts you approve; approvals are stored outside the workspace and asked again if the configuration points it elsewhere.`,
        'Allow',
      );
      if (!ok) continue;
      approvals.approve(subject, host);
    }
    approvedHosts.push(host);
  }
  const unapproved = ref.hosts.filter((h) => !approvedHosts.includes(h));
  void vscode.window.showInformationMessage(
    `Rotation Ready: stored the ${ref.what} '${ref.name}' in ${keychain.label}.${unapproved.length ? ` It will not be sent to ${unapproved.join(', ')} until you approve that (run this command again).` : ' Alerts use it from the next message.'}`,
  );
  return { name: ref.name, location, keychain: keychain.label, approvedHosts };
}
