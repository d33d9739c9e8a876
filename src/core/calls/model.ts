/** What the single-key-call rule knows about one call; the wrapper fix rewrites from this. */
export type CallLibrary = 'fetch' | 'node-fetch' | 'undici' | 'axios' | 'got' | 'ky' | 'sdk' | 'requests' | 'httpx';

/**
 * `request`: one HTTP request (wrapped as `withKeyFallback(…, (key) => call)`); `client`: a client
 * built with the key (SDK constructor, `axios.create`, `got.extend`; wrapped as `withFallbackClient`);
 * `interceptor` / `defaults`: the key is set on an instance later (reported, not rewritten).
 */
export type CallShape = 'request' | 'client' | 'interceptor' | 'defaults';

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
}
