import { readFile } from 'node:fs/promises';
import * as vscode from 'vscode';
import { SINGLE_KEY_CALL_RULE } from '../../core/calls/rule';
import type { ServiceConfig } from '../../core/config/index';
import type { RotationStatus } from '../../core/rotation/index';
import { ruleById, ruleDocPath, rules } from '../../core/rules/index';
import type { DryRunReport } from '../../core/probe/index';
import { renderText } from '../../core/probe/index';
import type { DryRunArgs } from '../dryRun/command';
import type { Keys } from '../keys/keys';
import type { WorkspaceConfig } from '../workspaceConfig';
import type { ScanWorkspaceResult } from '../../shared/protocol';
import { clampedInteger, Checked, knownId, knownNames, quoted } from './inputs';

/**
 * Language-model tools for the editor's agent mode (cf. vscode-extension-samples/chat-sample
 * src/tools.ts). Results never contain key values: diagnostics carry rule ids and positions,
 * reports carry fingerprints and redacted forms. Inputs come from a model that a prompt injection
 * may steer: each is checked against known values (./inputs.ts) before it is used.
 */
export interface ToolDependencies {
  extensionUri: vscode.Uri;
  scan: () => Thenable<ScanWorkspaceResult | undefined>;
  dryRun: (args: DryRunArgs) => Thenable<DryRunReport | undefined>;
  rotationStatus: () => Promise<RotationStatus[]>;
  /** The services `.rotation-ready.json` configures now. */
  services: () => readonly ServiceConfig[];
}

/** `rounds` of the dry-run tool, as its input schema in package.json says. */
const DRY_RUN_TOOL_ROUNDS = { min: 1, max: 20 } as const;

const text = (value: string) => new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(value)]);
const MAX_LISTED = 200;

function codeOf(diagnostic: vscode.Diagnostic): string {
  return String(typeof diagnostic.code === 'object' ? diagnostic.code.value : (diagnostic.code ?? ''));
}

/** Our diagnostics across the workspace, as lines the model can cite: `path:line:col rule-id severity message`. */
function findingLines(): string[] {
  const lines: string[] = [];
  for (const [uri, diagnostics] of vscode.languages.getDiagnostics()) {
    for (const d of diagnostics) {
      if (d.source !== 'Rotation Ready' || !codeOf(d)) continue;
      const severity = ['error', 'warning', 'info', 'hint'][d.severity] ?? 'info';
      lines.push(`${vscode.workspace.asRelativePath(uri)}:${d.range.start.line + 1}:${d.range.start.character + 1} ${codeOf(d)} ${severity} ${d.message}`);
    }
  }
  return lines.sort();
}

class ScanTool implements vscode.LanguageModelTool<Record<string, never>> {
  constructor(private readonly deps: ToolDependencies) {}

  async invoke(): Promise<vscode.LanguageModelToolResult> {
    const result = await this.deps.scan();
    if (!result) return text('The workspace could not be scanned: open a folder, and check the Rotation Ready log.');
    const lines = findingLines();
    const listed = lines.slice(0, MAX_LISTED);
    const more = lines.length > listed.length ? `\n… and ${lines.length - listed.length} more (see the Problems panel).` : '';
    const header = `Scanned ${result.files} files: ${result.findings} hardcoded-secret finding(s)${result.baselined ? `, ${result.baselined} accepted by the baseline` : ''}${result.skipped.length ? `, ${result.skipped.length} file(s) skipped` : ''}. Values are never shown; fix each with the "Move secret to environment variable" quick fix, or explain one with the explain tool.`;
    return text(`${header}\n${listed.join('\n')}${more}`);
  }
}

interface ExplainInput {
  ruleId: string;
}

/** Every id a diagnostic of ours can carry: the rule registry's, and the single-key-call rule's. */
const RULE_IDS: ReadonlySet<string> = new Set([...rules.map((rule) => rule.id), SINGLE_KEY_CALL_RULE]);

class ExplainTool implements vscode.LanguageModelTool<ExplainInput> {
  constructor(private readonly deps: ToolDependencies) {}

  async invoke(options: vscode.LanguageModelToolInvocationOptions<ExplainInput>): Promise<vscode.LanguageModelToolResult> {
    // Only a known id reaches the path: the model's text never does.
    const requested = (options.input as { ruleId?: unknown } | undefined)?.ruleId;
    const ruleId = knownId(requested, RULE_IDS);
    if (!ruleId) return text(`No Rotation Ready rule is called ${quoted(requested)}. Rule ids are the diagnostic codes, e.g. stripe-secret-key or generic-secret.`);
    const rule = ruleById(ruleId);
    let doc = '';
    try {
      doc = await readFile(vscode.Uri.joinPath(this.deps.extensionUri, ruleDocPath(ruleId)).fsPath, 'utf8');
    } catch {
      // The page is missing from this build: the registry's own facts still answer.
    }
    const meta = rule ? `Rule ${rule.id}: ${rule.title} (${rule.provider}), severity ${rule.severity}. Suggested environment variable: ${rule.envName}. Rotate at ${rule.rotationUrl}.\n\n` : '';
    return text(`${meta}${doc}`.trim() || `Rule ${ruleId}: no documentation page in this build.`);
  }
}

