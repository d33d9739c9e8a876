/**
 * trufflehog's pattern tests (`pkg/detectors/<name>/<name>_test.go`, not the `_integration_test.go` ones that call
 * live services): a table `tests := []struct{ name, input string; want []string }{…}` per test function, or an
 * `input` and a `want` in the function itself. A row whose `want` lists a secret is a true positive, an empty one a
 * false positive (most are "invalid pattern" rows: a near-miss of the format, e.g. a character the format excludes).
 */
import { GoFile, type GoValue, force } from './goEval';
import { functionBodies, runBody } from './gitleaks';
import type { GitTree, PeerCase, SuiteRead } from './types';

export function readTrufflehog(tree: GitTree): SuiteRead {
  const cases: PeerCase[] = [];
  const notes: string[] = [];
  const paths = tree.list('pkg/detectors').filter((p) => /^pkg\/detectors\/[^/]+\/[^/]+_test\.go$/.test(p) && !p.endsWith('_integration_test.go'));
  const texts = tree.readMany(paths);
  let unread = 0;
  for (const path of paths) {
    const detector = path.split('/')[2]!;
    let file: GoFile;
    try {
      file = new GoFile(texts.get(path) ?? '', {});
    } catch {
      unread++;
      continue;
    }
    let found = 0;
    for (const body of functionBodies(file)) {
      if (!body.name.startsWith('Test')) continue;
      const env = new Map<string, GoValue>();
      runBody(file, env, body.start, body.end);
      const rows: GoValue[] = [];
      for (const v of env.values()) if (Array.isArray(v)) rows.push(...v.filter((r) => r && typeof r === 'object' && !Array.isArray(r) && 'input' in (r as object)));
      if (typeof env.get('input') === 'string' && env.has('want')) rows.push({ input: env.get('input')!, want: env.get('want')! });
      for (const row of rows) {
        const r = row as Record<string, GoValue>;
        let input: GoValue;
        let want: GoValue;
        try {
          input = force(r.input!);
          want = r.want === undefined ? [] : force(r.want);
        } catch {
          continue;
        }
        if (typeof input !== 'string') continue;
        found++;
        cases.push({ suite: 'trufflehog', peerRule: detector, text: input, ext: 'txt', expect: Array.isArray(want) && want.length > 0 ? 'tp' : 'fp' });
      }
    }
    if (found === 0) unread++;
  }
  if (unread) notes.push(`trufflehog: ${unread} of ${paths.length} pattern-test files gave no evaluated row (other test shapes, or inputs built by calls we do not model)`);
  return { cases, notes };
}
