import { join } from 'node:path';
import * as vscode from 'vscode';
import { writeFileAtomic } from '../../core/atomicWrite';
import { parseDotenv, readDotenvFile, removeDotenvEntries } from '../../core/envfile/dotenv';
import type { LiveSlot, ServiceRef } from '../../core/keychain/keyStore';
import { log } from '../log';
import type { Keys } from './keys';

interface Candidate extends vscode.QuickPickItem {
  variable: string;
  ref: ServiceRef;
  slot: LiveSlot;
}

/**
 * Import from .env…: the keys a git-ignored `.env` holds for the services of this workspace (by their
 * `<NAME>_PRIMARY`, `<NAME>` and `<NAME>_FALLBACK` variables) move into the keychain in one go. Each
 * value is stored and read back before its line is removed from `.env`; a value that did not read back
 * keeps its line. Slots that already hold a key are left alone. Never shows a value.
 */
export async function importFromDotEnv(keys: Keys): Promise<{ imported: string[] } | undefined> {
  const store = keys.requireStore();
  const file = join(keys.root, '.env');
  let text: string | undefined;
  try {
    text = readDotenvFile(file, { label: '.env' });
  } catch (error) {
    void vscode.window.showErrorMessage(`Rotation Ready: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
  if (text === undefined) {
    void vscode.window.showInformationMessage('Rotation Ready: this workspace has no .env file to import keys from.');
    return undefined;
  }
  const values = parseDotenv(text);
  const candidates: Candidate[] = [];
  for (const ref of keys.refs()) {
    const vars = keys.envVars(ref);
    const slots = keys.info(ref).slots;
    const wanted: Array<[string, LiveSlot]> = [
      [vars.primary, 'primary'],
      [vars.plain, 'primary'],
      [vars.fallback, 'fallback'],
    ];
    for (const [variable, slot] of wanted) {
      if (!values.get(variable)?.trim() || slots[slot] || candidates.some((c) => c.ref.service === ref.service && c.ref.environment === ref.environment && c.slot === slot)) continue;
      candidates.push({ label: variable, description: `→ ${ref.service} (${ref.environment}) ${slot}`, picked: true, variable, ref, slot });
    }
  }
  if (candidates.length === 0) {
    void vscode.window.showInformationMessage('Rotation Ready: .env holds no key for an empty slot of this workspace\'s services (variables such as BILLING_API_KEY_PRIMARY).');
    return undefined;
  }
  const picked = await keys.prompts.pickMany(candidates, { title: `Import keys from .env into ${store.keychain.label}`, placeHolder: 'Each value is stored and read back, then its line is removed from .env' });
  if (!picked || picked.length === 0) return undefined;
  const imported: string[] = [];
  const importedValues = new Map<string, string>();
  const failed: string[] = [];
  for (const candidate of picked) {
    const value = values.get(candidate.variable)!.trim();
    try {
      const meta = await store.add(candidate.ref, candidate.slot, value, { envVars: keys.envVars(candidate.ref) });
      if ((await store.read(candidate.ref, candidate.slot)) !== value) throw new Error('the keychain did not return the stored value');
      imported.push(candidate.variable);
      importedValues.set(candidate.variable, value);
      log().info(`Imported ${candidate.variable} from .env as the ${candidate.slot} key of ${candidate.ref.service} (${candidate.ref.environment}) (${meta.fingerprint}).`);
    } catch (error) {
      failed.push(`${candidate.variable}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (imported.length) {
    // Only assignments whose value is now safely in the keychain go; everything else in .env stays as it was.
    writeFileAtomic(file, removeDotenvEntries(text, (entry) => importedValues.get(entry.name) === entry.value.trim()));
  }
  await keys.refresh();
  const done = imported.length ? `moved ${imported.length} key(s) from .env into ${store.keychain.label} (${imported.join(', ')}); their lines are removed from .env.` : 'imported nothing.';
  if (failed.length) void vscode.window.showWarningMessage(`Rotation Ready: ${done} Not imported (kept in .env): ${failed.join('; ')}`);
  else void vscode.window.showInformationMessage(`Rotation Ready: ${done}`);
  return { imported };
}
