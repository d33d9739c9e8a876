import { execFile } from 'node:child_process';

export type LockState = 'locked' | 'unlocked' | 'unknown';

/**
 * Asks the Secret Service whether the default collection is locked (Linux only; elsewhere
 * 'unknown'). keytar cannot tell: on a locked gnome-keyring `getPassword` resolves null,
 * `deletePassword` resolves false and `findCredentials` crashes the process (segfault in keytar
 * 7.9 when libsecret returns no value), so the adapter asks before listing and whenever a read or
 * delete finds nothing.
 */
export function secretServiceLockState(env: NodeJS.ProcessEnv = process.env): Promise<LockState> {
  if (process.platform !== 'linux' || !env.DBUS_SESSION_BUS_ADDRESS) return Promise.resolve('unknown');
  return new Promise((resolve) => {
    execFile(
      'dbus-send',
      [
        '--session',
        '--print-reply',
        '--reply-timeout=2000',
        '--dest=org.freedesktop.secrets',
        '/org/freedesktop/secrets/aliases/default',
        'org.freedesktop.DBus.Properties.Get',
        'string:org.freedesktop.Secret.Collection',
        'string:Locked',
      ],
      { env, timeout: 3000 },
      (error, stdout) => {
        if (error) return resolve('unknown');
        if (/boolean true/.test(stdout)) return resolve('locked');
        if (/boolean false/.test(stdout)) return resolve('unlocked');
        resolve('unknown');
      },
    );
  });
}
