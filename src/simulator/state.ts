import { keyFingerprint, redact } from '../core/redact';
import type { SimBehaviour, SimKey, SimKeySnapshot, SimReason, SimService, SimServiceSnapshot } from './types';

/**
 * Salt for the fingerprints in the simulator's log. Fixed on purpose: the simulator's keys are synthetic,
 * and a fixed salt lets a test or a person match a log line to a key they hold without seeing the value.
 */
export const SIMULATOR_FINGERPRINT_SALT = 'rotation-ready-simulator';

export function simFingerprint(value: string): string {
  return keyFingerprint(value, SIMULATOR_FINGERPRINT_SALT);
}

interface KeyState {
  key: SimKey;
  addedAt: number;
  requests: number;
}

export interface Decision {
  status: number;
  reason: SimReason;
  /** Label of the key that was recognised (whatever its state). */
  key?: KeyState;
  retryAfterSeconds?: number;
}

/** The mutable state of one simulated service: its keys and its misbehaviour. Pure logic, clock injected. */
export class ServiceState {
  private keys: KeyState[] = [];
  behaviour: SimBehaviour = {};
  requests = 0;
  private rateWindow: number[] = [];
  private flapCounter = 0;

  constructor(
    readonly config: SimService,
    private readonly now: () => number,
  ) {
    this.reset();
  }

  get name(): string {
    return this.config.name;
  }

  get basePath(): string {
    return normaliseBase(this.config.basePath ?? `/${this.config.name}`);
  }

  reset(): void {
    const t = this.now();
    this.keys = this.config.keys.map((key) => ({ key: typeof key === 'string' ? { value: key } : { ...key }, addedAt: t, requests: 0 }));
    this.behaviour = structuredClone(this.config.behaviour ?? {});
    this.requests = 0;
    this.rateWindow = [];
    this.flapCounter = 0;
  }

  /** Adds (or re-adds) a key; with a propagation delay it answers 401 until it has propagated. */
  addKey(key: SimKey): void {
    this.keys = this.keys.filter((k) => k.key.value !== key.value);
    this.keys.push({ key: { ...key }, addedAt: this.now(), requests: 0 });
  }

  /** Revokes keys matching the value or the label; returns how many. */
  revoke(match: { value?: string; label?: string }): number {
    let n = 0;
    for (const k of this.keys) {
      if ((match.value !== undefined && k.key.value === match.value) || (match.label !== undefined && k.key.label === match.label)) {
        k.key.revoked = true;
        n++;
      }
    }
    return n;
  }

  /** Merges behaviour; a property set to null clears it. */
  setBehaviour(patch: Record<string, unknown>): void {
    const next: Record<string, unknown> = { ...this.behaviour };
    for (const [k, v] of Object.entries(patch)) {
      if (v === null || v === undefined) delete next[k];
      else next[k] = v;
    }
    this.behaviour = next as SimBehaviour;
    this.rateWindow = [];
    this.flapCounter = 0;
  }

  /** Whether the request should hang; checked before anything else. */
  hangs(): boolean {
    return this.behaviour.hang === true;
  }

  decide(candidates: string[]): Decision {
    this.requests++;
    const b = this.behaviour;
    if (b.failNext && b.failNext.count > 0) {
      b.failNext.count--;
      return { status: b.failNext.status ?? 500, reason: 'fail-next' };
    }
    if (b.flap && b.flap.up + b.flap.down > 0) {
      const phase = this.flapCounter++ % (b.flap.up + b.flap.down);
      if (phase >= b.flap.up) return { status: b.flap.status ?? 503, reason: 'flap-down' };
    }
    const limited = this.rateLimited();
    if (limited !== undefined) return { status: 429, reason: 'rate-limited', retryAfterSeconds: limited };
    return this.authenticate(candidates);
  }

  snapshot(): SimServiceSnapshot {
    return {
      name: this.name,
      basePath: this.basePath,
      auth: this.config.auth,
      keys: this.keys.map((k) => this.keySnapshot(k)),
      behaviour: structuredClone(this.behaviour),
      requests: this.requests,
    };
  }

  private keySnapshot(k: KeyState): SimKeySnapshot {
    const state = k.key.revoked ? 'revoked' : this.propagating(k, false) ? 'propagating' : 'valid';
    return {
      ...(k.key.label !== undefined ? { label: k.key.label } : {}),
      fingerprint: simFingerprint(k.key.value),
      redacted: redact(k.key.value, 'key'),
      state,
      requests: k.requests,
    };
  }

  private rateLimited(): number | undefined {
    const rl = this.behaviour.rateLimit;
    if (!rl) return undefined;
    const retry = rl.retryAfterSeconds ?? 1;
    if (rl.next !== undefined && rl.next > 0) {
      rl.next--;
      return retry;
    }
    if (rl.limit !== undefined) {
      const t = this.now();
      const windowMs = rl.windowMs ?? 1000;
      this.rateWindow = this.rateWindow.filter((at) => t - at < windowMs);
      if (this.rateWindow.length >= rl.limit) return retry;
      this.rateWindow.push(t);
    }
    return undefined;
  }

  private authenticate(candidates: string[]): Decision {
    if (candidates.length === 0) return { status: 401, reason: 'missing-key' };
    const match = this.keys.find((k) => candidates.includes(k.key.value));
    if (!match) return { status: 401, reason: 'unknown-key' };
    match.requests++;
    if (match.key.revoked) return { status: this.behaviour.revokedStatus ?? 401, reason: 'revoked', key: match };
    if (this.propagating(match, true)) return { status: 401, reason: 'propagating', key: match };
    return { status: 200, reason: 'ok', key: match };
  }

  /** `counting`: the current request has been counted in `requests` already. */
  private propagating(k: KeyState, counting: boolean): boolean {
    const p = k.key.propagation;
    if (!p) return false;
    if (p.seconds !== undefined && this.now() - k.addedAt < p.seconds * 1000) return true;
    const seen = counting ? k.requests : k.requests + 1;
    if (p.requests !== undefined && seen <= p.requests) return true;
    return false;
  }
}

function normaliseBase(path: string): string {
  const withSlash = path.startsWith('/') ? path : `/${path}`;
  return withSlash.length > 1 && withSlash.endsWith('/') ? withSlash.slice(0, -1) : withSlash;
}
