import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';

/**
 * Controls the private gnome-keyring that scripts/with-keyring.sh started.
 *
 * libsecret keeps one connection per process to the daemon it first talked to; after the daemon
 * restarts, that process's calls fail ("The session wrapping the secret does not exist") until the
 * process restarts. So once a test restarts the daemon, this process must not use keytar again:
 * later work goes through `child()`. lifecycle.test.ts, which restarts, is listed last in
 * .mocharc.json, and `inProcess()` fails loudly if the order is ever changed.
 */
let restarted = false;

export function inProcess(): void {
  if (restarted) throw new Error('the keyring daemon was restarted earlier in this process; use child() (see test/keychain/keyring.ts)');
}

const dbus = (args: string[]): string => execFileSync('dbus-send', ['--session', '--print-reply', ...args], { stdio: 'pipe' }).toString();

export function lockKeyring(): void {
  dbus(['--dest=org.freedesktop.secrets', '/org/freedesktop/secrets', 'org.freedesktop.Secret.Service.Lock', 'array:objpath:/org/freedesktop/secrets/collection/login']);
}

export function isLocked(): boolean | undefined {
  try {
    const out = dbus(['--dest=org.freedesktop.secrets', '/org/freedesktop/secrets/aliases/default', 'org.freedesktop.DBus.Properties.Get', 'string:org.freedesktop.Secret.Collection', 'string:Locked']);
    return /boolean true/.test(out) ? true : /boolean false/.test(out) ? false : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Restarts the daemon with the keyring password (`--replace --unlock`), which also unlocks it:
 * the Secret Service Unlock method needs a GUI prompt, which the private bus cannot start, and
 * `--unlock` without `--replace` does not reach a running daemon. Values must come back from disk.
 */
export function restartKeyringUnlocked(): void {
  restarted = true;
  execFileSync('gnome-keyring-daemon', ['--replace', '--unlock', '--components=secrets'], { input: process.env.RR_KEYRING_PASSWORD ?? '', stdio: ['pipe', 'pipe', 'pipe'] });
  for (let i = 0; i < 50; i++) {
    if (isLocked() === false) return;
    execFileSync('sleep', ['0.1']);
  }
  throw new Error('the private keyring did not come back unlocked');
}

export type ChildResult = { ok: true; value?: string | null | boolean | string[] } | { ok: false; reason: string; message: string };

/** Runs keychain operations in a fresh process (see fixtures/child.ts). Returns raw stdout too, to search it for values. */
export function child(ops: Array<[op: 'get' | 'set' | 'delete' | 'list', target: string]>, value?: string): { results: ChildResult[]; stdout: string } {
  const stdout = execFileSync(process.execPath, ['--require', 'tsx/cjs', join(__dirname, 'fixtures/child.ts'), ...ops.flat()], {
    encoding: 'utf8',
    env: { ...process.env, RR_CHILD_VALUE: value ?? '' },
  });
  return { results: JSON.parse(stdout) as ChildResult[], stdout };
}

/** A random key-like value, generated at test time (nothing real-looking lives in the repo). */
export function randomKey(prefix = 'tk'): string {
  return `${prefix}_${randomBytes(24).toString('base64url')}`;
}

export function uniqueWorkspace(): string {
  return `ws-${randomBytes(6).toString('hex')}`;
}
