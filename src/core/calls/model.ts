/** What the single-key-call rule knows about one call; the wrapper fix rewrites from this. */
export type CallLibrary = 'fetch' | 'node-fetch' | 'undici' | 'axios' | 'got' | 'ky' | 'sdk' | 'requests' | 'httpx';

/**
 * `request`: one HTTP request (wrapped as `withKeyFallback(…, (key) => call)`); `client`: a client
 * built with the key (SDK constructor, `axios.create`, `got.extend`; wrapped as `withFallbackClient`);
 * `setter`: an SDK module's shared client given its key by a method (`sgMail.setApiKey(key)`; rewritten as a
 * client per key from the SDK's own class where it has one, see SharedClientSetter);
 * `interceptor` / `defaults`: the key is set on an instance later (reported, not rewritten).
 */
export type CallShape = 'request' | 'client' | 'setter' | 'interceptor' | 'defaults';

/** `sgMail.setApiKey(key)`: the module binding whose shared client gets the key, and the SDK's class for a client per key. */
export interface SharedClientSetter {
  /** The file's name for the module (`sgMail`). */
  binding: string;
  /** The module it is imported from (`@sendgrid/mail`). */
  module: string;
  /** The setter called (`setApiKey`). */
  method: string;
  /** The SDK's exported class whose instances each take one key (`MailService`); undefined when none is known. */
  clientClass?: string;
  /** Methods of the shared client that the per-key rewrite cannot keep correct, and why (`setClient`: one client for every key). */
  conflicts?: Record<string, string>;
}

/** Where the key comes from, followed within the file. Never holds the value of a literal. */
export type KeySource =
  | { kind: 'literal'; start: number; end: number }
  | { kind: 'env'; name: string }
  | { kind: 'parameter'; name: string }
  | { kind: 'constant'; name: string; inner: KeySource; declaration?: { start: number; end: number } }
  | { kind: 'expression'; text: string };

/** A place in the call where the key is used, and what replaces it when the key arrives as `key`. */
export interface KeyUse {
  start: number;
  end: number;
  /** Replacement with `$KEY` standing for the key parameter's name, e.g. `$KEY` or `` `Bearer ${$KEY}` ``. */
  replacement: string;
}

export interface SingleKeyCall {
  library: CallLibrary;
  shape: CallShape;
  /** How the call reads in messages: `fetch`, `axios.get`, `new Stripe`, `requests.post`. */
  callee: string;
  provider: string;
  /** The whole call expression. */
  start: number;
  end: number;
  /** The callee (what the squiggle covers). */
  calleeStart: number;
  calleeEnd: number;
  keyUses: KeyUse[];
  key: KeySource;
  /** Base variable name for the helper (`<NAME>_PRIMARY` / `<NAME>_FALLBACK`). */
  envName: string;
  /** Service name for events, e.g. `billing-api`. */
  service: string;
  /** A request body the call sends by reference (so the helper can tell whether it can be sent twice). */
  body?: { start: number; end: number };
  /** The key reaches the call through a headers value built before it (`const headers = new Headers({…})`). */
  held?: HeldHeaders;
  /** For a `setter` call: the module's shared client it configures. */
  setter?: SharedClientSetter;
}

/**
 * A headers variable the call sends (`fetch(url, { headers })`) whose credential header is set before the call: in
 * its initializer (`new Headers({ Authorization: … })`, `{ 'X-Api-Key': … }`) or by `headers.set/append(…)`. The fix
 * takes the header out of there and sets it per attempt: on the Headers object (`headers.set(…)` before the call),
 * or in a copy of the plain object (`{ ...headers, Authorization: … }`), so the rest of the object stays as it was.
 */
export interface HeldHeaders {
  /** The variable's name. */
  name: string;
  kind: 'Headers' | 'object';
  /** Where the credential header is set before the call (an entry, or a whole `.set(…)` statement): removed. */
  removals: Array<{ start: number; end: number }>;
  /** The header's name as written in the source (`Authorization`, `'X-Api-Key'`). */
  header: string;
  /** The header's value with `$KEY` for the key, e.g. `` `Bearer ${$KEY}` ``. */
  value: string;
  /** Where the variable is used besides the declaration, the header's setting and this call (the fix then refuses). */
  otherUse?: number;
}
