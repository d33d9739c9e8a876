import { createHash } from 'node:crypto';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { applyBaseline, BASELINE_FILE, parseBaseline, type Baseline } from '../../core/baseline/index';
import { scanWorkspace } from '../../core/analyze/scan';
import { formatConfigError, loadConfig, type LoadedConfig } from '../../core/config/index';
import { KeytarKeychain } from '../../core/keychain/keytar';
import { KeyStore } from '../../core/keychain/keyStore';
import { workspaceIdFor } from '../../core/keychain/workspaceId';
import {
  ApprovalStore,
  chainKeySources,
  defaultApprovalsFile,
  confirmedEnvKeySource,
  keychainKeySource,
  renderText,
  runDryRun,
  type KeySource,
} from '../../core/probe/index';
import { presetForRule, providerPreset } from '../../core/config/presets';
import { RotationMachine } from '../../core/rotation/index';
import { ruleById, rules } from '../../core/rules/index';

/**
 * What the MCP server's tools do, as plain functions over a project root (src/cli/commands/mcp.ts registers them).
 * The same four as the editor's language-model tools. Every input is checked here: paths stay inside the root after
 * symlinks are resolved, rule ids and service names must exist, numbers are clamped. No answer holds a key value.
 */
export interface ProjectContext {
  /** The project folder, as its real path. */
  root: string;
  env: NodeJS.ProcessEnv;
  /** Read keys from the OS keychain (this project's entries) before the environment. */
  keychain: boolean;
  /** The editor's key metadata file for this project (value-free: stages, slot fingerprints), for rotation status. */
  keysMetadata?: string;
  signal?: AbortSignal;
}

export class ToolInputError extends Error {}

export const LIMITS = { maxResults: { min: 1, max: 500, default: 100 }, rounds: { min: 1, max: 5, default: 2 } } as const;

export function clamp(value: number | undefined, limit: { min: number; max: number; default: number }): number {
  if (value === undefined || !Number.isFinite(value)) return limit.default;
  return Math.min(limit.max, Math.max(limit.min, Math.round(value)));
}

/** A path given by the agent, as a root-relative path, only if it exists and stays inside the root once symlinks are followed. */
export function pathInside(ctx: ProjectContext, input: string | undefined): string {
  const given = (input ?? '.').trim() || '.';
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x1f]/.test(given)) throw new ToolInputError('the path has control characters');
  const abs = isAbsolute(given) ? given : resolve(ctx.root, given);
  let real: string;
  try {
    real = realpathSync(abs);
  } catch {
    throw new ToolInputError(`no such file or folder in the project: ${given}`);
  }
  if (real !== ctx.root && !real.startsWith(ctx.root.endsWith(sep) ? ctx.root : ctx.root + sep)) throw new ToolInputError(`${given} is outside the project (${ctx.root})`);
  return relative(ctx.root, real) || '.';
}

function baselineOf(ctx: ProjectContext): Baseline | undefined {
  const file = join(ctx.root, BASELINE_FILE);
  return existsSync(file) ? parseBaseline(readFileSync(file, 'utf8'), BASELINE_FILE) : undefined;
}

function saltOf(ctx: ProjectContext, baseline: Baseline | undefined): string {
  return baseline?.salt ?? ctx.env.ROTATION_READY_SALT ?? createHash('sha256').update(`rotation-ready:${ctx.root}`).digest('hex').slice(0, 32);
}

export async function scanPathTool(ctx: ProjectContext, input: { path?: string; maxResults?: number }): Promise<string> {
  const path = pathInside(ctx, input.path);
  const max = clamp(input.maxResults, LIMITS.maxResults);
  const baseline = baselineOf(ctx);
  const scan = await scanWorkspace({ roots: [path], cwd: ctx.root, salt: saltOf(ctx, baseline), inlineIgnores: true, ...(ctx.signal ? { signal: ctx.signal } : {}) });
  const { fresh, baselined } = applyBaseline(scan.findings, baseline);
  const lines = fresh.slice(0, max).map((f) => {
    const preset = presetForRule(f.ruleId);
    return `${f.path}:${f.range.start.line + 1}:${f.range.start.character + 1} ${f.severity} ${f.ruleId} ${f.message} [${f.redacted}]${preset ? ` (provider preset: ${preset.id})` : ''}`;
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

function loadProjectConfig(ctx: ProjectContext): LoadedConfig & { file: string } {
  const file = join(ctx.root, '.rotation-ready.json');
  if (!existsSync(file)) throw new ToolInputError('the project has no .rotation-ready.json (see docs/configuration.md)');
  return { ...loadConfig(readFileSync(file, 'utf8'), file), file };
}

export async function rotationStatusTool(ctx: ProjectContext): Promise<string> {
  const config = loadProjectConfig(ctx);
  const errors = config.errors.map((e) => formatConfigError(e));
  if (!ctx.keysMetadata || !existsSync(ctx.keysMetadata)) {
    const services = config.services.map((s) => `${s.name} (${s.environments.map((e) => e.name).join(', ')})${s.provider ? `, provider ${s.provider}` : ''}`);
    return [
      `Configured services: ${services.join('; ') || 'none'}.`,
      'No key metadata for this project was given (start the server with --keys-metadata FILE, the editor\'s keys/<workspace id>.json), so rotation stages are unknown here.',
      ...errors,
    ].join('\n');
  }
  const store = new KeyStore({ keychain: new KeytarKeychain(), workspaceId: workspaceIdFor(ctx.root), metadataPath: ctx.keysMetadata });
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
export async function dryRunTool(ctx: ProjectContext, input: { services?: string[]; environments?: string[]; rounds?: number }): Promise<string> {
  const config = loadProjectConfig(ctx);
  const names = input.services ?? [];
  for (const name of names) if (!config.services.some((s) => s.name === name)) throw new ToolInputError(`no service '${name.slice(0, 80)}' in .rotation-ready.json (services: ${config.services.map((s) => s.name).join(', ') || 'none'})`);
  const services = config.services.filter((s) => names.length === 0 || names.includes(s.name));
  if (services.length === 0) throw new ToolInputError('no service to probe');
  // Approvals belong to this project and name the environment variables the user confirmed; nothing is approved here.
  const approvals = new ApprovalStore(defaultApprovalsFile(ctx.env), { workspace: ctx.root, workspaceRoots: [ctx.root] });
  const envKeys = confirmedEnvKeySource(ctx.env, services, approvals);
  const keys: KeySource = ctx.keychain ? chainKeySources(keychainKeySource(new KeytarKeychain(), workspaceIdFor(ctx.root)), envKeys) : envKeys;
  const report = await runDryRun({
    services,
    keys,
    approvals,
    salt: saltOf(ctx, undefined),
    settings: config.settings.dryRun,
    rounds: clamp(input.rounds, LIMITS.rounds),
    ...(input.environments?.length ? { environments: input.environments } : {}),
    ...(ctx.signal ? { signal: ctx.signal } : {}),
  });
  const unapproved = report.targets.filter((t) => t.verdict === 'needs-approval');
  const hint = unapproved.length ? `\nHosts are approved by the user only (rotation-ready dry-run --approve-host, or the editor's prompt); ${unapproved.length} target(s) were not probed.` : '';
  return `${renderText(report)}${hint}`;
}
