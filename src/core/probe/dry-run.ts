import { setMaxListeners } from 'node:events';
import type { Slot } from '../vocabulary/slot';
import type { DryRunSettings, ServiceConfig } from '../config/types';
import { DEFAULT_SETTINGS, probeUrlFor } from '../config/types';
import { keyFingerprint, redact } from '../redact';
import { HostApprovals } from './approval';
import { checkTransport } from '../net/transport';
import { classifyRounds, verdictFor } from './classify';
import type { KeySource } from './key-source';
import { Limiter, sleep } from './limiter';
import { NotApprovedError, probe } from './probe';
import type { DryRunReport, RoundResult, SlotReport, TargetReport, Verdict } from './types';
import { VERDICTS } from './types';

export interface DryRunOptions {
  services: readonly ServiceConfig[];
  keys: KeySource;
  approvals: HostApprovals;
  /** Salt for key fingerprints (per workspace or per user). */
  salt: string;
  settings?: Partial<DryRunSettings>;
  /** Only these environments (default: every configured one). */
  environments?: readonly string[];
  /** Overrides every probe's `rounds`. */
  rounds?: number;
  /** Overrides every probe's `intervalMs`. */
  intervalMs?: number;
  /** Base delay before retrying an unknown outcome; doubles per retry (default 200 ms). */
  retryDelayMs?: number;
  /** Stops every request, wait and retry; the report comes back with `cancelled: true`. */
  signal?: AbortSignal;
  onProgress?: (event: DryRunEvent) => void;
}

export type DryRunEvent =
  | { type: 'round'; service: string; environment: string; slot: Slot; result: RoundResult }
  | { type: 'target'; target: TargetReport };

const SLOTS_PROBED: readonly Slot[] = ['primary', 'fallback'];

/**
 * A dry-run: several rounds of probes for the primary and the fallback of every service and
 * environment, concurrently across services within a limit. Read-only: it sends probes and nothing else.
 */
export async function runDryRun(options: DryRunOptions): Promise<DryRunReport> {
  const settings: DryRunSettings = { ...DEFAULT_SETTINGS.dryRun, ...(options.settings ?? {}) };
  const limiter = new Limiter(settings.concurrency);
  const started = Date.now();
  // Every queued probe and wait listens for cancellation: one internal signal, linked once to the caller's.
  const internal = new AbortController();
  setMaxListeners(0, internal.signal);
  const forward = () => internal.abort(options.signal?.reason);
  if (options.signal?.aborted) forward();
  else options.signal?.addEventListener('abort', forward, { once: true });
  const inner: DryRunOptions = { ...options, signal: internal.signal };
  const targets = options.services.flatMap((service) =>
    service.environments.filter((e) => !options.environments || options.environments.includes(e.name)).map((e) => ({ service, environment: e.name })),
  );
  const results = await Promise.all(targets.map((t) => runTarget(t.service, t.environment, inner, settings, limiter))).finally(() =>
    options.signal?.removeEventListener('abort', forward),
  );
  const finished = Date.now();
  const byVerdict = Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<Verdict, number>;
  for (const r of results) byVerdict[r.verdict]++;
  return {
    startedAt: new Date(started).toISOString(),
    finishedAt: new Date(finished).toISOString(),
    durationMs: finished - started,
    cancelled: internal.signal.aborted,
    targets: results,
    summary: { targets: results.length, safe: byVerdict['safe-to-promote'], notSafe: results.length - byVerdict['safe-to-promote'], byVerdict },
  };
}

