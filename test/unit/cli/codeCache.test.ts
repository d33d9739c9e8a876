import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, realpathSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';
import { CLI_V8_FLAGS, codeCacheBytes, requireWithCodeCache } from '../../../src/cli/codeCache';

describe('requireWithCodeCache', () => {
  let dir: string;
  beforeEach(() => (dir = realpathSync(mkdtempSync(join(tmpdir(), 'rr-cache-')))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const write = (name: string, source: string) => {
    const file = join(dir, name);
    writeFileSync(file, source);
    return file;
  };

  it('loads a module from its code cache, and a later require of the file gets the same instance', () => {
    const file = write('counter.js', `exports.n = (globalThis.__rrLoads = (globalThis.__rrLoads ?? 0) + 1); exports.path = require('node:path').basename(__filename);`);
    const script = new Script(Module.wrap(`exports.warm = 1;`), { filename: file });
    writeFileSync(`${file}.cache`, codeCacheBytes(file, script.createCachedData()));
    const first = requireWithCodeCache(file) as { n: number; path: string };
    assert.equal(first.path, 'counter.js');
    assert.equal(createRequire(join(dir, 'other.js'))('./counter.js'), first, 'require shares the instance');
    assert.equal(requireWithCodeCache(file), first);
    delete require.cache[file];
  });

  it('compiles as usual when the cache is missing or belongs to other source', () => {
    const plain = write('plain.js', `module.exports = { value: 42 };`);
    assert.deepEqual(requireWithCodeCache(plain), { value: 42 });
    const stale = write('stale.js', `module.exports = { value: 7 };`);
    writeFileSync(`${stale}.cache`, Buffer.from('not a code cache at all'));
    assert.deepEqual(requireWithCodeCache(stale), { value: 7 });
    delete require.cache[plain];
    delete require.cache[stale];
  });

  it('ignores a cache made for an earlier build of the file, even one of the same length', () => {
    const file = write('same.js', `module.exports = 'a';`);
    const script = new Script(Module.wrap(`module.exports = 'a';`), { filename: file });
    writeFileSync(`${file}.cache`, codeCacheBytes(file, script.createCachedData()));
    // V8 alone would accept this cache (it checks the source's length) and run the old code.
    writeFileSync(file, `module.exports = 'b';`);
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    assert.equal(requireWithCodeCache(file), 'b');
    delete require.cache[file];
  });

  it('makes caches that only a process under the CLI flags accepts (why code-cache.mjs writes them under those flags)', () => {
    const file = write('flagged.js', `module.exports = [1, 2, 3].map((n) => n * 2).join(',');`);
    // Each step in a fresh process: flags are V8's, for the whole process.
    const inChild = (flags: boolean, body: string) => {
      const setup = `const { readFileSync, writeFileSync } = require('node:fs'); const Module = require('node:module'); const { Script } = require('node:vm'); const cc = require(${JSON.stringify(require.resolve('../../../src/cli/codeCache'))}); ${flags ? 'cc.applyCliV8Flags();' : ''} const file = ${JSON.stringify(file)};`;
      const r = spawnSync(process.execPath, ['--require', 'tsx/cjs', '-e', setup + body], { encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      return r.stdout.trim();
    };
    inChild(true, `const s = new Script(Module.wrap(readFileSync(file, 'utf8')), { filename: file }); s.runInThisContext(); writeFileSync(file + '.v8', s.createCachedData());`);
    const rejected = (flags: boolean) => inChild(flags, `process.stdout.write(String(new Script(Module.wrap(readFileSync(file, 'utf8')), { filename: file, cachedData: readFileSync(file + '.v8') }).cachedDataRejected));`);
    assert.ok(CLI_V8_FLAGS.length > 0);
    assert.equal(rejected(true), 'false', 'accepted under the flags it was made under');
    assert.equal(rejected(false), 'true', 'rejected under the default flags: the flags change what V8 checks a cache against');
  });

  it('throws what the module throws, and leaves nothing half-loaded behind', () => {
    const broken = write('broken.js', `throw new Error('boom at load');`);
    assert.throws(() => requireWithCodeCache(broken), /boom at load/);
    assert.equal(require.cache[broken], undefined);
    assert.equal(dirname(broken), dir);
  });
});
