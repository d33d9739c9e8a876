/**
 * The provider simulator's vocabulary. It behaves like an API provider guarding endpoints with keys,
 * so dry-runs, alerts and the demo can be exercised without any real provider (issue 2, item 9).
 */

/** How a service expects the key: `Authorization: Bearer`, a named header, a query parameter, or basic auth. */
export type SimAuth =
  | { type: 'bearer' }
  | { type: 'header'; name: string }
  | { type: 'query'; name: string }
  /** The key is accepted as the basic-auth user name or password (Stripe-style `key:`). */
  | { type: 'basic' };

export interface Propagation {
  /** The key answers 401 until this many seconds (fractions allowed) after it was added. */
  seconds?: number;
  /** The key answers 401 for its first this-many requests. */
  requests?: number;
}

export interface SimKey {
  /** A synthetic key value. Only the simulator's own config and admin API ever see it. */
  value: string;
  /** Human label such as `primary` or `fallback`; shown in the request log instead of the value. */
  label?: string;
  revoked?: boolean;
  propagation?: Propagation;
}

export interface SimRateLimit {
  /** The next this-many requests are answered 429 (then the count is used up). */
  next?: number;
  /** At most `limit` requests per `windowMs`; the excess is answered 429. */
  limit?: number;
  windowMs?: number;
  /** Value of the `Retry-After` header, in whole seconds (default 1). */
  retryAfterSeconds?: number;
}

export interface SimBehaviour {
  /** Every answer is delayed by this many milliseconds. */
  latencyMs?: number;
  /** Requests are accepted but never answered (until the simulator closes). */
  hang?: boolean;
  rateLimit?: SimRateLimit;
  /** Cycles: `up` requests answered normally, then `down` requests answered `status` (default 503). */
  flap?: { up: number; down: number; status?: number };
  /** The next `count` requests are answered `status` (default 500), e.g. 500, 500, then 200. */
  failNext?: { count: number; status?: number };
  /** Status for a revoked key: 401 (default) or 403. */
  revokedStatus?: 401 | 403;
}

export interface SimService {
  name: string;
  /** Requests under this path belong to the service; default `/<name>`. */
  basePath?: string;
  auth: SimAuth;
  /**
   * Behave like this provider preset's probe endpoint (src/core/config/presets.ts): its method only, its extra
   * headers required (400 without them), and for a 200-always API (Slack) a bad key answered 200 with the field false.
   * Where the simulator knows more of the provider's API (src/simulator/providerApis.ts: SendGrid's mail send), those
   * routes answer as the real API does (their method, body checks, success status and headers), and errors carry the
   * provider's error body.
   */
  provider?: string;
  /** Keys as objects, or bare values (valid, unlabelled). */
  keys: Array<SimKey | string>;
  behaviour?: SimBehaviour;
}

export interface SimulatorConfig {
  /** Interface to listen on; loopback only unless you know why (default 127.0.0.1). */
  host?: string;
  /** 0 picks a free port (default 0 for the library; the CLI defaults to the config's port or 7311). */
  port?: number;
  services: SimService[];
}

/** Why the simulator answered as it did. */
export type SimReason =
  | 'ok'
  | 'missing-key'
  | 'unknown-key'
  | 'revoked'
  | 'propagating'
  | 'rate-limited'
  | 'flap-down'
  | 'fail-next'
  | 'hang'
  | 'not-found'
  | 'wrong-method'
  | 'missing-header'
  /** A provider route's body lacks what the API requires (SendGrid's mail send: recipients, from, subject, content). */
  | 'invalid-body'
  | 'admin';

/** One logged request. Never holds a key value: only its label, fingerprint and redacted form. */
export interface SimLogEntry {
  seq: number;
  time: string;
  method: string;
  /** Path without the query string (a query parameter may carry the key). */
  path: string;
  service?: string;
  keyLabel?: string;
  keyFingerprint?: string;
  keyRedacted?: string;
  /** HTTP status sent; 0 while a hanging request is still open. */
  status: number;
  reason: SimReason;
  latencyMs: number;
}

/** Public view of a service's keys: labels, fingerprints and state, never values. */
export interface SimKeySnapshot {
  label?: string;
  fingerprint: string;
  redacted: string;
  state: 'valid' | 'revoked' | 'propagating';
  requests: number;
}

export interface SimServiceSnapshot {
  name: string;
  basePath: string;
  auth: SimAuth;
  keys: SimKeySnapshot[];
  behaviour: SimBehaviour;
  requests: number;
}
