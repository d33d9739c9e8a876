import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { ts } from 'ts-morph';
import { analyzeText } from '../analyze/index';
import { SINGLE_KEY_CALL_RULE, singleKeyCallsInText } from '../calls/index';
import type { KeySource, SingleKeyCall } from '../calls/model';
import type { Finding } from '../findings';
import { lineNumberAt } from '../vocabulary/positions';
import { redact } from '../redact';
import type { SecuredPlan } from './applyFix';
import { DotenvError, parseDotenv, readDotenvFile } from '../envfile/dotenv';
import { planEnvFix } from './envFix';
import { sha256 } from './hash';
import type { ProjectInfo } from './moduleStyle';
import { NewFile, secretValue, UnsupportedFixError } from './types';
import { nearestConfig } from './verify';
import { exampleNamesFor, keyReadsEnv, tidyComposed } from './rotationReady';
import { planWrapperFix } from './wrapperFix';
import { urlAround } from '../vocabulary/urlNames';

/**
 * Whole-file planning shared by the CLI's `fix` and the editor's "fix all": every fix of one kind in a
 * file, each planned on the text the previous one produced, so they compose into one final text.
 */

/** One file's fixes: each plan applies to the text the previous one produced. */
export interface FilePlan {
  rel: string;
  original: string;
  steps: Array<{ input: string; plan: SecuredPlan; redactions: Array<[string, string]>; kind: 'env' | 'wrapper'; envName: string }>;
  final: string;
  unfixed: string[];
  /** Findings of the kind being fixed still in `final`: the unfixed ones, and any a fix left (exit 1 in the CLI). */
  remaining: number;
}

/**
 * Where generated helpers go and how JS modules look in the project at `root`, or in the project folder `projectDir`
 * (relative to `root`, which the planned paths are relative to: `../api` when the CLI runs beside it).
 */
export function projectInfo(root: string, created: Map<string, NewFile>, projectDir = '.'): ProjectInfo {
  let packageType: 'module' | 'commonjs' | undefined;
  const home = join(root, projectDir);
  try {
    const type = (JSON.parse(readFileSync(join(home, 'package.json'), 'utf8')) as { type?: string }).type;
    packageType = type === 'module' ? 'module' : 'commonjs';
  } catch {
    packageType = undefined;
  }
  // One helper per project: in src/ when the project has one, else at the root.
  const info: ProjectInfo = { helperDir: posix.join(projectDir, existsSync(join(home, 'src')) ? 'src' : '.'), exists: (path) => created.has(path) || existsSync(join(root, path)) };
  if (packageType) info.packageType = packageType;
  const configs = new Map<string, ts.CompilerOptions | undefined>();
  info.tsImportExtension = (path) => {
    const config = nearestConfig(join(root, path), root);
    if (!config) return undefined;
    if (!configs.has(config)) configs.set(config, compilerOptionsOf(config));
    const options = configs.get(config);
    const nodeLike = (kind: number | undefined, from: number, to: number): boolean => kind !== undefined && kind >= from && kind <= to;
    if (!(nodeLike(options?.module, ts.ModuleKind.Node16, ts.ModuleKind.NodeNext) || nodeLike(options?.moduleResolution, ts.ModuleResolutionKind.Node16, ts.ModuleResolutionKind.NodeNext))) return undefined;
    // Node resolution needs an extension; a project that imports its `.ts` files by name gets that one.
    return options?.allowImportingTsExtensions ? '.ts' : '.js';
  };
  return info;
}

/** A tsconfig's effective compiler options (`extends` followed), or undefined when it cannot be read. */
function compilerOptionsOf(config: string): ts.CompilerOptions | undefined {
  const read = ts.readConfigFile(config, ts.sys.readFile);
  if (read.error) return undefined;
  return ts.parseJsonConfigFileContent(read.config, ts.sys, dirname(config), undefined, config).options;
}

