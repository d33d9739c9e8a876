import type { SingleKeyCall } from './model';
import { envNameFor, fromUrl, serviceFor } from './naming';

/** What a language's detector found about one call; the provider and names are derived here, the same for every language. */
export interface CallFacts extends Omit<SingleKeyCall, 'provider' | 'envName' | 'service'> {
  /** The URL the request goes to, as far as the file says (names the provider and the variable). */
  url?: string;
  /** The SDK's provider, when the call builds a known SDK's client. */
  sdkProvider?: string;
}

export function singleKeyCall(facts: CallFacts): SingleKeyCall {
  const { url, sdkProvider, ...call } = facts;
  const host = fromUrl(url);
  const provider = sdkProvider ?? host.provider ?? 'HTTP';
  const envName = envNameFor(call.key, provider, host.stem);
  // How the call reads in messages: on one line.
  return { ...call, callee: call.callee.replace(/\s+/g, ' '), provider, envName, service: serviceFor(envName) };
}
