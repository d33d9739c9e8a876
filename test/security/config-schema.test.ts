import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../../src/core/config/index';
import { compiledSchema } from '../../src/core/config/generated/validate';
import { listener } from './hostile';
import { fill, linearFailure, plainText, timeOf } from './ruleTiming';

/** Every `pattern` the generated validator compiles (with the u flag, as ajv does). */
function schemaPatterns(): string[] {
  const found = new Set<string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    for (const [k, v] of Object.entries(node)) {
      if (k === 'pattern' && typeof v === 'string') found.add(v);
      else if (k !== 'enum' && k !== 'default' && k !== 'const') walk(v);
    }
  };
  walk(compiledSchema);
  return [...found];
}

/** Repeated units an attacker would try against these patterns: each character class they use, and their separators. */
const UNITS = ['a', 'A', '0', '_', '-', '.', ':', '@', '<', '>', '/', ' ', '[', '$', 'a@', 'a<', 'a.', '127.', '0.', ':0', 'a b', '\t'];
const PREFIXES = ['', 'a', 'a@', 'a<', 'http://127.', 'http://localhost:', 'https://', 'R <'];

describe('security: the config schema in a hostile repository (issue 14.4)', function () {
  this.timeout(300_000);

  it('has patterns to check (the validator compiles them)', () => {
    assert.ok(schemaPatterns().length >= 8, schemaPatterns().join('\n'));
    const source = readFileSync(join(__dirname, '../../src/core/config/generated/validate.ts'), 'utf8');
    for (const p of schemaPatterns()) assert.ok(source.includes(`new RegExp(${JSON.stringify(p)}, "u")`), `compiled with the u flag: ${p}`);
  });

  it('no pattern backtracks: each is linear on long runs of every unit it could match, ended by a character it cannot', () => {
    const text = plainText();
    // The yardstick: one full linear scan of 1 MiB by the regex engine (a pattern that never matches).
    const plainMsPerMiB = Math.max(timeOf(() => /[^\s\S]/u.test(text), 3), 1);
    const failures: string[] = [];
    for (const pattern of schemaPatterns()) {
      const re = new RegExp(pattern, 'u');
      for (const prefix of PREFIXES) {
        for (const unit of UNITS) {
          const failure = linearFailure(`/${pattern}/ on ${JSON.stringify(prefix)} + ${JSON.stringify(unit)}…`, (size) => `${fill(prefix, unit, size)}\u0000`, (t) => re.test(t), plainMsPerMiB, 20, 50);
          if (failure) failures.push(failure);
        }
      }
    }
    assert.deepEqual(failures, []);
  });

  it('a `$schema` or `$ref` in the file is never fetched nor followed: it stays data, and the file is judged on its own', async () => {
    const server = await listener();
    try {
      const text = JSON.stringify({
        $schema: `${server.url}/schema.json`,
        $ref: `${server.url}/root.json`,
        definitions: { service: { $ref: `${server.url}/service.json` } },
        services: [
          { name: 'a', $ref: `${server.url}/a.json`, probe: { url: 'https://api.example.com/me', auth: { type: 'bearer', $ref: '#/definitions/service' } } },
          { $ref: `${server.url}/b.json` },
        ],
      });
      const loaded = loadConfig(text, '/ws/.rotation-ready.json');
      // Anything the loader started would have reached the listener by now.
      await new Promise((r) => setTimeout(r, 300));
      assert.deepEqual(server.requests, []);
      assert.deepEqual(loaded.services.map((s) => s.name), ['a']);
      const unknown = loaded.errors.filter((e) => /unknown property '(\$ref|definitions)'/.test(e.message)).map((e) => e.path);
      assert.deepEqual(unknown.sort(), ['$ref', 'definitions', 'services[0].$ref', 'services[0].probe.auth.$ref', 'services[1].$ref']);
      assert.deepEqual(loaded.skipped.map((s) => s.name), ['services[1]'], 'a service that is only a $ref is left out, not resolved');
      assert.ok(loaded.errors.some((e) => e.path === 'services[1]' && /missing 'name'/.test(e.message)));
    } finally {
      await server.close();
    }
  });

  it('the generated validator loads nothing at run time but the URL check', () => {
    const source = readFileSync(join(__dirname, '../../src/core/config/generated/validate.ts'), 'utf8');
    assert.deepEqual(source.match(/\b(require|import)\b[^;\n]*/g), ["import * as formats from '../urlFormat'"]);
    assert.ok(!/\bfetch\b|\bhttp/.test(source.replace(/"(?:[^"\\]|\\.)*"/g, '""')), 'no network code outside string literals');
  });
});
