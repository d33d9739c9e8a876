/**
 * Where a value sits: one snippet per syntactic place, per file format. A snippet is text with one `§`
 * where the value goes (already escaped for that place); the generator records the exact span.
 */
import type { Rng, Value } from './values';

export type Format = 'ts' | 'js' | 'py' | 'yaml' | 'json' | 'env' | 'docker' | 'sh' | 'md';

export interface Placed {
  snippet: string;
  /** The value as it appears in the file (escaped). */
  literal: string;
}

const camel = (w: string) => w.split(' ').map((p, i) => (i ? p[0]!.toUpperCase() + p.slice(1) : p)).join('');
const snake = (w: string) => w.split(' ').join('_');
const screaming = (w: string) => snake(w).toUpperCase();
const kebabTitle = (w: string) => w.split(' ').map((p) => p[0]!.toUpperCase() + p.slice(1)).join('-');

const jsonEsc = (s: string) => JSON.stringify(s).slice(1, -1);
const singleEsc = (s: string) => s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n');
const templateEsc = (s: string) => s.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${');

const PLAIN = /^[A-Za-z0-9._~+\/=:@%,-]+$/;
const multiline = (s: string) => s.includes('\n');
/** Safe unquoted in .env, YAML plain scalars, shell words and Dockerfile ENV. */
const plainSafe = (s: string) => PLAIN.test(s) && !/^[-?:,@%]/.test(s) && !s.includes(': ');
/** Safe inside shell double quotes and Dockerfile (no expansion). */
const dqShellSafe = (s: string) => !/[$`"\\!\n]/.test(s);

function nameFor(v: Value, style: 'camel' | 'snake' | 'screaming', _r?: Rng): string {
  if (v.rawName && (!v.name || v.kind === 'provider')) return v.rawName;
  const base = v.name;
  if (style === 'camel') return camel(base);
  if (style === 'snake') return snake(base);
  return screaming(base);
}

/**
 * Places that bind a value to a secret-like name of their own (a Bearer header, `setApiKey(…)`): negatives go there
 * only when real code would put them there (placeholders, env references, fixtures, publishable keys).
 */
const nameFree = (v: Value) => (v.kind === 'provider' ? !!v.selfIdentifying : v.kind !== 'negative' || !!v.selfIdentifying || ['placeholder', 'env-reference', 'test-fixture'].includes(v.category));

type Ctx = (v: Value, r: Rng) => Placed | undefined;

const ts: Ctx[] = [
  (v, r) => ({ snippet: `const ${nameFor(v, 'camel', r)} = "§";\n`, literal: jsonEsc(v.value) }),
  (v, r) => ({ snippet: `export const ${nameFor(v, 'screaming', r)} = '§';\n`, literal: singleEsc(v.value) }),
  (v, r) => ({ snippet: `let ${nameFor(v, 'camel', r)}: string = "§";\n`, literal: jsonEsc(v.value) }),
  (v, r) => ({ snippet: `const config = {\n  region: 'us-east-1',\n  ${nameFor(v, 'camel', r)}: "§",\n  timeoutMs: 5000,\n};\n`, literal: jsonEsc(v.value) }),
  (v, r) => ({ snippet: `export default {\n  ${nameFor(v, 'camel', r)}: '§',\n  retries: 3,\n};\n`, literal: singleEsc(v.value) }),
  (v, r) => ({ snippet: `    this.${nameFor(v, 'camel', r)} = "§";\n`, literal: jsonEsc(v.value) }),
  (v, r) => ({ snippet: `class ServiceClient {\n  private readonly ${nameFor(v, 'camel', r)} = "§";\n  constructor(private readonly baseUrl: string) {}\n}\n`, literal: jsonEsc(v.value) }),
  (v, r) => ({ snippet: `export function connect(host: string, ${nameFor(v, 'camel', r)} = "§") {\n  return { host };\n}\n`, literal: jsonEsc(v.value) }),
  (v, r) => ({ snippet: `const ${nameFor(v, 'camel', r)} = process.env.${nameFor(v, 'screaming', r)} ?? "§";\n`, literal: jsonEsc(v.value) }),
  (v, r) => ({ snippet: `const ${nameFor(v, 'camel', r)} = process.env.${nameFor(v, 'screaming', r)} || '§';\n`, literal: singleEsc(v.value) }),
  (v, r) => ({ snippet: `const client = new ApiClient({ baseUrl: BASE_URL, ${nameFor(v, 'camel', r)}: "§" });\n`, literal: jsonEsc(v.value) }),
  (v, r) => ({ snippet: `  const ${nameFor(v, 'camel', r)} = \`§\`;\n`, literal: templateEsc(v.value) }),
  (v) => (!nameFree(v) ? undefined : { snippet: `const res = await fetch(url, { headers: { Authorization: "Bearer §" } });\n`, literal: jsonEsc(v.value) }),
  (v) => (!nameFree(v) ? undefined : { snippet: `headers.set("X-Api-Key", "§");\n`, literal: jsonEsc(v.value) }),
  (v, r) => (!nameFree(v) ? undefined : { snippet: `client.${r.pick(['setApiKey', 'setToken', 'setSecret', 'setPassword'])}("§");\n`, literal: jsonEsc(v.value) }),
  (v) => (!nameFree(v) ? undefined : { snippet: `if (req.headers["x-api-key"] === "§") {\n  return next();\n}\n`, literal: jsonEsc(v.value) }),
];
/** Where secrets also live, but no name binds them: only self-identifying keys are placed here (a comment, a URL). */
const tsLoose: Ctx[] = [
  (v) => (multiline(v.value) ? undefined : { snippet: `// old key, remove after the migration: §\n`, literal: v.value }),
  (v) => (!plainSafe(v.value) ? undefined : { snippet: `const endpoint = "https://api.example.com/v1/query?key=§&format=json";\n`, literal: jsonEsc(v.value) }),
];
/** JWT signing secrets passed positionally: a real pattern, named by nothing but the call. */
const tsPositional: Ctx[] = [
  (v) => ({ snippet: `const signed = jwt.sign(payload, "§", { expiresIn: "1h" });\n`, literal: jsonEsc(v.value) }),
  (v) => ({ snippet: `const hmac = crypto.createHmac("sha256", "§");\n`, literal: jsonEsc(v.value) }),
];

