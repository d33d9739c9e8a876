/**
 * gitleaks' own test data: every rule function in `cmd/generate/config/rules/*.go` ends with
 * `utils.Validate(r, tps, fps)`; the true positives are built by `utils.GenerateSampleSecrets(id, secret)` (one sample
 * per file format) and `secrets.NewSecret(regex)` (a random string matching the regex), both modelled here.
 */
import { type Builtin, GoFile, type GoValue, Unsupported, force, skipExpression } from './goEval';
import { regexGenerator } from './regen';
import type { GitTree, PeerCase, SuiteRead } from './types';

/** utils.GenerateSampleSecrets' templates (cmd/generate/config/utils/generate.go), with the file type each is. */
const SAMPLE_TEMPLATES: Array<[string, string]> = [
  ['{i}Token="{s}"', 'ini'],
  ['{i}Token = "{s}"', 'ini'],
  ['{i}Token={s}', 'ini'],
  ['{i}Token = {s}', 'ini'],
  ['{\n    "{i}_token": "{s}"\n}', 'json'],
  ['{"config.ini": "{I}_TOKEN={s}\\nBACKUP_ENABLED=true"}', 'json'],
  ['<{i}Token>\n    {s}\n</{i}Token>', 'xml'],
  ['{i}_token: {s}', 'yaml'],
  ["{i}_token: '{s}'", 'yaml'],
  ['{i}_token: "{s}"', 'yaml'],
  ['string {i}Token = "{s}";', 'cs'],
  ['var {i}Token string = "{s}"', 'go'],
  ['{i}Token := "{s}"', 'go'],
  ['{i}Token := `{s}`', 'go'],
  ['String {i}Token = "{s}";', 'java'],
  ['var {i}Token = "{s}"', 'kt'],
  ['${i}Token .= "{s}"', 'php'],
  ["{i}Token = '{s}'", 'py'],
  ['{i}Token = "{s}"', 'py'],
  ['System.setProperty("{I}_TOKEN", "{s}")', 'java'],
  ['  "{i}Token" => "{s}"', 'conf'],
  ['{i}_TOKEN = "{s}"', 'mk'],
  ['{i}_TOKEN := "{s}"', 'mk'],
  ['{i}_TOKEN ::= "{s}"', 'mk'],
  ['{i}_TOKEN :::= "{s}"', 'mk'],
  ['{i}_TOKEN ?= "{s}"', 'mk'],
];

const UTILS_PATTERNS: Record<string, (n: string) => string> = {
  'utils.Numeric': (n) => `[0-9]{${n}}`,
  'utils.Hex': (n) => `[a-f0-9]{${n}}`,
  'utils.AlphaNumeric': (n) => `[a-z0-9]{${n}}`,
  'utils.AlphaNumericExtendedShort': (n) => `[a-z0-9_-]{${n}}`,
  'utils.AlphaNumericExtended': (n) => `[a-z0-9=_\\-]{${n}}`,
  'utils.AlphaNumericExtendedLong': (n) => `[a-z0-9\\/=_\\+\\-]{${n}}`,
};

