import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Slot } from '../vocabulary/slot';
import type { ErrorClass } from '../probe/types';
import type { Outcome } from '../vocabulary/outcome';
import type { HistoryEntry, SeriesId } from './types';

export interface HistoryLimits {
  maxEntriesPerKey: number;
  maxAgeHours: number;
}

interface Series extends SeriesId {
  entries: HistoryEntry[];
}

const OUTCOMES: readonly Outcome[] = ['valid', 'rejected', 'rate-limited', 'unknown', 'misconfigured'];
const SLOTS: readonly Slot[] = ['primary', 'fallback', 'previous'];
const FINGERPRINT = /^rk1:[0-9a-f]{16}$/;

/**
 * The monitor's bounded probe history: per service, environment and key slot, capped by count and
 * by age, kept in one JSON file outside the workspace (the extension's storage folder) so it survives
 * restarts. Writes are atomic (temporary file, then rename), so a crash leaves the old or the new
 * file, never half of one. Only value-free fields are stored, and only those are read back.
 */
export class ProbeHistory {
  private readonly series = new Map<string, Series>();
  private writing: Promise<void> = Promise.resolve();
  private counter = 0;

  constructor(
    /** Undefined keeps the history in memory only. */
    readonly file: string | undefined,
    private limits: HistoryLimits,
    private readonly now: () => number = Date.now,
  ) {}

  setLimits(limits: HistoryLimits): void {
    this.limits = limits;
    for (const s of this.series.values()) this.trim(s);
  }

  /** Reads the file; a missing file is an empty history, a damaged one is set aside and reported. */
  async load(): Promise<{ loaded: number; error?: string }> {
    if (!this.file) return { loaded: 0 };
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { loaded: 0 };
      return { loaded: 0, error: `cannot read the probe history (${(error as NodeJS.ErrnoException).code ?? 'error'})` };
    }
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      await rename(this.file, `${this.file}.damaged`).catch(() => undefined);
      return { loaded: 0, error: 'the probe history file was damaged; it was set aside and a new history started' };
    }
    let loaded = 0;
    const list = (data as { series?: unknown })?.series;
    for (const raw of Array.isArray(list) ? list : []) {
      const s = raw as Partial<Series>;
      if (typeof s.service !== 'string' || typeof s.environment !== 'string' || !SLOTS.includes(s.slot as Slot) || !Array.isArray(s.entries)) continue;
      const entries = s.entries.map(cleanEntry).filter((e): e is HistoryEntry => e !== undefined);
      const series = this.get({ service: s.service, environment: s.environment, slot: s.slot as Slot });
      series.entries = [...series.entries, ...entries].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
      this.trim(series);
      loaded += series.entries.length;
    }
    return { loaded };
  }

  append(id: SeriesId, entry: HistoryEntry): void {
    const clean = cleanEntry(entry);
    if (!clean) throw new Error('a history entry needs an ISO time, an outcome and a key fingerprint');
    const series = this.get(id);
    const last = series.entries[series.entries.length - 1];
    series.entries.push(clean);
    // Kept oldest first: the signals read the series in time order.
    if (last && last.at > clean.at) series.entries.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
    this.trim(series);
  }

  /** The entries of one key slot, oldest first. */
  entries(id: SeriesId): readonly HistoryEntry[] {
    const s = this.series.get(keyOf(id));
    if (!s) return [];
    this.trim(s);
    return s.entries;
  }

  /** Every series, e.g. to draw the report's timeline. */
  list(): Array<SeriesId & { entries: readonly HistoryEntry[] }> {
    return [...this.series.values()].map((s) => {
      this.trim(s);
      return { service: s.service, environment: s.environment, slot: s.slot, entries: s.entries };
    });
  }

  /** Forgets a service (or everything). */
  clear(service?: string): void {
    for (const [k, s] of this.series) if (service === undefined || s.service === service) this.series.delete(k);
  }

  /** Writes the whole history atomically; concurrent calls are serialised. */
  save(): Promise<void> {
    const file = this.file;
    if (!file) return Promise.resolve();
    const text = `${JSON.stringify({ version: 1, series: this.list().filter((s) => s.entries.length > 0) })}\n`;
    const tmp = `${file}.${process.pid}.${++this.counter}.tmp`;
    const write = async () => {
      await mkdir(dirname(file), { recursive: true, mode: 0o700 });
      await writeFile(tmp, text, { mode: 0o600 });
      await rename(tmp, file);
      await chmod(file, 0o600).catch(() => undefined);
    };
    this.writing = this.writing.then(write, write);
    return this.writing;
  }

  private get(id: SeriesId): Series {
    const k = keyOf(id);
    let s = this.series.get(k);
    if (!s) {
      s = { service: id.service, environment: id.environment, slot: id.slot, entries: [] };
      this.series.set(k, s);
    }
    return s;
  }

  private trim(s: Series): void {
    const oldest = this.now() - this.limits.maxAgeHours * 3_600_000;
    let drop = 0;
    while (drop < s.entries.length && Date.parse(s.entries[drop]!.at) < oldest) drop++;
    drop = Math.max(drop, s.entries.length - this.limits.maxEntriesPerKey);
    if (drop > 0) s.entries.splice(0, drop);
  }
}

function keyOf(id: SeriesId): string {
  return `${id.service}\0${id.environment}\0${id.slot}`;
}

/** Keeps only the known, value-free fields; anything else in a file or an argument is dropped. */
function cleanEntry(raw: unknown): HistoryEntry | undefined {
  const e = raw as Partial<HistoryEntry> | null;
  if (!e || typeof e !== 'object') return undefined;
  if (typeof e.at !== 'string' || Number.isNaN(Date.parse(e.at))) return undefined;
  if (!OUTCOMES.includes(e.outcome as Outcome)) return undefined;
  if (typeof e.fingerprint !== 'string' || !FINGERPRINT.test(e.fingerprint)) return undefined;
  const entry: HistoryEntry = { at: new Date(e.at).toISOString(), outcome: e.outcome as Outcome, latencyMs: typeof e.latencyMs === 'number' && e.latencyMs >= 0 ? Math.round(e.latencyMs) : 0, fingerprint: e.fingerprint };
  if (typeof e.status === 'number' && Number.isInteger(e.status) && e.status >= 100 && e.status <= 599) entry.status = e.status;
  if (typeof e.errorClass === 'string' && /^[a-z-]{1,32}$/.test(e.errorClass)) entry.errorClass = e.errorClass as ErrorClass;
  return entry;
}
