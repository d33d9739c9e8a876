import * as vscode from 'vscode';
import type { EnvVarNames, LoadedConfig, ServiceConfig } from '../../core/config/index';
import { EnvironmentInfo, KeyStore, ServiceRef } from '../../core/keychain/keyStore';
import { KeytarKeychain } from '../../core/keychain/keytar';
import type { KeychainPort } from '../../core/keychain/port';
import { RotationMachine } from '../../core/rotation/index';
import type { ProviderInfo } from '../../core/rotation/index';
import type { ApprovalStore } from '../../core/probe/index';
import type { DryRunReport } from '../../core/probe/index';
import { log } from '../log';
import { createProjectContext, resolveEnvVars, type ProjectContext } from '../../core/workflows/context';
import { legacyKeyMetadataPath } from '../salt';
import { SecretStorageKeychain } from '../secretStorageKeychain';
import type { WorkspaceConfig } from '../workspaceConfig';
import { ClipboardGuard } from './clipboard';
import type { Prompts } from './prompts';
import { providerFor } from './provider';
import { ProbeValidator } from './validator';

/** Which keychain holds the keys, for the note in the sidebar. */
export interface KeychainChoice {
  port: KeychainPort;
  /** Set when keytar could not load and SecretStorage is used instead: why. */
  fallbackReason?: string;
}

/** keytar (the OS keychain) by default; VS Code SecretStorage only when keytar cannot load on this host. */
export function chooseKeychain(secrets: vscode.SecretStorage, loadKeytar?: () => never): KeychainChoice {
  const keytar = new KeytarKeychain(loadKeytar ? { load: loadKeytar } : {});
  try {
    keytar.ensureLoaded();
    return { port: keytar };
  } catch (error) {
    return { port: new SecretStorageKeychain(secrets), fallbackReason: error instanceof Error ? error.message : String(error) };
  }
}

/** Where a project's keys live: its root, the window's keychain, the shared prompts, its host approvals. */
export interface KeysPlace {
  root: string;
  keychain: KeychainChoice;
  shared: { prompts: Prompts };
  approvals: () => ApprovalStore;
}

/**
 * The extension's view of one project's keys (src/extension/projects.ts): the key store (values in the
 * keychain under the project's workspace id, facts in a metadata file in global storage, outside the
 * workspace), the rotation machine, the validator, and a snapshot of the metadata the tree renders
 * synchronously. Never holds a value.
 */
export class Keys implements vscode.Disposable {
  readonly store: KeyStore;
  /** The project's context for the core workflows (the CLI builds the same one for this folder). */
  readonly project: ProjectContext;
  readonly machine: RotationMachine;
  readonly validator: ProbeValidator;
  readonly keychain: KeychainChoice;
  readonly root: string;
  readonly metadataPath: string;
  readonly clipboard = new ClipboardGuard();
  private readonly shared: { prompts: Prompts };
  private entries: EnvironmentInfo[] = [];
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(
    context: vscode.ExtensionContext,
    readonly config: WorkspaceConfig,
    place: KeysPlace,
  ) {
    this.keychain = place.keychain;
    this.shared = place.shared;
    this.root = place.root;
    // The same project context as the CLI's: one metadata file, one salt, one env-name policy (src/core/workflows).
    this.project = createProjectContext({ root: this.root, keychain: this.keychain.port, env: process.env, config: () => config.value, legacyMetadataPath: legacyKeyMetadataPath(context, this.root) });
    this.metadataPath = this.project.metadataPath;
    this.store = this.project.keyStore;
    this.machine = new RotationMachine(this.store, { provider: (ref) => this.provider(ref.service) });
    this.validator = new ProbeValidator({
      store: () => this.requireStore(),
      config: () => this.loadedConfig(),
      approvals: place.approvals,
      approve: (service, host) => this.approveHost(service, host),
    });
    this.approvals = place.approvals;
  }

  private readonly approvals: () => ApprovalStore;