/** The hardcoded secrets that `fix` moves out of a file (informational findings, e.g. publishable keys, stay). */
export function envFixFindings(rel: string, text: string, rule: string | undefined, salt: string): Finding[] {
  return analyzeText(rel, text, { salt, ...(rule ? { ruleIds: [rule] } : {}) }).findings.filter((f: Finding) => f.kind === 'hardcoded-secret' && f.severity !== 'info');
}

/** The names a fix must not give a value, and those that hold it already (see namesForValue). */
export interface NamesForValue {
  existingEnvNames: string[];
  sameValueNames: string[];
}

/**
 * One policy for every fix that names a value (Move secret, Make Rotation Ready, fix-all, `rotation-ready fix`):
 * `names` maps each name in use to the hash of its value (`dotenvNames`).
 * A name holding this very value, or the whole URL around it, is not taken from it; those holding the value are
 * `sameValueNames` (a URL's password reads one rather than storing it again, issue 16.5), `preferred` first.
 */
export function namesForValue(names: ReadonlyMap<string, string>, text: string, finding: Pick<Finding, 'offset' | 'length'>, preferred: ReadonlySet<string> = new Set()): NamesForValue {
  const hash = sha256(text.slice(finding.offset, finding.offset + finding.length));
  const url = urlAround(text, finding.offset, finding.offset + finding.length);
  const urlHash = url ? sha256(text.slice(url.start, url.end)) : undefined;
  return {
    existingEnvNames: [...names].filter(([, h]) => h !== hash && h !== urlHash).map(([n]) => n),
    sameValueNames: [...names].filter(([, h]) => h === hash).map(([n]) => n).sort((a, b) => Number(preferred.has(b)) - Number(preferred.has(a))),
  };
}

export function planFileEnv(rel: string, original: string, rule: string | undefined, salt: string, project: ProjectInfo, names: Map<string, string>): FilePlan {
  const plan: FilePlan = { rel, original, steps: [], final: original, unfixed: [], remaining: 0 };
  // Occurrences that could not be fixed stay in the text, ahead of the others with their fingerprint (the same value
  // in the same file): per fingerprint, how many of the first occurrences to pass over. A fingerprint alone fixed
  // one occurrence of a value repeated in a file and passed over the rest.
  const failed = new Map<string, number>();
  // A password inside a URL and the same password on its own (compose's POSTGRES_PASSWORD) are one key: the
  // standalone ones go first, so the URL then reads the password from their name instead of storing it again.
  const kindOf = (f: Finding, within: string): string => `${f.fingerprint}${urlAround(within, f.offset, f.offset + f.length) ? ' in a URL' : ''}`;
  const chosenHere = new Set<string>();
  let text = original;
  let left: Finding[] | undefined;
  for (let guard = 0; guard < 100; guard++) {
    const seen = new Map<string, number>();
    left = envFixFindings(rel, text, rule, salt);
    const open = left.filter((f) => {
      const kind = kindOf(f, text);
      const index = seen.get(kind) ?? 0;
      seen.set(kind, index + 1);
      return index >= (failed.get(kind) ?? 0);
    });
    const finding = open.find((f) => !urlAround(text, f.offset, f.offset + f.length)) ?? open[0];
    if (!finding) break;
    left = undefined;
    const value = text.slice(finding.offset, finding.offset + finding.length);
    // Names this file's own fixes chose come first: the URL then reads what the file's other place reads.
    const { existingEnvNames: taken, sameValueNames } = namesForValue(names, text, finding, chosenHere);
    try {
      const envPlan = planEnvFix({ path: rel, text, finding, existingEnvNames: taken, sameValueNames, project });
      if (taken.includes(envPlan.envName)) {
        // Only a default of an env read keeps the read's name; that name already holds another value.
        throw new UnsupportedFixError(`${envPlan.envName} already holds a different value (in .env or from another fix); the literal is a default of that variable, so check which value is right and remove the default by hand.`);
      }
      names.set(envPlan.envName, envPlan.secret.sha256);
      chosenHere.add(envPlan.envName);
      plan.steps.push({ input: text, plan: { ...envPlan, secrets: [envPlan.secret] }, redactions: [...new Set([secretValue(text, envPlan.secret), value])].map((v): [string, string] => [v, finding.redacted]), kind: 'env', envName: envPlan.envName });
      text = envPlan.newText;
    } catch (error) {
      const kind = kindOf(finding, text);
      failed.set(kind, (failed.get(kind) ?? 0) + 1);
      plan.unfixed.push(`${finding.ruleId} at line ${finding.range.start.line + 1}: ${unplannedReason(error, [value])}`);
    }
  }
  plan.final = text;
  // The last analysis saw the final text, unless the loop stopped at its guard.
  plan.remaining = (left ?? envFixFindings(rel, text, rule, salt)).length;
  return plan;
}

