import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BASELINE_FILE, Baseline, BaselineError, parseBaseline } from '../core/baseline/index';

/** Reads the workspace's baseline; a missing file is no baseline, a broken one is reported and ignored. */
export function readBaseline(workspaceRoot: string | undefined, report: (message: string) => void): Baseline | undefined {
  if (!workspaceRoot) return undefined;
  const file = join(workspaceRoot, BASELINE_FILE);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  try {
    return parseBaseline(text, file);
  } catch (error) {
    report(error instanceof BaselineError ? error.message : `${file}: ${String(error)}`);
    return undefined;
  }
}
