import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse as parseJsonc } from 'jsonc-parser';
import {
  DEMO_DIR,
  SECRET_KINDS,
  type SecretKind,
  demoSecrets,
  fillPlaceholders,
  listDemoFiles,
  materializeDemo,
  secretValue,
} from '../../scripts/materialize-demo';

const SCRIPT = path.resolve(__dirname, '../../scripts/materialize-demo.ts');

/** The exact shape of each kind: prefix, charset, length. */
const SHAPES: Record<SecretKind, RegExp> = {
  'stripe-secret-key': /^sk_live_[A-Za-z0-9]{24}$/,
  'stripe-publishable-key': /^pk_live_[A-Za-z0-9]{24}$/,
  'github-token': /^ghp_[A-Za-z0-9]{36}$/,
  'openai-api-key': /^sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}$/,
  'slack-bot-token': /^xox[b]-\d{12}-\d{13}-[A-Za-z0-9]{24}$/,
  'aws-access-key-id': /^AKIA[A-Z2-7]{16}$/,
  'aws-secret-access-key': /^[A-Za-z0-9/+]{40}$/,
  'generic-hex-32': /^[0-9a-f]{32}$/,
  'generic-base64-40': /^[A-Za-z0-9/+]{40}$/,
  password: /^[A-Za-z0-9]{20}$/,
};

/** What other scanners and push protection look for; none may occur in the repository's own files. */
const KEY_SHAPED = [/sk_live_[A-Za-z0-9]{20}/, /ghp_[A-Za-z0-9]{36}/, /AKIA[0-9A-Z]{16}/, /xox[bp]-/, /sk-[A-Za-z0-9]{20}/];

const TOKEN = '{{' + 'secret:';