interface DryRunInput {
  services?: string[];
  environments?: string[];
  rounds?: number;
}

/** The model's dry-run request against the configuration: configured names only, rounds clamped. */
function checkDryRunInput(input: unknown, services: readonly ServiceConfig[]): Checked<DryRunArgs> {
  const raw = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
  const names = knownNames(raw.services, services.map((s) => s.name), 'service');
  if (!names.ok) return names;
  const chosen = services.filter((s) => !names.value || names.value.includes(s.name));
  const environments = knownNames(raw.environments, [...new Set(chosen.flatMap((s) => s.environments.map((e) => e.name)))], 'environment');
  if (!environments.ok) return environments;
  const rounds = clampedInteger(raw.rounds, DRY_RUN_TOOL_ROUNDS.min, DRY_RUN_TOOL_ROUNDS.max, 'rounds');
  if (!rounds.ok) return rounds;
  return { ok: true, value: { services: names.value, environments: environments.value, rounds: rounds.value } };
}

/** The confirmation's text; service names come from the workspace's config, so they are escaped as Markdown text. */
export function dryRunConfirmation(services: readonly string[] | undefined): vscode.MarkdownString {
  const message = new vscode.MarkdownString('Rotation Ready will send probe requests with the primary and fallback keys of **');
  if (!services?.length) message.appendMarkdown('every configured service');
  services?.forEach((name, i) => message.appendMarkdown(i ? ', ' : '').appendText(name));
  message.appendMarkdown('** to the endpoints in `.rotation-ready.json` (only hosts you approved). It changes no key.');
  return message;
}

class DryRunTool implements vscode.LanguageModelTool<DryRunInput> {
  constructor(private readonly deps: ToolDependencies) {}

  prepareInvocation(options: vscode.LanguageModelToolInvocationPrepareOptions<DryRunInput>): vscode.PreparedToolInvocation {
    const checked = checkDryRunInput(options.input, this.deps.services());
    // A request that will be refused sends nothing, so there is nothing to confirm.
    if (!checked.ok) return { invocationMessage: 'Checking a rotation dry-run request' };
    const services = checked.value.services;
    return {
      invocationMessage: `Running a rotation dry-run for ${services?.length ? services.join(', ') : 'every configured service'}`,
      confirmationMessages: { title: 'Run a rotation dry-run?', message: dryRunConfirmation(services) },
    };
  }

  async invoke(options: vscode.LanguageModelToolInvocationOptions<DryRunInput>): Promise<vscode.LanguageModelToolResult> {
    const checked = checkDryRunInput(options.input, this.deps.services());
    if (!checked.ok) return text(`The dry-run did not run: ${checked.problem}`);
    const report = await this.deps.dryRun({ ...checked.value, showReport: true });
    if (!report) return text('The dry-run did not run: the workspace may be restricted, have no configured services, or the user cancelled.');
    return text(renderText(report));
  }
}

class RotationStatusTool implements vscode.LanguageModelTool<Record<string, never>> {
  constructor(private readonly deps: ToolDependencies) {}

  async invoke(): Promise<vscode.LanguageModelToolResult> {
    const statuses = await this.deps.rotationStatus();
    if (statuses.length === 0) return text('No services are configured or stored for this workspace.');
    const lines = statuses.map((s) => {
      const slots = (['primary', 'fallback', 'previous'] as const)
        .map((slot) => {
          const meta = s.slots[slot];
          return meta ? `${slot} ${meta.fingerprint}${meta.lastValidation ? ` (last validation: ${meta.lastValidation.ok ? 'ok' : meta.lastValidation.outcome})` : ''}` : `${slot} empty`;
        })
        .join('; ');
      const next = s.next ? ` Next step: ${s.next.title}.` : '';
      return `${s.service} (${s.environment}): stage ${s.stage}.${next} Slots: ${slots}.`;
    });
    return text(lines.join('\n'));
  }
}

export function registerTools(deps: ToolDependencies): vscode.Disposable[] {
  if (!vscode.lm?.registerTool) return [];
  return [
    vscode.lm.registerTool('rotation-ready_scan_workspace', new ScanTool(deps)),
    vscode.lm.registerTool('rotation-ready_explain_finding', new ExplainTool(deps)),
    vscode.lm.registerTool('rotation-ready_run_dry_run', new DryRunTool(deps)),
    vscode.lm.registerTool('rotation-ready_rotation_status', new RotationStatusTool(deps)),
  ];
}

/** Where every configured (or key-holding) service and environment stands in its rotation. */
export async function rotationStatuses(keys: Keys, config: WorkspaceConfig): Promise<RotationStatus[]> {
  const machine = keys.machine;
  if (!machine) return [];
  const refs = new Map<string, { service: string; environment: string }>();
  for (const service of config.value?.services ?? []) for (const e of service.environments) refs.set(`${service.name}/${e.name}`, { service: service.name, environment: e.name });
  for (const entry of keys.snapshot()) refs.set(`${entry.service}/${entry.environment}`, { service: entry.service, environment: entry.environment });
  return Promise.all([...refs.values()].map((ref) => machine.status(ref)));
}
