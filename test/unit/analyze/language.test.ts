import * as assert from 'node:assert/strict';
import { isTestPath, languageOfPath } from '../../../src/core/analyze/language';

describe('languageOfPath', () => {
  it('reads the language from the extension or the whole name, either slash, any case', () => {
    assert.equal(languageOfPath('src/a.TS'), 'typescript');
    assert.equal(languageOfPath('web\\app.mjs'), 'javascript');
    assert.equal(languageOfPath('deploy/Dockerfile'), 'dockerfile');
    assert.equal(languageOfPath('deploy/Dockerfile.prod'), 'dockerfile');
    assert.equal(languageOfPath('config/.env.local'), 'dotenv');
    assert.equal(languageOfPath('tsconfig.json'), 'jsonc');
    assert.equal(languageOfPath('data.json'), 'json');
    assert.equal(languageOfPath('a.b/README'), 'text');
  });

  it('gives text for names that are members of every object (constructor, __proto__, toString)', () => {
    for (const path of ['lib/constructor', '__proto__', 'x/toString', 'y/z.hasOwnProperty', 'a.valueOf', 'b.__proto__']) assert.equal(languageOfPath(path), 'text', path);
  });
});

describe('isTestPath', () => {
  it('knows test folders, test and spec files, and example templates', () => {
    for (const path of ['test/a.ts', 'src/__tests__/a.js', 'a.spec.tsx', 'tests/test_x.py', 'x_test.go', '.env.example']) assert.ok(isTestPath(path), path);
    for (const path of ['src/contest.ts', 'src/latest/a.ts', 'testing.md']) assert.ok(!isTestPath(path), path);
  });
});
