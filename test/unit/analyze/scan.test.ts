import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listFiles, scanWorkspace, type ScanProgress } from '../../../src/core/analyze/scan';
import { frag } from './tester';

function workspace(files: Record<string, string | Buffer>): string {
  const root = mkdtempSync(join(tmpdir(), 'rr-scan-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

describe('scanWorkspace', () => {
  let root: string;
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('walks the roots, respects .gitignore (nested too), default and custom excludes, and sorts', async () => {
    root = workspace({
      '.gitignore': 'dist/\n*.log\n',
      'src/app.ts': `const stripe = '${frag.stripe}';\n`,
      'src/nested/.gitignore': 'secret.ts\n',
      'src/nested/secret.ts': `const k = '${frag.stripe}';\n`,
      'src/nested/kept.ts': `const k = '${frag.ghp}';\n`,
      'dist/bundle.js': `var k='${frag.stripe}';`,
      'debug.log': frag.stripe,
      'node_modules/pkg/index.js': `var k='${frag.stripe}';`,
      'vendor/lib.js': `var k='${frag.stripe}';`,
    });
    const { files } = await listFiles({ roots: ['.'], cwd: root, salt: 's', exclude: ['vendor/**'] });
    assert.deepEqual(files.map((f) => f.rel), ['.gitignore', 'src/app.ts', 'src/nested/.gitignore', 'src/nested/kept.ts']);
    const all = await listFiles({ roots: ['.'], cwd: root, salt: 's', gitignore: false });
    assert.ok(all.files.some((f) => f.rel === 'dist/bundle.js'));
    assert.ok(!all.files.some((f) => f.rel.startsWith('node_modules/')));
    const result = await scanWorkspace({ roots: ['.'], cwd: root, salt: 's', exclude: ['vendor/**'] });
    assert.deepEqual(result.findings.map((f) => `${f.path}:${f.ruleId}`), ['src/app.ts:stripe-secret-key', 'src/nested/kept.ts:github-classic-token']);
  });

  it('excludes the default directories at any depth, with or without excludes of the user, and only directories', async () => {
    root = workspace({
      'packages/a/node_modules/dep/index.js': 'x',
      'packages/a/.git/config': 'x',
      'packages/a/src/.hg/x': 'x',
      'packages/b/.svn/entries': 'x',
      // A worktree's `.git` is a file: the patterns name directories.
      'packages/b/.git': 'gitdir: ../.git/worktrees/b\n',
      'packages/b/node_modules.md': 'x',
      'packages/b/vendor/x.js': 'x',
    });
    for (const exclude of [undefined, ['vendor/']]) {
      const { files } = await listFiles({ roots: ['.'], cwd: root, salt: 's', exclude });
      const expected = ['packages/b/.git', 'packages/b/node_modules.md', ...(exclude ? [] : ['packages/b/vendor/x.js'])];
      assert.deepEqual(files.map((f) => f.rel), expected, String(exclude));
    }
  });

  it('skips binary, oversized and unreadable files with a reason, notes non-UTF-8', async () => {
    root = workspace({
      'image.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1, ...Buffer.from(frag.stripe)]),
      'big.txt': 'a'.repeat(5000) + frag.stripe,
      'latin1.properties': Buffer.concat([Buffer.from('caf\xe9=1\nkey='), Buffer.from(frag.stripe), Buffer.from([0xe9, 0x0a])]),
    });
    const result = await scanWorkspace({ roots: ['.'], cwd: root, salt: 's', maxFileBytes: 4096 });
    assert.deepEqual(result.skipped, [
      { path: 'big.txt', reason: 'larger than 4 KiB' },
      { path: 'image.png', reason: 'binary' },
    ]);
    assert.deepEqual(result.findings.map((f) => f.path), ['latin1.properties']);
    assert.match(result.notes.find((n) => n.path === 'latin1.properties')!.note, /Not valid UTF-8/);
  });

  it('reads a file whole at every size around the limit and the read buffer, and skips one over the limit', async () => {
    // Read until the end, not by a size asked first: files that fit the shared buffer (1 MiB), fill it, outgrow it.
    const file = (size: number) => 'x'.repeat(size - frag.stripe.length - 1) + '\n' + frag.stripe;
    const sizes = [4095, 4096, 4097, (1 << 20) - 1, 1 << 20, (1 << 20) + 1, 5 << 20];
    root = workspace(Object.fromEntries(sizes.map((size) => [`f${size}.txt`, file(size)])));
    const small = await scanWorkspace({ roots: ['.'], cwd: root, salt: 's', maxFileBytes: 4096 });
    assert.deepEqual(small.findings.map((f) => f.path), ['f4095.txt', 'f4096.txt']);
    assert.deepEqual(small.skipped.map((s) => s.path).sort(), sizes.slice(2).map((size) => `f${size}.txt`).sort());
    const large = await scanWorkspace({ roots: ['.'], cwd: root, salt: 's', maxFileBytes: 6 << 20 });
    assert.deepEqual(large.skipped, []);
    // Each file's finding is at its end: the whole file was read.
    assert.deepEqual(large.findings.map((f) => [f.path, f.offset]).sort(), sizes.map((size) => [`f${size}.txt`, size - frag.stripe.length]).sort());
    const limit = await scanWorkspace({ roots: ['.'], cwd: root, salt: 's', maxFileBytes: 1 << 20 });
    assert.deepEqual(limit.skipped.map((s) => s.path).sort(), [`f${(1 << 20) + 1}.txt`, `f${5 << 20}.txt`]);
  });

  it('survives symlink loops and reports each real file once', async () => {
    root = workspace({ 'a/key.env': `TOKEN=${frag.ghp}\n` });
    symlinkSync(join(root, 'a'), join(root, 'a', 'loop'));
    symlinkSync(join(root, 'a', 'key.env'), join(root, 'alias.env'));
    const result = await scanWorkspace({ roots: ['.'], cwd: root, salt: 's' });
    assert.equal(result.findings.length, 1);
    assert.equal(result.files, 1);
  });

  it('reports progress with done/total and stops when cancelled', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 40; i++) files[`f${String(i).padStart(2, '0')}.ts`] = `const apiKey = '${frag.random32}';\n`;
    root = workspace(files);
    const seen: ScanProgress[] = [];
    await scanWorkspace({ roots: [root], salt: 's', concurrency: 2, onProgress: (p) => seen.push(p) });
    assert.deepEqual(seen[0], { done: 0, total: 40 });
    assert.equal(seen.at(-1)!.done, 40);
    assert.ok(seen.every((p) => p.total === 40));

    const controller = new AbortController();
    const result = await scanWorkspace({
      roots: [root],
      salt: 's',
      concurrency: 1,
      signal: controller.signal,
      onProgress: (p) => p.done === 5 && controller.abort(),
    });
    assert.equal(result.cancelled, true);
    assert.ok(result.files < 40 && result.files >= 5);
  });

  it('scans a single file root and reports a missing root', async () => {
    root = workspace({ 'one.ts': `const t = '${frag.ghp}';` });
    const result = await scanWorkspace({ roots: ['one.ts', 'missing.ts'], cwd: root, salt: 's' });
    assert.deepEqual(result.findings.map((f) => f.path), ['one.ts']);
    assert.deepEqual(result.skipped, [{ path: 'missing.ts', reason: 'not found' }]);
  });
});