function readTree(dir: string): Map<string, string> {
  return new Map(listDemoFiles(dir).map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8')]));
}

describe('demo workspace', () => {
  let tmp: string;
  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rr-demo-test-'));
  });
  after(() => {
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  describe('synthetic values', () => {
    it('have the exact shape of their provider for every kind, index and seed', () => {
      for (const kind of SECRET_KINDS) {
        for (const seed of ['rotation-ready-demo', 'other-seed']) {
          for (const index of [0, 1, 7]) {
            const value = secretValue(kind, index, seed);
            assert.match(value, SHAPES[kind], `${kind}:${index} (${seed})`);
          }
        }
      }
    });

    it('are stable for the same kind, index and seed and differ otherwise', () => {
      assert.equal(secretValue('stripe-secret-key', 0, 's'), secretValue('stripe-secret-key', 0, 's'));
      assert.notEqual(secretValue('stripe-secret-key', 0, 's'), secretValue('stripe-secret-key', 1, 's'));
      assert.notEqual(secretValue('stripe-secret-key', 0, 's'), secretValue('stripe-secret-key', 0, 't'));
      assert.notEqual(secretValue('generic-hex-32'), secretValue('generic-hex-32', 1));
    });

    it('reject an unknown kind and a malformed token, naming the file', () => {
      assert.throws(() => fillPlaceholders(`x = "${TOKEN}no-such-kind}}"`, 's', 'a.ts'), /a\.ts: unknown secret kind "no-such-kind"/);
      assert.throws(() => fillPlaceholders(`x = "${TOKEN}Stripe Key}}"`, 's', 'b.ts'), /b\.ts: malformed/);
    });
  });

  describe('source tree', () => {
    it('contains no key-shaped string (placeholders only)', () => {
      const files = [...readTree(DEMO_DIR)].concat([
        ['scripts/materialize-demo.ts', fs.readFileSync(SCRIPT, 'utf8')],
        ['test/unit/demo.test.ts', fs.readFileSync(__filename, 'utf8')],
      ]);
      for (const [file, text] of files) {
        for (const re of KEY_SHAPED) assert.doesNotMatch(text, re, `${file} holds a key-shaped string`);
      }
    });

    it('uses every secret kind at least once', () => {
      const used = new Set(demoSecrets().map((s) => s.kind));
      assert.deepEqual([...SECRET_KINDS].filter((k) => !used.has(k)), []);
    });

    it('calls the services of .rotation-ready.json at their paths, with their auth', () => {
      const config = parseJsonc(fs.readFileSync(path.join(DEMO_DIR, '.rotation-ready.json'), 'utf8')) as {
        services: Array<{ name: string; probe: { url: string; auth: { type: string; name?: string } } }>;
      };
      const code = [...readTree(DEMO_DIR)].filter(([f]) => f.startsWith('src/')).map(([, t]) => t).join('\n');
      assert.ok(config.services.length >= 3);
      for (const svc of config.services) {
        const prefix = new URL(svc.probe.url).pathname.split('/').slice(0, 3).join('/'); // `/billing-api/v1`
        assert.ok(code.includes(`${prefix}`), `no demo call under ${prefix} (${svc.name})`);
        const auth = svc.probe.auth;
        if (auth.type === 'bearer') assert.ok(code.includes('Bearer ${'), `${svc.name}: no bearer call`);
        if (auth.type === 'header') assert.ok(code.includes(`'${auth.name}'`), `${svc.name}: no ${auth.name} header`);
        if (auth.type === 'query') assert.ok(code.includes(`${auth.name}:`), `${svc.name}: no ${auth.name} query parameter`);
      }
    });
  });

  describe('materializeDemo', () => {
    it('fills every placeholder and copies every file', () => {
      const result = materializeDemo(DEMO_DIR, path.join(tmp, 'a'));
      const out = readTree(result.targetDir);
      assert.deepEqual([...out.keys()], listDemoFiles(DEMO_DIR));
      assert.ok(result.filled >= 10, `only ${result.filled} placeholders filled`);
      for (const [file, text] of out) assert.ok(!text.includes(TOKEN), `${file} still holds a placeholder`);
    });

    it('writes exactly the values demoSecrets lists, the same value wherever a placeholder repeats', () => {
      const out = [...readTree(path.join(tmp, 'a'))];
      const secrets = demoSecrets();
      for (const { kind, index, value } of secrets) {
        assert.ok(out.some(([, t]) => t.includes(value)), `${kind}:${index} not found in the copy`);
      }
      const password = secretValue('password');
      const holders = out.filter(([, t]) => t.includes(password)).map(([f]) => f);
      assert.ok(holders.includes('docker-compose.yml') && holders.includes('src/config.ts'), holders.join(', '));
      // And the copy holds provider-shaped keys that the source does not.
      const config = out.find(([f]) => f === 'src/config.ts')?.[1] ?? '';
      assert.match(config, /sk_live_[A-Za-z0-9]{24}/);
      assert.match(config, /AKIA[A-Z2-7]{16}/);
    });

    it('is deterministic for a seed and differs across seeds', () => {
      materializeDemo(DEMO_DIR, path.join(tmp, 'b'));
      materializeDemo(DEMO_DIR, path.join(tmp, 'c'), 'another-seed');
      const a = readTree(path.join(tmp, 'a'));
      const b = readTree(path.join(tmp, 'b'));
      const c = readTree(path.join(tmp, 'c'));
      assert.deepEqual(b, a);
      assert.notDeepEqual(c, a);
      const other = new Set(demoSecrets('another-seed').map((s) => s.value));
      for (const s of demoSecrets()) assert.ok(!other.has(s.value), `${s.kind}:${s.index} same under both seeds`);
    });

    it('leaves text outside placeholders untouched', () => {
      for (const [file, text] of readTree(DEMO_DIR)) {
        assert.equal(fs.readFileSync(path.join(tmp, 'a', file), 'utf8'), fillPlaceholders(text).text, file);
      }
      assert.equal(
        fs.readFileSync(path.join(tmp, 'a', 'package.json'), 'utf8'),
        fs.readFileSync(path.join(DEMO_DIR, 'package.json'), 'utf8'),
      );
    });

    it('refuses a target inside the source', () => {
      assert.throws(() => materializeDemo(DEMO_DIR, DEMO_DIR), /outside the demo source/);
      assert.throws(() => materializeDemo(DEMO_DIR, path.join(DEMO_DIR, 'copy')), /outside the demo source/);
    });
  });

  describe('CLI', () => {
    it('prints the target path and never a value', () => {
      const target = path.join(tmp, 'cli');
      const run = spawnSync(process.execPath, [require.resolve('tsx/cli'), SCRIPT, target], { encoding: 'utf8', timeout: 30_000 });
      assert.equal(run.status, 0, run.stderr);
      assert.equal(run.stdout, `${target}\n`);
      const printed = run.stdout + run.stderr;
      for (const { kind, value } of demoSecrets()) assert.ok(!printed.includes(value), `${kind} value printed`);
      assert.deepEqual(readTree(target), readTree(path.join(tmp, 'a')));
    });

    it('exits 2 with usage when the target is missing', () => {
      const run = spawnSync(process.execPath, [require.resolve('tsx/cli'), SCRIPT], { encoding: 'utf8', timeout: 30_000 });
      assert.equal(run.status, 2);
      assert.match(run.stderr, /usage: npx tsx scripts\/materialize-demo\.ts <target>/);
    });
  });
});
