import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { parseScanArgs } from '../../../src/cli/commands/scan';

const root = join(__dirname, '../../..');
const yaml = (file: string): unknown => parse(readFileSync(join(root, file), 'utf8'));
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `npx --no-install rotation-ready scan …` (or `node …/cli.js scan …`): the scan's own parser must accept the arguments. */
function assertScanCommand(command: string, what: string): void {
  const words = command.trim().split(/\s+/);
  const at = words.indexOf('scan');
  assert.ok(at > 0 && /rotation-ready|cli\.js/.test(words[at - 1]!), `${what}: runs rotation-ready scan`);
  assert.doesNotThrow(() => parseScanArgs(words.slice(at + 1)), `${what}: arguments parse`);
}

/** The hook manifest as the pre-commit framework reads it (pre-commit.com, "Creating new hooks"). */
const PRE_COMMIT_KEYS = {
  required: ['id', 'name', 'entry', 'language'],
  string: ['id', 'name', 'entry', 'language', 'description', 'files', 'exclude', 'language_version', 'minimum_pre_commit_version'],
  boolean: ['always_run', 'fail_fast', 'verbose', 'pass_filenames', 'require_serial'],
  list: ['types', 'types_or', 'exclude_types', 'args', 'stages', 'additional_dependencies'],
};
const PRE_COMMIT_LANGUAGES = ['conda', 'coursier', 'dart', 'docker', 'docker_image', 'dotnet', 'fail', 'golang', 'haskell', 'julia', 'lua', 'node', 'perl', 'python', 'r', 'ruby', 'rust', 'swift', 'pygrep', 'script', 'system', 'unsupported', 'unsupported_script'];
const PRE_COMMIT_STAGES = ['commit-msg', 'post-checkout', 'post-commit', 'post-merge', 'post-rewrite', 'pre-commit', 'pre-merge-commit', 'pre-push', 'pre-rebase', 'prepare-commit-msg', 'manual'];

export function preCommitProblems(manifest: unknown): string[] {
  const problems: string[] = [];
  if (!Array.isArray(manifest) || manifest.length === 0) return ['the manifest is a non-empty list of hooks'];
  const known = new Set([...PRE_COMMIT_KEYS.string, ...PRE_COMMIT_KEYS.boolean, ...PRE_COMMIT_KEYS.list]);
  manifest.forEach((hook, i) => {
    if (!isObject(hook)) return void problems.push(`[${i}] is not a mapping`);
    for (const k of PRE_COMMIT_KEYS.required) if (typeof hook[k] !== 'string' || hook[k] === '') problems.push(`[${i}].${k} is required`);
    for (const [k, v] of Object.entries(hook)) {
      if (!known.has(k)) problems.push(`[${i}].${k} is not a hook key`);
      else if (PRE_COMMIT_KEYS.string.includes(k) && typeof v !== 'string') problems.push(`[${i}].${k} is a string`);
      else if (PRE_COMMIT_KEYS.boolean.includes(k) && typeof v !== 'boolean') problems.push(`[${i}].${k} is a boolean`);
      else if (PRE_COMMIT_KEYS.list.includes(k) && (!Array.isArray(v) || v.some((x) => typeof x !== 'string'))) problems.push(`[${i}].${k} is a list of strings`);
    }
    if (typeof hook.language === 'string' && !PRE_COMMIT_LANGUAGES.includes(hook.language)) problems.push(`[${i}].language '${hook.language}' is unknown`);
    for (const s of Array.isArray(hook.stages) ? hook.stages : []) if (!PRE_COMMIT_STAGES.includes(s as string)) problems.push(`[${i}].stages: '${String(s)}' is unknown`);
    for (const k of ['files', 'exclude']) if (typeof hook[k] === 'string') try { new RegExp(hook[k] as string); } catch { problems.push(`[${i}].${k} is not a regular expression`); }
  });
  return problems;
}

