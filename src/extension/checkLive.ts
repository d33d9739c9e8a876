import * as vscode from 'vscode';
import { loadConfig, type ServiceConfig } from '../core/config/index';
import { presetForRule, type ProviderPreset } from '../core/config/presets';
import { checkKeyLive, type LiveCheckResult } from '../core/probe/index';
import { redact } from '../core/redact';
import { LiveCheckNotification, type LiveCheckParams } from '../shared/protocol';
import type { FixDependencies, FixTarget } from './fixes';
import { requireTrust } from './keys/trust';
import { log } from './log';

export const CHECK_LIVE_COMMAND = 'rotationReady.checkKeyLive';

export interface CheckLiveTarget extends FixTarget {
  ruleId: string;
  /** The diagnostic's range: exactly the key's value in the document. */
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

/** What the command returns (value-free): the liveness, or why nothing was sent. */
export type CheckLiveOutcome = (Omit<LiveCheckResult, 'outcome'> & { service: string }) | { refused: string; service: string } | { error: string };

/**
 * The service a found key is checked through: the project's service made from the same preset (its `baseUrl`,
 * user name, environments), else the preset alone — unless the preset needs something only a configuration gives.
 */
function serviceFor(preset: ProviderPreset, configured: readonly ServiceConfig[]): ServiceConfig | string {
  const own = configured.find((s) => s.provider === preset.id);
  if (own) return own;
  if (preset.needs) return `the ${preset.name} preset needs ${preset.needs.username ? 'a basic-auth user name' : "an origin ('baseUrl')"}: add a service with "provider": "${preset.id}" to .rotation-ready.json first`;
  const { services, errors } = loadConfig(JSON.stringify({ version: 1, services: [{ name: preset.id, provider: preset.id }] }), `preset ${preset.id}`);
  return services[0] ?? errors[0]?.message ?? `no service for ${preset.id}`;
}

/**
 * *Check if this key is live*: the key under the cursor probed once, read-only, through its provider's preset,
 * only to a host approved for that service (asked with the prompt every probe uses). The result goes to a
 * notification and the hover; never the key.
 */
export async function checkLive(deps: FixDependencies, target: CheckLiveTarget): Promise<CheckLiveOutcome | undefined> {
  const uri = vscode.Uri.parse(target.uri);
  const project = deps.projects.of(uri);
  const preset = presetForRule(target.ruleId);
  if (!project || !preset) {
    void vscode.window.showWarningMessage(`Rotation Ready: ${!project ? 'open the folder this file belongs to: host approvals belong to it' : 'no provider preset can check this kind of key'}.`);
    return undefined;
  }
  const document = await vscode.workspace.openTextDocument(uri);
  const { start, end } = target.range;
  const key = document.getText(new vscode.Range(start.line, start.character, end.line, end.character));
  const shown = redact(key, preset.name);
  const service = serviceFor(preset, (await project.config.reload())?.services ?? []);
  if (typeof service === 'string') {
    void vscode.window.showWarningMessage(`Rotation Ready: cannot check ${shown}: ${service}.`);
    return { error: service };
  }
  const keys = project.keys;
  const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Rotation Ready: checking whether ${shown} is live…` }, () =>
    checkKeyLive(service, key, { approvals: () => keys.hostApprovals(), approve: (s, h) => keys.approveHost(s, h) }),
  );
  if ('refused' in result) {
    void vscode.window.showInformationMessage(`Rotation Ready: nothing was sent: ${result.refused} is not approved for ${service.name}'s keys.`);
    return { refused: result.refused, service: service.name };
  }
  const keyFingerprint = await keys.store.fingerprintOf(key);
  await deps.client()?.sendNotification(LiveCheckNotification, { keyFingerprint, liveness: result.liveness, detail: result.detail, checkedAt: result.checkedAt } satisfies LiveCheckParams);
  const says = { live: `is live: ${preset.name} accepts it. Rotate it now`, revoked: `is revoked: ${preset.name} refuses it`, unknown: `could not be checked (${result.outcome})` }[result.liveness];
  log().info(`Live check of ${shown} (${keyFingerprint}) through ${service.name}: ${result.liveness}, ${result.detail}.`);
  void vscode.window.showInformationMessage(`Rotation Ready: ${shown} ${says} (${result.detail}).`);
  const { outcome: _outcome, ...shownResult } = result;
  return { ...shownResult, service: service.name };
}

export function registerCheckLive(deps: FixDependencies): vscode.Disposable {
  return vscode.commands.registerCommand(CHECK_LIVE_COMMAND, (target: CheckLiveTarget) => (requireTrust('send a key to its provider') ? checkLive(deps, target) : undefined));
}
