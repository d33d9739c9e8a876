import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { applyBaseline, BASELINE_FILE, findingSalt, parseBaseline, type Baseline } from '../../core/baseline/index';
import { scanWorkspace } from '../../core/analyze/scan';
import { formatConfigError, type LoadedConfig } from '../../core/config/index';
import { KeytarKeychain } from '../../core/keychain/keytar';
import { KeyStore } from '../../core/keychain/keyStore';
import {
  ApprovalStore,
  defaultApprovalsFile,
  renderText,
  runDryRun,
} from '../../core/probe/index';
import { presetForRule, providerPreset } from '../../core/config/presets';
import { RotationMachine } from '../../core/rotation/index';
import { createProjectContext, loadProjectConfig as loadConfigAt, type ProjectContext } from '../../core/workflows/context';
import { dryRunKeySource } from '../../core/workflows/dryRunKeys';
import { ruleById, rules } from '../../core/rules/index';

/**
 * What the MCP server's tools do, as plain functions over a project root (src/cli/commands/mcp.ts registers them).
 * The same four as the editor's language-model tools. Every input is checked here: paths stay inside the root after
 * symlinks are resolved, rule ids and service names must exist, numbers are clamped. No answer holds a key value.
 */
export interface McpContext {
  /** The project (its real path), opened as every front end opens one: workspace id, salts, config, KeyStore. */
  project: ProjectContext;
  /** Read keys from the OS keychain (this project's entries) before the environment. */
  keychain: boolean;
  /** Another key metadata file to read rotation stages from (`--keys-metadata`); default: the project's own. */
  keysMetadata?: string;
  signal?: AbortSignal;
}

/** The MCP server's context for the project at `root`: the workflows' ProjectContext, its config read afresh per call. */
export function createMcpContext(options: { root: string; env: NodeJS.ProcessEnv; keychain: boolean; keysMetadata?: string; signal?: AbortSignal }): McpContext {
  const root = realpathSync(options.root);
  const project = createProjectContext({ root, keychain: () => new KeytarKeychain(), env: options.env, config: () => loadConfigAt(root) });
  return { project, keychain: options.keychain, ...(options.keysMetadata ? { keysMetadata: options.keysMetadata } : {}), ...(options.signal ? { signal: options.signal } : {}) };
}

export class ToolInputError extends Error {}

export const LIMITS = { maxResults: { min: 1, max: 500, default: 100 }, rounds: { min: 1, max: 5, default: 2 } } as const;

export function clamp(value: number | undefined, limit: { min: number; max: number; default: number }): number {
  if (value === undefined || !Number.isFinite(value)) return limit.default;
  return Math.min(limit.max, Math.max(limit.min, Math.round(value)));
}

/** A path given by the agent, as a root-relative path, only if it exists and stays inside the root once symlinks are followed. */
export function pathInside(ctx: McpContext, input: string | undefined): string {
  const given = (input ?? '.').trim() || '.';
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x1f]/.test(given)) throw new ToolInputError('the path has control characters');
  const root = ctx.project.root;
  const abs = isAbsolute(given) ? given : resolve(root, given);
  let real: string;
  try {
    real = realpathSync(abs);
  } catch {
    throw new ToolInputError(`no such file or folder in the project: ${given}`);
  }
  if (real !== root && !real.startsWith(root.endsWith(sep) ? root : root + sep)) throw new ToolInputError(`${given} is outside the project (${root})`);
  return relative(root, real) || '.';
}

function baselineOf(ctx: McpContext): Baseline | undefined {
  const file = join(ctx.project.root, BASELINE_FILE);
  return existsSync(file) ? parseBaseline(readFileSync(file, 'utf8'), BASELINE_FILE) : undefined;
}

export async function scanPathTool(ctx: McpContext, input: { path?: string; maxResults?: number }): Promise<string> {
  const path = pathInside(ctx, input.path);
  const max = clamp(input.maxResults, LIMITS.maxResults);
  const baseline = baselineOf(ctx);
  const scan = await scanWorkspace({ roots: [path], cwd: ctx.project.root, salt: findingSalt(baseline, ctx.project.env, ctx.project.root), keySalt: ctx.project.fingerprints.salt, inlineIgnores: true, ...(ctx.signal ? { signal: ctx.signal } : {}) });
  const { fresh, baselined } = applyBaseline(scan.findings, baseline);
  const lines = fresh.slice(0, max).map((f) => {
    const preset = presetForRule(f.ruleId);
    return `${f.path}:${f.range.start.line + 1}:${f.range.start.character + 1} ${f.severity} ${f.ruleId} ${f.message} [${f.redacted}${f.keyFingerprint ? ` ${f.keyFingerprint}` : ''}]${preset ? ` (provider preset: ${preset.id})` : ''}`;
  });
  const more = fresh.length > max ? `\n… and ${fresh.length - max} more (raise maxResults, up to ${LIMITS.maxResults.max}).` : '';
  const header = `Scanned ${scan.files} file(s) under ${path}: ${fresh.length} finding(s)${baselined.length ? `, ${baselined.length} accepted by the baseline` : ''}${scan.skipped.length ? `, ${scan.skipped.length} skipped` : ''}. Values are never shown; explain a finding with explain_finding, and move keys to environment variables or the keychain.`;
  return `${header}${lines.length ? `\n${lines.join('\n')}` : ''}${more}`;
}

