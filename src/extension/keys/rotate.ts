import * as vscode from 'vscode';
import type { ServiceRef } from '../../core/keychain/keyStore';
import { RotationError } from '../../core/rotation/index';
import type { RotationStatus } from '../../core/rotation/index';
import { log } from '../log';
import { openTerminalWithKeys, writeKeysToDotEnv } from './inject';
import type { Keys } from './keys';
import type { ActionItem } from './prompts';

export type RotateAction =
  | 'open-provider'
  | 'purge-previous'
  | 'start'
  | 'adopt-fallback'
  | 'add-new-key'
  | 'terminal'
  | 'dotenv'
  | 'mark-deployed'
  | 'promote'
  | 'remove-old-key'
  | 'purge-old-key'
  | 'rollback'
  | 'abort'
  | 'pause';

/**
 * The guided rotation: one step at a time, as a quick pick titled with the step and offering only
 * what that step allows (do it, its helpers, roll back the last step, abort, or pause). The state
 * lives in the key metadata (RotationMachine), so closing VS Code mid-way and running Rotate again
 * resumes at the same step. Validation is never optional: promoting and removing the old key both
 * go through the probe, and a failed probe refuses the step.
 */
export async function rotate(keys: Keys, ref: ServiceRef): Promise<RotationStatus | undefined> {
  const machine = keys.machine;
  if (!machine) throw new Error('Open a folder on disk first: keys belong to a workspace folder.');
  if (!(await keys.probedService(ref.service))) {
    void vscode.window
      .showWarningMessage(
        `Rotation Ready: ${label(ref)} has no probe in .rotation-ready.json. A rotation validates the new key before it promotes it and before it retires the old one, so it needs a probe: add the service to the configuration.`,
        'Open Configuration',
      )
      .then((choice) => choice && vscode.commands.executeCommand('rotationReady.openConfig'));
    return undefined;
  }
  for (;;) {
    const status = await machine.status(ref);
    const items = actionsFor(keys, status);
    const step = status.next;
    const title = step ? `Rotate ${label(ref)} · Step ${step.number} of 5: ${step.title.replace(/^\d+\.\s*/, '')}` : `Rotate ${label(ref)} · complete`;
    // A quick pick's filter box shows what is typed: its placeholder must never invite pasting a key.
    const placeHolder = step
      ? `${step.description} Choose an action below.`
      : `The new key is primary and validated. Revoke the old key at ${keys.provider(ref.service).name}; Rotation Ready keeps it in previous until you purge it.`;
    const choice = await keys.prompts.pick(items, { title, placeHolder, ignoreFocusOut: true, matchOnDetail: true });
    if (!choice || choice.action === 'pause') {
      if (status.stage !== 'idle' && status.stage !== 'old-key-removed') {
        void vscode.window.showInformationMessage(`Rotation Ready: ${label(ref)} is paused at step ${step?.number ?? 5}; run Rotate again to continue where you left off.`);
      }
      return status;
    }
    try {
      const done = await perform(keys, ref, choice.action, status);
      await keys.refresh();
      if (done) return await machine.status(ref);
    } catch (error) {
      await keys.refresh();
      if (error instanceof RotationError) {
        log().warn(`Rotation of ${label(ref)}: ${error.message}`);
        // Not modal: the step's quick pick comes back at once, offering the same step again or a rollback.
        void vscode.window.showWarningMessage(`Rotation Ready: ${error.message} Nothing was changed.${error.reason === 'validation-failed' ? ' Fix the key (or wait for it to propagate) and try again, or roll back.' : ''}`);
        continue;
      }
      throw error;
    }
  }
}

