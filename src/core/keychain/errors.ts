import { KeychainError } from './port';

type Reason = KeychainError['reason'];

/**
 * What libsecret / macOS Keychain / Windows Credential Manager say, mapped to a reason and a
 * sentence a developer can act on. Messages seen on Debian 12 with gnome-keyring 42 (see
 * test/keychain): a locked login keyring makes `setPassword` fail with "Cannot create an item in a
 * locked collection", no session bus gives "Cannot autolaunch D-Bus without X11 $DISPLAY", and no
 * Secret Service on the bus gives "The name org.freedesktop.secrets was not provided by any
 * .service files".
 */
const PATTERNS: Array<{ test: RegExp; reason: Reason; advice: string }> = [
  // The daemon restarted since this process connected: libsecret keeps talking to the old one.
  { test: /session wrapping the secret does not exist|The name :\d+\.\d+ was not provided/i, reason: 'unavailable', advice: 'The OS keychain service restarted since this process first used it; restart the process (in VS Code: Reload Window) to reconnect. Nothing was changed.' },
  { test: /locked collection|is locked|collection is locked|User interaction is not allowed|keychain.*locked/i, reason: 'locked', advice: 'The OS keychain is locked. Unlock your login keyring (or keychain) and try again.' },
  { test: /Cannot autolaunch D-Bus|DBUS_SESSION_BUS_ADDRESS|Failed to connect to socket|Could not connect|not provided by any \.service files|ServiceUnknown|No such interface|org\.freedesktop\.secrets/i, reason: 'unavailable', advice: 'No OS keychain service is reachable (libsecret needs a D-Bus session with a Secret Service such as gnome-keyring, and an existing login keyring).' },
  { test: /cancel|dismiss|denied|not allowed|authorization|passphrase you entered is not correct|errSecAuthFailed/i, reason: 'denied', advice: 'Access to the OS keychain was refused or the prompt was dismissed.' },
];

/**
 * Turns anything an adapter threw into a KeychainError with a value-free message. `secret` (the
 * value being written, if any) is scrubbed from the original text before it is quoted, so even an
 * unexpected message cannot carry it.
 */
export function toKeychainError(error: unknown, operation: string, secret?: string): KeychainError {
  if (error instanceof KeychainError) return error;
  let original = error instanceof Error ? error.message : String(error);
  if (secret) original = original.split(secret).join('[value]');
  original = original.replace(/\s+/g, ' ').trim().slice(0, 200);
  const match = PATTERNS.find((pattern) => pattern.test.test(original));
  const reason: Reason = match?.reason ?? 'unknown';
  const advice = match?.advice ?? 'The OS keychain reported an error.';
  return new KeychainError(`Could not ${operation}: ${advice}${original ? ` (keychain said: ${original})` : ''}`, reason);
}