/** Every single-key call in the file gets the wrapper; with `reading`, only calls whose key reads one of those variables. */
export function planFileWrappers(rel: string, original: string, project: ProjectInfo, names: Map<string, string> = new Map(), reading?: ReadonlySet<string>): FilePlan {
  const plan: FilePlan = { rel, original, steps: [], final: original, unfixed: [], remaining: 0 };
  let text = original;
  const skipped = new Set<number>();
  let left: ReturnType<typeof singleKeyCallsInText> | undefined;
  for (let guard = 0; guard < 100; guard++) {
    left = singleKeyCallsInText(rel, text).filter((c) => !reading || [...reading].some((name) => keyReadsEnv(c.key, name)));
    const call = left.filter((c) => !skipped.has(c.calleeStart))[0];
    if (!call) break;
    left = undefined;
    try {
      let wrapperPlan = planWrapperFix({ path: rel, text, finding: { offset: call.calleeStart }, project });
      // A hardcoded key is stored under the wrapper's name: never one that holds another value already.
      const hash = wrapperPlan.secrets[0]?.sha256;
      if (hash !== undefined) {
        const base = wrapperPlan.envName;
        let envName = base;
        for (let n = 2; names.has(envName) && names.get(envName) !== hash; n++) envName = `${base}_${n}`;
        if (envName !== base) wrapperPlan = planWrapperFix({ path: rel, text, finding: { offset: call.calleeStart }, project, envName });
        names.set(envName, hash);
      }
      const redactions = wrapperPlan.secrets.map((s) => [text.slice(s.offset, s.offset + s.length), redact(text.slice(s.offset, s.offset + s.length), call.provider)] as [string, string]);
      plan.steps.push({ input: text, plan: wrapperPlan, redactions, kind: 'wrapper', envName: wrapperPlan.envName });
      text = wrapperPlan.newText;
    } catch (error) {
      // Later calls shift when nothing is rewritten; their offsets stay valid.
      skipped.add(call.calleeStart);
      plan.unfixed.push(`${call.callee} at line ${lineNumberAt(text, call.calleeStart)}: ${unplannedReason(error, keyValues(text, call))}`);
    }
  }
  plan.final = text;
  plan.remaining = (left ?? singleKeyCallsInText(rel, text).filter((c) => !reading || [...reading].some((name) => keyReadsEnv(c.key, name)))).length;
  return plan;
}

/**
 * `first` (secrets moved) then `second` (wrappers planned on `first.final`): one plan from the original text.
 * A moved name a wrapper now reads goes to `.env.example` as `<NAME>_PRIMARY` / `<NAME>_FALLBACK`.
 */
export function composePlans(first: FilePlan, second: FilePlan): FilePlan {
  const wrapped = second.steps.filter((s) => s.kind === 'wrapper').map((s) => s.envName);
  const steps = [
    ...first.steps.map((step) => (step.kind === 'env' ? { ...step, plan: { ...step.plan, exampleNames: exampleNamesFor([step.envName], wrapped.filter((n) => n === step.envName), second.final) } } : step)),
    ...second.steps,
  ];
  const final = tidyComposed(first.rel, first.original, second.final);
  return { rel: first.rel, original: first.original, steps, final, unfixed: [...first.unfixed, ...second.unfixed], remaining: first.remaining + second.remaining };
}

