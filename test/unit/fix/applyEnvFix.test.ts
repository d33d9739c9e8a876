import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { addExampleNames, applyEnvFix, removeExampleNames } from '../../../src/core/fix/applyFix';
import { planEnvFix } from '../../../src/core/fix/envFix';
import { allDestinations, DotenvDestination } from '../../../src/core/fix/secretDestination';
import { FixAbortedError } from '../../../src/core/fix/types';
import { accountName, KeychainError, KeychainPort, SlotAddress } from '../../../src/core/keychain/port';
import { workspaceIdFor } from '../../../src/core/keychain/workspaceId';
import { createProjectContext } from '../../../src/core/workflows/context';
import { KeyStoreDestination } from '../../../src/core/workflows/secureSecret';
import { makeSecret, tempDir } from './support';

/** The keychain destination both front ends use (src/core/workflows), with its per-user files under the test's folder. */
const keychainDestination = (keychain: KeychainPort, root: string): KeyStoreDestination =>
  new KeyStoreDestination(createProjectContext({ root, keychain, env: { ROTATION_READY_CONFIG_DIR: join(root, '.user-config') } }));

/** A keychain in a Map that can be told to fail; a local fake so this test depends only on the port. */
class FakeKeychain implements KeychainPort {
  readonly label = 'Test keychain';
  readonly entries = new Map<string, string>();
  failSet = false;
  corrupt = false;
  async get(a: SlotAddress): Promise<string | undefined> {
    return this.entries.get(accountName(a));
  }
  async set(a: SlotAddress, value: string): Promise<void> {
    if (this.failSet) throw new KeychainError(`Could not store a key: the OS keychain is locked (tried ${value.length} chars).`, 'locked');
    this.entries.set(accountName(a), this.corrupt ? `${value}x` : value);
  }
  async delete(a: SlotAddress): Promise<boolean> {
    return this.entries.delete(accountName(a));
  }
  async list(): Promise<SlotAddress[]> {
    return [];
  }
}

function setup(): { dir: string; cleanup: () => void; secret: string; text: string; plan: ReturnType<typeof planEnvFix> } {
  const { dir, cleanup } = tempDir();
  execFileSync('git', ['init', '-q'], { cwd: dir });
  const secret = makeSecret('stripe');
  const text = `import Stripe from 'stripe';\nexport const stripe = new Stripe('${secret}');\n`;
  const plan = planEnvFix({ path: 'src/billing.ts', text, finding: { offset: text.indexOf(secret), length: secret.length, provider: 'Stripe', suggestedEnvName: 'STRIPE_SECRET_KEY', ruleId: 'stripe-secret-key' } });
  return { dir, cleanup, secret, text, plan };
}

