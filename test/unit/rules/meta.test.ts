import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ruleDocPath, rules } from '../../../src/core/rules/index';
import { keyFileRules } from '../../../src/core/rules/keyFiles';
import { ruleSamples, samplesFor } from '../../../src/core/rules/samples';
import { SINGLE_KEY_CALL_RULE } from '../../../src/core/calls/index';

const root = join(__dirname, '../../..');

/** Conventions that a review would otherwise have to remember (cf. typescript-eslint tests/docs.test.mts). */
describe('rules meta', () => {
  it('has at least 60 provider formats', () => {
    assert.ok(rules.filter((r) => r.id !== 'generic-secret').length >= 60, `only ${rules.length}`);
  });

  it('ids are unique, stable kebab-case', () => {
    const ids = rules.map((r) => r.id);
    assert.deepEqual(ids.filter((id, i) => ids.indexOf(id) !== i), []);
    assert.deepEqual(ids.filter((id) => !/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id)), []);
  });

  it('rule family files are registered in alphabetical order', () => {
    const src = readFileSync(join(root, 'src/core/rules/index.ts'), 'utf8');
    const spread = [...src.matchAll(/^\s+\.\.\.(\w+),$/gm)].map((m) => m[1]!);
    assert.deepEqual(spread, [...spread].sort());
    const files = readdirSync(join(root, 'src/core/rules')).filter((f) => !['index.ts', 'types.ts', 'sampleGen.ts', 'samples.ts', 'keyFiles.ts', 'providerNames.ts'].includes(f));
    assert.equal(spread.length, files.length, 'every family file is registered');
  });

  for (const rule of rules) {
    describe(rule.id, () => {
      it('carries true- and false-positive samples', () => {
        const samples = samplesFor(rule.id);
        assert.ok(samples, 'no samples entry in its family file');
        assert.ok(samples.positives.length >= 1, 'no true-positive samples');
        assert.ok(samples.negatives.length >= 1, 'no false-positive samples');
      });

      it('has complete metadata', () => {
        assert.ok((rule.keywords.length > 0 || rule.everywhere === true) && rule.keywords.every((k) => k === k.toLowerCase()), 'keywords are lower-case');
        assert.ok(!rule.everywhere || !rule.nameHint, 'a name-bound rule runs where its names are');
        assert.match(rule.envName, /^[A-Z][A-Z0-9_]*$/);
        assert.match(rule.rotationUrl, /^https:\/\//);
        assert.ok(rule.title && rule.provider);
        assert.equal(rule.pattern.flags, '', 'the engine sets the flags');
        assert.ok(!rule.publishable || rule.severity === 'info' || rule.severity === 'hint', 'publishable keys are never errors');
      });

      it(`has ${ruleDocPath(rule.id)} with what, why and how to rotate`, () => {
        const path = join(root, ruleDocPath(rule.id));
        assert.ok(existsSync(path), `missing ${ruleDocPath(rule.id)}`);
        const doc = readFileSync(path, 'utf8');
        assert.ok(doc.includes(`\`${rule.id}\``), 'names the rule id');
        for (const heading of ['## What it detects', '## Why it matters', '## How to rotate']) assert.ok(doc.includes(heading), heading);
        assert.ok(doc.includes(rule.rotationUrl), 'links the provider page where the key is rotated');
      });
    });
  }

  it('every doc page belongs to a rule', () => {
    const pages = readdirSync(join(root, 'docs/rules')).filter((f) => f.endsWith('.md') && f !== 'README.md');
    // Provider rules, key files (keyFiles.ts, recognised from their bytes) and the single-key-call detector (src/core/calls).
    const ids = new Set([...rules.map((r) => r.id), ...keyFileRules.map((r) => r.id), SINGLE_KEY_CALL_RULE].map((id) => `${id}.md`));
    assert.deepEqual(pages.filter((p) => !ids.has(p)), []);
  });
});

describe('samples stay out of the runtime', () => {
  it('every samples entry belongs to a rule', () => {
    const ids = new Set(rules.map((r) => r.id));
    assert.deepEqual(Object.keys(ruleSamples).filter((id) => !ids.has(id)), []);
  });

  it("each family's samples are a function, so a bundle drops them whatever their expressions", () => {
    for (const file of readdirSync(join(root, 'src/core/rules')).filter((f) => f.endsWith('.ts') && f !== 'samples.ts')) {
      const text = readFileSync(join(root, 'src/core/rules', file), 'utf8');
      for (const m of text.matchAll(/^export const (\w+Samples)\b(.*)$/gm)) assert.match(m[2]!, /^ = \(\): Record<string, RuleSamples> => \(\{$/, `${file}: ${m[1]}`);
    }
  });

  it('only tests import the samples module, so the bundles drop it', () => {
    const offenders: string[] = [];
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, name.name);
        if (name.isDirectory()) walk(path);
        else if (/\.ts$/.test(name.name) && /from '[./]*(?:rules\/)?samples'/.test(readFileSync(path, 'utf8'))) offenders.push(path);
      }
    };
    walk(join(root, 'src'));
    assert.deepEqual(offenders, []);
  });
});