export function readGitleaks(tree: GitTree): SuiteRead {
  const cases: PeerCase[] = [];
  const notes: string[] = [];
  const dir = 'cmd/generate/config/rules';
  const regen = regexGenerator(0x91e4);
  for (const path of tree.list(dir).filter((p) => p.endsWith('.go'))) {
    const src = tree.read(path);
    /** Text of a generated sample → its file type. */
    const types = new Map<string, string>();
    let captured: { rule: GoValue; tps: GoValue; fps: GoValue } | undefined;
    const builtins: Record<string, Builtin> = {
      'secrets.NewSecret': ([re]) => regen(re as string),
      'utils.GenerateSampleSecrets': ([id, s]) =>
        SAMPLE_TEMPLATES.map(([t, type]) => {
          const text = t.replace(/\{i\}/g, id as string).replace(/\{I\}/g, (id as string).toUpperCase()).replace(/\{s\}/g, s as string);
          types.set(text, type);
          return text;
        }),
      'utils.GenerateSampleSecret': ([id, s]) => `${id as string}_api_token = "${s as string}"`,
      'utils.Validate': ([rule, tps, fps]) => (captured = { rule: rule!, tps: tps!, fps: fps! }),
      'utils.ValidateWithPaths': ([rule, tps, fps]) => (captured = { rule: rule!, tps: tps!, fps: fps! }),
      'utils.Hex8_4_4_4_12': () => '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}',
      ...Object.fromEntries(Object.entries(UTILS_PATTERNS).map(([k, f]) => [k, ([n]: GoValue[]) => f(String(n))])),
    };
    let file: GoFile;
    try {
      file = new GoFile(src, builtins);
    } catch (e) {
      notes.push(`${path}: not read (${(e as Error).message})`);
      continue;
    }
    for (const body of functionBodies(file)) {
      captured = undefined;
      const env = new Map<string, GoValue>();
      const skipped = runBody(file, env, body.start, body.end);
      if (!captured) {
        if (body.returnsRule) notes.push(`${path} ${body.name}: samples not evaluated (${skipped.join('; ') || 'no Validate call'})`);
        continue;
      }
      const { rule, tps, fps } = captured as { rule: GoValue; tps: GoValue; fps: GoValue };
      let ruleId: string;
      try {
        ruleId = String(force((rule as Record<string, GoValue>).RuleID!));
      } catch {
        notes.push(`${path} ${body.name}: rule id not evaluated`);
        continue;
      }
      if (skipped.length) notes.push(`gitleaks ${ruleId}: some statements not evaluated (${skipped.join('; ')})`);
      const add = (values: GoValue, expect: 'tp' | 'fp') => {
        const entries: Array<[string, string | undefined]> = Array.isArray(values)
          ? values.map((v) => [String(force(v)), undefined])
          : values && typeof values === 'object'
            ? Object.entries(values as Record<string, GoValue>).map(([p, v]) => [String(force(v)), p])
            : [];
        for (const [text, samplePath] of entries) {
          const ext = samplePath ? extOf(samplePath) : types.get(text) ?? 'txt';
          cases.push({ suite: 'gitleaks', peerRule: ruleId, text, ext, expect, fileName: samplePath ? baseName(samplePath) : undefined });
        }
      };
      add(tps, 'tp');
      add(fps, 'fp');
    }
  }
  return { cases, notes };
}

function extOf(path: string): string {
  const m = /\.([A-Za-z0-9]+)$/.exec(path);
  return m ? m[1]!.toLowerCase() : 'txt';
}
function baseName(path: string): string {
  return path.split('/').pop() || path;
}

interface Body {
  name: string;
  start: number;
  end: number;
  returnsRule: boolean;
}

/** Top-level function bodies: token ranges inside `func Name(...) T {` … `}`. */
export function functionBodies(file: GoFile): Body[] {
  const t = file.tokens;
  const out: Body[] = [];
  for (let i = 0; i < t.length; i++) {
    if (t[i]!.text !== 'func' || (i > 0 && !t[i]!.nl)) continue;
    const name = t[i + 1]?.text ?? '';
    let j = i + 1;
    let returnsRule = false;
    while (j < t.length && t[j]!.text !== '{') {
      if (t[j]!.text === 'Rule') returnsRule = true;
      j++;
    }
    let depth = 0;
    let k = j;
    for (; k < t.length; k++) {
      if (t[k]!.text === '{') depth++;
      else if (t[k]!.text === '}' && --depth === 0) break;
    }
    out.push({ name, start: j + 1, end: k, returnsRule });
    i = k;
  }
  return out;
}

/**
 * Runs a function body's simple statements: `x := e`, `x = e`, `var x [T] [= e]`, `return e`. Blocks (`for`, `if`)
 * and statements we cannot evaluate are skipped; what was skipped is returned for the notes.
 */
export function runBody(file: GoFile, env: Map<string, GoValue>, start: number, end: number): string[] {
  const t = file.tokens;
  const skipped: string[] = [];
  let i = start;
  while (i < end) {
    const tok = t[i]!;
    if (tok.text === ';') {
      i++;
      continue;
    }
    if (tok.text === 'for' || tok.text === 'if' || tok.text === 'switch' || tok.text === 'go' || tok.text === 'defer') {
      skipped.push(tok.text);
      while (i < end && t[i]!.text !== '{') i++;
      let depth = 0;
      for (; i < end; i++) {
        if (t[i]!.text === '{') depth++;
        else if (t[i]!.text === '}' && --depth === 0) break;
      }
      i++;
      continue;
    }
    if (tok.text === 'var' || tok.text === 'const') {
      i = file.declaration(i + 1, env);
      continue;
    }
    const target = tok.kind === 'ident' && (t[i + 1]?.text === ':=' || t[i + 1]?.text === '=') ? tok.text : undefined;
    const at = target ? i + 2 : tok.text === 'return' ? i + 1 : i;
    const ev = file.evaluator(env, at);
    try {
      const v = ev.expression();
      if (target) env.set(target, v);
      i = Math.max(ev.i, at + 1);
    } catch (e) {
      if (!(e instanceof Unsupported)) throw e;
      if (target || tok.text === 'return') skipped.push(`${target ?? 'return'}: ${e.message}`);
      i = Math.max(skipExpression(t, at), at + 1);
    }
  }
  return skipped;
}
