import { strict as assert } from 'node:assert';
import { generateCorpus, type Label } from '../../../bench/independent/corpus';
import { score, type Finding } from '../../../bench/independent/score';

// The independent yardstick's own logic: the corpus is the same for a seed, its labels point at distinct lines of
// real files, and the scorer counts a secret as found only on its lines and only above info severity.
describe('bench/independent', () => {
  const a = generateCorpus(7);

  it('generates the same corpus for a seed, and another for another seed', () => {
    const b = generateCorpus(7);
    assert.deepEqual(b.files, a.files);
    assert.deepEqual(b.labels, a.labels);
    assert.notDeepEqual(generateCorpus(8).files, a.files);
  });

  it('labels one planted value per line, inside its file, of every class', () => {
    const lines = new Map(a.files.map((f) => [f.path, f.content.split('\n')]));
    const seen = new Set<string>();
    for (const l of a.labels) {
      const text = lines.get(l.file);
      assert.ok(text, `label in a file that was not generated: ${l.file}`);
      assert.ok(l.line >= 1 && l.endLine >= l.line && l.endLine <= text.length, `${l.file}:${l.line}-${l.endLine}`);
      for (let n = l.line; n <= l.endLine; n++) {
        assert.ok(text[n - 1]!.trim(), `${l.file}:${n} is blank`);
        const key = `${l.file}:${n}`;
        assert.ok(!seen.has(key), `two labels on ${key}`);
        seen.add(key);
      }
    }
    for (const klass of ['provider', 'generic', 'negative']) assert.ok(a.labels.some((l) => l.klass === klass), klass);
  });

  it('puts at least one planted value in every file', () => {
    // Every file holds at least one label: a template whose slots all fail to fill would be dead weight.
    const labelled = new Set(a.labels.map((l) => l.file));
    for (const f of a.files) assert.ok(labelled.has(f.path), f.path);
  });

  it('scores a finding on a secret line as found, info severity as not found, anything else as a false positive', () => {
    const label = (line: number, endLine: number, klass: Label['klass'], kind: string): Label => ({
      file: 'x/a.ts', line, endLine, klass, kind, kindLabel: kind, contextOnly: false, placement: 'p', name: 'N', fileType: 'TypeScript', template: 't',
    });
    const labels = [label(2, 2, 'provider', 'k1'), label(4, 6, 'generic', 'pem'), label(8, 8, 'generic', 'k2'), label(10, 10, 'negative', 'n1')];
    const finding = (start: number, end: number, severity = 'error', kind = 'hardcoded-secret'): Finding => ({
      ruleId: 'r', kind, severity, path: 'x/a.ts', range: { start: { line: start - 1 }, end: { line: end - 1 } },
    });
    const s = score(labels, [finding(2, 2), finding(5, 5, 'warning'), finding(8, 8, 'info'), finding(10, 10), finding(12, 12), finding(3, 3, 'error', 'single-key-call')]);
    assert.equal(s.headline.providers.found, 1);
    assert.equal(s.headline.generic.found, 1, 'a finding inside a multi-line value finds it');
    assert.equal(s.headline.generic.infoOnly, 1);
    assert.deepEqual(s.misses.map((m) => [m.kind, m.infoOnly]), [['k2', true]]);
    assert.deepEqual(s.falsePositives.map((f) => [f.line, f.kind]), [[10, 'n1'], [12, 'unlabelled']]);
    assert.equal(s.headline.negatives.flagged, 1);
    assert.deepEqual(s.headline.otherFindings, { 'single-key-call': 1 });
    assert.equal(s.headline.precision, 2 / 4);
  });
});
