import * as vscode from 'vscode';
import { KeychainError } from '../../core/keychain/port';
import { KeyStoreError } from '../../core/keychain/keyStore';
import type { LiveSlot, ServiceRef } from '../../core/keychain/keyStore';
import type { ValidationResult } from '../../core/keychain/metadata';
import type { Slot } from '../../core/vocabulary/slot';
import { RotationError } from '../../core/rotation/index';
import type { KeysNode } from '../keysView';
import { log } from '../log';
import { importFromDotEnv } from './importDotEnv';
import { clipboardClearSeconds } from './clipboard';
import { openTerminalWithKeys, runTaskWithKeys, writeKeysToDotEnv } from './inject';
import type { Keys } from './keys';
import type { ActionItem } from './prompts';
import { rotate } from './rotate';
import { requireTrust } from './trust';

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const REVEAL_SECONDS = 10;

/**
 * The key commands, from the tree's inline and context menus (a node argument) or the command
 * palette (no argument: they ask which service, environment and slot). Every command that reads,
 * moves or injects a key needs a trusted workspace; every destructive one asks first. Nothing a
 * command returns, logs or shows contains a key value, except Reveal (shown, briefly) and Copy.
 */
export function registerKeyCommands(keys: Keys): vscode.Disposable[] {
  const clipboard = keys.clipboard;
  const command = <A extends unknown[], R>(id: string, action: string, run: (...args: A) => Promise<R>, trust = true) =>
    vscode.commands.registerCommand(id, async (...args: A): Promise<R | undefined> => {
      if (trust && !requireTrust(action)) return undefined;
      try {
        return await run(...args);
      } catch (error) {
        report(action, error);
        return undefined;
      } finally {
        await keys.refresh();
      }
    });

  return [
    command('rotationReady.addKey', 'add a key', (node?: KeysNode) => addKey(keys, node)),
    command('rotationReady.replaceKey', 'replace a key', (node?: KeysNode) => replaceKey(keys, node)),
    command('rotationReady.copyKey', 'copy a key', async (node?: KeysNode) => {
      const target = await slotOf(keys, node, ['primary', 'fallback', 'previous'], 'Copy which key?');
      if (!target) return;
      const value = await keys.requireStore().read(target, target.slot);
      if (value === undefined) return;
      const seconds = clipboardClearSeconds();
      await clipboard.copy(value, seconds);
      void vscode.window.showInformationMessage(`Rotation Ready: copied the ${target.slot} key of ${label(target)}; the clipboard is cleared in ${seconds} s.`);
    }),
    command('rotationReady.revealKey', 'reveal a key', async (node?: KeysNode) => {
      const target = await slotOf(keys, node, ['primary', 'fallback', 'previous'], 'Reveal which key?');
      if (target) await reveal(keys, target);
    }),
    command('rotationReady.deleteKey', 'delete a key', (node?: KeysNode) => deleteKey(keys, node)),
    command('rotationReady.purgeKey', 'purge a key', (node?: KeysNode) => purgeKey(keys, node)),
    command('rotationReady.restoreKey', 'restore a key', (node?: KeysNode) => restoreKey(keys, node)),
    command('rotationReady.promoteKey', 'promote a key', (node?: KeysNode) => promoteKey(keys, node)),
    command('rotationReady.validateKey', 'validate a key', (node?: KeysNode) => validateKey(keys, node)),
    command('rotationReady.rotate', 'rotate a key', async (node?: KeysNode) => {
      const ref = node && node.kind !== 'service' ? refOf(node) : await pickRef(keys, node?.service, 'Rotate the key of which service and environment?');
      return ref ? rotate(keys, ref) : undefined;
    }),
    command('rotationReady.runWithKeys', 'inject keys', async (node?: KeysNode) => {
      const refs = await refsOf(keys, node, 'Open a terminal with the keys of…');
      return refs ? openTerminalWithKeys(keys, refs) : undefined;
    }),
    command('rotationReady.runTaskWithKeys', 'inject keys', async (node?: KeysNode, commandLine?: string) => {
      const refs = await refsOf(keys, node, 'Run a task with the keys of…');
      return refs ? runTaskWithKeys(keys, refs, commandLine) : undefined;
    }),
    command('rotationReady.importDotEnv', 'import keys from .env', () => importFromDotEnv(keys)),
    command('rotationReady.writeDotEnv', 'write keys to .env', async (node?: KeysNode) => {
      const refs = await refsOf(keys, node, 'Write the keys of … to .env');
      return refs ? writeKeysToDotEnv(keys, refs) : undefined;
    }),
    command('rotationReady.openServiceConfig', 'open the configuration', (node?: KeysNode) => openServiceConfig(keys, node), false),
  ];
}

