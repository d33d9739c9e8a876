import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeSource, encodeSource } from '../../src/core/fix/sourceBytes';
import { makeSecret, runFixCommand, tempDir } from '../unit/fix/support';

/**
 * A cloned repository's encodings are attacker input (issue 13.4): `fix` either writes a file back
 * byte for byte outside its edit (BOM, encoding, line endings, mode) or refuses it with the reason.
 */
const fix = runFixCommand;

const bytes = (...parts: Array<string | number[]>): Buffer => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));
const BOM = [0xef, 0xbb, 0xbf];

describe('security: fix never breaks a file it rewrites (encodings, BOM, line endings)', () => {
  let temp: ReturnType<typeof tempDir>;
  let secret: string;
  beforeEach(() => {
    temp = tempDir();
    execFileSync('git', ['init', '-q'], { cwd: temp.dir });
    secret = makeSecret('stripe');
  });
  afterEach(() => temp.cleanup());

  const write = (name: string, content: Buffer): string => {
    const path = join(temp.dir, name);
    writeFileSync(path, content);
    return path;
  };

  it('Python with a UTF-8 BOM: the BOM stays first, `import os` goes after it', async () => {
    const path = write('app.py', bytes(BOM, `API_KEY = "${secret}"\n`));
    const { code, err } = await fix(temp.dir);
    assert.equal(code, 0, err);
    assert.deepEqual(readFileSync(path), bytes(BOM, 'import os\n\nAPI_KEY = os.environ["STRIPE_SECRET_KEY"]\n'));
  });

  it('Python that already imports os (after a BOM, or as os.path) gets no second import', async () => {
    const withBom = write('a.py', bytes(BOM, `import os\nAPI_KEY = "${secret}"\n`));
    const dotted = write('b.py', bytes(`import sys, os.path\r\nTOKEN = "${makeSecret('github')}"\r\n`));
    const { code, err } = await fix(temp.dir);
    assert.equal(code, 0, err);
    assert.deepEqual(readFileSync(withBom), bytes(BOM, 'import os\nAPI_KEY = os.environ["STRIPE_SECRET_KEY"]\n'));
    assert.equal(readFileSync(dotted, 'utf8').match(/import os\b/g), null);
    assert.match(readFileSync(dotted, 'utf8'), /^import sys, os\.path\r\nTOKEN = os\.environ\["\w+"\]\r\n$/);
  });

  it('a Latin-1 Python file (PEP 263 declaration) keeps its Latin-1 bytes', async () => {
    const path = write('legacy.py', bytes('# -*- coding: latin-1 -*-\nNAME = "caf', [0xe9], `"\nAPI_KEY = "${secret}"\n`));
    const { code, err } = await fix(temp.dir);
    assert.equal(code, 0, err);
    const after = readFileSync(path);
    assert.ok(!after.includes(Buffer.from([0xef, 0xbf, 0xbd])), 'no U+FFFD replacement character');
    assert.deepEqual(after, bytes('# -*- coding: latin-1 -*-\nimport os\nNAME = "caf', [0xe9], '"\nAPI_KEY = os.environ["STRIPE_SECRET_KEY"]\n'));
  });

  it('invalid UTF-8 in a .js file, or an encoding fix cannot write, is refused with the line and the reason', async () => {
    const original = bytes('const label = "x', [0xff, 0xfe], `";\nconst key = "${secret}";\n`);
    const js = write('bad.js', original);
    const sjis = bytes('# coding: shift_jis\n', `API_KEY = "${secret}"\n`);
    const py = write('jp.py', sjis);
    const { code, err } = await fix(temp.dir);
    assert.equal(code, 1);
    assert.match(err, /^bad\.js: not fixed: line 1 is not valid UTF-8 \(byte 0xff\)/m);
    assert.match(err, /^jp\.py: not fixed: the file declares the encoding 'shift_jis'/m);
    assert.ok(!err.includes(secret));
    assert.deepEqual(readFileSync(js), original);
    assert.deepEqual(readFileSync(py), sjis);
  });

  it('CRLF files get CRLF in every inserted line (TS import, Python import), LF-only files stay LF', async () => {
    const ts = write('client.ts', bytes(`import x from 'x';\r\n\r\nexport const key = '${secret}';\r\nexport default x;\r\n`));
    const py = write('client.py', bytes(`import sys\r\nTOKEN = "${makeSecret('github')}"\r\n`));
    const { code, err } = await fix(temp.dir);
    assert.equal(code, 0, err);
    const tsAfter = readFileSync(ts, 'utf8');
    assert.equal(tsAfter, "import x from 'x';\r\nimport { requireEnv } from './requireEnv';\r\n\r\nexport const key = requireEnv('STRIPE_SECRET_KEY');\r\nexport default x;\r\n");
    const pyAfter = readFileSync(py, 'utf8');
    assert.equal(pyAfter.match(/(?<!\r)\n/g), null, 'no lone LF');
    assert.match(pyAfter, /^import os\r\nimport sys\r\n/);
    assert.ok(!readFileSync(join(temp.dir, 'requireEnv.ts'), 'utf8').includes('\r'), 'a new file uses LF');
  });

  it('TS and JS files with a BOM are fixed, the BOM kept', async () => {
    const ts = write('a.ts', bytes(BOM, `export const k = '${secret}';\n`));
    const js = write('b.js', bytes(BOM, `const k = '${makeSecret('stripe')}';\nmodule.exports = k;\n`));
    const { code, err } = await fix(temp.dir);
    assert.equal(code, 0, err);
    assert.deepEqual(readFileSync(ts), bytes(BOM, "import { requireEnv } from './requireEnv';\n\nexport const k = requireEnv('STRIPE_SECRET_KEY');\n"));
    const jsAfter = readFileSync(js);
    assert.deepEqual(jsAfter.subarray(0, 3), Buffer.from(BOM));
    assert.match(jsAfter.subarray(3).toString('utf8'), /^const \{ requireEnv \} = require\('\.\/requireEnv'\);\n\nconst k = requireEnv\('\w+'\);\nmodule\.exports = k;\n$/);
  });

  it('a rewritten file keeps its permission bits (an executable script stays executable)', async () => {
    const path = write('tool.py', bytes(`#!/usr/bin/env python3\nAPI_KEY = "${secret}"\n`));
    chmodSync(path, 0o755);
    const { code, err } = await fix(temp.dir);
    assert.equal(code, 0, err);
    assert.equal(statSync(path).mode & 0o777, 0o755);
  });

  it('decodeSource/encodeSource round-trip every byte of the files they accept', () => {
    for (const [path, content] of [
      ['a.py', bytes(BOM, 'x = 1\r\n')],
      ['b.py', bytes('# vim: set fileencoding=iso-8859-1 :\n', [0xe9, 0xff, 0x0a])],
      ['c.ts', bytes('const s = "\u00e9\u{1f600}";\n')],
    ] as const) {
      const decoded = decodeSource(path, content);
      assert.ok(decoded.ok, path);
      assert.deepEqual(encodeSource(decoded.source, decoded.source.text), content, path);
    }
    assert.equal(decodeSource('d.ts', Buffer.from([0xff, 0xfe, 0x41, 0x00])).ok, false, 'UTF-16 is refused');
    assert.equal(decodeSource('e.ts', bytes('ok\n', [0xed, 0xa0, 0x80], '\n')).ok, false, 'an encoded surrogate is not UTF-8');
  });
});
