import { posix } from 'node:path';
import { singleKeyCallsInText } from '../calls/index';
import type { KeySource, SingleKeyCall } from '../calls/model';
import type { SecuredPlan } from './applyFix';
import { EnvFixInput, EnvFixPlan, planEnvFix } from './envFix';
import { minimalEdits } from './minimalEdits';
import { NewFile, UnsupportedFixError } from './types';
import { CodeLayout, planWrapperFix, WrapperFixPlan } from './wrapperFix';

/**
 * "Make Rotation Ready": a hardcoded key that feeds an HTTP call is moved to the environment, then every
 * call that now reads it gets the primary/fallback wrapper, planned on the text the move produced (the same
 * composition `rotation-ready fix` runs per file). One plan from the original text: one undoable edit.
 */
export interface RotationReadyPlan extends SecuredPlan {
  kind: 'rotation-ready';
  envName: string;
  suggestedNames: string[];
  title: string;
  /** The helpers the final text imports and the project does not have yet (`requireEnv` only if still read). */
  helperFiles: NewFile[];
  /** How many calls got the wrapper (at least one). */
  wrapped: number;
}

/** Whether `key` reads the environment variable `name` (directly or through a module constant). */
export function keyReadsEnv(key: KeySource, name: string): boolean {
  if (key.kind === 'env') return key.name === name;
  return key.kind === 'constant' && keyReadsEnv(key.inner, name);
}

/**
 * Whether the value at `offset` (a hardcoded-secret finding) feeds one of these calls: it is the call's key
 * literal (followed through a module constant), or lies inside the call or the constant's declaration (a
 * default of an env read, a `Bearer …` string). Cheap enough for every code-action request.
 */
export function feedsCall(calls: readonly SingleKeyCall[], offset: number): SingleKeyCall | undefined {
  const within = (range: { start: number; end: number } | undefined): boolean => !!range && range.start <= offset && offset <= range.end;
  const keyHolds = (key: KeySource): boolean => (key.kind === 'literal' ? within(key) : key.kind === 'constant' ? within(key.declaration) || keyHolds(key.inner) : false);
  const rewritable = (call: SingleKeyCall): boolean => call.shape === 'setter' ? call.setter?.clientClass !== undefined : call.shape !== 'interceptor' && call.shape !== 'defaults';
  return calls.find((call) => rewritable(call) && (keyHolds(call.key) || within(call)));
}

/** The helper module's name as the fixed text imports it (`requireEnv`, `keyFallback`, `key_fallback`). */
function helperModule(helper: NewFile): string {
  return posix.basename(helper.path).replace(/\.[^.]+$/, '');
}

/** Helpers of these plans that `finalText` still imports, one per path. */
export function neededHelpers(plans: ReadonlyArray<{ helperFile?: NewFile }>, finalText: string): NewFile[] {
  const helpers = new Map<string, NewFile>();
  for (const plan of plans) if (plan.helperFile && finalText.includes(helperModule(plan.helperFile))) helpers.set(plan.helperFile.path, plan.helperFile);
  return [...helpers.values()];
}

/**
 * The names `.env.example` should list after these fixes: a moved name the wrappers now read as
 * `<NAME>_PRIMARY` / `<NAME>_FALLBACK` is listed that way; the plain name only while the final text still
 * reads it (`requireEnv("NAME")`, `os.environ["NAME"]`).
 */
export function exampleNamesFor(moved: readonly string[], wrapped: readonly string[], finalText: string): string[] {
  const names: string[] = [];
  const readsPlain = (name: string): boolean => new RegExp(`(?:requireEnv\\(\\s*|os\\.environ\\[\\s*)['"]${name}['"]`).test(finalText);
  for (const name of moved) if (!wrapped.includes(name) || readsPlain(name)) names.push(name);
  for (const name of wrapped) names.push(`${name}_PRIMARY`, `${name}_FALLBACK`);
  return [...new Set(names)];
}

/**
 * The composed text without what the move added and the wrapper made unused: Python's `import os`, when the
 * original had none and nothing reads `os.` any more (TS/JS drop their unused `requireEnv` import in the wrapper).
 */
export function tidyComposed(path: string, original: string, composed: string): string {
  if (!/\.pyw?$/i.test(path) || /^import os[ \t]*$/m.test(original)) return composed;
  const without = composed.replace(/^import os[ \t]*\r?\n/m, '');
  return without !== composed && !/\bos\./.test(without) ? without : composed;
}

/**
 * Plans Make Rotation Ready for a hardcoded-secret finding (pure: no I/O). Throws UnsupportedFixError when
 * the secret cannot be moved, or when no call reads it afterwards (then "Move secret" is the fix).
 */
export function planRotationReady(input: EnvFixInput & { layout?: CodeLayout }): RotationReadyPlan {
  const env: EnvFixPlan = planEnvFix(input);
  const envName = env.envName;
  const wrappers: WrapperFixPlan[] = [];
  let text = env.newText;
  const skipped = new Set<number>();
  let lastError: unknown;
  for (let guard = 0; guard < 50; guard++) {
    // Offsets shift with every wrapper: the calls are found again on the text the previous step produced.
    const call = singleKeyCallsInText(input.path, text).find((c) => !skipped.has(c.calleeStart) && keyReadsEnv(c.key, envName));
    if (!call) break;
    try {
      const wrapper = planWrapperFix({ path: input.path, text, finding: { offset: call.calleeStart }, envName, ...(input.project ? { project: input.project } : {}), ...(input.layout ? { layout: input.layout } : {}) });
      wrappers.push(wrapper);
      text = wrapper.newText;
    } catch (error) {
      // Later calls keep their offsets when this one is not rewritten.
      skipped.add(call.calleeStart);
      lastError = error;
    }
  }
  if (wrappers.length === 0) {
    const why = lastError instanceof UnsupportedFixError ? ` (${lastError.message.replace(/\.$/, '')})` : '';
    throw new UnsupportedFixError(`No HTTP call that the primary/fallback wrapper can rewrite reads this secret${why}; use "Move secret to environment variable" instead.`);
  }
  text = tidyComposed(input.path, input.text, text);
  const helperFiles = neededHelpers([env, ...wrappers], text);
  const fn = wrappers.some((w) => w.title.includes('withFallbackClient')) ? 'withFallbackClient' : /\.pyw?$/i.test(input.path) ? 'with_key_fallback' : 'withKeyFallback';
  const plan: RotationReadyPlan = {
    kind: 'rotation-ready',
    path: input.path,
    envName,
    suggestedNames: env.suggestedNames,
    newText: text,
    edits: minimalEdits(input.text, text),
    secrets: [env.secret],
    exampleNames: exampleNamesFor([envName], [envName], text),
    helperFiles,
    wrapped: wrappers.length,
    title: `Make ${envName} rotation ready: moved to the environment, ${wrappers.length} call${wrappers.length === 1 ? '' : 's'} through ${fn} (${envName}_PRIMARY, falling back to ${envName}_FALLBACK on 401/403)`,
  };
  const [first] = helperFiles;
  if (first) plan.helperFile = first;
  return plan;
}
