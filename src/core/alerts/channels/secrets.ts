import { accountName, KEYCHAIN_SERVICE, KeychainPort, SlotAddress } from '../../keychain/port';
import { SinkError } from '../types';

/**
 * Channel credentials (PagerDuty routing key, SMTP password, Datadog API key) live in the keychain,
 * never in `.rotation-ready.json`: the config only names WHICH entry, e.g.
 * `{ "type": "pagerduty", "routingKeySecret": "pagerduty-routing" }`.
 *
 * A name maps to the keychain account `<workspaceId>/_channel/<name>/primary` under the keychain
 * service `rotation-ready`. `_channel` cannot collide with a service, because service names must
 * start with a letter or digit; `primary` reuses the port's slot vocabulary.
 */
export const CHANNEL_PSEUDO_SERVICE = '_channel';

/** Valid secret names: the same alphabet as service names (they become one segment of the account). */
export const CHANNEL_SECRET_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export function channelSecretAddress(workspaceId: string, name: string): SlotAddress {
  return { workspaceId, service: CHANNEL_PSEUDO_SERVICE, environment: name, slot: 'primary' };
}

/** What a person types to find or create the entry: `rotation-ready` / `<workspaceId>/_channel/<name>/primary`. */
export function channelSecretLocation(workspaceId: string, name: string): string {
  return `keychain service '${KEYCHAIN_SERVICE}', account '${accountName(channelSecretAddress(workspaceId, name))}'`;
}

/** Reads channel credentials by name. Sinks ask at delivery time, so a key stored later is picked up. */
export interface ChannelSecrets {
  get(name: string): Promise<string | undefined>;
  /** Value-free hint saying where the named entry is expected (for error messages). */
  describe(name: string): string;
}

export function keychainChannelSecrets(keychain: KeychainPort, workspaceId: string): ChannelSecrets {
  return {
    get: (name) => keychain.get(channelSecretAddress(workspaceId, name)),
    describe: (name) => channelSecretLocation(workspaceId, name),
  };
}

/** Stores a channel credential (for a command or a setup script; the value is never logged). */
export async function storeChannelSecret(keychain: KeychainPort, workspaceId: string, name: string, value: string): Promise<void> {
  if (!CHANNEL_SECRET_NAME.test(name)) throw new Error(`'${name}' is not a valid channel secret name`);
  await keychain.set(channelSecretAddress(workspaceId, name), value);
}

/** The approval subject for sending a channel credential anywhere: host approvals key it like a service. */
export function channelApprovalSubject(name: string): string {
  return `channel:${name}`;
}

/**
 * Channel credentials that are handed out only for a destination host the user approved for that
 * credential. The endpoint of a PagerDuty, Datadog or SMTP sink comes from the workspace's config, so
 * without this a changed config (a pull, a clone) could send the user's routing key or password to a
 * host they never chose; the approval lives outside the workspace, as for probe hosts.
 */
export function approvedChannelSecrets(secrets: ChannelSecrets, approvals: { isApproved(subject: string, host: string): boolean } | undefined, host: string): ChannelSecrets {
  return {
    describe: (name) => secrets.describe(name),
    get: async (name) => {
      if (!approvals?.isApproved(channelApprovalSubject(name), host)) {
        throw new Error(`sending the credential '${name}' to ${host} is not approved; approve it with "Rotation Ready: Set Alert Channel Credential…" or \`rotation-ready alert-secret approve ${name}\``);
      }
      return secrets.get(name);
    },
  };
}

/**
 * A channel's credential at send time, or a non-retryable SinkError saying why not (not approved for
 * this host, keychain locked, no entry): value-free messages, as every keychain and approval error is.
 */
export async function requireChannelSecret(secrets: ChannelSecrets, name: string, channel: string, what: string): Promise<string> {
  let value: string | undefined;
  try {
    value = await secrets.get(name);
  } catch (error) {
    throw new SinkError(`${channel}: ${error instanceof Error ? error.message : String(error)}`, false);
  }
  if (!value) throw new SinkError(`${channel}: no ${what} in the keychain (${secrets.describe(name)})`, false);
  return value;
}
