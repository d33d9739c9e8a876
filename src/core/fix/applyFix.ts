import { join, relative, resolve } from 'node:path';
import { confinedPath } from '../confine';
import { appendLine, parseDotenv, readDotenvFile, removeDotenvEntries } from '../envfile/dotenv';
import type { EnvFixPlan } from './envFix';
import { sha256 } from './hash';
import { restore, SecretDestination, StoredSecret, writeAtomic } from './secretDestination';
import { FixAbortedError, NewFile, SecretToSecure, secretValue, TextEdit } from './types';

/** What a fix plan has in common: edits, maybe a helper, and the values it takes out of the text. */
export interface SecuredPlan {
  path: string;
  newText: string;
  edits: TextEdit[];
  helperFile?: NewFile;
  /** More helpers the plan creates (Make Rotation Ready may need `requireEnv` and `keyFallback`). */
  helperFiles?: readonly NewFile[];
  secrets: readonly SecretToSecure[];
  /**
   * The names `.env.example` gets when secrets are stored; default the secrets' names. A wrapper lists
   * `<NAME>_PRIMARY` / `<NAME>_FALLBACK`, the names its helper reads.
   */
  exampleNames?: readonly string[];
}

export interface ApplyOptions {
  /** Project root; `.env.example` is written here unless `envExample` is false. */
  root?: string;
  /** Default `.env.example`; false: leave it alone. */
  envExample?: string | false;
  /**
   * The folder helpers must stay inside (symlinks followed); default `root`. The CLI fixing a file outside its
   * current folder names that file's project: its helpers go there, and no further.
   */
  helperRoot?: string;
}

export interface AppliedFix {
  edits: TextEdit[];
  newText: string;
  helperFile?: NewFile;
  /** Where each value was stored, e.g. ["STRIPE_SECRET_KEY → .env"]. Never a value. */
  stored: string[];
  /** Undoes the stores and the `.env.example` line, for a caller whose document edit then failed. */
  undo(): Promise<void>;
  /** The `NAME=` lines this fix added to `.env.example` (none when it listed them all): an editor Undo takes them out again. */
  exampleNames?: ExampleNames;
}

/** Names a fix added to an `.env.example` file, with no value. */
export interface ExampleNames {
  path: string;
  names: string[];
  /** The fix created the file: taking its last line out removes it. */
  created: boolean;
}

/**
 * The I/O half of "Move secret to environment variable": stores `secretValue` in `store` (which reads it
 * back), adds `NAME=` to `.env.example`, and only then returns the edits. On any failure everything it
 * did is undone and a FixAbortedError says why; the caller has not touched the document yet, so
 * nothing changed.
 */
export async function applyEnvFix(plan: EnvFixPlan, secretValue: string, store: SecretDestination, options: ApplyOptions = {}): Promise<AppliedFix> {
  const secured: SecuredPlan = { path: plan.path, newText: plan.newText, edits: plan.edits, secrets: [plan.secret] };
  if (plan.helperFile) secured.helperFile = plan.helperFile;
  return secureThenEdit(secured, [secretValue], store, options);
}

/** Same as applyEnvFix for any plan, reading the values from the original text at the plan's offsets. */
export async function applyFix(plan: SecuredPlan, originalText: string, store: SecretDestination, options: ApplyOptions = {}): Promise<AppliedFix> {
  return secureThenEdit(plan, plan.secrets.map((s) => secretValue(originalText, s)), store, options);
}

