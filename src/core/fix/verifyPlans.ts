import { join } from 'node:path';
import type { FilePlan } from './filePlan';
import { neededHelpers } from './rotationReady';
import type { NewFile } from './types';
import { verifyChanges } from './verify';

/** A file's planned fixes (planFileAll), checked before anything is written. */
export interface FileToVerify {
  /** Absolute path of the file. */
  abs: string;
  /** Replaced in place by `envOnly`, or emptied (the file keeps its text), when it does not verify. */
  plan: FilePlan;
  /** planFileAll's plan without wrappers: what the file falls back to when the composed plan does not verify. */
  envOnly?: FilePlan;
}

/**
 * One policy for `rotation-ready fix` and the editor's fix-all (docs/fixes.md): every changed file is type-checked
 * in its project's own configuration (TS/JS) or re-scanned (Python) with the helpers the fixes create. A file whose
 * composed fix would add an error falls back to moving its secrets alone (the wrapper left out, with the reason),
 * verified in turn; a file that still fails keeps its text, with the reason first in `unfixed`. Helpers no remaining
 * fix imports are dropped from `created` (path → helper). Nothing is written here.
 */
export function verifyFilePlans(root: string, files: readonly FileToVerify[], created: Map<string, NewFile>): void {
  let pending = files.filter((f) => f.plan.steps.length > 0);
  // A fallback is verified once more; a file without one is settled in its first round.
  for (let round = 0; round < 2 && pending.length > 0; round++) pending = rejectUnverified(root, pending, created);
  const needed = new Set(files.flatMap((f) => helpersOf(f.plan)));
  for (const path of [...created.keys()]) if (!needed.has(path)) created.delete(path);
}

/** Rejects the plans that do not verify; returns the files that fell back to their env-only plan (to verify in turn). */
function rejectUnverified(root: string, pending: readonly FileToVerify[], created: ReadonlyMap<string, NewFile>): FileToVerify[] {
  const rejected = verifyChanges(
    root,
    pending.map(({ abs, plan }) => ({ abs, rel: plan.rel, before: plan.original, after: plan.final, creates: helpersOf(plan).filter((h) => created.has(h)).map((h) => join(root, h)) })),
    [...created.values()].map((h) => ({ abs: join(root, h.path), text: h.text })),
  );
  const retry: FileToVerify[] = [];
  for (const file of pending) {
    const reason = rejected.get(file.abs);
    if (!reason) continue;
    const { plan, envOnly } = file;
    if (envOnly) {
      // The wrapper is what fails: the secrets can still move on their own.
      Object.assign(plan, envOnly, { steps: [...envOnly.steps], unfixed: [`single-key-call: the primary/fallback wrapper was left out: ${reason}`, ...envOnly.unfixed] });
      delete file.envOnly;
      retry.push(file);
      continue;
    }
    plan.steps = [];
    plan.final = plan.original;
    plan.unfixed.unshift(reason);
  }
  return retry;
}

/** Helpers a plan's final text imports (a wrapper may have replaced the last `requireEnv` read: that one is not created). */
export function helpersOf(plan: FilePlan): string[] {
  return neededHelpers(plan.steps.map((s) => s.plan), plan.final).map((h) => h.path);
}