async function runTarget(service: ServiceConfig, environment: string, options: DryRunOptions, settings: DryRunSettings, limiter: Limiter): Promise<TargetReport> {
  const started = Date.now();
  const rawUrl = probeUrlFor(service, environment);
  const transport = checkTransport(rawUrl);
  const u = URL.canParse(rawUrl) ? new URL(rawUrl) : undefined;
  const base = { service: service.name, environment, url: u ? `${u.origin}${u.pathname}` : '(invalid URL)', host: transport.ok ? transport.host : (u?.host ?? '') };
  const done = (verdict: Verdict, reason: string, slots: SlotReport[]): TargetReport => {
    const target = { ...base, verdict, reason, slots, durationMs: Date.now() - started };
    options.onProgress?.({ type: 'target', target });
    return target;
  };
  const unprobed = (): SlotReport[] => SLOTS_PROBED.map((slot) => ({ slot, classification: 'not-probed', rounds: [] }));
  if (!transport.ok) return done('inconclusive', `the probe URL cannot carry a key: ${transport.reason}`, unprobed());
  if (!options.approvals.isApproved(service.name, transport.host)) {
    return done('needs-approval', `sending ${service.name}'s keys to ${transport.host} has not been approved; nothing was sent`, unprobed());
  }
  if (options.signal?.aborted) return done('inconclusive', 'cancelled before it started', unprobed());

  const keys = new Map<Slot, string | undefined>();
  try {
    for (const slot of SLOTS_PROBED) keys.set(slot, await options.keys.get(service.name, environment, slot));
  } catch (error) {
    // Key sources report value-free reasons (KeychainError: locked, unavailable, denied).
    return done('inconclusive', `could not read the keys from ${options.keys.label}: ${error instanceof Error ? error.message : String(error)}`, unprobed());
  }
  const slots: SlotReport[] = SLOTS_PROBED.map((slot) => {
    const key = keys.get(slot);
    return key
      ? { slot, classification: 'not-probed', keyFingerprint: keyFingerprint(key, options.salt), keyRedacted: redact(key, service.name), rounds: [] }
      : { slot, classification: 'missing', rounds: [] };
  });
  const budget = new Map<Slot, number>(SLOTS_PROBED.map((s) => [s, settings.retryBudget]));
  const rounds = options.rounds ?? service.probe.rounds;
  const interval = options.intervalMs ?? service.probe.intervalMs;
  const request = { ...service.probe, service: service.name, url: rawUrl };
  let cancelled = false;
  try {
    for (let round = 1; round <= rounds; round++) {
      await Promise.all(
        slots.map(async (slot) => {
          const key = keys.get(slot.slot);
          if (!key) return;
          const result = await probeRound(round, key, slot.slot);
          slot.rounds.push(result);
          options.onProgress?.({ type: 'round', service: service.name, environment, slot: slot.slot, result });
        }),
      );
      if (round < rounds && interval > 0) await sleep(interval, options.signal);
    }
  } catch (error) {
    // An approval revoked while the run was under way: stop sending, say so.
    if (error instanceof NotApprovedError) return done('needs-approval', `${error.message}; nothing more was sent`, slots);
    if (!options.signal?.aborted) throw error;
    cancelled = true;
  }
  for (const s of slots) if (s.classification !== 'missing') s.classification = classifyRounds(s.rounds);
  if (cancelled) return done('inconclusive', 'cancelled before every round finished', slots);
  const { verdict, reason } = verdictFor(slots[0]!, slots[1]!);
  return done(verdict, reason, slots);

  /** One round for one slot: unknown outcomes retried within the slot's budget, 429s waited out (never a failure). */
  async function probeRound(round: number, key: string, slot: Slot): Promise<RoundResult> {
    let attempts = 0;
    let rateWaits = 0;
    for (;;) {
      attempts++;
      const result = await limiter.run(() => probe(request, key, { approvals: options.approvals, ...(options.signal ? { signal: options.signal } : {}) }), options.signal);
      const left = budget.get(slot)!;
      if (result.outcome === 'unknown' && left > 0) {
        budget.set(slot, left - 1);
        await sleep((options.retryDelayMs ?? 200) * 2 ** (settings.retryBudget - left), options.signal);
        continue;
      }
      const wait = result.retryAfterMs ?? 1000;
      if (result.outcome === 'rate-limited' && rateWaits < 2 && wait <= settings.maxRetryAfterMs) {
        rateWaits++;
        await sleep(wait, options.signal);
        continue;
      }
      return { ...result, round, attempts };
    }
  }
}

