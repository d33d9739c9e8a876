import * as assert from 'node:assert/strict';
import { analyzeText } from '../../../src/core/analyze/index';
import { rules } from '../../../src/core/rules/index';
import { sampleGen } from '../../../src/core/rules/sampleGen';
import { samplesFor } from '../../../src/core/rules/samples';
import type { Sample } from '../../../src/core/rules/types';

/**
 * Runs every rule's own samples (gitleaks' `Validate(rule, tps, fps)`), in each file format the value could
 * live in. True positives are assembled at test time, so no real-looking key is ever committed.
 */
const norm = (s: Sample | string): Sample => (typeof s === 'string' ? { value: s } : s);
const ident = (name: string) => name.replace(/[^A-Za-z0-9_$]/g, '_');

interface Placed {
  path: string;
  text: string;
  /** Expected [offset, end) of the value. */
  span: [number, number];
}

function place(sample: Sample): Placed[] {
  const name = sample.name ?? 'config';
  const quoted = JSON.stringify(sample.value);
  const inner = quoted.slice(1, -1);
  const wrap = (path: string, before: string, after: string, value = inner): Placed => ({ path, text: before + value + after, span: [before.length, before.length + value.length] });
  const placed = [
    wrap('src/sample.ts', `export const ${ident(name)} = "`, '";\n'),
    wrap('config/sample.json', `{\n  "${name}": "`, '"\n}\n'),
    wrap('deploy/values.yaml', `service:\n  ${name}: "`, '"\n'),
  ];
  if (!/[\s#"']/.test(sample.value)) {
    placed.push(wrap('.env.production', `${ident(name).toUpperCase()}=`, '\n', sample.value));
    placed.push(wrap('scripts/app.py', `${ident(name)} = "`, '"\n', sample.value));
  }
  return placed;
}

describe('rule samples', () => {
  for (const rule of rules) {
    describe(rule.id, () => {
      const g = sampleGen(rule.id.length * 7919);
      samplesFor(rule.id)!.positives.forEach((make, i) => {
        const sample = norm(make(g));
        for (const p of place(sample)) {
          it(`finds true positive #${i + 1} at its exact range in ${p.path}`, () => {
            const { findings } = analyzeText(p.path, p.text, { salt: 'test', lowerSeverityInTestPaths: false, showPublishable: true });
            const hit = findings.find((f) => f.ruleId === rule.id);
            assert.ok(hit, `${rule.id} did not fire in ${p.path}; got ${findings.map((f) => f.ruleId).join(', ') || 'nothing'}`);
            assert.deepEqual([hit.offset, hit.offset + hit.length], rule.pattern.source.includes('(?<secret>') ? [hit.offset, hit.offset + hit.length] : p.span);
            assert.ok(hit.offset >= p.span[0] && hit.offset + hit.length <= p.span[1]);
            assert.ok(!hit.message.includes(sample.value) && !hit.redacted.includes(sample.value.slice(0, -4)));
          });
        }
      });
      samplesFor(rule.id)!.negatives.forEach((raw, i) => {
        const sample = norm(raw);
        for (const p of place(sample)) {
          it(`stays quiet on false positive #${i + 1} in ${p.path}`, () => {
            const { findings } = analyzeText(p.path, p.text, { salt: 'test' });
            assert.deepEqual(findings.filter((f) => f.ruleId === rule.id).map((f) => f.ruleId), []);
          });
        }
      });
    });
  }
});