const py: Ctx[] = [
  (v, r) => ({ snippet: `${nameFor(v, 'screaming', r)} = "§"\n`, literal: jsonEsc(v.value) }),
  (v, r) => ({ snippet: `${nameFor(v, 'snake', r)}: str = '§'\n`, literal: singleEsc(v.value) }),
  (v, r) => ({ snippet: `SETTINGS = {\n    "region": "eu-west-1",\n    "${nameFor(v, 'snake', r)}": "§",\n}\n`, literal: jsonEsc(v.value) }),
  (v, r) => ({ snippet: `client = ApiClient(base_url=BASE_URL, ${nameFor(v, 'snake', r)}="§")\n`, literal: jsonEsc(v.value) }),
  (v, r) => ({ snippet: `${nameFor(v, 'snake', r)} = os.getenv("${nameFor(v, 'screaming', r)}", "§")\n`, literal: jsonEsc(v.value) }),
  (v, r) => ({ snippet: `${nameFor(v, 'snake', r)} = os.environ.get("${nameFor(v, 'screaming', r)}", '§')\n`, literal: singleEsc(v.value) }),
  (v, r) => ({ snippet: `def connect(host, ${nameFor(v, 'snake', r)}="§"):\n    return Session(host)\n`, literal: jsonEsc(v.value) }),
  (v, r) => ({ snippet: `class Settings:\n    ${nameFor(v, 'snake', r)} = "§"\n    timeout = 30\n`, literal: jsonEsc(v.value) }),
  (v) => (!nameFree(v) ? undefined : { snippet: `headers = {"Authorization": "Bearer §", "Accept": "application/json"}\n`, literal: jsonEsc(v.value) }),
];

const yaml: Ctx[] = [
  (v, r) => (plainSafe(v.value) ? { snippet: `${nameFor(v, 'snake', r)}: §\n`, literal: v.value } : undefined),
  (v, r) => ({ snippet: `${nameFor(v, 'snake', r)}: "§"\n`, literal: jsonEsc(v.value) }),
  (v, r) => ({ snippet: `service:\n  name: billing\n  auth:\n    ${nameFor(v, 'camel', r)}: "§"\n`, literal: jsonEsc(v.value) }),
  (v, r) => ({ snippet: `env:\n  - name: ${nameFor(v, 'screaming', r)}\n    value: "§"\n`, literal: jsonEsc(v.value) }),
  (v, r) => (multiline(v.value) ? { snippet: `${nameFor(v, 'snake', r)}: |\n  ${'§'}\n`, literal: v.value.split('\n').join('\n  ') } : undefined),
];