/** docs/rules beside the installed CLI (dist/…) or the sources (src/cli/mcp/…). */
function ruleDocsFolder(): string | undefined {
  for (let dir = __dirname, i = 0; i < 5; i++, dir = dirname(dir)) {
    const candidate = join(dir, 'docs', 'rules');
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

export async function explainFindingTool(input: { ruleId: string }): Promise<string> {
  const id = input.ruleId.trim();
  const rule = ruleById(id);
  if (!rule) {
    const near = rules.filter((r) => r.id.includes(id.split('-')[0] ?? id)).slice(0, 5).map((r) => r.id);
    throw new ToolInputError(`no rule '${id.slice(0, 80)}'. Rule ids are the finding codes, e.g. stripe-secret-key or generic-secret${near.length ? `; close: ${near.join(', ')}` : ''}`);
  }
  const folder = ruleDocsFolder();
  const docFile = folder ? join(folder, `${rule.id}.md`) : undefined;
  const doc = docFile && existsSync(docFile) ? readFileSync(docFile, 'utf8') : '';
  const preset = presetForRule(rule.id);
  const presetText = preset ? `\nDry-run preset: "provider": "${preset.id}" probes ${preset.method} ${preset.origin}${preset.path}. New keys: ${preset.keyPage}.` : '';
  return `Rule ${rule.id}: ${rule.title} (${rule.provider}), severity ${rule.severity}. Suggested environment variable: ${rule.envName}. Rotate at ${rule.rotationUrl}.${presetText}\n\n${doc}`.trim();
}

function projectConfig(ctx: McpContext): LoadedConfig {
  const config = ctx.project.config;
  if (!config) throw new ToolInputError('the project has no .rotation-ready.json (see docs/configuration.md)');
  return config;
}

export async function rotationStatusTool(ctx: McpContext): Promise<string> {
  const config = projectConfig(ctx);
  const errors = config.errors.map((e) => formatConfigError(e));
  // Without --keys-metadata: the project's own metadata file, which the CLI and the Keys sidebar share.
  const keysMetadata = ctx.keysMetadata ?? ctx.project.metadataPath;
  if (!existsSync(keysMetadata)) {
    const services = config.services.map((s) => `${s.name} (${s.environments.map((e) => e.name).join(', ')})${s.provider ? `, provider ${s.provider}` : ''}`);
    return [
      `Configured services: ${services.join('; ') || 'none'}.`,
      'No key metadata for this project yet (the Keys sidebar and fix --keychain record it; or start the server with --keys-metadata FILE), so rotation stages are unknown here.',
      ...errors,
    ].join('\n');
  }
  const store = ctx.keysMetadata ? new KeyStore({ keychain: ctx.project.keychain, workspaceId: ctx.project.workspaceId, metadataPath: keysMetadata }) : ctx.project.keyStore;
  const machine = new RotationMachine(store, {
    provider: (ref) => {
      const preset = providerPreset(config.services.find((s) => s.name === ref.service)?.provider ?? '');
      return preset ? { name: preset.name, url: preset.keyPage } : { name: ref.service };
    },
  });
  const lines: string[] = [];
  for (const service of config.services) {
    for (const env of service.environments) {
      const s = await machine.status({ service: service.name, environment: env.name });
      const slots = (['primary', 'fallback', 'previous'] as const).map((slot) => (s.slots[slot] ? `${slot} ${s.slots[slot]!.fingerprint}` : `${slot} empty`)).join('; ');
      lines.push(`${s.service} (${s.environment}): stage ${s.stage}.${s.next ? ` Next step: ${s.next.title}.` : ''} Slots: ${slots}.`);
    }
  }
  return [...lines, ...errors].join('\n') || 'No services are configured.';
}

/** A dry-run of configured services: probes go only to hosts already approved (nothing is approved from here). */
export async function dryRunTool(ctx: McpContext, input: { services?: string[]; environments?: string[]; rounds?: number }): Promise<string> {
  const config = projectConfig(ctx);
  const names = input.services ?? [];
  for (const name of names) if (!config.services.some((s) => s.name === name)) throw new ToolInputError(`no service '${name.slice(0, 80)}' in .rotation-ready.json (services: ${config.services.map((s) => s.name).join(', ') || 'none'})`);
  const services = config.services.filter((s) => names.length === 0 || names.includes(s.name));
  if (services.length === 0) throw new ToolInputError('no service to probe');
  // Approvals belong to this project and name the environment variables the user confirmed; nothing is approved here.
  const project = ctx.project;
  const approvals = new ApprovalStore(defaultApprovalsFile(project.env), { workspace: project.root, workspaceRoots: [project.root] });
  // The same key sources and fingerprint salt as `rotation-ready dry-run` and the editor (src/core/workflows).
  const keys = dryRunKeySource(project, { services, keychain: ctx.keychain, processEnv: project.env, confirmations: approvals });
  const report = await runDryRun({
    services,
    keys,
    approvals,
    salt: project.fingerprints.salt,
    settings: config.settings.dryRun,
    rounds: clamp(input.rounds, LIMITS.rounds),
    ...(input.environments?.length ? { environments: input.environments } : {}),
    ...(ctx.signal ? { signal: ctx.signal } : {}),
  });
  const unapproved = report.targets.filter((t) => t.verdict === 'needs-approval');
  const hint = unapproved.length ? `\nHosts are approved by the user only (rotation-ready dry-run --approve-host, or the editor's prompt); ${unapproved.length} target(s) were not probed.` : '';
  return `${renderText(report)}${hint}`;
}
