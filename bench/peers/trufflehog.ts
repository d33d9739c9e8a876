/**
 * trufflehog's pattern tests (`pkg/detectors/<name>/<name>_test.go`, not the `_integration_test.go` ones that call
 * live services): a table `tests := []struct{ name, input string; want []string }{…}` per test function, or an
 * `input` and a `want` in the function itself. A row whose `want` lists a secret is a true positive, an empty one a
 * false positive (most are "invalid pattern" rows: a near-miss of the format, e.g. a character the format excludes).
 *
 * Deeper layouts are detectors of their own and read the same way: a format's versions
 * (`<name>/v1/…`, `<name>/v2/…`, `azure_entra/serviceprincipal/v2/…`) and a family's members (`aws/session_keys/…`,
 * `hashicorpvault/hashicorpvaulttoken/…`). Their peer rule is the directory path under `pkg/detectors`
 * (`github/v2`), so each version is scored on its own; a detector at the top keeps its bare name.
 */
import { GoFile, GoLazy, type GoValue, force } from './goEval';
import { functionBodies, runBody } from './gitleaks';
import type { GitTree, PeerCase, SuiteRead } from './types';

/** `Test_FindTenantIdMatches`, `Test_FindClientIdMatches`: tests of a helper that finds ids beside a secret. */
const IDENTIFIER_FINDER = /^Test_?Find\w*Id(?:Matches)?$/;

/**
 * The rows of a test table: a slice of structs (`[]struct{ name, input string; want []string }{…}`) or a map from a
 * case's name to a struct (`map[string]testCase{"name": {Input: …, Expected: …}}`, the versioned Azure Entra tests).
 */
function tableRows(v: GoValue): Record<string, GoValue>[] {
  const isRow = (r: GoValue): r is Record<string, GoValue> => !!r && typeof r === 'object' && !Array.isArray(r) && ('input' in r || 'Input' in r);
  if (Array.isArray(v)) return v.filter(isRow);
  if (v && typeof v === 'object' && !(v instanceof GoLazy)) return Object.values(v).filter(isRow);
  return [];
}

/** Whether a row's expected result names a secret: a non-empty `want` slice, or a non-empty `Expected` set (a map). */
const listsSomething = (want: GoValue): boolean =>
  Array.isArray(want) ? want.length > 0 : !!want && typeof want === 'object' && !(want instanceof GoLazy) && Object.keys(want).length > 0;

export function readTrufflehog(tree: GitTree): SuiteRead {
  const cases: PeerCase[] = [];
  const notes: string[] = [];
  const paths = tree.list('pkg/detectors').filter((p) => /^pkg\/detectors\/(?:[^/]+\/)+[^/]+_test\.go$/.test(p) && !p.endsWith('_integration_test.go'));
  const texts = tree.readMany(paths);
  let unread = 0;
  for (const path of paths) {
    const detector = path.split('/').slice(2, -1).join('/');
    let file: GoFile;
    try {
      file = new GoFile(texts.get(path) ?? '', {});
    } catch {
      unread++;
      continue;
    }
    let found = 0;
    for (const body of functionBodies(file)) {
      // A finder of identifiers (Azure Entra's tenant and client ids) is tested for ids, not secrets: its rows are no
      // samples of a credential either way.
      if (!body.name.startsWith('Test') || IDENTIFIER_FINDER.test(body.name)) continue;
      const env = new Map<string, GoValue>();
      runBody(file, env, body.start, body.end);
      const rows: Record<string, GoValue>[] = [];
      for (const v of env.values()) rows.push(...tableRows(v));
      if (typeof env.get('input') === 'string' && env.has('want')) rows.push({ input: env.get('input')!, want: env.get('want')! });
      for (const r of rows) {
        let input: GoValue;
        let want: GoValue;
        try {
          input = force((r.input ?? r.Input)!);
          const expected = r.want ?? r.Expected ?? r.expected;
          want = expected === undefined ? [] : force(expected);
        } catch {
          continue;
        }
        if (typeof input !== 'string') continue;
        found++;
        cases.push({ suite: 'trufflehog', peerRule: detector, text: input, ext: 'txt', expect: listsSomething(want) ? 'tp' : 'fp' });
      }
    }
    if (found === 0) unread++;
  }
  if (unread) notes.push(`trufflehog: ${unread} of ${paths.length} pattern-test files gave no evaluated row (other test shapes, or inputs built by calls we do not model)`);
  return { cases, notes };
}