export interface FileFixOptions {
  /** Only this rule: a secret rule moves secrets alone, `single-key-call` adds wrappers alone. */
  rule?: string;
  salt: string;
  project: ProjectInfo;
  /** Names → hash of the value they hold (`.env`, and earlier files of this run); updated with the names given. */
  names: Map<string, string>;
  /** Wrap only the calls that read a secret this plan moves (Make Rotation Ready per secret), not every single-key call. */
  onlyMovedSecrets?: boolean;
  /** false: the secrets move and no call gets the wrapper (fix-all on save: no behaviour change without a preview). */
  wrap?: boolean;
}

/**
 * Every fix of one file, composed ("Make Rotation Ready" for the whole file): secrets move to the environment,
 * then single-key calls get the wrapper on the result. `envOnly` is the plan without wrappers, for a caller whose
 * check refuses the composed text (the secrets can still move).
 */
export function planFileAll(rel: string, text: string, options: FileFixOptions): { plan: FilePlan; envOnly?: FilePlan } {
  const { rule, salt, project, names } = options;
  if (rule === SINGLE_KEY_CALL_RULE) return { plan: planFileWrappers(rel, text, project, names) };
  const env = planFileEnv(rel, text, rule, salt, project, names);
  if ((rule !== undefined && !options.onlyMovedSecrets) || options.wrap === false) return { plan: env };
  const reading = options.onlyMovedSecrets ? new Set(env.steps.map((s) => s.envName)) : undefined;
  if (reading && reading.size === 0) return { plan: env };
  const plan = composePlans(env, planFileWrappers(rel, env.final, project, names, reading));
  return plan.steps.length > env.steps.length && env.steps.length > 0 ? { plan, envOnly: { ...env, steps: [...env.steps], unfixed: [...env.unfixed] } } : { plan };
}

/**
 * Names → hash of the value they hold in the project's `.env`, so a fix never reuses a name for another value.
 * `.env.example` is left out on purpose: a name it lists without a value is the name the deployment provides, so a
 * fix of the key it documents reads that name (was `NAME_2` in the quick-fix but not in fix-all or the CLI).
 */
export function dotenvNames(root: string): Map<string, string> {
  const text = readDotenvFile(join(root, '.env'), { label: '.env', symlinks: 'skip' });
  const dotenv = text !== undefined ? parseDotenv(text) : new Map<string, string>();
  return new Map([...dotenv].map(([name, value]) => [name, sha256(value)]));
}

/**
 * One line saying why a fix was not planned. An UnsupportedFixError says it itself; any other error is
 * a bug of ours: its first line is kept (no stack, no file text), with the values the fix was about and
 * anything key-shaped redacted, since a parser's message may quote the source.
 */
export function unplannedReason(error: unknown, values: readonly string[]): string {
  if (error instanceof UnsupportedFixError || error instanceof DotenvError) return error.message;
  let line = (error instanceof Error ? error.message : String(error)).split('\n')[0]!.trim();
  for (const value of values) if (value) line = line.split(value).join('[value]');
  line = line.replace(/[A-Za-z0-9_\-+/=.]{20,}/g, '[redacted]').slice(0, 200);
  const name = error instanceof Error ? error.name : 'Error';
  return `the fix could not be planned (${name}: ${line}); nothing was changed here. Please report this with the shape of the code (not the key).`;
}

/** The literal key values a single-key call holds (so an error message never repeats them). */
function keyValues(text: string, call: SingleKeyCall): string[] {
  const out: string[] = [];
  let key: KeySource | undefined = call.key;
  while (key) {
    if (key.kind === 'literal') out.push(text.slice(key.start, key.end));
    key = key.kind === 'constant' ? key.inner : undefined;
  }
  return out;
}