/** Carries out one choice; returns true when the flow should end. */
async function perform(keys: Keys, ref: ServiceRef, action: RotateAction, status: RotationStatus): Promise<boolean> {
  const machine = keys.machine!;
  const store = keys.requireStore();
  const provider = keys.provider(ref.service);
  switch (action) {
    case 'open-provider':
      if (provider.url) await vscode.env.openExternal(vscode.Uri.parse(provider.url));
      return false;
    case 'purge-previous':
    case 'purge-old-key': {
      const fp = status.slots.previous?.fingerprint ?? '';
      const ok = await keys.prompts.confirm(
        `Permanently remove the previous key of ${label(ref)} (${fp})?`,
        'This cannot be undone: the key is deleted from the keychain. Revoke it at the provider too, if you have not.',
        'Purge',
      );
      if (!ok) return false;
      await store.purge(ref);
      log().info(`Purged the previous key of ${label(ref)} (${fp}).`);
      return action === 'purge-old-key';
    }
    case 'start':
      await machine.start(ref);
      log().info(`Rotation of ${label(ref)}: started (step 1, get a new key from ${provider.name}).`);
      return false;
    case 'adopt-fallback': {
      const after = await machine.adoptFallback(ref);
      log().info(`Rotation of ${label(ref)}: the fallback key (${after.slots.fallback?.fingerprint}) is taken as the new key; continuing at step 3.`);
      return false;
    }
    case 'add-new-key': {
      const value = await keys.prompts.secret({
        title: `Rotate ${label(ref)} · Step 2 of 5: add the new key as the fallback`,
        prompt: `The new key from ${provider.name} (masked). It is stored in ${store.keychain.label} as the fallback; the current key stays primary.`,
      });
      if (!value) return false;
      const after = await machine.addNewKey(ref, value);
      log().info(`Rotation of ${label(ref)}: new key stored as fallback (${after.slots.fallback?.fingerprint}).`);
      return false;
    }
    case 'terminal':
      await openTerminalWithKeys(keys, [ref]);
      return false;
    case 'dotenv':
      await writeKeysToDotEnv(keys, [ref]);
      return false;
    case 'mark-deployed':
      await machine.markDeployed(ref);
      log().info(`Rotation of ${label(ref)}: marked deployed (step 3).`);
      return false;
    case 'promote':
      await withProgress(`Validating the new key of ${label(ref)}…`, () => machine.promote(ref, keys.validator));
      log().info(`Rotation of ${label(ref)}: the new key validated and is primary; the old key is in previous (step 4).`);
      return false;
    case 'remove-old-key':
      await withProgress(`Validating the new primary of ${label(ref)}…`, () => machine.removeOldKey(ref, keys.validator));
      log().info(`Rotation of ${label(ref)}: the new primary validated; the old key is retired (step 5).`);
      void vscode.window.showInformationMessage(`Rotation Ready: ${label(ref)} is rotated. Revoke the old key at ${provider.name}; it stays in previous until you purge it.`);
      return false;
    case 'rollback': {
      const after = await withProgress(`Rolling back ${label(ref)}…`, () => machine.rollback(ref, keys.validator));
      log().info(`Rotation of ${label(ref)}: rolled back from '${status.stage}' to '${after.stage}'.`);
      return after.stage === 'idle';
    }
    case 'abort': {
      const ok = await keys.prompts.confirm(
        `Abort the rotation of ${label(ref)}?`,
        'Every step is rolled back in turn: the original key becomes primary again (validated first if it had been moved), and a new key already added is kept in previous until you purge it.',
        'Abort Rotation',
      );
      if (!ok) return false;
      await withProgress(`Aborting the rotation of ${label(ref)}…`, () => machine.abort(ref, keys.validator));
      log().info(`Rotation of ${label(ref)}: aborted; the original keys are back.`);
      return true;
    }
    case 'pause':
      return true;
  }
}

function actionsFor(keys: Keys, status: RotationStatus): Array<ActionItem<RotateAction>> {
  const provider = keys.provider(status.service);
  const items: Array<ActionItem<RotateAction>> = [];
  const item = (action: RotateAction, label: string, detail?: string): void => void items.push({ action, label, ...(detail ? { detail } : {}) });
  const openProvider = () => provider.url && item('open-provider', `$(link-external) Open ${provider.name}'s key page`, provider.url);
  switch (status.stage) {
    case 'idle':
      if (status.slots.previous) item('purge-previous', '$(trash) Purge the key kept in previous first', `A rotation keeps the current key in previous; ${status.slots.previous.fingerprint} is there now.`);
      else if (status.slots.fallback) {
        // The key was already added as the fallback (e.g. through Add Key…): the rotation picks up from there.
        item('adopt-fallback', `$(arrow-right) Use the fallback key ${status.slots.fallback.fingerprint} as the new key`, 'Steps 1 and 2 are done: the rotation continues at step 3, deploy it.');
      } else item('start', `$(arrow-right) I am creating a new key at ${provider.name}`, 'Keep the current key active at the provider: both keys must work during the rotation.');
      openProvider();
      break;
    case 'new-key':
      item('add-new-key', '$(key) Enter the new key… (a masked input box opens)', 'It is stored as the fallback; the current key stays primary.');
      openProvider();
      break;
    case 'added-as-fallback':
      item('terminal', '$(terminal) Open a terminal with both keys injected', 'Restart your app from it: it reads the new key as the fallback.');
      item('dotenv', '$(file) Write both keys to the git-ignored .env');
      item('mark-deployed', `$(check) Done: ${status.environment} has both keys`);
      break;
    case 'deployed':
      item('promote', '$(arrow-up) Validate the new key, then promote it to primary', 'One probe with the new key; the step is refused if it is not valid.');
      break;
    case 'promoted':
      item('remove-old-key', '$(pass) Validate the new primary, then retire the old key', 'The old key stays in previous (for undo) until you purge it; revoke it at the provider.');
      break;
    case 'old-key-removed':
      if (status.slots.previous) item('purge-old-key', '$(trash) Purge the old key from previous (cannot be undone)');
      else item('start', `$(arrow-right) Start a new rotation: I am creating a new key at ${provider.name}`);
      openProvider();
      break;
  }
  if (status.rollbackTo) {
    const undo: Record<string, string> = {
      'new-key': 'cancel the rotation',
      'added-as-fallback': 'take the new key out of use (it is kept in previous)',
      deployed: 'back to "added as fallback"',
      promoted: 'put the old key back in primary (validated first)',
      'old-key-removed': 'the old key is no longer marked retired',
    };
    item('rollback', `$(discard) Roll back step ${Math.max(1, ['new-key', 'added-as-fallback', 'deployed', 'promoted', 'old-key-removed'].indexOf(status.stage) + 1)}`, undo[status.stage]);
    if (status.stage !== 'new-key' && status.stage !== 'old-key-removed') item('abort', '$(close) Abort the rotation (roll back every step)');
  }
  item('pause', status.stage === 'idle' || status.stage === 'old-key-removed' ? '$(close) Close' : '$(debug-pause) Pause (resume later with Rotate)');
  return items;
}

function withProgress<T>(title: string, task: () => Promise<T>): Thenable<T> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Rotation Ready: ${title}` }, task);
}

function label(ref: ServiceRef): string {
  return `${ref.service} (${ref.environment})`;
}
