import type { Alert } from '../alerts/types';
import type { ServiceConfig, Settings } from '../config/types';
import { DEFAULT_SETTINGS } from '../config/types';
import type { Slot } from '../vocabulary/slot';
import type { HostApprovals } from '../probe/approval';
import { runDryRun } from '../probe/dry-run';
import type { KeySource } from '../probe/key-source';
import type { TargetReport, Verdict } from '../probe/types';
import { monitorAlerts } from './alerts';
import { targetHealth } from './health';
import type { ProbeHistory } from './history';
import { detectSignals } from './signals';
import type { HistoryEntry, Signal, TargetHealth } from './types';

export interface HealthMonitorOptions {
  keys: KeySource;
  approvals: HostApprovals;
  /** Salt for key fingerprints (the same as the dry-run's, so fingerprints match across views). */
  salt: string;
  history: ProbeHistory;
  services: readonly ServiceConfig[];
  settings?: Settings;
  /** Hands an alert to the dispatcher (de-duplication, rate limit, redaction guard, sinks). */
  dispatch?: (alert: Alert) => Promise<unknown>;
  /** After every run of a service: what it found. Value-free. */
  onRun?: (event: MonitorRunEvent) => void;
  /** A run that failed (e.g. the history could not be written); the schedule goes on. */
  onError?: (service: string, error: unknown) => void;
  /** For tests: jitter source (default Math.random) and clock. */
  random?: () => number;
  now?: () => number;
  /** For tests: milliseconds per configured second (default 1000). */
  secondMs?: number;
}

export interface MonitorRunEvent {
  service: string;
  targets: TargetReport[];
  health: TargetHealth[];
  signals: Signal[];
  alerts: Alert[];
}

interface Schedule {
  service: ServiceConfig;
  intervalMs: number;
  timer?: ReturnType<typeof setTimeout>;
  running?: Promise<void>;
  controller?: AbortController;
}

const SLOTS: readonly Slot[] = ['primary', 'fallback'];

/** The services a monitor watches: every configured one unless it says `"monitor": { "enabled": false }`. */
export function monitoredServices(services: readonly ServiceConfig[]): ServiceConfig[] {
  return services.filter((s) => s.monitor?.enabled !== false);
}

/**
 * The health monitor: per service, a probe run every `intervalSeconds` (jittered), never two runs of
 * one service at once, each run a one-round dry-run (so host approvals, the transport rules, retries
 * and timeouts are exactly the dry-run's), its probes appended to the bounded history, signals
 * computed from it, alerts handed to the dispatcher. Nothing is sent before `start()`; `stop()`
 * cancels the timers and every request in flight.
 */
export class HealthMonitor {
  private readonly schedules = new Map<string, Schedule>();
  private readonly lastRuns = new Map<string, { verdict: Verdict; reason: string }>();
  private options: HealthMonitorOptions;
  private started = false;

  constructor(options: HealthMonitorOptions) {
    this.options = options;
  }

  get running(): boolean {
    return this.started;
  }

