import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, relative, resolve, isAbsolute } from 'node:path';
import type { ServiceConfig } from '../config/types';
import { envVarsFor, probeUrlFor } from '../config/types';
import { checkTransport } from '../net/transport';
import { writeFileAtomic } from '../atomicWrite';
import { isInsideAnyway, realPath } from '../confine';
import { workspaceIdFor } from '../keychain/workspaceId';

/**
 * Host approval: a key is sent only to a host the user approved for that service, so a cloned
 * repository's `.rotation-ready.json` can never direct the user's keys elsewhere (issue 6, Security).
 * Approvals live outside the workspace, in one file per user that the CLI, the MCP server and the extension
 * share (~/.config/rotation-ready/approvals.json, located from the real process environment only): an
 * approval given in one front end holds in the others. Each is bound to the workspace it was given in.
 */
export interface HostApprovals {
  isApproved(service: string, host: string): boolean;
}

export interface Approval {
  /** The service (or `channel:<name>`, `alerts:<sink type>`) whose data may go to `host`. */
  service: string;
  /** `hostname[:port]` as in a URL's host (lower case, default port omitted). */
  host: string;
  /**
   * The workspace the approval was given in (`workspaceIdFor` of its resolved root): it holds there
   * only, so a repository that names its service like one approved in another project gets nothing.
   */
  workspace: string;
  /** That workspace's folder when the approval was given, for a person reading the file. */
  workspaceRoot?: string;
  /**
   * Which key sources it covers besides this workspace's keychain entries: the environment variables
   * the user confirmed the service's keys may be read from. A name the config adds later is not read.
   */
  envVars: string[];
  approvedAt: string;
}

