import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import * as vscode from 'vscode';
import { writeFileAtomic } from '../../core/atomicWrite';
import type { LiveSlot, ServiceRef } from '../../core/keychain/keyStore';
import { log } from '../log';
import type { Keys } from './keys';

interface Candidate extends vscode.QuickPickItem {
  variable: string;
  ref: ServiceRef;
  slot: LiveSlot;
}

/** `NAME=` assignment lines (optionally `export NAME=`) of the given names, so they can be removed. */
function assignmentOf(line: string): string | undefined {
  return /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=/.exec(line)?.[1];
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
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    void vscode.window.showInformationMessage('Rotation Ready: this workspace has no .env file to import keys from.');
    return undefined;
  }
  const values = parseEnv(text) as Record<string, string>;
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
      if (!values[variable]?.trim() || slots[slot] || candidates.some((c) => c.ref.service === ref.service && c.ref.environment === ref.environment && c.slot === slot)) continue;
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
  const failed: string[] = [];
  for (const candidate of picked) {
    const value = values[candidate.variable]!.trim();
    try {
      const meta = await store.add(candidate.ref, candidate.slot, value, { envVars: keys.envVars(candidate.ref) });
      if ((await store.read(candidate.ref, candidate.slot)) !== value) throw new Error('the keychain did not return the stored value');
      imported.push(candidate.variable);
      log().info(`Imported ${candidate.variable} from .env as the ${candidate.slot} key of ${candidate.ref.service} (${candidate.ref.environment}) (${meta.fingerprint}).`);
    } catch (error) {
      failed.push(`${candidate.variable}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (imported.length) {
    // Only lines whose value is now safely in the keychain go; everything else in .env stays as it was.
    const kept = text.split(/(?<=\n)/).filter((line) => !imported.includes(assignmentOf(line) ?? ''));
    writeFileAtomic(file, kept.join(''));
  }
  await keys.refresh();
  const done = imported.length ? `moved ${imported.length} key(s) from .env into ${store.keychain.label} (${imported.join(', ')}); their lines are removed from .env.` : 'imported nothing.';
  if (failed.length) void vscode.window.showWarningMessage(`Rotation Ready: ${done} Not imported (kept in .env): ${failed.join('; ')}`);
  else void vscode.window.showInformationMessage(`Rotation Ready: ${done}`);
  return { imported };
}