const json: Ctx[] = [
  (v, r) => ({ snippet: `  "${nameFor(v, 'camel', r)}": "§",\n`, literal: jsonEsc(v.value) }),
  (v, r) => ({ snippet: `  "service": {\n    "url": "https://api.internal",\n    "${nameFor(v, 'snake', r)}": "§"\n  },\n`, literal: jsonEsc(v.value) }),
];

const env: Ctx[] = [
  (v, r) => (plainSafe(v.value) ? { snippet: `${nameFor(v, 'screaming', r)}=§\n`, literal: v.value } : undefined),
  (v, r) => (plainSafe(v.value) ? { snippet: `export ${nameFor(v, 'screaming', r)}=§\n`, literal: v.value } : undefined),
  (v, r) => (!multiline(v.value) && dqShellSafe(v.value) ? { snippet: `${nameFor(v, 'screaming', r)}="§"\n`, literal: v.value } : undefined),
  (v, r) => (!multiline(v.value) && !v.value.includes("'") ? { snippet: `${nameFor(v, 'screaming', r)}='§'\n`, literal: v.value } : undefined),
];

const docker: Ctx[] = [
  (v, r) => (plainSafe(v.value) ? { snippet: `ENV ${nameFor(v, 'screaming', r)}=§\n`, literal: v.value } : undefined),
  (v, r) => (plainSafe(v.value) ? { snippet: `ENV ${nameFor(v, 'screaming', r)} §\n`, literal: v.value } : undefined),
  (v, r) => (plainSafe(v.value) ? { snippet: `ARG ${nameFor(v, 'screaming', r)}=§\n`, literal: v.value } : undefined),
  (v) => (!multiline(v.value) && dqShellSafe(v.value) && nameFree(v) ? { snippet: `RUN curl -fsSL -H "Authorization: Bearer §" https://artifacts.internal/pkg.tgz -o /tmp/pkg.tgz\n`, literal: v.value } : undefined),
];

const sh: Ctx[] = [
  (v, r) => (!multiline(v.value) && dqShellSafe(v.value) ? { snippet: `export ${nameFor(v, 'screaming', r)}="§"\n`, literal: v.value } : undefined),
  (v, r) => (plainSafe(v.value) ? { snippet: `${nameFor(v, 'screaming', r)}=§\n`, literal: v.value } : undefined),
  (v) => (!multiline(v.value) && dqShellSafe(v.value) && nameFree(v) ? { snippet: `curl -sS -H "X-Api-Key: §" "$API_URL/v1/status"\n`, literal: v.value } : undefined),
  (v) => (plainSafe(v.value) && nameFree(v) ? { snippet: `deployctl login --token §\n`, literal: v.value } : undefined),
];

const md: Ctx[] = [
  (v, r) => (!multiline(v.value) && dqShellSafe(v.value) ? { snippet: `\`\`\`bash\nexport ${nameFor(v, 'screaming', r)}="§"\n\`\`\`\n`, literal: v.value } : undefined),
  (v) => (!multiline(v.value) && nameFree(v) ? { snippet: `Use the key \`§\` for the staging project.\n`, literal: v.value } : undefined),
];

const byFormat: Record<Format, Ctx[]> = { ts, js: ts, py, yaml, json, env, docker, sh, md };

/** Places a value in a random fitting context of the format; undefined when none fits (the caller picks another file). */
export function place(format: Format, v: Value, r: Rng): Placed | undefined {
  let pool = byFormat[format];
  if ((format === 'ts' || format === 'js') && v.kind === 'provider' && v.selfIdentifying && r.chance(0.1)) pool = tsLoose;
  if ((format === 'ts' || format === 'js') && v.kind === 'generic' && r.chance(0.04)) pool = tsPositional;
  if (format === 'md' && v.kind !== 'provider') return undefined;
  const start = r.int(0, pool.length - 1);
  for (let k = 0; k < pool.length; k++) {
    const p = pool[(start + k) % pool.length]!(v, r);
    if (p) {
      if (format === 'js') p.snippet = p.snippet.replace(/: string = /, ' = ').replace(/private readonly /, '').replace('constructor(private readonly baseUrl: string) {}', 'constructor(baseUrl) { this.baseUrl = baseUrl; }').replace('(host: string, ', '(host, ');
      return p;
    }
  }
  return undefined;
}

export const headerFor = kebabTitle;