/** Action metadata as GitHub reads it ("Metadata syntax for GitHub Actions"), plus our own rule: no input spliced into a script. */
const BRANDING_COLORS = ['white', 'black', 'yellow', 'blue', 'green', 'orange', 'red', 'purple', 'gray-dark'];
const STEP_KEYS = ['name', 'id', 'if', 'run', 'shell', 'uses', 'with', 'env', 'working-directory', 'continue-on-error'];

export function actionProblems(action: unknown): string[] {
  const problems: string[] = [];
  if (!isObject(action)) return ['the metadata is a mapping'];
  for (const k of ['name', 'description']) if (typeof action[k] !== 'string' || action[k] === '') problems.push(`${k} is required`);
  for (const k of Object.keys(action)) if (!['name', 'author', 'description', 'inputs', 'outputs', 'runs', 'branding'].includes(k)) problems.push(`${k} is not an action key`);
  if (action.branding !== undefined) {
    const b = action.branding;
    if (!isObject(b) || (b.color !== undefined && !BRANDING_COLORS.includes(b.color as string))) problems.push('branding.color is one of the documented colors');
  }
  const inputs = isObject(action.inputs) ? action.inputs : {};
  for (const [id, input] of Object.entries(inputs)) {
    if (!/^[A-Za-z_][A-Za-z0-9_-]*$/.test(id)) problems.push(`inputs.${id}: bad id`);
    if (!isObject(input) || typeof input.description !== 'string') problems.push(`inputs.${id}.description is required`);
    else {
      if (input.required !== undefined && typeof input.required !== 'boolean') problems.push(`inputs.${id}.required is a boolean`);
      if (input.default !== undefined && typeof input.default !== 'string') problems.push(`inputs.${id}.default is a string`);
    }
  }
  const runs = action.runs;
  if (!isObject(runs) || runs.using !== 'composite') return [...problems, "runs.using is 'composite'"];
  if (!Array.isArray(runs.steps) || runs.steps.length === 0) return [...problems, 'runs.steps is a non-empty list'];
  const ids = new Set<string>();
  const text = JSON.stringify(action);
  runs.steps.forEach((step: unknown, i: number) => {
    if (!isObject(step)) return void problems.push(`runs.steps[${i}] is a mapping`);
    for (const k of Object.keys(step)) if (!STEP_KEYS.includes(k)) problems.push(`runs.steps[${i}].${k} is not a step key`);
    if ((step.run === undefined) === (step.uses === undefined)) problems.push(`runs.steps[${i}] has either run or uses`);
    if (step.run !== undefined && typeof step.shell !== 'string') problems.push(`runs.steps[${i}]: a composite run step needs shell`);
    if (typeof step.uses === 'string' && !/^[\w.-]+\/[\w./-]+@[\w.-]+$|^\.\/|^docker:\/\//.test(step.uses)) problems.push(`runs.steps[${i}].uses '${step.uses}' is not owner/repo@ref`);
    if (typeof step.run === 'string' && /\$\{\{\s*(inputs|github\.event)\./.test(step.run)) problems.push(`runs.steps[${i}].run splices an expression into the script; pass it through env`);
    if (typeof step.id === 'string') {
      if (ids.has(step.id)) problems.push(`runs.steps[${i}].id '${step.id}' is not unique`);
      ids.add(step.id);
    }
  });
  for (const m of text.matchAll(/steps\.([A-Za-z_][\w-]*)\.outputs/g)) if (!ids.has(m[1]!)) problems.push(`steps.${m[1]} is referenced but no step has that id`);
  for (const m of text.matchAll(/inputs\.([A-Za-z_][\w-]*)/g)) if (!(m[1]! in inputs)) problems.push(`inputs.${m[1]} is referenced but not declared`);
  const outputs = isObject(action.outputs) ? action.outputs : {};
  for (const [id, out] of Object.entries(outputs)) if (!isObject(out) || typeof out.value !== 'string') problems.push(`outputs.${id}.value is required in a composite action`);
  return problems;
}

describe('ecosystem entry points', () => {
  it('.pre-commit-hooks.yaml is a valid hook manifest whose rotation-ready hook scans staged content', () => {
    const manifest = yaml('.pre-commit-hooks.yaml') as Array<Record<string, unknown>>;
    assert.deepEqual(preCommitProblems(manifest), []);
    const hook = manifest.find((h) => h.id === 'rotation-ready');
    assert.ok(hook);
    assert.match(hook.entry as string, /scan --staged/);
    assert.equal(hook.pass_filenames, false, 'the staged scan reads the index itself');
    assertScanCommand(hook.entry as string, 'the hook entry');
  });

  it('the manifest check rejects what pre-commit would', () => {
    assert.ok(preCommitProblems([{ id: 'x', name: 'x', entry: 'x' }]).some((p) => /language is required/.test(p)));
    assert.ok(preCommitProblems([{ id: 'x', name: 'x', entry: 'x', language: 'cobol' }]).some((p) => /unknown/.test(p)));
    assert.ok(preCommitProblems([{ id: 'x', name: 'x', entry: 'x', language: 'system', pass_filenames: 'no' }]).some((p) => /boolean/.test(p)));
    assert.ok(preCommitProblems({ id: 'x' }).length > 0);
  });

  it('action.yml is valid composite action metadata: scan → SARIF → upload, failing on new findings', () => {
    const action = yaml('action.yml') as { inputs: Record<string, unknown>; runs: { steps: Array<Record<string, string>> } };
    assert.deepEqual(actionProblems(action), []);
    for (const input of ['paths', 'baseline', 'history']) assert.ok(input in action.inputs, `input ${input}`);
    const steps = action.runs.steps;
    const scan = steps.find((s) => s.id === 'scan')!;
    assert.match(scan.run!, /--format sarif/);
    assert.match(scan.run!, /--history/);
    assert.match(scan.run!, /--baseline/);
    const upload = steps.findIndex((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'));
    const fail = steps.findIndex((s) => /exit-code == '1'/.test(s.if ?? ''));
    assert.ok(steps.indexOf(scan) < upload && upload < fail, 'scan, then upload, then fail on new findings');
    assert.match(steps[fail]!.run!, /exit 1/);
  });

  it('the action check rejects an input spliced into a script, a run step without shell, a dangling step reference', () => {
    const base = { name: 'a', description: 'b', inputs: { x: { description: 'x' } }, runs: { using: 'composite', steps: [{ run: 'echo ${{ inputs.x }}', shell: 'bash' }] } };
    assert.ok(actionProblems(base).some((p) => /through env/.test(p)));
    assert.ok(actionProblems({ ...base, runs: { using: 'composite', steps: [{ run: 'echo' }] } }).some((p) => /needs shell/.test(p)));
    assert.ok(actionProblems({ ...base, outputs: { o: { description: 'o', value: '${{ steps.nope.outputs.o }}' } }, runs: { using: 'composite', steps: [{ run: 'echo', shell: 'bash' }] } }).some((p) => /no step has that id/.test(p)));
  });

  it('the GitLab CI snippet in docs/cli.md is valid YAML running a scan the CLI accepts', () => {
    const doc = readFileSync(join(root, 'docs/cli.md'), 'utf8');
    const block = /\*\*GitLab CI\.\*\*[\s\S]*?```yaml\n([\s\S]*?)```/.exec(doc);
    assert.ok(block, 'a GitLab CI block');
    const job = (parse(block[1]!) as Record<string, { script: string[]; artifacts: { paths: string[] } }>)['rotation-ready']!;
    const scan = job.script.find((line) => / scan /.test(line))!;
    assertScanCommand(scan, 'the GitLab job');
    assert.ok(job.artifacts.paths.includes('rotation-ready.sarif'));
  });
});