async function addKey(keys: Keys, node?: KeysNode): Promise<string | undefined> {
  const store = keys.requireStore();
  const ref = node && node.kind !== 'service' ? refOf(node) : await pickRef(keys, node?.service, 'Add a key to which service and environment?', true);
  if (!ref) return undefined;
  const info = keys.info(ref);
  let slot: LiveSlot | undefined = node?.kind === 'slot' && node.slot !== 'previous' ? node.slot : undefined;
  if (!slot) {
    const empty = (['primary', 'fallback'] as const).filter((s) => !info.slots[s]);
    if (empty.length === 0) {
      void vscode.window.showWarningMessage(`Rotation Ready: ${label(ref)} already has a primary and a fallback key; use Replace, or Rotate.`);
      return undefined;
    }
    slot = empty.length === 1 || !info.slots.primary ? empty[0]! : undefined;
  }
  if (!slot) return undefined;
  const vars = keys.envVars(ref);
  const value = await keys.prompts.secret({
    title: `Add the ${slot} key of ${label(ref)}`,
    prompt: `Paste the key. It is stored in ${store.keychain.label}, never in the workspace, and feeds ${slot === 'primary' ? `${vars.primary} and ${vars.plain}` : vars.fallback}.`,
  });
  if (!value) return undefined;
  const other = slot === 'primary' ? 'fallback' : 'primary';
  if (info.slots[other] && info.slots[other]!.fingerprint === (await store.fingerprintOf(value))) {
    // Primary and fallback holding one key means no fallback at all: a rotation would have nothing to fall back to.
    void vscode.window.showWarningMessage(`Rotation Ready: that is already the ${other} key of ${label(ref)} (${info.slots[other]!.fingerprint}); nothing was stored. The ${slot} key must be a different key.`);
    return undefined;
  }
  const meta = await store.add(ref, slot, value, { envVars: vars });
  log().info(`Added the ${slot} key of ${label(ref)} (${meta.fingerprint}) to ${store.keychain.label}.`);
  void vscode.window.showInformationMessage(`Rotation Ready: stored the ${slot} key of ${label(ref)} in ${store.keychain.label} (${meta.fingerprint}).`);
  return meta.fingerprint;
}

async function replaceKey(keys: Keys, node?: KeysNode): Promise<string | undefined> {
  const target = await slotOf(keys, node, ['primary', 'fallback'], 'Replace which key?');
  if (!target || !refuseMidRotation(keys, target)) return undefined;
  const store = keys.requireStore();
  const old = keys.info(target).slots[target.slot];
  const value = await keys.prompts.secret({ title: `Replace the ${target.slot} key of ${label(target)}`, prompt: 'Paste the new key. The current one moves to previous, so this can be undone.' });
  if (!value) return undefined;
  const ok = await keys.prompts.confirm(
    `Replace the ${target.slot} key of ${label(target)}?`,
    `The current key (${old?.fingerprint ?? 'none'}) moves to previous; restore it from there, or purge it once the new key works. For a zero-downtime change of a key in use, Rotate is the safer path.`,
    'Replace',
  );
  if (!ok) return undefined;
  const meta = await store.replace(target, target.slot as LiveSlot, value);
  log().info(`Replaced the ${target.slot} key of ${label(target)}: ${old?.fingerprint} → ${meta.fingerprint} (old key in previous).`);
  void vscode.window.showInformationMessage(`Rotation Ready: replaced the ${target.slot} key of ${label(target)} (${meta.fingerprint}); the old key is in previous.`);
  return meta.fingerprint;
}