describe('fix: applyEnvFix secures the secret before any edit', () => {
  it('writes a git-ignored .env (0600), reads it back, adds NAME= to .env.example, then returns the edits', async () => {
    const { dir, cleanup, secret, plan } = setup();
    try {
      const applied = await applyEnvFix(plan, secret, new DotenvDestination({ root: dir }), { root: dir });
      assert.equal(applied.edits, plan.edits);
      assert.deepEqual(applied.stored, ['STRIPE_SECRET_KEY → .env']);
      assert.equal(readFileSync(join(dir, '.env'), 'utf8'), `STRIPE_SECRET_KEY=${secret}\n`);
      assert.equal(statSync(join(dir, '.env')).mode & 0o777, 0o600);
      assert.equal(readFileSync(join(dir, '.env.example'), 'utf8'), 'STRIPE_SECRET_KEY=\n');
      assert.match(readFileSync(join(dir, '.gitignore'), 'utf8'), /^\/\.env$/m);
      execFileSync('git', ['check-ignore', '-q', '.env'], { cwd: dir });
      // Applying again (same value, same name) changes nothing more.
      await applyEnvFix(plan, secret, new DotenvDestination({ root: dir }), { root: dir });
      assert.equal(readFileSync(join(dir, '.env'), 'utf8'), `STRIPE_SECRET_KEY=${secret}\n`);
      assert.equal(readFileSync(join(dir, '.gitignore'), 'utf8').match(/\.env/g)?.length, 1);
    } finally {
      cleanup();
    }
  });

  it('says which NAME= lines it added to .env.example, and an Undo takes out only those still empty', async () => {
    const { dir, cleanup, secret, plan } = setup();
    try {
      const example = join(dir, '.env.example');
      writeFileSync(example, '# keys\r\nOTHER=\r\n');
      const applied = await applyEnvFix(plan, secret, new DotenvDestination({ root: dir }), { root: dir });
      assert.deepEqual(applied.exampleNames, { path: example, names: ['STRIPE_SECRET_KEY'], created: false });
      assert.equal(readFileSync(example, 'utf8'), '# keys\r\nOTHER=\r\nSTRIPE_SECRET_KEY=\r\n');
      assert.deepEqual(removeExampleNames(example, ['STRIPE_SECRET_KEY'], { removeEmptyFile: false }), ['STRIPE_SECRET_KEY']);
      assert.equal(readFileSync(example, 'utf8'), '# keys\r\nOTHER=\r\n', 'the rest of the file as it was');
      // Redo lists it again; a line the user has filled in since is theirs and stays.
      addExampleNames(example, ['STRIPE_SECRET_KEY']);
      writeFileSync(example, readFileSync(example, 'utf8').replace('STRIPE_SECRET_KEY=', 'STRIPE_SECRET_KEY=your-key-here'));
      assert.deepEqual(removeExampleNames(example, ['STRIPE_SECRET_KEY']), []);
      assert.match(readFileSync(example, 'utf8'), /STRIPE_SECRET_KEY=your-key-here/);
    } finally {
      cleanup();
    }
  });

  it('an .env.example the fix created goes again with its last line', async () => {
    const { dir, cleanup, secret, plan } = setup();
    try {
      const applied = await applyEnvFix(plan, secret, new DotenvDestination({ root: dir }), { root: dir });
      assert.equal(applied.exampleNames?.created, true);
      removeExampleNames(applied.exampleNames!.path, applied.exampleNames!.names, { removeEmptyFile: true });
      assert.equal(existsSync(join(dir, '.env.example')), false);
    } finally {
      cleanup();
    }
  });

  it('stores in the keychain under the service and reads it back', async () => {
    const { dir, cleanup, secret, plan } = setup();
    try {
      const keychain = new FakeKeychain();
      const applied = await applyEnvFix(plan, secret, keychainDestination(keychain, dir), { root: dir });
      assert.deepEqual([...keychain.entries], [[`${workspaceIdFor(dir)}/stripe-secret-key/dev/primary`, secret]]);
      assert.deepEqual(applied.stored, ['STRIPE_SECRET_KEY → Test keychain']);
      assert.ok(!existsSync(join(dir, '.env')));
    } finally {
      cleanup();
    }
  });

  it('a failing keychain write changes nothing and says so clearly, without the value', async () => {
    const { dir, cleanup, secret, plan } = setup();
    try {
      const keychain = new FakeKeychain();
      keychain.failSet = true;
      const both = allDestinations(new DotenvDestination({ root: dir }), keychainDestination(keychain, dir));
      await assert.rejects(applyEnvFix(plan, secret, both, { root: dir }), (error: Error) => {
        assert.ok(error instanceof FixAbortedError);
        assert.match(error.message, /Could not store the value of STRIPE_SECRET_KEY in .env and Test keychain: .*locked.*Nothing was changed; the secret is still in src\/billing\.ts\./);
        assert.ok(!error.message.includes(secret));
        return true;
      });
      assert.equal(keychain.entries.size, 0);
      assert.ok(!existsSync(join(dir, '.env')), '.env written by the first destination was removed again');
      assert.ok(!existsSync(join(dir, '.gitignore')), '.gitignore restored');
      assert.ok(!existsSync(join(dir, '.env.example')));
    } finally {
      cleanup();
    }
  });

  it('a keychain that does not return the stored value fails the fix and removes the entry', async () => {
    const { dir, cleanup, secret, plan } = setup();
    try {
      const keychain = new FakeKeychain();
      keychain.corrupt = true;
      await assert.rejects(applyEnvFix(plan, secret, keychainDestination(keychain, dir), { root: dir }), /did not return the value just stored.*Nothing was changed/);
      assert.equal(keychain.entries.size, 0);
    } finally {
      cleanup();
    }
  });

  it('refuses a .env that git tracks, and a .env that holds another value under the name', async () => {
    const { dir, cleanup, secret, plan } = setup();
    try {
      writeFileSync(join(dir, '.env'), 'STRIPE_SECRET_KEY=other\n');
      await assert.rejects(applyEnvFix(plan, secret, new DotenvDestination({ root: dir }), { root: dir }), /already defines STRIPE_SECRET_KEY with a different value/);
      assert.equal(readFileSync(join(dir, '.env'), 'utf8'), 'STRIPE_SECRET_KEY=other\n');
      assert.ok(!existsSync(join(dir, '.gitignore')));
      execFileSync('git', ['add', '.env'], { cwd: dir });
      await assert.rejects(applyEnvFix(plan, secret, new DotenvDestination({ root: dir }), { root: dir }), /\.env is tracked by git/);
    } finally {
      cleanup();
    }
  });

  it('refuses a value that is not the one the plan removes', async () => {
    const { dir, cleanup, plan } = setup();
    try {
      await assert.rejects(applyEnvFix(plan, makeSecret('stripe'), new DotenvDestination({ root: dir }), { root: dir }), /not the one the fix removes/);
      assert.ok(!existsSync(join(dir, '.env')));
    } finally {
      cleanup();
    }
  });
});