/** Lexical containment (after `..` is resolved); see `isReallyInside` in ../confine for where a path truly is. */
export function isInside(child: string, parent: string): boolean {
  const rel = relative(resolve(parent), resolve(child));
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

export class ApprovalStoreError extends Error {}

export interface ApprovalStoreOptions {
  /** The workspace (its root folder) these approvals are for: only approvals given there count. */
  workspace: string;
  /** Folders the file must lie outside of (the workspace is always one), judged on resolved real paths. */
  workspaceRoots?: readonly string[];
}

/**
 * Approvals in a JSON file (mode 0600) outside every workspace, seen through one workspace: approvals
 * given in another workspace are kept in the file but do not count here. Re-read before each write so
 * two processes merge. Entries without a workspace (written by an earlier version) count nowhere.
 */
export class ApprovalStore implements HostApprovals {
  private approvals: Approval[] = [];
  readonly workspaceId: string;
  private readonly workspaceRoot: string;

  /** @throws ApprovalStoreError when `file` lies inside the workspace or one of `workspaceRoots` (symlinks, /proc/self/cwd and bind mounts resolved). */
  constructor(
    readonly file: string,
    options: ApprovalStoreOptions,
  ) {
    for (const root of [options.workspace, ...(options.workspaceRoots ?? [])]) {
      if (isInsideAnyway(file, root)) {
        throw new ApprovalStoreError(`host approvals must be stored outside the workspace (${root}), but ${file} resolves into it; a workspace file could pre-approve hosts`);
      }
    }
    this.workspaceRoot = realPath(options.workspace);
    this.workspaceId = workspaceIdFor(options.workspace);
    this.approvals = this.read();
  }

  private find(service: string, host: string): Approval | undefined {
    const h = host.toLowerCase();
    return this.approvals.find((a) => a.workspace === this.workspaceId && a.service === service && a.host === h);
  }

  isApproved(service: string, host: string): boolean {
    return this.find(service, host) !== undefined;
  }

  /** The environment variable names the user confirmed for this binding (none when it is not approved). */
  confirmedEnvVars(service: string, host: string): readonly string[] {
    return this.find(service, host)?.envVars ?? [];
  }

  /** This workspace's approvals. */
  list(): readonly Approval[] {
    return this.approvals.filter((a) => a.workspace === this.workspaceId);
  }

  /** Approves a binding in this workspace, or adds `envVars` to the names an existing one covers. */
  approve(service: string, host: string, options: { envVars?: readonly string[]; now?: Date } = {}): void {
    this.approvals = this.read();
    const existing = this.find(service, host);
    const names = [...new Set(options.envVars ?? [])];
    if (existing) {
      const added = names.filter((n) => !existing.envVars.includes(n));
      if (added.length === 0) return;
      existing.envVars.push(...added);
    } else {
      const now = options.now ?? new Date();
      this.approvals.push({ service, host: host.toLowerCase(), workspace: this.workspaceId, workspaceRoot: this.workspaceRoot, envVars: names, approvedAt: now.toISOString() });
    }
    this.write();
  }

  /** Removes one binding, or every binding of a service, in this workspace; returns how many. */
  revoke(service: string, host?: string): number {
    this.approvals = this.read();
    const before = this.approvals.length;
    this.approvals = this.approvals.filter((a) => !(a.workspace === this.workspaceId && a.service === service && (host === undefined || a.host === host.toLowerCase())));
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
    const approvals: Approval[] = [];
    for (const a of list as Array<Partial<Approval> | null>) {
      if (typeof a !== 'object' || a === null || typeof a.service !== 'string' || typeof a.host !== 'string') continue;
      const envVars = Array.isArray(a.envVars) ? a.envVars.filter((n): n is string => typeof n === 'string') : [];
      // An entry without a workspace (an earlier version's) is kept but counts nowhere: it is asked again.
      approvals.push({ ...a, service: a.service, host: a.host, workspace: typeof a.workspace === 'string' ? a.workspace : '', envVars, approvedAt: String(a.approvedAt ?? '') });
    }
    return approvals;
  }

  private write(): void {
    mkdirSync(dirname(this.file), { recursive: true, mode: 0o700 });
    writeFileAtomic(this.file, `${JSON.stringify({ version: 2, approvals: this.approvals }, null, 2)}\n`);
  }
}

/**
 * The extension kept its approvals in its global storage, where the CLI did not see them: the first store opened
 * after the move merges them into the shared file (an entry already there wins) and renames the old file to
 * `<name>.migrated`, so an approval revoked later is not brought back. A file that is not JSON is left as it is.
 */
export function adoptLegacyApprovals(legacyFile: string, file: string): void {
  if (!existsSync(legacyFile)) return;
  const entries = (path: string): unknown[] | undefined => {
    try {
      const data = JSON.parse(readFileSync(path, 'utf8')) as { approvals?: unknown };
      return Array.isArray(data.approvals) ? data.approvals : [];
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === 'ENOENT' ? [] : undefined;
    }
  };
  const legacy = entries(legacyFile);
  const current = entries(file);
  if (!legacy || !current) return;
  const key = (a: unknown) => {
    const { workspace, service, host } = (a ?? {}) as Partial<Approval>;
    return `${workspace}\0${service}\0${host}`;
  };
  const known = new Set(current.map(key));
  const added = legacy.filter((a) => !known.has(key(a)));
  if (added.length > 0) {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    writeFileAtomic(file, `${JSON.stringify({ version: 2, approvals: [...current, ...added] }, null, 2)}\n`);
  }
  try {
    renameSync(legacyFile, `${legacyFile}.migrated`);
  } catch (error) {
    // Another window moved it first.
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
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

/**
 * The CLI's approvals file: $ROTATION_READY_CONFIG_DIR, else $XDG_CONFIG_HOME/rotation-ready, else
 * ~/.config/rotation-ready (%APPDATA% on Windows). `env` must be the real process environment, never
 * one merged with a dotenv file: a repository's `.env` would otherwise choose where approvals live.
 */
export function defaultApprovalsFile(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const dir =
    env.ROTATION_READY_CONFIG_DIR ||
    (env.XDG_CONFIG_HOME ? join(env.XDG_CONFIG_HOME, 'rotation-ready') : undefined) ||
    (platform === 'win32' && env.APPDATA ? join(env.APPDATA, 'rotation-ready') : join(homedir(), '.config', 'rotation-ready'));
  return join(dir, 'approvals.json');
}

/** Every environment variable name a service's keys are read from in these environments (primary, plain, fallback). */
export function envVarNamesOf(service: ServiceConfig, environments: readonly string[]): string[] {
  const names = new Set<string>();
  for (const e of environments) {
    const v = envVarsFor(service, e);
    names.add(v.primary).add(v.plain).add(v.fallback);
  }
  return [...names];
}

export interface PendingApproval {
  service: string;
  /** Environments whose probe goes to this host. */
  environments: string[];
  host: string;
  loopback: boolean;
  /** The environment variables the service's keys would be read from for these environments. */
  envVars: string[];
}

/** Where a service's probes go: one entry per service and host, with the environments and variable names involved. */
export function probeBindings(services: readonly ServiceConfig[], environments?: readonly string[]): PendingApproval[] {
  const bindings = new Map<string, PendingApproval>();
  for (const s of services) {
    for (const e of s.environments) {
      if (environments && !environments.includes(e.name)) continue;
      const t = checkTransport(probeUrlFor(s, e.name));
      if (!t.ok) continue;
      const id = `${s.name}\0${t.host}`;
      const entry = bindings.get(id) ?? { service: s.name, environments: [], host: t.host, loopback: t.loopback, envVars: [] };
      entry.environments.push(e.name);
      bindings.set(id, entry);
    }
  }
  for (const entry of bindings.values()) entry.envVars = envVarNamesOf(services.find((s) => s.name === entry.service)!, entry.environments);
  return [...bindings.values()];
}

/**
 * The service→host bindings a dry-run of these services would need and that are not approved yet,
 * one per binding, so a UI can ask once per host ("Send billing-api's keys to api.example.com?").
 * URLs that may not carry a key at all (plain http to a public host) are not listed: no approval can allow them.
 */
export function pendingApprovals(services: readonly ServiceConfig[], approvals: HostApprovals, environments?: readonly string[]): PendingApproval[] {
  return probeBindings(services, environments).filter((b) => !approvals.isApproved(b.service, b.host));
}