async function deleteKey(keys: Keys, node?: KeysNode): Promise<boolean> {
  const target = await slotOf(keys, node, ['primary', 'fallback'], 'Delete which key?');
  if (!target || !refuseMidRotation(keys, target)) return false;
  const meta = keys.info(target).slots[target.slot];
  const vars = keys.envVars(target);
  const ok = await keys.prompts.confirm(
    `Delete the ${target.slot} key of ${label(target)}?`,
    `It stops feeding ${target.slot === 'primary' ? `${vars.primary} and ${vars.plain}` : vars.fallback} and moves to previous (${meta?.fingerprint}), from where you can restore it. Purge previous to remove it for good.`,
    'Delete',
  );
  if (!ok) return false;
  await keys.requireStore().delete(target, target.slot as LiveSlot);
  log().info(`Deleted the ${target.slot} key of ${label(target)} (${meta?.fingerprint}); it is kept in previous.`);
  return true;
}

async function purgeKey(keys: Keys, node?: KeysNode): Promise<boolean> {
  const target = node?.kind === 'environment' ? { ...refOf(node), slot: 'previous' as Slot } : await slotOf(keys, node, ['previous'], 'Purge the previous key of…');
  if (!target) return false;
  const meta = keys.info(target).slots.previous;
  if (!meta) {
    void vscode.window.showInformationMessage(`Rotation Ready: ${label(target)} keeps no previous key.`);
    return false;
  }
  const ok = await keys.prompts.confirm(
    `Permanently remove the previous key of ${label(target)} (${meta.fingerprint})?`,
    `This cannot be undone: the key is deleted from ${keys.requireStore().keychain.label}.${meta.retiredAt ? ' A rotation retired it: revoke it at the provider too, if you have not.' : ''}`,
    'Purge',
  );
  if (!ok) return false;
  await keys.requireStore().purge(target);
  log().info(`Purged the previous key of ${label(target)} (${meta.fingerprint}).`);
  return true;
}

async function restoreKey(keys: Keys, node?: KeysNode): Promise<boolean> {
  const target = await slotOf(keys, node, ['previous'], 'Restore the previous key of…');
  if (!target || !refuseMidRotation(keys, target)) return false;
  const info = keys.info(target);
  const items: Array<ActionItem<LiveSlot>> = (['primary', 'fallback'] as const).map((slot) => ({
    action: slot,
    label: `as ${slot}`,
    description: info.slots[slot] ? `swaps with the current ${slot} (${info.slots[slot]!.fingerprint})` : 'empty',
  }));
  const choice = await keys.prompts.pick(items, { title: `Restore the previous key of ${label(target)} (${info.slots.previous?.fingerprint})` });
  if (!choice) return false;
  const store = keys.requireStore();
  if (info.slots[choice.action]) {
    const ok = await keys.prompts.confirm(`Swap the ${choice.action} key of ${label(target)} with the previous one?`, 'The current key moves to previous, so this can be undone the same way.', 'Swap');
    if (!ok) return false;
    await store.swapWithPrevious(target, choice.action);
  } else {
    await store.restore(target, choice.action);
  }
  log().info(`Restored the previous key of ${label(target)} as ${choice.action}.`);
  return true;
}

/** Fallback → primary outside a rotation; the new primary is validated first when the service has a probe. */
async function promoteKey(keys: Keys, node?: KeysNode): Promise<boolean> {
  const ref = node && node.kind !== 'service' ? refOf(node) : await pickRef(keys, node?.service, 'Promote the fallback key of…');
  if (!ref || !refuseMidRotation(keys, ref)) return false;
  const info = keys.info(ref);
  if (!info.slots.fallback) {
    void vscode.window.showWarningMessage(`Rotation Ready: ${label(ref)} has no fallback key to promote.`);
    return false;
  }
  let validated = 'not validated (no probe configured)';
  if (await keys.probedService(ref.service)) {
    const result = await keys.validator.validate(ref.service, ref.environment, 'fallback');
    await keys.requireStore().recordValidation(ref, 'fallback', result);
    if (!result.ok) {
      void vscode.window.showWarningMessage(`Rotation Ready: the fallback key of ${label(ref)} did not validate (${result.outcome}${result.detail ? `: ${result.detail}` : ''}); not promoting it.`);
      return false;
    }
    validated = `validated (${result.detail ?? result.outcome})`;
  }
  const ok = await keys.prompts.confirm(
    `Promote the fallback key of ${label(ref)} to primary?`,
    `New primary: ${info.slots.fallback.fingerprint}, ${validated}.${info.slots.primary ? ` The current primary (${info.slots.primary.fingerprint}) moves to previous, so this can be undone.` : ''}`,
    'Promote',
  );
  if (!ok) return false;
  await keys.requireStore().promote(ref);
  log().info(`Promoted the fallback key of ${label(ref)} (${info.slots.fallback.fingerprint}) to primary.`);
  return true;
}

