import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { CliIo } from '../../src/cli/command';
import { createAlertSecretCommand, readValueFromStdin } from '../../src/cli/commands/alert-secret';
import { main } from '../../src/cli/main';
import { MemoryKeychain } from '../../src/core/keychain/memory';
import { printable } from '../../src/core/printable';
import { makeSecret, rand } from '../unit/fix/support';

/**
 * Issue 13, items 7 and 8: what the CLI prints. A key pasted in the wrong place was echoed in full by config errors,
 * `scan --baseline .env` and `alert-secret set <key>`; file and config names with ESC, BEL, CR/LF or bidi overrides
 * reached the terminal raw (a newline forged a `fake.py:1:1 error` line).
 */
async function cli(cwd: string, argv: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { stdout: (t) => void (out += t), stderr: (t) => void (err += t), cwd, env: { ROTATION_READY_SALT: 'output-guard', ROTATION_READY_CONFIG_DIR: join(cwd, '..', 'user'), ...env }, signal: new AbortController().signal };
  const code = await main(argv, io);
  return { code, out, err };
}

/** Control characters (but LF and tab, which a text's own lines use) and bidi formatting characters. */
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

function assertNoKey(text: string, keys: readonly string[], what: string): void {
  for (const key of keys) {
    for (const form of [key, key.slice(4), encodeURIComponent(key), Buffer.from(key).toString('base64')]) assert.ok(!text.includes(form), `${what} shows key material:\n${text}`);
  }
}

describe('security: what the CLI prints (issue 13.7, 13.8)', function () {
  this.timeout(60_000);
  let dir: string;
  let ws: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rr-out-'));
    ws = join(dir, 'repo');
    mkdirSync(ws);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  describe('a key in the wrong place is printed redacted (13.7)', () => {
    it('in a config: as probe.url, auth.type, method, an unknown property name', async () => {
      const stripe = makeSecret('stripe');
      const github = makeSecret('github');
      // No provider prefix: caught as a high-entropy token.
      const random = rand(40);
      const openai = makeSecret('openai');
      const config = {
        version: 1,
        services: [
          { name: 'a', environments: ['dev'], probe: { url: stripe, auth: { type: 'bearer' } } },
          { name: 'b', environments: ['dev'], probe: { url: 'https://api.example.com/v1', auth: { type: github } } },
          { name: 'c', environments: ['dev'], probe: { url: 'https://api.example.com/v1', method: random, auth: { type: 'bearer' } } },
          { name: 'd', environments: ['dev'], probe: { url: 'https://api.example.com/v1', auth: { type: 'bearer' } }, [openai]: true },
        ],
      };
      writeFileSync(join(ws, '.rotation-ready.json'), JSON.stringify(config, null, 2));
      const r = await cli(ws, ['dry-run']);
      assert.equal(r.code, 2);
      assert.match(r.err, /\.rotation-ready\.json:\d+:\d+: error: services\[0\]\.probe\.url/, 'the errors are still located');
      assert.match(r.err, /services\[3\]\["[^"]*"\]: unknown property|unknown property/);
      assertNoKey(r.out + r.err, [stripe, github, random, openai], 'dry-run config errors');
      assert.match(r.err, /Stripe…/, 'shown as provider + last 4');
    });

    it('scan --baseline .env: the parse error says where, not what', async () => {
      const key = makeSecret('stripe');
      writeFileSync(join(ws, '.env'), `STRIPE_SECRET_KEY=${key}\n`);
      const r = await cli(ws, ['scan', '--baseline', '.env']);
      assert.equal(r.code, 2);
      assert.match(r.err, /\.env: not valid JSON \(\w+ at line 1, column \d+\)/);
      assertNoKey(r.out + r.err, [key], 'scan --baseline');
    });

    it('alert-secret set <a key as the name>: refused, not stored, not echoed', async () => {
      const key = makeSecret('stripe');
      const keychain = new MemoryKeychain();
      let out = '';
      let err = '';
      const io: CliIo = { stdout: (t) => void (out += t), stderr: (t) => void (err += t), cwd: ws, env: { ROTATION_READY_CONFIG_DIR: join(dir, 'user') }, signal: new AbortController().signal };
      const command = createAlertSecretCommand({ keychain: () => keychain, approvals: () => ({ isApproved: () => false, approve: () => undefined }), readValue: (io2, prompt) => readValueFromStdin(io2, prompt, Readable.from(['typed-value'])) });
      const code = await main(['alert-secret', 'set', key], io);
      assert.equal(code, 2);
      assertNoKey(out + err, [key], 'alert-secret set');
      // The same through the command object the CLI lists (its dependencies injected): nothing stored.
      await assert.rejects(command.run(['set', key], io), /looks like a key, not a credential name/);
      assert.deepEqual(await keychain.list(''), []);
    });
  });

  describe('control and bidi characters are escaped (13.8)', () => {
    it('scan: a file name with ESC, BEL, CR, LF and a bidi override cannot forge a line or drive the terminal', async () => {
      const key = makeSecret('stripe');
      const name = 'x\u001b]0;owned\u0007\r\nfake.py:1:1  error    stripe-secret-key  forged\u202e.ts';
      writeFileSync(join(ws, name), `export const k = '${key}';\n`);
      // Not UTF-8 inside, so it gets a note too.
      writeFileSync(join(ws, `note\u001b[2J\n.py`), Buffer.from([0x4b, 0x3d, 0xff, 0x0a]));
      const text = await cli(ws, ['scan']);
      assert.equal(text.code, 1, text.err);
      assert.doesNotMatch(text.out + text.err, RAW_CONTROL);
      assert.doesNotMatch(text.out, /^fake\.py/m, 'a forged line');
      assert.ok(text.out.includes(printable(name)), 'the name, escaped');
      assert.match(text.out, /note\\u001b\[2J\\u000a\.py: note: Not valid UTF-8/);
      // JSON keeps the exact name (its escapes are JSON's own).
      const json = await cli(ws, ['scan', '--format', 'json']);
      assert.doesNotMatch(json.out, RAW_CONTROL);
      assert.deepEqual((JSON.parse(json.out) as { findings: Array<{ path: string }> }).findings.map((f) => f.path), [name]);
    });

    it('config errors: a property name with a newline and ESC stays on its line', async () => {
      const config = `{ "version": 1, "services": [ { "name": "a", "environments": ["dev"], "probe": { "url": "https://api.example.com", "auth": { "type": "bearer" } }, "x\\u001b[31m\\nfake.json:1:1: error: forged": 1 } ] }`;
      writeFileSync(join(ws, '.rotation-ready.json'), config);
      const r = await cli(ws, ['dry-run']);
      assert.doesNotMatch(r.err, RAW_CONTROL);
      assert.doesNotMatch(r.err, /^fake\.json/m);
      assert.match(r.err, /unknown property 'x\\u001b\[31m\\u000afake\.json:1:1: error: forged'/);
    });

    it('unknown commands and options are echoed escaped', async () => {
      const r = await cli(ws, ['sc\u001b[2Jan']);
      assert.equal(r.code, 2);
      assert.doesNotMatch(r.err, RAW_CONTROL);
      const o = await cli(ws, ['scan', '--for\u009bmat']);
      assert.equal(o.code, 2);
      assert.doesNotMatch(o.err, RAW_CONTROL);
    });
  });
});
