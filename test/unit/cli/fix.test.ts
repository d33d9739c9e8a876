import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CliIo } from '../../../src/cli/command';
import { createFixCommand } from '../../../src/cli/commands/fix';
import { accountName, KeychainError, KeychainPort, SlotAddress } from '../../../src/core/keychain/port';
import { makeSecret, tempDir } from '../fix/support';

class MapKeychain implements KeychainPort {
  readonly label = 'Test keychain';
  readonly entries = new Map<string, string>();
  fail = false;
  async get(a: SlotAddress): Promise<string | undefined> {
    return this.entries.get(accountName(a));
  }
  async set(a: SlotAddress, v: string): Promise<void> {
    if (this.fail) throw new KeychainError('The OS keychain is locked.', 'locked');
    this.entries.set(accountName(a), v);
  }
  async delete(a: SlotAddress): Promise<boolean> {
    return this.entries.delete(accountName(a));
  }
  async list(): Promise<SlotAddress[]> {
    return [];
  }
}

async function run(cwd: string, args: string[], keychain = new MapKeychain()): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { stdout: (t) => void (out += t), stderr: (t) => void (err += t), cwd, env: { ROTATION_READY_CONFIG_DIR: `${cwd}.user-config` }, signal: new AbortController().signal };
  const code = await createFixCommand({ keychain: () => keychain }).run(args, io);
  return { code, out, err };
}

