import type { CallLibrary, CallShape, KeySource, KeyUse, SingleKeyCall } from './model';
import { envNameFor, fromUrl, serviceFor } from './naming';

/** What a language's detector found about one call; the provider and names are derived here, the same for every language. */
export interface CallFacts {
  library: CallLibrary;
  shape: CallShape;
  /** How the call reads in messages (whitespace is collapsed here). */
  callee: string;
  start: number;
  end: number;
  calleeStart: number;
  calleeEnd: number;
  keyUses: KeyUse[];
  key: KeySource;
  /** The URL the request goes to, as far as the file says (names the provider and the variable). */
  url?: string;
  /** The SDK's provider, when the call builds a known SDK's client. */
  sdkProvider?: string;
  body?: { start: number; end: number };
}

export function singleKeyCall(facts: CallFacts): SingleKeyCall {
  const host = fromUrl(facts.url);
  const provider = facts.sdkProvider ?? host.provider ?? 'HTTP';
  const envName = envNameFor(facts.key, provider, host.stem);
  const call: SingleKeyCall = {
    library: facts.library,
    shape: facts.shape,
    callee: facts.callee.replace(/\s+/g, ' '),
    provider,
    start: facts.start,
    end: facts.end,
    calleeStart: facts.calleeStart,
    calleeEnd: facts.calleeEnd,
    keyUses: facts.keyUses,
    key: facts.key,
    envName,
    service: serviceFor(envName),
  };
  if (facts.body) call.body = facts.body;
  return call;
}