async function validateKey(keys: Keys, node?: KeysNode): Promise<ValidationResult | undefined> {
  const target = await slotOf(keys, node, ['primary', 'fallback', 'previous'], 'Validate which key?');
  if (!target) return undefined;
  const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Rotation Ready: validating the ${target.slot} key of ${label(target)}…` }, () =>
    keys.validator.validate(target.service, target.environment, target.slot),
  );
  await keys.requireStore().recordValidation(target, target.slot, result);
  const text = `the ${target.slot} key of ${label(target)}: ${result.outcome}${result.detail ? ` (${result.detail})` : ''}`;
  log().info(`Validated ${text}.`);
  if (result.ok) void vscode.window.showInformationMessage(`Rotation Ready: ${text}.`);
  else void vscode.window.showWarningMessage(`Rotation Ready: ${text}.`);
  return result;
}

async function openServiceConfig(keys: Keys, node?: KeysNode): Promise<vscode.TextEditor | undefined> {
  const uri = keys.config.uri();
  const service = node?.service;
  if (!uri || !service || !(await keys.probedService(service))) return (await vscode.commands.executeCommand('rotationReady.openConfig')) as vscode.TextEditor | undefined;
  const document = await vscode.workspace.openTextDocument(uri);
  const match = new RegExp(`"name"\\s*:\\s*"${service.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"`).exec(document.getText());
  const editor = await vscode.window.showTextDocument(document);
  if (match) {
    const start = document.positionAt(match.index);
    editor.selection = new vscode.Selection(start, document.positionAt(match.index + match[0].length));
    editor.revealRange(editor.selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }
  return editor;
}

/** Shows a key in a quick pick that hides itself after a few seconds; nothing is logged. */
async function reveal(keys: Keys, target: ServiceRef & { slot: Slot }): Promise<void> {
  const value = await keys.requireStore().read(target, target.slot);
  if (value === undefined) return;
  const pick = vscode.window.createQuickPick();
  pick.title = `The ${target.slot} key of ${label(target)} — hides in ${REVEAL_SECONDS} s`;
  pick.placeholder = 'Shown briefly, never logged. Press Escape to hide it now.';
  pick.items = [{ label: value, alwaysShow: true }];
  pick.matchOnDescription = false;
  await new Promise<void>((done) => {
    const timer = setTimeout(() => pick.hide(), REVEAL_SECONDS * 1000);
    pick.onDidAccept(() => pick.hide());
    pick.onDidHide(() => {
      clearTimeout(timer);
      pick.items = [];
      pick.dispose();
      done();
    });
    pick.show();
  });
}

function refuseMidRotation(keys: Keys, ref: ServiceRef): boolean {
  const stage = keys.info(ref).rotation?.stage ?? 'idle';
  if (stage === 'idle' || stage === 'old-key-removed') return true;
  void vscode.window.showWarningMessage(`Rotation Ready: ${label(ref)} is mid-rotation (${stage}); continue or roll back the rotation (Rotate) before changing its keys by hand.`, 'Rotate').then((choice) => {
    if (choice) void vscode.commands.executeCommand('rotationReady.rotate', { kind: 'environment', ...ref });
  });
  return false;
}

function refOf(node: Exclude<KeysNode, { kind: 'service' }>): ServiceRef {
  return { service: node.service, environment: node.environment };
}

/** The slot a command acts on: the node's, or asked for among the filled `allowed` slots. */
async function slotOf(keys: Keys, node: KeysNode | undefined, allowed: readonly Slot[], title: string): Promise<(ServiceRef & { slot: Slot }) | undefined> {
  if (node?.kind === 'slot' && allowed.includes(node.slot)) return { service: node.service, environment: node.environment, slot: node.slot };
  const refs = node && node.kind !== 'service' ? [refOf(node)] : keys.refs().filter((r) => !node || r.service === node.service);
  const items = refs.flatMap((ref) =>
    allowed
      .filter((slot) => keys.info(ref).slots[slot])
      .map((slot) => ({ action: `${ref.service}/${ref.environment}/${slot}`, label: `${ref.service} (${ref.environment}) · ${slot}`, description: keys.info(ref).slots[slot]!.fingerprint, ref, slot })),
  );
  if (items.length === 0) {
    void vscode.window.showInformationMessage(`Rotation Ready: no ${allowed.join(' or ')} key to act on${node ? ` in ${node.service}` : ''}.`);
    return undefined;
  }
  const choice = items.length === 1 ? items[0] : await keys.prompts.pick(items, { title });
  return choice ? { ...choice.ref, slot: choice.slot } : undefined;
}

/** A service/environment from the palette (optionally within one service, optionally a new one). */
async function pickRef(keys: Keys, service: string | undefined, title: string, allowNew = false): Promise<ServiceRef | undefined> {
  const refs = keys.refs().filter((r) => !service || r.service === service);
  if (refs.length === 1 && !allowNew) return refs[0];
  const items: Array<ActionItem & { ref?: ServiceRef }> = refs.map((ref) => ({ action: `${ref.service}/${ref.environment}`, label: `${ref.service} (${ref.environment})`, ref }));
  if (allowNew) items.push({ action: 'new', label: '$(add) Another service…', description: 'a service that is not in .rotation-ready.json' });
  if (items.length === 0) {
    void vscode.window.showInformationMessage('Rotation Ready: no services yet; add one to .rotation-ready.json, or add a key to a new service.');
    return undefined;
  }
  const choice = await keys.prompts.pick(items, { title });
  if (!choice) return undefined;
  if (choice.ref) return choice.ref;
  const name = await keys.prompts.text({ title: 'Service name', prompt: 'e.g. billing-api (letters, digits, ".", "_", "-")', validateInput: (v) => (NAME.test(v) ? undefined : 'Letters, digits, ".", "_" and "-", starting with a letter or digit.') });
  if (!name || !NAME.test(name)) return undefined;
  const environment = await keys.prompts.text({ title: `Environment of ${name}`, value: 'dev', validateInput: (v) => (NAME.test(v) ? undefined : 'Letters, digits, ".", "_" and "-".') });
  if (!environment || !NAME.test(environment)) return undefined;
  return { service: name, environment };
}

async function refsOf(keys: Keys, node: KeysNode | undefined, title: string): Promise<ServiceRef[] | undefined> {
  if (node && node.kind !== 'service') return [refOf(node)];
  const withKeys = keys.refs().filter((r) => (!node || r.service === node.service) && (keys.info(r).slots.primary || keys.info(r).slots.fallback));
  if (withKeys.length <= 1) return withKeys.length ? withKeys : (void vscode.window.showInformationMessage('Rotation Ready: no keys stored yet; add one first.'), undefined);
  const picked = await keys.prompts.pickMany(
    withKeys.map((ref) => ({ label: `${ref.service} (${ref.environment})`, ref, picked: true })),
    { title },
  );
  return picked && picked.length > 0 ? picked.map((p) => p.ref) : undefined;
}

/** Errors are value-free by construction (core messages carry fingerprints, never keys). */
function report(action: string, error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  log().warn(`Could not ${action}: ${message}`);
  const actions: string[] = [];
  if (error instanceof KeychainError && error.reason === 'unavailable' && /restart/i.test(message)) actions.push('Reload Window');
  if (error instanceof KeyStoreError && error.reason === 'previous-occupied') actions.push('Purge Previous…');
  if (!(error instanceof KeychainError || error instanceof KeyStoreError || error instanceof RotationError)) actions.push('Show Log');
  void vscode.window.showErrorMessage(`Rotation Ready: could not ${action}: ${message}`, ...actions).then((choice) => {
    if (choice === 'Reload Window') void vscode.commands.executeCommand('workbench.action.reloadWindow');
    if (choice === 'Show Log') log().show(true);
    if (choice === 'Purge Previous…') void vscode.commands.executeCommand('rotationReady.purgeKey');
  });
}

function label(ref: ServiceRef): string {
  return `${ref.service} (${ref.environment})`;
}