describe('cli: rotation-ready fix', () => {
  let temp: ReturnType<typeof tempDir>;
  let secret: string;
  const source = (s: string): string => `import Stripe from 'stripe';\n\nexport const stripe = new Stripe('${s}');\n`;
  beforeEach(() => {
    temp = tempDir();
    execFileSync('git', ['init', '-q'], { cwd: temp.dir });
    mkdirSync(join(temp.dir, 'src'));
    secret = makeSecret('stripe');
    writeFileSync(join(temp.dir, 'src', 'billing.ts'), source(secret));
  });
  afterEach(() => {
    temp.cleanup();
    rmSync(`${temp.dir}.user-config`, { recursive: true, force: true });
  });

  it('--dry-run prints a unified diff with the secret redacted and changes nothing', async () => {
    const { code, out } = await run(temp.dir, ['--dry-run', '--rule', 'stripe-secret-key']);
    assert.equal(code, 0);
    assert.ok(!out.includes(secret), 'the secret is never printed');
    assert.match(out, /^--- a\/src\/billing\.ts$/m);
    assert.match(out, new RegExp(`^-export const stripe = new Stripe\\('<Stripe…${secret.slice(-4)}>'\\);$`, 'm'));
    assert.match(out, /^\+export const stripe = new Stripe\(requireEnv\('STRIPE_SECRET_KEY'\)\);$/m);
    assert.match(out, /^\+\+\+ src\/requireEnv\.ts$/m);
    assert.equal(readFileSync(join(temp.dir, 'src', 'billing.ts'), 'utf8'), source(secret));
    assert.ok(!existsSync(join(temp.dir, '.env')) && !existsSync(join(temp.dir, 'src', 'requireEnv.ts')) && !existsSync(join(temp.dir, '.gitignore')));
  });

  it('moves the secret to a git-ignored .env, writes the helper and .env.example; a second run finds nothing', async () => {
    const { code, out, err } = await run(temp.dir, ['--rule', 'stripe-secret-key']);
    assert.equal(code, 0, err);
    assert.ok(!out.includes(secret) && !err.includes(secret));
    assert.equal(readFileSync(join(temp.dir, 'src', 'billing.ts'), 'utf8'), "import Stripe from 'stripe';\nimport { requireEnv } from './requireEnv';\n\nexport const stripe = new Stripe(requireEnv('STRIPE_SECRET_KEY'));\n");
    assert.equal(readFileSync(join(temp.dir, '.env'), 'utf8'), `STRIPE_SECRET_KEY=${secret}\n`);
    assert.equal(readFileSync(join(temp.dir, '.env.example'), 'utf8'), 'STRIPE_SECRET_KEY=\n');
    assert.ok(existsSync(join(temp.dir, 'src', 'requireEnv.ts')));
    execFileSync('git', ['check-ignore', '-q', '.env'], { cwd: temp.dir });
    const again = await run(temp.dir, ['--rule', 'stripe-secret-key']);
    assert.equal(again.code, 0);
    assert.match(again.out, /^$/);
  });

  it('by default applies every fix in one run (issue 15.4): the secret moves to .env and the call gets the wrapper, no unused requireEnv', async () => {
    const { code, out, err } = await run(temp.dir, []);
    assert.equal(code, 0, err);
    assert.ok(!out.includes(secret) && !err.includes(secret));
    assert.equal(readFileSync(join(temp.dir, 'src', 'billing.ts'), 'utf8'), "import Stripe from 'stripe';\nimport { withFallbackClient } from './keyFallback';\n\nexport const stripe = withFallbackClient({ service: 'stripe-secret-key', envName: 'STRIPE_SECRET_KEY' }, (key) => new Stripe(key));\n");
    assert.equal(readFileSync(join(temp.dir, '.env'), 'utf8'), `STRIPE_SECRET_KEY=${secret}\n`, 'the helper reads STRIPE_SECRET_KEY_PRIMARY, else this');
    assert.equal(readFileSync(join(temp.dir, '.env.example'), 'utf8'), 'STRIPE_SECRET_KEY_PRIMARY=\nSTRIPE_SECRET_KEY_FALLBACK=\n', '.env.example names what the wrapper reads');
    assert.ok(existsSync(join(temp.dir, 'src', 'keyFallback.ts')));
    assert.ok(!existsSync(join(temp.dir, 'src', 'requireEnv.ts')), 'no helper nothing imports');
    const again = await run(temp.dir, []);
    assert.equal(again.code, 0, again.err);
    assert.equal(again.out, '', 'a second run finds nothing to do');
  });

  it('--keychain stores in the keychain; a failing keychain leaves every file untouched', async () => {
    const keychain = new MapKeychain();
    keychain.fail = true;
    const failed = await run(temp.dir, ['--keychain'], keychain);
    assert.equal(failed.code, 2);
    assert.match(failed.err, /src\/billing\.ts: Could not store the value of STRIPE_SECRET_KEY in Test keychain: .*locked.*Nothing was changed/);
    assert.ok(!failed.err.includes(secret));
    assert.equal(readFileSync(join(temp.dir, 'src', 'billing.ts'), 'utf8'), source(secret));
    assert.ok(!existsSync(join(temp.dir, 'src', 'requireEnv.ts')) && !existsSync(join(temp.dir, '.env.example')));
    keychain.fail = false;
    const ok = await run(temp.dir, ['--keychain'], keychain);
    assert.equal(ok.code, 0, ok.err);
    assert.equal([...keychain.entries.values()][0], secret);
    assert.ok(!existsSync(join(temp.dir, '.env')));
  });

  it('--rule single-key-call routes calls through the primary/fallback helper', async () => {
    writeFileSync(join(temp.dir, 'src', 'billing.ts'), "export const charges = (): Promise<Response> =>\n  fetch('https://billing.example.com/v1/charges', { headers: { Authorization: `Bearer ${process.env.BILLING_API_KEY}` } });\n");
    const { code, out } = await run(temp.dir, ['--rule', 'single-key-call']);
    assert.equal(code, 0);
    assert.match(out, /created src\/keyFallback\.ts/);
    assert.match(readFileSync(join(temp.dir, 'src', 'billing.ts'), 'utf8'), /withKeyFallback\(\{ service: 'billing-api', envName: 'BILLING_API_KEY' \}, \(key\) => fetch\(/);
  });
});