  private get settings(): Settings {
    return this.options.settings ?? DEFAULT_SETTINGS;
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  /** Schedules every monitored service; the first run of each comes after a random part of the jitter. */
  start(): void {
    if (this.started) return;
    this.started = true;
    for (const service of monitoredServices(this.options.services)) this.schedule(service, true);
  }

  /** Cancels every timer and request in flight, and waits until the runs have ended. */
  async stop(): Promise<void> {
    this.started = false;
    const running: Array<Promise<void>> = [];
    for (const s of this.schedules.values()) {
      if (s.timer) clearTimeout(s.timer);
      s.controller?.abort(new Error('the health monitor stopped'));
      if (s.running) running.push(s.running);
    }
    this.schedules.clear();
    await Promise.allSettled(running);
  }

  /** New configuration or key source: restarts the schedules when running. */
  async update(options: Partial<Pick<HealthMonitorOptions, 'services' | 'settings' | 'keys' | 'approvals' | 'salt'>>): Promise<void> {
    const wasRunning = this.started;
    if (wasRunning) await this.stop();
    this.options = { ...this.options, ...options };
    this.options.history.setLimits(this.settings.monitor.history);
    if (wasRunning) this.start();
  }

  /** Runs one service (or every monitored one) now, after any run already under way. */
  async runNow(service?: string): Promise<void> {
    const services = monitoredServices(this.options.services).filter((s) => service === undefined || s.name === service);
    await Promise.all(services.map(async (s) => {
      const schedule = this.schedules.get(s.name) ?? { service: s, intervalMs: this.intervalOf(s) };
      // Registered, so stop() cancels it too.
      this.schedules.set(s.name, schedule);
      await schedule.running?.catch(() => undefined);
      await this.run(schedule);
    }));
  }

  /** Health of every monitored service environment, from the history. */
  health(): TargetHealth[] {
    return monitoredServices(this.options.services).flatMap((s) => s.environments.map((e) => this.healthOf(s.name, e.name)!));
  }

  healthOf(service: string, environment: string): TargetHealth | undefined {
    const config = monitoredServices(this.options.services).find((s) => s.name === service);
    if (!config || !config.environments.some((e) => e.name === environment)) return undefined;
    const series = this.series(service, environment);
    return targetHealth({ service, environment }, series, this.signalsOf(service, environment, series), this.lastRuns.get(`${service}\0${environment}`));
  }

  signals(): Signal[] {
    return this.health().flatMap((h) => h.signals);
  }

  private series(service: string, environment: string): Array<{ slot: Slot; entries: readonly HistoryEntry[] }> {
    return SLOTS.map((slot) => ({ slot, entries: this.options.history.entries({ service, environment, slot }) }));
  }

  private signalsOf(service: string, environment: string, series = this.series(service, environment)): Signal[] {
    return detectSignals(series, this.settings.monitor.signals, this.now(), { service, environment });
  }

  private intervalOf(service: ServiceConfig): number {
    return (service.monitor?.intervalSeconds ?? this.settings.monitor.intervalSeconds) * (this.options.secondMs ?? 1000);
  }

  private schedule(service: ServiceConfig, first: boolean): void {
    const existing = this.schedules.get(service.name);
    const schedule: Schedule = existing ?? { service, intervalMs: this.intervalOf(service) };
    this.schedules.set(service.name, schedule);
    const random = (this.options.random ?? Math.random)();
    const jitter = this.settings.monitor.jitter;
    // First run soon, spread over the jitter; then the interval, stretched or shortened by up to the jitter.
    const delay = first ? schedule.intervalMs * jitter * random : schedule.intervalMs * (1 + jitter * (2 * random - 1));
    schedule.timer = setTimeout(() => {
      schedule.timer = undefined;
      void this.run(schedule).finally(() => {
        if (this.started && this.schedules.get(service.name) === schedule) this.schedule(service, false);
      });
    }, Math.max(0, Math.round(delay)));
    schedule.timer.unref?.();
  }

  /** One run of one service; a second call while one is under way waits for it instead of overlapping. */
  private run(schedule: Schedule): Promise<void> {
    if (schedule.running) return schedule.running;
    const controller = new AbortController();
    schedule.controller = controller;
    schedule.running = this.probeService(schedule.service, controller.signal)
      .catch((error: unknown) => {
        if (!controller.signal.aborted) this.options.onError?.(schedule.service.name, error);
      })
      .finally(() => {
        schedule.running = undefined;
        schedule.controller = undefined;
      });
    return schedule.running;
  }

  private async probeService(service: ServiceConfig, signal: AbortSignal): Promise<void> {
    const { keys, approvals, salt, history } = this.options;
    const settings = this.settings;
    const report = await runDryRun({
      services: [service],
      keys,
      approvals,
      salt,
      // One probe per key and run; a 429 is recorded as it is (the gradual-increase signal counts them), not waited out.
      settings: { ...settings.dryRun, maxRetryAfterMs: 0 },
      rounds: 1,
      intervalMs: 0,
      signal,
    });
    if (report.cancelled || signal.aborted) return;
    const now = new Date(this.now());
    const event: MonitorRunEvent = { service: service.name, targets: report.targets, health: [], signals: [], alerts: [] };
    for (const target of report.targets) {
      const where = { service: service.name, environment: target.environment };
      this.lastRuns.set(`${where.service}\0${where.environment}`, { verdict: target.verdict, reason: target.reason });
      const probed: Array<{ slot: Slot; entry: HistoryEntry }> = [];
      for (const slot of target.slots) {
        if (!slot.keyFingerprint) continue;
        for (const r of slot.rounds) {
          const entry: HistoryEntry = { at: r.at, outcome: r.outcome, latencyMs: r.latencyMs, fingerprint: slot.keyFingerprint, ...(r.status !== undefined ? { status: r.status } : {}), ...(r.errorClass ? { errorClass: r.errorClass } : {}) };
          history.append({ ...where, slot: slot.slot }, entry);
          probed.push({ slot: slot.slot, entry });
        }
      }
      const series = this.series(where.service, where.environment);
      const signals = this.signalsOf(where.service, where.environment, series);
      event.signals.push(...signals);
      event.health.push(targetHealth(where, series, signals, { verdict: target.verdict, reason: target.reason }));
      event.alerts.push(...monitorAlerts(where, probed, (slot) => history.entries({ ...where, slot }), signals, settings.monitor.signals.spike, now));
    }
    await history.save();
    for (const alert of event.alerts) await this.options.dispatch?.(alert);
    this.options.onRun?.(event);
  }
}
