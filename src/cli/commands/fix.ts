import { findingSalt } from '../../core/baseline/index';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { analyzeText } from '../../core/analyze/index';
import { fsPath, listFiles } from '../../core/analyze/scan';
import { SINGLE_KEY_CALL_RULE, singleKeyCallsInText } from '../../core/calls/index';
import { applyFix, AppliedFix } from '../../core/fix/applyFix';
import { envFixApplies } from '../../core/fix/envFix';
import { dotenvNames, envFixFindings, FilePlan, planFileAll, projectInfo, unplannedReason } from '../../core/fix/filePlan';
import { writeAtomic } from '../../core/fix/secretDestination';
import { DecodedSource, decodeSource, encodeSource } from '../../core/fix/sourceBytes';
import type { ProjectInfo } from '../../core/fix/moduleStyle';
import type { NewFile } from '../../core/fix/types';
import { projectRootOf, within } from '../../core/fix/verify';
import { FileToVerify, verifyFilePlans } from '../../core/fix/verifyPlans';
import { KeytarKeychain } from '../../core/keychain/keytar';
import type { KeychainPort } from '../../core/keychain/port';
import { printable } from '../../core/printable';
import { createProjectContext, loadProjectConfig } from '../../core/workflows/context';
import { secretDestination } from '../../core/workflows/secureSecret';
import { COMMON_OPTIONS, type OptionSpecs, parseCommandArgs } from '../args';
import { CliCommand } from '../command';

const usage = `Usage: rotation-ready fix [paths...] [--rule ID] [--dry-run] [--keychain]

Makes the code rotation ready, headless (default: the current folder, respecting .gitignore), every
fix by default:
  hardcoded secrets        → moved to an environment variable (requireEnv("NAME") in TS/JS,
                             os.environ["NAME"] in Python, \${NAME} where a config tool reads it)
  single-key calls         → routed through a primary/fallback helper that reads NAME_PRIMARY and
                             NAME_FALLBACK per call (behaviour changes: review the --dry-run diff first)
Each changed TS/JS file is type-checked with its own tsconfig first; a fix that would add an error
is not applied and the report says why.

Every secret removed from a file is first stored and read back: in a .env file in the current
folder that is made git-ignored first, or with --keychain in the OS keychain, as the primary key
(dev) of the service the name gives (OPENAI_TOKEN → openai-token, BILLING_API_KEY → billing-api, or
the configured service that reads it), which exec and the editor then inject under the names the
fixed code reads. .env.example gets the names. A file whose secret cannot be stored is left untouched.

Options:
  --rule ID      only this rule (a hardcoded-secret rule id, or single-key-call for the wrapper alone)
  --dry-run      print a unified diff (secrets redacted) and change nothing
  --keychain     store removed secrets in the OS keychain instead of .env
  --exclude GLOB skip paths matching GLOB (gitignore syntax; repeatable)

Exit code: 0 fixed (or nothing to fix), 1 a finding remains (it could not be fixed, or a file held more than
one run fixes), 2 usage or runtime error.`;

export interface FixDeps {
  keychain: () => KeychainPort;
}

interface FixArgs {
  paths: string[];
  rule?: string;
  dryRun: boolean;
  keychain: boolean;
  exclude: string[];
}

const FIX_OPTIONS = {
  rule: { type: 'string' },
  'dry-run': { type: 'boolean' },
  keychain: COMMON_OPTIONS.keychain,
  exclude: COMMON_OPTIONS.exclude,
} as const satisfies OptionSpecs;

export function parseFixArgs(args: string[]): FixArgs {
  const { values: v, positionals } = parseCommandArgs(args, FIX_OPTIONS, { positionals: true });
  return { paths: positionals, ...(v.rule !== undefined ? { rule: v.rule } : {}), dryRun: v['dry-run'] === true, keychain: v.keychain === true, exclude: v.exclude ?? [] };
}