async function secureThenEdit(plan: SecuredPlan, values: string[], store: SecretDestination, options: ApplyOptions): Promise<AppliedFix> {
  const done: StoredSecret[] = [];
  const stored: string[] = [];
  let undoExample: () => void = () => undefined;
  let exampleNames: ExampleNames | undefined;
  const undoAll = async (): Promise<void> => {
    undoExample();
    for (const item of [...done].reverse()) await item.undo().catch(() => undefined);
  };
  let current: SecretToSecure | undefined;
  try {
    // The helper is written into a folder of the repository's choosing (maybe a symlinked src/): it must resolve inside the workspace.
    if (options.root !== undefined) {
      const top = options.helperRoot ?? options.root;
      for (const helper of helpersOf(plan)) confinedPath(top, relative(top, resolve(options.root, helper.path)), 'helper file');
    }
    plan.secrets.forEach((secret, i) => {
      if (sha256(values[i] ?? '') !== secret.sha256) throw new Error(`the value given for ${secret.envName} is not the one the fix removes (the document changed?)`);
    });
    for (const [i, secret] of plan.secrets.entries()) {
      current = secret;
      // Two literals of one value under one name are stored once.
      if (plan.secrets.slice(0, i).some((s) => s.envName === secret.envName && s.sha256 === secret.sha256)) continue;
      const item = await store.store(secret.envName, values[i]!);
      done.push(item);
      stored.push(`${secret.envName} → ${item.label}`);
    }
    current = undefined;
    if (options.envExample !== false && options.root !== undefined && plan.secrets.length > 0) {
      const path = join(options.root, options.envExample ?? '.env.example');
      const added = addExampleNames(path, [...(plan.exampleNames ?? plan.secrets.map((s) => s.envName))]);
      undoExample = added.undo;
      if (added.names.length > 0) exampleNames = { path, names: added.names, created: added.created };
    }
  } catch (error) {
    await undoAll();
    const reason = scrub(error instanceof Error ? error.message : String(error), values);
    const what = current ? `store the value of ${current.envName} in ${store.label}` : 'prepare the fix';
    throw new FixAbortedError(`Could not ${what}: ${reason.replace(/\.$/, '')}. Nothing was changed; the secret is still in ${plan.path}.`, error);
  }
  const applied: AppliedFix = { edits: plan.edits, newText: plan.newText, stored, undo: undoAll };
  if (plan.helperFile) applied.helperFile = plan.helperFile;
  if (exampleNames) applied.exampleNames = exampleNames;
  return applied;
}

/** Every helper file a plan creates. */
export function helpersOf(plan: Pick<SecuredPlan, 'helperFile' | 'helperFiles'>): NewFile[] {
  const all = [...(plan.helperFile ? [plan.helperFile] : []), ...(plan.helperFiles ?? [])];
  return all.filter((h, i) => all.findIndex((o) => o.path === h.path) === i);
}

/** `NAME=` lines for names `.env.example` does not list yet; returns the names added and an undo. */
export function addExampleNames(path: string, names: readonly string[]): { names: string[]; created: boolean; undo: () => void } {
  const before = readDotenvFile(path, { label: '.env.example' });
  const listed = parseDotenv(before ?? '');
  const missing = [...new Set(names)].filter((n) => !listed.has(n));
  const created = before === undefined;
  if (missing.length === 0) return { names: [], created, undo: () => undefined };
  writeAtomic(path, missing.reduce((text, name) => appendLine(text, `${name}=`), before ?? ''), 0o644);
  return { names: missing, created, undo: () => restore(path, before, 0o644) };
}

/**
 * Takes the `NAME=` lines of `names` out of `.env.example` again (after an Undo of the fix that added them).
 * Only lines still without a value go: one the user has since filled in, and every other line, stays.
 * Returns the names removed; the file is left alone when there are none.
 */
export function removeExampleNames(path: string, names: readonly string[], options: { removeEmptyFile?: boolean } = {}): string[] {
  const before = readDotenvFile(path, { label: '.env.example' });
  if (before === undefined) return [];
  const wanted = new Set(names);
  const removed: string[] = [];
  const after = removeDotenvEntries(before, (entry) => {
    const drop = wanted.has(entry.name) && entry.value === '';
    if (drop) removed.push(entry.name);
    return drop;
  });
  if (options.removeEmptyFile && removed.length > 0 && after.trim() === '') restore(path, undefined);
  else if (after !== before) writeAtomic(path, after, 0o644);
  return removed;
}

function scrub(message: string, values: string[]): string {
  let out = message;
  for (const value of values) if (value) out = out.split(value).join('[value]');
  return out;
}
