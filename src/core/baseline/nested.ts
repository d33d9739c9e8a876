import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { Finding } from '../findings';
import { isInside, PROJECT_CONFIG_FILE } from '../projectRoots';
import { applyBaseline, BASELINE_FILE, parseBaseline, type Baseline } from './baseline';

export interface NestedBaselineOptions {
  /** The folder finding paths are relative to (the scan's `cwd`). */
  base: string;
  /** The project the scan runs in: its own baseline is applied by the caller; projects below it bring theirs. */
  root: string;
  /**
   * Analyzes one file again as its package sees it: `rel` relative to the package, fingerprints with the
   * package baseline's salt (a fingerprint covers the path and the salt, so the package's entries match only so).
   */
  reanalyze: (abs: string, rel: string, salt: string) => Promise<Finding[]>;
}

export interface NestedBaselineResult<T extends Finding> {
  /** Findings of files in no package, untouched: the root baseline applies to them. */
  outside: T[];
  /** Findings in packages that the package's own baseline does not accept, or in a package without one (paths relative to `base`). */
  fresh: Finding[];
  baselined: Finding[];
}

/**
 * A monorepo scanned from its root: a file below a package (a folder holding a `.rotation-ready.json`) is
 * judged by that package's `.rotation-ready-baseline.json`, the nearest project root above it, as if the
 * package were scanned alone. Only files with findings in such packages are analyzed again.
 */
export async function applyNestedBaselines<T extends Finding>(findings: readonly T[], options: NestedBaselineOptions): Promise<NestedBaselineResult<T>> {
  const root = resolve(options.root);
  const isProject = new Map<string, boolean>();
  const projectAbove = (abs: string): string | undefined => {
    for (let dir = dirname(abs); dir !== root && isInside(root, dir); dir = dirname(dir)) {
      let known = isProject.get(dir);
      if (known === undefined) isProject.set(dir, (known = existsSync(join(dir, PROJECT_CONFIG_FILE))));
      if (known) return dir;
    }
    return undefined;
  };
  const baselines = new Map<string, Baseline | undefined>();
  const baselineOf = (project: string): Baseline | undefined => {
    if (!baselines.has(project)) {
      const file = join(project, BASELINE_FILE);
      baselines.set(project, existsSync(file) ? parseBaseline(readFileSync(file, 'utf8'), relative(options.base, file).split(sep).join('/')) : undefined);
    }
    return baselines.get(project);
  };

  const outside: T[] = [];
  const fresh: Finding[] = [];
  const baselined: Finding[] = [];
  const byFile = new Map<string, { project: string; baseline: Baseline; path: string }>();
  for (const finding of findings) {
    const abs = resolve(options.base, finding.path);
    const project = projectAbove(abs);
    if (!project) {
      outside.push(finding);
      continue;
    }
    const baseline = baselineOf(project);
    // A package without a baseline accepts nothing, as when it is scanned alone.
    if (!baseline) fresh.push(finding);
    else byFile.set(abs, { project, baseline, path: finding.path });
  }
  for (const [abs, { project, baseline, path }] of byFile) {
    const again = await options.reanalyze(abs, relative(project, abs).split(sep).join('/'), baseline.salt);
    const judged = applyBaseline(again, baseline);
    // Reported where the scan found them; the fingerprint stays the package's.
    fresh.push(...judged.fresh.map((f) => ({ ...f, path })));
    baselined.push(...judged.baselined.map((f) => ({ ...f, path })));
  }
  return { outside, fresh, baselined };
}