export function createFixCommand(deps: FixDeps = { keychain: () => new KeytarKeychain() }): CliCommand {
  return {
    name: 'fix',
    summary: 'Move hardcoded secrets to environment variables; add primary/fallback keys to single-key calls',
    usage,
    async run(rawArgs, io) {
      const args = parseFixArgs(rawArgs);
      const root = io.cwd;
      const salt = findingSalt(undefined, io.env, root);
      // Every fix by default (like eslint --fix): secrets move to the environment, then single-key calls get the wrapper.
      const wrap = args.rule === undefined || args.rule === SINGLE_KEY_CALL_RULE;
      const env = args.rule !== SINGLE_KEY_CALL_RULE;
      const { files } = await listFiles({ roots: args.paths.length ? args.paths : ['.'], cwd: root, salt, exclude: args.exclude });
      const created = new Map<string, NewFile>();
      // Helpers go beside the project a file belongs to (its nearest package.json/tsconfig), also when that is outside the current folder.
      const projects = new Map<string, ProjectInfo>();
      const projectOf = (abs: string): ProjectInfo => {
        const dir = relative(root, projectRootOf(abs, root)).split(sep).join('/') || '.';
        if (!projects.has(dir)) projects.set(dir, projectInfo(root, created, dir));
        return projects.get(dir)!;
      };
      // Names this run gives to values, so two different secrets never share one.
      const names = dotenvNames(root);

      const plans: FilePlan[] = [];
      // How each file was encoded, so the fixed text is written back in the same bytes.
      const sources = new Map<string, DecodedSource>();
      const refused: string[] = [];
      // Each changed file is verified before anything is written; a composed plan falls back to moving the secrets alone.
      const toVerify: FileToVerify[] = [];
      for (const file of files) {
        if (io.signal.aborted) break;
        if (!wrap && !envFixApplies(file.rel)) continue;
        let bytes: Buffer;
        const path = fsPath(file.abs);
        try {
          bytes = readFileSync(path);
        } catch {
          continue;
        }
        const decoded = decodeSource(file.rel, bytes);
        if (!decoded.ok) {
          refused.push(`${printable(file.rel)}: not fixed: ${decoded.reason}`);
          continue;
        }
        const text = decoded.source.text;
        // Fixes write the file by its relative path, which for a name that is not UTF-8 shows its bytes escaped.
        if (typeof path !== 'string') {
          const why = 'the file name is not valid UTF-8: rename the file, then run fix again';
          const unfixed = [
            ...(env ? envFixFindings(file.rel, text, args.rule, salt).map((f) => `${f.ruleId} at line ${f.range.start.line + 1}: ${why}`) : []),
            ...(wrap ? singleKeyCallsInText(file.rel, text).map((c) => `${c.callee}: ${why}`) : []),
          ];
          if (unfixed.length > 0) plans.push({ rel: file.rel, original: text, steps: [], final: text, unfixed, remaining: unfixed.length });
          continue;
        }
        sources.set(file.rel, decoded.source);
        let plan: FilePlan;
        try {
          const planned = planFileAll(file.rel, text, { ...(args.rule !== undefined ? { rule: args.rule } : {}), salt, project: projectOf(file.abs), names });
          plan = planned.plan;
          toVerify.push({ abs: join(root, file.rel), plan, ...(planned.envOnly ? { envOnly: planned.envOnly } : {}) });
        } catch (error) {
          // The planners report per fix; this is the last guard so no input ends the run with a stack trace.
          refused.push(`${printable(file.rel)}: not fixed: ${unplannedReason(error, [])}`);
          continue;
        }
        if (plan.steps.length > 0 || plan.unfixed.length > 0) plans.push(plan);
        for (const step of plan.steps) if (step.plan.helperFile && !created.has(step.plan.helperFile.path)) created.set(step.plan.helperFile.path, step.plan.helperFile);
      }

      verifyFilePlans(root, toVerify, created);
      // What a fix left behind besides what it said it could not fix: the exit code says a key remains either way.
      const unfixed = [
        ...refused,
        ...plans.flatMap((p) => [
          ...p.unfixed.map((reason) => `${p.rel}: not fixed: ${reason}`),
          ...(p.remaining > p.unfixed.length ? [`${p.rel}: not fixed: ${p.remaining - p.unfixed.length} finding(s) still in the file after fixing`] : []),
        ]),
      ];
      if (args.dryRun) {
        for (const plan of plans.filter((p) => p.steps.length > 0)) io.stdout(redactedPatch(plan, salt));
        for (const helper of created.values()) io.stdout(createTwoFilesPatch('/dev/null', helper.path, '', helper.text, undefined, undefined, { context: 3 }));
        for (const line of unfixed) io.stderr(`${printable(line)}\n`);
        const count = plans.reduce((n, p) => n + p.steps.length, 0);
        io.stdout(`\n${count} fix${count === 1 ? '' : 'es'} in ${plans.filter((p) => p.steps.length).length} file(s) would be applied (dry run: nothing was changed).\n`);
        return unfixed.length > 0 ? 1 : 0;
      }

      // The keychain entry gets the metadata the Keys sidebar shows and the names `exec` injects (src/core/workflows).
      const ctx = createProjectContext({ root, keychain: deps.keychain, env: io.env, config: loadProjectConfig(root) });
      const destination = secretDestination(ctx, args.keychain ? 'keychain' : 'dotenv');
      let failed = false;
      const writtenHelpers = new Set<string>();
      for (const plan of plans.filter((p) => p.steps.length > 0)) {
        const applied: AppliedFix[] = [];
        try {
          // A file outside the current folder (named on the command line) keeps its helpers inside its own project.
          const abs = join(root, plan.rel);
          const helperRoot = within(abs, root) ? root : projectRootOf(abs, root);
          for (const step of plan.steps) applied.push(await applyFix(step.plan, step.input, destination, { root, helperRoot }));
          for (const step of plan.steps) {
            const helper = step.plan.helperFile;
            if (helper && created.has(helper.path) && !writtenHelpers.has(helper.path) && !existsSync(join(root, helper.path))) {
              mkdirSync(dirname(join(root, helper.path)), { recursive: true });
              writeAtomic(join(root, helper.path), helper.text, 0o644);
              writtenHelpers.add(helper.path);
              io.stdout(`created ${helper.path}\n`);
            }
          }
          const target = join(root, plan.rel);
          writeAtomic(target, encodeSource(sources.get(plan.rel)!, plan.final), statSync(target).mode & 0o7777);
          const stored = applied.flatMap((a) => a.stored);
          io.stdout(`${printable(plan.rel)}: ${plan.steps.length} fix${plan.steps.length === 1 ? '' : 'es'}${stored.length ? ` (${stored.join(', ')})` : ''}\n`);
        } catch (error) {
          for (const a of applied.reverse()) await a.undo().catch(() => undefined);
          failed = true;
          io.stderr(`${printable(`${plan.rel}: ${error instanceof Error ? error.message : String(error)}`)}\n`);
        }
      }
      for (const line of unfixed) io.stderr(`${printable(line)}\n`);
      if (failed) return 2;
      return unfixed.length > 0 ? 1 : 0;
    },
  };
}

/**
 * The file's unified diff with every secret shown only in its redacted form: the removed ones, and any other finding
 * of the file (before or after), which context lines around an edit would otherwise print (one a fix left, a
 * publishable key, a key the wrapper keeps).
 */
function redactedPatch(plan: FilePlan, salt: string): string {
  let patch = createTwoFilesPatch(`a/${plan.rel}`, `b/${plan.rel}`, plan.original, plan.final, undefined, undefined, { context: 3 });
  const redactions = plan.steps.flatMap((step) => step.redactions);
  for (const text of [plan.original, plan.final]) {
    for (const f of analyzeText(plan.rel, text, { salt }).findings) if (f.kind === 'hardcoded-secret') redactions.push([text.slice(f.offset, f.offset + f.length), f.redacted]);
  }
  for (const [value, shown] of redactions.sort((a, b) => b[0].length - a[0].length)) if (value) patch = patch.split(value).join(`<${shown}>`);
  return patch;
}

export const fixCommand = createFixCommand();

