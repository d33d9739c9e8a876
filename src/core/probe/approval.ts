import { mkdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, relative, resolve, isAbsolute } from 'node:path';
import type { ServiceConfig } from '../config/types';
import { probeUrlFor } from '../config/types';
import { isLoopbackHost } from './loopback';
import { writeFileAtomic } from '../atomicWrite';

/**
 * Host approval: a key is sent only to a host the user approved for that service, so a cloned
 * repository's `.rotation-ready.json` can never direct the user's keys elsewhere (issue 6, Security).
 * Approvals live outside the workspace: the CLI uses ~/.config/rotation-ready/approvals.json,
 * the extension its globalStorage folder.
 */
export interface HostApprovals {
  isApproved(service: string, host: string): boolean;
}

export interface Approval {
  service: string;
  /** `hostname[:port]` as in a URL's host (lower case, default port omitted). */
  host: string;
  approvedAt: string;
}

/** Why a URL may not carry a key at all, whatever the approvals say. */
export type TransportCheck = { ok: true; host: string; loopback: boolean } | { ok: false; reason: string };

/** HTTPS anywhere; plain HTTP only to loopback (127.0.0.0/8, ::1, localhost); never credentials in the URL. */
export function checkTransport(url: string): TransportCheck {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return { ok: false, reason: 'not an absolute URL' };
  }
  if (u.username || u.password) return { ok: false, reason: 'the URL contains credentials' };
  const loopback = isLoopbackHost(u.hostname);
  if (u.protocol === 'https:') return { ok: true, host: u.host.toLowerCase(), loopback };
  if (u.protocol === 'http:' && loopback) return { ok: true, host: u.host.toLowerCase(), loopback };
  if (u.protocol === 'http:') return { ok: false, reason: `plain http to ${u.hostname} would expose the key; use https (plain http is allowed only to loopback)` };
  return { ok: false, reason: `unsupported protocol ${u.protocol}` };
}

export function isInside(child: string, parent: string): boolean {
  const rel = relative(resolve(parent), resolve(child));
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

export class ApprovalStoreError extends Error {}

/** Approvals in a JSON file (mode 0600) outside every workspace. Re-read before each write so two processes merge. */
export class ApprovalStore implements HostApprovals {
  private approvals: Approval[] = [];

  /** @throws ApprovalStoreError when `file` lies inside one of `workspaceRoots`. */
  constructor(
    readonly file: string,
    options: { workspaceRoots?: readonly string[] } = {},
  ) {
    for (const root of options.workspaceRoots ?? []) {
      if (isInside(file, root)) throw new ApprovalStoreError(`host approvals must be stored outside the workspace (${root}); a workspace file could pre-approve hosts`);
    }
    this.approvals = this.read();
  }

  isApproved(service: string, host: string): boolean {
    const h = host.toLowerCase();
    return this.approvals.some((a) => a.service === service && a.host === h);
  }

  list(): readonly Approval[] {
    return this.approvals;
  }

  approve(service: string, host: string, now = new Date()): void {
    this.approvals = this.read();
    if (this.isApproved(service, host)) return;
    this.approvals.push({ service, host: host.toLowerCase(), approvedAt: now.toISOString() });
    this.write();
  }

  /** Removes one binding, or every binding of a service; returns how many. */
  revoke(service: string, host?: string): number {
    this.approvals = this.read();
    const before = this.approvals.length;
    this.approvals = this.approvals.filter((a) => !(a.service === service && (host === undefined || a.host === host.toLowerCase())));
    if (this.approvals.length !== before) this.write();
    return before - this.approvals.length;
  }

  reload(): void {
    this.approvals = this.read();
  }

  private read(): Approval[] {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      throw new ApprovalStoreError(`${this.file} is not valid JSON; fix or delete it (approvals will be asked again)`);
    }
    const list = (data as { approvals?: unknown }).approvals;
    if (!Array.isArray(list)) return [];
    return list.filter(
      (a): a is Approval => typeof a === 'object' && a !== null && typeof (a as Approval).service === 'string' && typeof (a as Approval).host === 'string',
    );
  }

  private write(): void {
    mkdirSync(dirname(this.file), { recursive: true, mode: 0o700 });
    writeFileAtomic(this.file, `${JSON.stringify({ version: 1, approvals: this.approvals }, null, 2)}\n`);
  }
}

/** An in-memory approval set (tests, one-shot approvals that must not persist). */
export function memoryApprovals(bindings: Array<{ service: string; host: string }> = []): HostApprovals & { approve(service: string, host: string): void } {
  const set = new Set(bindings.map((b) => `${b.service}\0${b.host.toLowerCase()}`));
  return {
    isApproved: (service, host) => set.has(`${service}\0${host.toLowerCase()}`),
    approve: (service, host) => void set.add(`${service}\0${host.toLowerCase()}`),
  };
}

/** The CLI's approvals file: $ROTATION_READY_CONFIG_DIR, else $XDG_CONFIG_HOME/rotation-ready, else ~/.config/rotation-ready (%APPDATA% on Windows). */
export function defaultApprovalsFile(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const dir =
    env.ROTATION_READY_CONFIG_DIR ||
    (env.XDG_CONFIG_HOME ? join(env.XDG_CONFIG_HOME, 'rotation-ready') : undefined) ||
    (platform === 'win32' && env.APPDATA ? join(env.APPDATA, 'rotation-ready') : join(homedir(), '.config', 'rotation-ready'));
  return join(dir, 'approvals.json');
}

export interface PendingApproval {
  service: string;
  /** Environments whose probe goes to this host. */
  environments: string[];
  host: string;
  loopback: boolean;
}

/**
 * The service→host bindings a dry-run of these services would need and that are not approved yet,
 * one per binding, so a UI can ask once per host ("Send billing-api's keys to api.example.com?").
 * URLs that may not carry a key at all (plain http to a public host) are not listed: no approval can allow them.
 */
export function pendingApprovals(services: readonly ServiceConfig[], approvals: HostApprovals, environments?: readonly string[]): PendingApproval[] {
  const pending = new Map<string, PendingApproval>();
  for (const s of services) {
    for (const e of s.environments) {
      if (environments && !environments.includes(e.name)) continue;
      const t = checkTransport(probeUrlFor(s, e.name));
      if (!t.ok || approvals.isApproved(s.name, t.host)) continue;
      const id = `${s.name}\0${t.host}`;
      const entry = pending.get(id) ?? { service: s.name, environments: [], host: t.host, loopback: t.loopback };
      entry.environments.push(e.name);
      pending.set(id, entry);
    }
  }
  return [...pending.values()];
}
