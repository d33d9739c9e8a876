/**
 * secretlint's rule snapshots (`packages/@secretlint/secretlint-rule-<x>/test/snapshots/<case>/input*` with the
 * expected `output.json`): each expected message is a true positive (its range in the input); an `ok.*` case with no
 * message is a false-positive sample. Cases whose name carries an option (`--enableIDScanRule-false`) or that test
 * options (`options.*`, or an `allows` list in the case's .secretlintrc.json) depend on configuration and are left out, as are rules that are not detectors.
 */
import type { GitTree, PeerCase, SuiteRead } from './types';

/** Not secret detectors: test helpers, presets, rules about file names or home paths, user-defined patterns. */
const NOT_DETECTORS = /^secretlint-rule-(?:example|internal-test-.*|filter-comments|pattern|preset-.*|no-homedir|no-dotenv)$/;

const BINARY_SAMPLES = /\.(?:p12|pfx)$/i;

export function readSecretlint(tree: GitTree): SuiteRead {
  const cases: PeerCase[] = [];
  const notes: string[] = [];
  const files = tree.list('packages/@secretlint').filter((p) => /\/test\/snapshots\/[^/]+\/[^/]+$/.test(p));
  const byCase = new Map<string, string[]>();
  for (const f of files) {
    const dir = f.slice(0, f.lastIndexOf('/'));
    byCase.set(dir, [...(byCase.get(dir) ?? []), f]);
  }
  const raw = tree.readManyBytes(files);
  const texts = new Map([...raw].map(([p, bytes]) => [p, bytes.toString('utf8')]));
  for (const [dir, paths] of byCase) {
    const pkg = dir.split('/')[2]!;
    const name = dir.split('/').pop()!;
    if (NOT_DETECTORS.test(pkg) || !/^(?:ng|ok)\./.test(name) || name.includes('--')) continue;
    const input = paths.find((p) => /\/input(?:\.[^/]*)?$/.test(p));
    const output = paths.find((p) => p.endsWith('/output.json'));
    if (!input || !output) continue;
    // A case whose configuration allow-lists values tests the option, not detection.
    const rc = paths.find((p) => p.endsWith('/.secretlintrc.json'));
    if (rc && /"allows"/.test(texts.get(rc) ?? '')) continue;
    const text = texts.get(input) ?? '';
    const base = input.split('/').pop()!;
    const ext = base.includes('.') ? base.slice(base.lastIndexOf('.') + 1).toLowerCase() : 'txt';
    let messages: Array<{ range: [number, number] }>;
    try {
      messages = JSON.parse(texts.get(output) ?? '').messages ?? [];
    } catch {
      notes.push(`secretlint ${pkg} ${name}: output.json not read`);
      continue;
    }
    const rule = pkg.replace(/^secretlint-rule-/, '');
    const fileName = ext === 'txt' && base === 'input' ? undefined : base;
    // Key containers are read as the bytes they are; secretlint's range for them is the whole file.
    const bytes = BINARY_SAMPLES.test(base) ? raw.get(input) : undefined;
    const sample = { suite: 'secretlint', peerRule: rule, text, ext, fileName, ...(bytes ? { bytes } : {}) };
    if (messages.length === 0) cases.push({ ...sample, expect: 'fp' });
    for (const m of messages) cases.push({ ...sample, expect: 'tp', ...(bytes ? {} : { range: m.range }) });
  }
  return { cases, notes };
}
