import { createHash } from 'node:crypto';
import * as vscode from 'vscode';
import { PROVIDER_PRESETS, presetForRule, type ProviderPreset } from '../core/config/presets';
import { secretValue } from '../core/fix/types';
import { addToKeys, type AddedToKeys } from '../core/workflows/addToKeys';
import { moveSecretToEnv, requestPlan, type FixDependencies, type FixTarget } from './fixes';
import { rotate } from './keys/rotate';
import { requireTrust } from './keys/trust';
import { log } from './log';

export const ADD_TO_KEYS_COMMAND = 'rotationReady.addToKeysAndRotate';

/** A code action's target: the finding, and its rule (which preset matches it). */
export interface AddToKeysTarget extends FixTarget {
  ruleId?: string;
}

/** What the command returns (value-free; the integration tests read it). */
export interface AddToKeysResult {
  service: string;
  environment: string;
  fingerprint: string;
  provider: string;
}

type PresetItem = vscode.QuickPickItem & { action: string; preset: ProviderPreset };

/** The provider: the preset that matches the finding's rule first (marked), then every other preset. */
async function pickPreset(deps: FixDependencies, ruleId: string | undefined): Promise<ProviderPreset | undefined> {
  const matched = ruleId ? presetForRule(ruleId) : undefined;
  const item = (preset: ProviderPreset): PresetItem => ({ action: preset.id, preset, label: preset.name, description: preset === matched ? 'matches this key' : preset.id, detail: `probe: ${preset.method} ${preset.origin}${preset.path}` });
  const items = [...(matched ? [item(matched)] : []), ...PROVIDER_PRESETS.filter((p) => p !== matched).map(item)];
  const chosen = await deps.projects.shared.prompts.pick(items, { title: 'Add to Keys and Rotate · which provider issued this key?', placeHolder: 'The service is created from its preset in .rotation-ready.json (probe endpoint, auth, headers)', matchOnDescription: true });
  return chosen?.preset;
}

/** What the preset still needs (a basic-auth user name, an origin), asked before anything is written. */
async function askNeeds(deps: FixDependencies, preset: ProviderPreset): Promise<{ username?: string; baseUrl?: string } | undefined> {
  const out: { username?: string; baseUrl?: string } = {};
  if (preset.needs?.username) {
    const username = (await deps.projects.shared.prompts.text({ title: `${preset.name}: basic-auth user name`, prompt: preset.needs.username, ignoreFocusOut: true }))?.trim();
    if (!username) return undefined;
    out.username = username;
  }
  if (preset.needs?.baseUrl) {
    const baseUrl = (await deps.projects.shared.prompts.text({ title: `${preset.name}: API origin`, prompt: preset.needs.baseUrl, ignoreFocusOut: true, validateInput: (v) => (URL.canParse(v.trim()) ? undefined : 'An origin such as https://example.com') }))?.trim();
    if (!baseUrl) return undefined;
    out.baseUrl = baseUrl;
  }
  return out;
}

/**
 * *Add to Keys and Rotate…* on a hardcoded key: the service from its provider's preset in `.rotation-ready.json`,
 * the value secured as its primary key (read back), the move-to-env fix applied to the code, then the rotation
 * opened at step 1 (with the provider's key page). A failed step rolls back the ones before it; the value is
 * always somewhere: in the code until the move is applied, in the keychain (and .env) after.
 */
export async function addToKeysAndRotate(deps: FixDependencies, target: AddToKeysTarget): Promise<AddToKeysResult | undefined> {
  const uri = vscode.Uri.parse(target.uri);
  const project = deps.projects.of(uri);
  if (!project) {
    void vscode.window.showWarningMessage('Rotation Ready: open the folder this file belongs to: its keys and configuration belong to it.');
    return undefined;
  }
  const plan = await requestPlan(deps, { uri: target.uri, fingerprint: target.fingerprint, fix: 'env' });
  const secret = plan?.secrets[0];
  if (!plan || !secret) return undefined;
  const preset = await pickPreset(deps, target.ruleId);
  if (!preset) return undefined;
  const needs = await askNeeds(deps, preset);
  if (!needs) return undefined;
  const document = await vscode.workspace.openTextDocument(uri);
  const value = secretValue(document.getText(), secret);
  if (document.version !== plan.version || createHash('sha256').update(value).digest('hex') !== secret.sha256) {
    void vscode.window.showWarningMessage('Rotation Ready: the document changed while the action was being prepared; nothing was changed. Try again.');
    return undefined;
  }
  let added: AddedToKeys;
  try {
    added = await addToKeys(project.keys.project, { preset, envName: plan.envName, value, ...needs });
  } catch (error) {
    void vscode.window.showErrorMessage(`Rotation Ready: nothing was changed: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
  const label = `${added.ref.service} (${added.ref.environment})`;
  await project.config.reload();
  const moved = await moveSecretToEnv(deps, target, plan.envName).catch((error: unknown) => {
    log().error(`Add to Keys: the move to ${plan.envName} failed: ${error instanceof Error ? error.message : String(error)}`);
    return false;
  });
  if (!moved) {
    // The literal is still in the code: dropping the stored key and the new service loses nothing.
    await added.undo();
    await project.config.reload();
    await project.keys.refresh();
    void vscode.window.showWarningMessage(`Rotation Ready: the code was not changed, so ${label} was not added either (configuration and keychain restored).`);
    return undefined;
  }
  await project.keys.refresh();
  log().info(`Add to Keys: ${label} from the ${preset.name} preset; its primary key (${added.fingerprint}) is in ${project.keys.keychain.port.label}; the code reads ${plan.envName}.`);
  void vscode.commands.executeCommand('rotationReady.keys.focus');
  // The rotation at step 1: create a new key at the provider (its key page is offered); the user may pause.
  await rotate(project.keys, added.ref);
  return { service: added.ref.service, environment: added.ref.environment, fingerprint: added.fingerprint, provider: preset.id };
}

export function registerAddToKeys(deps: FixDependencies): vscode.Disposable {
  return vscode.commands.registerCommand(ADD_TO_KEYS_COMMAND, (target: AddToKeysTarget) => (requireTrust('add a key to the Keys sidebar') ? addToKeysAndRotate(deps, target) : undefined));
}