  /** The one question before a key of `service` first goes to `host` (validation, live checks); records a yes. */
  async approveHost(service: string, host: string): Promise<boolean> {
    const ok = await this.prompts.confirm(
      `Send the keys of "${service}" to ${host}?`,
      `The .rotation-ready.json of ${this.root} points the probe of "${service}" at ${host}. Rotation Ready sends a key only to hosts you approve; approvals are stored outside the workspace and asked again if the host changes.`,
      'Allow',
    );
    if (ok) this.approvals().approve(service, host);
    return ok;
  }

  /** Host approvals of this project (stored outside the workspace). */
  hostApprovals(): ApprovalStore {
    return this.approvals();
  }

  /** The questions the key commands ask (one set for every project; the integration tests script them). */
  get prompts(): Prompts {
    return this.shared.prompts;
  }

  requireProject(): ProjectContext {
    return this.project;
  }

  requireStore(): KeyStore {
    return this.store;
  }

  /**
   * A dry-run probed keys: the slots holding those same keys (same fingerprint) record the outcome, so the
   * sidebar says "valid … ago" rather than "not validated". Keys read from elsewhere (the environment) are not
   * the sidebar's and record nothing.
   */
  async recordDryRun(report: DryRunReport): Promise<void> {
    const store = this.store;
    for (const target of report.targets) {
      for (const slot of target.slots) {
        if (!slot.keyFingerprint || slot.slot === 'previous' || slot.classification === 'missing' || slot.classification === 'not-probed') continue;
        const ref = { service: target.service, environment: target.environment };
        if ((await store.info(ref)).slots[slot.slot]?.fingerprint !== slot.keyFingerprint) continue;
        await store.recordValidation(ref, slot.slot, { ok: slot.classification === 'valid', outcome: slot.classification, detail: `dry-run, ${slot.rounds.length} round(s)` });
      }
    }
    await this.refresh();
  }

  /** Re-reads the metadata (never values) and tells the tree. */
  async refresh(): Promise<void> {
    try {
      this.entries = await this.store.list();
    } catch (error) {
      this.entries = [];
      log().error(`Cannot read key metadata: ${error instanceof Error ? error.message : String(error)}`);
    }
    this.changed.fire();
  }

  snapshot(): readonly EnvironmentInfo[] {
    return this.entries;
  }

  info(ref: ServiceRef): EnvironmentInfo {
    return this.entries.find((e) => e.service === ref.service && e.environment === ref.environment) ?? { service: ref.service, environment: ref.environment, slots: {} };
  }

  serviceConfig(service: string): ServiceConfig | undefined {
    return this.config.value?.services.find((s) => s.name === service);
  }

  /**
   * The configuration for decisions (validate or not, rotate or not): while the file is being
   * re-read `config.value` is briefly undefined, which must not read as "no probe configured".
   */
  async loadedConfig(): Promise<LoadedConfig | undefined> {
    return this.config.value ?? (await this.config.reload());
  }

  async probedService(service: string): Promise<ServiceConfig | undefined> {
    return (await this.loadedConfig())?.services.find((s) => s.name === service);
  }

  /** Env var names the keys feed: from the config, else as recorded when the key was added, else derived. */
  envVars(ref: ServiceRef): EnvVarNames {
    return resolveEnvVars(this.config.value, ref, this.info(ref).envVars);
  }

  provider(service: string): ProviderInfo {
    return providerFor(service, this.serviceConfig(service));
  }

  /** Service/environment pairs: configured ones in config order, then ones only the key store knows. */
  refs(): ServiceRef[] {
    const out: ServiceRef[] = [];
    const seen = new Set<string>();
    const add = (ref: ServiceRef) => {
      const id = `${ref.service}/${ref.environment}`;
      if (!seen.has(id)) {
        seen.add(id);
        out.push(ref);
      }
    };
    for (const s of this.config.value?.services ?? []) for (const e of s.environments) add({ service: s.name, environment: e.name });
    for (const e of this.entries) if (Object.keys(e.slots).length > 0 || e.rotation) add({ service: e.service, environment: e.environment });
    return out;
  }

  dispose(): void {
    this.clipboard.dispose();
    this.changed.dispose();
  }
}
