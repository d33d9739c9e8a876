/**
 * Where a value sits in a file, as teams write it: ~90 placements over TS/JS, Python, .env, YAML, JSON, shell,
 * Terraform and Markdown. A placement renders one snippet (lines, unindented: the file template indents it) and says
 * which line holds the value. The section says which container the snippet belongs in (an object literal, a class
 * body, a k8s env list, …); files.ts puts sections in realistic files.
 */
import type { Kind } from './kinds';
import type { Rng } from './rng';

export type Lang = 'ts' | 'js' | 'py' | 'json' | 'yaml' | 'env' | 'sh' | 'tf' | 'md';
export type Section =
  | 'js-top' | 'js-obj' | 'js-class' | 'js-enum'
  | 'py-top' | 'py-dict' | 'py-class'
  | 'env' | 'yaml-map' | 'k8s-env' | 'k8s-data' | 'compose-env' | 'json-obj' | 'postman' | 'sh' | 'tf' | 'md';

/**
 * named: any value under a name; token: a value sent in a header or a query; password: a user:password slot;
 * sdk: the kind's own SDK call; kinds: the listed kinds only (a positional argument whose role makes it secret).
 */
type Needs = 'named' | 'token' | 'password' | 'sdkJs' | 'sdkPy' | { kinds: string[] };

export interface Ctx {
  r: Rng;
  k: Kind;
  lang: Lang;
  /** the raw value */
  v: string;
  /** the value as a literal of the language ('…' in JS, "…" in Python, JSON string), or code for an env reference */
  q: string;
  /** the value as an Authorization header value (scheme + value) */
  auth: string;
  /** the header name this kind travels in, and its value */
  header: string;
  hv: string;
  param: string;
  host: string;
  n: Names;
}

export interface Names {
  upper: string;
  snake: string;
  camel: string;
  pascal: string;
  kebab: string;
  /** first word, and the rest, for nested forms (`stripe: { secretKey }`) */
  head: string;
  restCamel: string;
  restSnake: string;
}

export interface Rendered {
  lines: string[];
  /** index of the line with the value (default: the first line containing it) */
  at?: number;
  /** number of lines the value spans (default 1, or the value's own line count when written raw) */
  span?: number;
}

export interface Placement {
  id: string;
  section: Section;
  needs: Needs;
  /** the value is the whole literal `q` (so an env reference may stand in for it) */
  literal?: boolean;
  /** a PEM fits: written with \n escapes, or raw over several lines */
  pem?: 'escaped' | 'raw';
  /** holds multi-line values only (a YAML block scalar) */
  pemOnly?: boolean;
  /** TypeScript only */
  tsOnly?: boolean;
  /** needs a value of at least 16 characters (split in two) */
  split?: boolean;
  render: (c: Ctx) => Rendered;
}

export function namesOf(upper: string): Names {
  const words = upper.toLowerCase().split('_').filter(Boolean);
  const cap = (w: string) => w[0]!.toUpperCase() + w.slice(1);
  const camelOf = (ws: string[]) => ws.map((w, i) => (i ? cap(w) : w)).join('');
  const rest = words.length > 1 ? words.slice(1) : words;
  return {
    upper,
    snake: words.join('_'),
    camel: camelOf(words),
    pascal: words.map(cap).join(''),
    kebab: words.join('-'),
    head: words[0]!,
    restCamel: camelOf(rest),
    restSnake: rest.join('_'),
  };
}

const ts = (c: Ctx, s: string) => (c.lang === 'ts' ? s : '');
const splitAt = (c: Ctx) => c.r.int(Math.floor(c.v.length / 3), Math.floor((2 * c.v.length) / 3));
/** YAML scalar: plain when safe, double-quoted otherwise (values never hold `"` or `\`). */
export const yq = (v: string) => (/^[A-Za-z0-9][A-Za-z0-9_\-./+=~]*$/.test(v) && !/^(true|false|yes|no|null|on|off|[0-9.e+-]+)$/i.test(v) ? v : `"${v.replace(/\n/g, '\\n')}"`);
const envq = (v: string) => (/^[A-Za-z0-9_\-./+=:@~,]+$/.test(v) ? v : /[$`\\]/.test(v) ? `'${v}'` : `"${v.replace(/\n/g, '\\n')}"`);
const shq = (v: string) => (/^[A-Za-z0-9_\-./+=:@~,]+$/.test(v) ? v : `'${v}'`);
const b64 = (s: string) => Buffer.from(s).toString('base64');

const named: Needs = 'named';
const token: Needs = 'token';
const password: Needs = 'password';

export const placements: Placement[] = [
  // ---- TypeScript / JavaScript, module level
  { id: 'js-const', section: 'js-top', needs: named, literal: true, pem: 'escaped', render: (c) => ({ lines: [`const ${c.n.camel} = ${c.q};`] }) },
  { id: 'js-export-const', section: 'js-top', needs: named, literal: true, pem: 'escaped', render: (c) => ({ lines: [`export const ${c.n.upper}${ts(c, ': string')} = ${c.q};`] }) },
  { id: 'js-env-fallback-or', section: 'js-top', needs: named, render: (c) => ({ lines: [`const ${c.n.camel} = process.env.${c.n.upper} || ${c.q};`] }) },
  { id: 'js-default-param', section: 'js-top', needs: named, render: (c) => ({ lines: [`export function create${c.n.pascal}Client(baseUrl${ts(c, ': string')}, ${c.n.camel} = ${c.q}) {`, `  return new HttpClient({ baseUrl, headers: { authorization: ${c.n.camel} } });`, `}`] }) },
  { id: 'js-arrow-default-param', section: 'js-top', needs: named, render: (c) => ({ lines: [`export const fetch${c.n.pascal}Data = async (path${ts(c, ': string')}, ${c.n.camel} = ${c.q}) => request(path, { auth: ${c.n.camel} });`] }) },
  { id: 'js-fetch-bearer-template', section: 'js-top', needs: token, render: (c) => ({ lines: ['const res = await fetch(`${BASE_URL}/v1/items`, {', `  headers: { Authorization: \`${c.auth}\`, 'Content-Type': 'application/json' },`, '});'] }) },
  { id: 'js-axios-header', section: 'js-top', needs: token, render: (c) => ({ lines: ['const { data } = await axios.get(url, {', `  headers: { '${c.header}': '${c.hv}' },`, '});'] }) },
  { id: 'js-axios-create', section: 'js-top', needs: token, render: (c) => ({ lines: ['export const api = axios.create({', `  baseURL: 'https://api.${c.host}/v2',`, `  headers: { Authorization: '${c.auth}' },`, '  timeout: 10_000,', '});'] }) },
  { id: 'js-url-query-template', section: 'js-top', needs: token, render: (c) => ({ lines: [`const url = \`https://api.${c.host}/v1/search?q=\${encodeURIComponent(query)}&${c.param}=${c.v}\`;`] }) },
  { id: 'js-url-query-concat', section: 'js-top', needs: token, render: (c) => ({ lines: [`const endpoint = 'https://api.${c.host}/data/2.5/weather?units=metric&${c.param}=' + '${c.v}';`] }) },
  { id: 'js-concat-split', section: 'js-top', needs: named, split: true, render: (c) => { const i = splitAt(c); return { lines: [`const ${c.n.camel} = '${c.v.slice(0, i)}' + '${c.v.slice(i)}';`], at: 0 }; } },
  { id: 'js-concat-scheme', section: 'js-top', needs: token, render: (c) => ({ lines: [`const authorization = '${c.k.scheme ?? 'Bearer'} ' + '${c.v}';`] }) },
  { id: 'js-map-registry', section: 'js-top', needs: named, literal: true, render: (c) => ({ lines: [`export const credentials = new Map${ts(c, '<string, string>')}([`, `  ['${c.n.kebab}', ${c.q}],`, `  ['region', 'eu-west-1'],`, ']);'] }) },
  { id: 'js-map-set', section: 'js-top', needs: named, literal: true, render: (c) => ({ lines: [`secrets.set('${c.n.kebab}', ${c.q});`] }) },
  { id: 'js-array-registry', section: 'js-top', needs: named, literal: true, render: (c) => ({ lines: ['const KEY_TABLE = [', `  ['${c.n.kebab}', ${c.q.replace(/^'(.*)'$/s, '"$1"')}],`, '];'] }) },
  { id: 'js-jsdoc-example', section: 'js-top', needs: named, render: (c) => ({ lines: ['/**', ' * Sends the nightly report to the partner API.', ' *', ' * @example', ` *   ${c.n.upper}=${c.v} node scripts/report.js`, ' */', `export async function sendReport${c.n.pascal}() {}`] }) },
  { id: 'js-line-comment', section: 'js-top', needs: named, render: (c) => ({ lines: [c.r.chance(0.5) ? `// const ${c.n.camel} = '${c.v}';` : `// ${c.n.upper}=${c.v} (old value, kept for the staging box)`] }) },
  { id: 'js-block-comment', section: 'js-top', needs: named, render: (c) => ({ lines: ['/*', '  Local testing:', `  ${c.n.upper}=${c.v}`, '*/'] }) },
  { id: 'js-process-env-assign', section: 'js-top', needs: named, render: (c) => ({ lines: [`process.env.${c.n.upper} = ${c.q};`] }) },
  { id: 'js-sdk-client', section: 'js-top', needs: 'sdkJs', literal: true, render: (c) => ({ lines: [c.k.sdkJs!(c.q)] }) },
  { id: 'js-template-multiline', section: 'js-top', needs: named, pem: 'raw', render: (c) => ({ lines: ['const iniConfig = `', '[default]', ...`${c.n.snake} = ${c.v}`.split('\n'), 'region = eu-west-1', '`;'] }) },
  { id: 'js-base64-config', section: 'js-top', needs: named, render: (c) => ({ lines: [`const serviceConfig = JSON.parse(Buffer.from('${b64(JSON.stringify({ [c.n.camel]: c.v, region: 'eu-west-1' }))}', 'base64').toString('utf8'));`], at: 0 }) },
  { id: 'js-mock-return', section: 'js-top', needs: named, literal: true, render: (c) => ({ lines: [`mockConfig.get.mockReturnValue({ ${c.n.camel}: ${c.q} });`] }) },
  { id: 'js-jwt-sign', section: 'js-top', needs: { kinds: ['jwt-secret', 'private-key'] }, literal: true, pem: 'escaped', render: (c) => ({ lines: [`const token = jwt.sign({ sub: user.id, role: user.role }, ${c.q}, { expiresIn: '1h' });`] }) },
  { id: 'js-jwt-verify', section: 'js-top', needs: { kinds: ['jwt-secret'] }, literal: true, render: (c) => ({ lines: [`const claims = jwt.verify(token, ${c.q});`] }) },
  { id: 'js-cookie-parser', section: 'js-top', needs: { kinds: ['session-secret'] }, literal: true, render: (c) => ({ lines: [`app.use(cookieParser(${c.q}));`] }) },
  { id: 'js-express-session', section: 'js-top', needs: { kinds: ['session-secret', 'jwt-secret'] }, literal: true, render: (c) => ({ lines: ['app.use(', '  session({', `    secret: ${c.q},`, '    resave: false,', '    saveUninitialized: false,', '  }),', ');'] }) },
  { id: 'js-sequelize', section: 'js-top', needs: { kinds: ['human-password', 'random-password'] }, literal: true, render: (c) => ({ lines: [`const sequelize = new Sequelize('shop', 'shop_user', ${c.q}, { host: 'db', dialect: 'postgres' });`] }) },
  { id: 'js-pg-pool', section: 'js-top', needs: password, literal: true, render: (c) => ({ lines: ['const pool = new Pool({', "  host: 'localhost',", "  user: 'postgres',", `  password: ${c.q},`, "  database: 'app',", '});'] }) },
  { id: 'js-mongoose-connect', section: 'js-top', needs: { kinds: ['db-uri'] }, literal: true, render: (c) => ({ lines: [`await mongoose.connect(${c.q});`] }) },
  { id: 'js-redis-client', section: 'js-top', needs: { kinds: ['redis-uri'] }, literal: true, render: (c) => ({ lines: [`const redis = createClient({ url: ${c.q} });`] }) },
  { id: 'js-hmac', section: 'js-top', needs: { kinds: ['webhook-secret', 'hex-key', 'base64-key'] }, literal: true, render: (c) => ({ lines: [`const expected = crypto.createHmac('sha256', ${c.q}).update(rawBody).digest('hex');`] }) },
  { id: 'js-buffer-from-hex', section: 'js-top', needs: { kinds: ['hex-key'] }, literal: true, render: (c) => ({ lines: [`const ${c.n.camel} = Buffer.from(${c.q}, 'hex');`] }) },
  { id: 'js-create-cipheriv', section: 'js-top', needs: { kinds: ['base64-key'] }, literal: true, render: (c) => ({ lines: [`const cipher = crypto.createCipheriv('aes-256-gcm', Buffer.from(${c.q}, 'base64'), iv);`] }) },
  { id: 'js-nodemailer', section: 'js-top', needs: { kinds: ['smtp-password', 'random-password', 'human-password'] }, literal: true, render: (c) => ({ lines: ['const transporter = nodemailer.createTransport({', "  host: 'smtp.mailgun.org',", '  port: 587,', `  auth: { user: 'postmaster@mg.acme.io', pass: ${c.q} },`, '});'] }) },
  { id: 'js-ethers-wallet', section: 'js-top', needs: { kinds: ['eth-private-key'] }, literal: true, render: (c) => ({ lines: [`const wallet = new ethers.Wallet(${c.q}, provider);`] }) },
  { id: 'js-nest-jwt-module', section: 'js-top', needs: { kinds: ['jwt-secret'] }, literal: true, tsOnly: true, render: (c) => ({ lines: ['@Module({', '  imports: [', '    JwtModule.register({', `      secret: ${c.q},`, "      signOptions: { expiresIn: '60s' },", '    }),', '  ],', '})', `export class Auth${c.r.int(1, 999)}Module {}`] }) },
  { id: 'js-passport-strategy', section: 'js-top', needs: { kinds: ['oauth-client-secret', 'google-oauth-secret'] }, literal: true, render: (c) => ({ lines: ['passport.use(', '  new GoogleStrategy(', '    {', '      clientID: process.env.GOOGLE_CLIENT_ID,', `      clientSecret: ${c.q},`, "      callbackURL: '/auth/google/callback',", '    },', '    verify,', '  ),', ');'] }) },
  { id: 'js-axios-basic-auth', section: 'js-top', needs: password, literal: true, render: (c) => ({ lines: [`const res = await axios.get(url, { auth: { username: 'admin', password: ${c.q} } });`] }) },
  // ---- inside an object literal
  { id: 'obj-entry', section: 'js-obj', needs: named, literal: true, pem: 'escaped', render: (c) => ({ lines: [`${c.n.camel}: ${c.q},`] }) },
  { id: 'obj-quoted-key', section: 'js-obj', needs: named, literal: true, render: (c) => ({ lines: [`'${c.n.upper}': ${c.q},`] }) },
  { id: 'obj-nested', section: 'js-obj', needs: named, literal: true, render: (c) => ({ lines: [`${c.n.head}: {`, `  ${c.n.restCamel}: ${c.q},`, '},'] }) },
  { id: 'obj-env-fallback-nullish', section: 'js-obj', needs: named, render: (c) => ({ lines: [`${c.n.camel}: process.env.${c.n.upper} ?? ${c.q},`] }) },
  { id: 'obj-headers', section: 'js-obj', needs: token, render: (c) => ({ lines: ['headers: {', `  '${c.header}': '${c.hv}',`, '},'] }) },
  { id: 'obj-getter', section: 'js-obj', needs: named, literal: true, render: (c) => ({ lines: [`get ${c.n.camel}() {`, `  return ${c.q};`, '},'] }) },
  // ---- class body
  { id: 'class-field', section: 'js-class', needs: named, literal: true, render: (c) => ({ lines: [`${ts(c, 'private readonly ')}${c.n.camel} = ${c.q};`] }) },
  { id: 'class-static-field', section: 'js-class', needs: named, literal: true, pem: 'escaped', render: (c) => ({ lines: [`static ${c.n.upper} = ${c.q};`] }) },
  { id: 'class-this-assign', section: 'js-class', needs: named, literal: true, render: (c) => ({ lines: [`configure${c.n.pascal}()${ts(c, ': void')} {`, `  this.${c.n.camel} = ${c.q};`, '}'] }) },
  { id: 'class-method-header', section: 'js-class', needs: token, render: (c) => ({ lines: [`private ${c.n.camel}Headers()${ts(c, ': Record<string, string>')} {`, `  return { Authorization: \`${c.auth}\` };`, '}'] }) },
  // ---- TS enum
  { id: 'enum-member', section: 'js-enum', needs: named, tsOnly: true, render: (c) => ({ lines: [`${c.n.pascal} = ${c.q},`] }) },
  // ---- Python, module level
  { id: 'py-assign', section: 'py-top', needs: named, literal: true, pem: 'escaped', render: (c) => ({ lines: [`${c.n.upper} = ${c.q}`] }) },
  { id: 'py-assign-lower', section: 'py-top', needs: named, literal: true, render: (c) => ({ lines: [`${c.n.snake} = ${c.q.replace(/^"(.*)"$/s, "'$1'")}`] }) },
  { id: 'py-getenv-default', section: 'py-top', needs: named, render: (c) => ({ lines: [`${c.n.upper} = os.getenv("${c.n.upper}", ${c.q})`] }) },
  { id: 'py-environ-get-default', section: 'py-top', needs: named, render: (c) => ({ lines: [`${c.n.snake} = os.environ.get("${c.n.upper}", ${c.q})`] }) },
  { id: 'py-getenv-or', section: 'py-top', needs: named, render: (c) => ({ lines: [`${c.n.upper} = os.getenv("${c.n.upper}") or ${c.q}`] }) },
  { id: 'py-app-config', section: 'py-top', needs: named, literal: true, render: (c) => ({ lines: [`app.config["${c.n.upper}"] = ${c.q}`] }) },
  { id: 'py-environ-set', section: 'py-top', needs: named, literal: true, render: (c) => ({ lines: [`os.environ["${c.n.upper}"] = ${c.q}`] }) },
  { id: 'py-ipython-env-magic', section: 'py-top', needs: named, render: (c) => ({ lines: [`get_ipython().run_line_magic("env", "${c.n.upper}=${c.v}")`] }) },
  { id: 'py-sdk-client', section: 'py-top', needs: 'sdkPy', literal: true, render: (c) => ({ lines: [c.k.sdkPy!(c.q)] }) },
  { id: 'py-header-authorization', section: 'py-top', needs: token, render: (c) => ({ lines: [`headers = {"Authorization": "${c.auth}", "Accept": "application/json"}`] }) },
  { id: 'py-requests-header', section: 'py-top', needs: token, render: (c) => ({ lines: [`resp = requests.get(url, headers={"${c.header}": "${c.hv}"}, timeout=10)`] }) },
  { id: 'py-fstring-url-query', section: 'py-top', needs: token, render: (c) => ({ lines: [`url = f"https://api.${c.host}/v1/forecast?q={city}&${c.param}=${c.v}"`] }) },
  { id: 'py-default-arg', section: 'py-top', needs: named, render: (c) => ({ lines: [`def fetch_${c.n.snake}_report(day: str, ${c.n.snake}: str = ${c.q}) -> dict:`, `    return client.get("/reports", params={"day": day}, auth=${c.n.snake})`] }) },
  { id: 'py-triple-quoted', section: 'py-top', needs: named, pem: 'raw', render: (c) => ({ lines: ['CONFIG_INI = """', '[default]', ...`${c.n.snake} = ${c.v}`.split('\n'), 'region = eu-west-1', '"""'] }) },
  { id: 'py-comment', section: 'py-top', needs: named, render: (c) => ({ lines: [c.r.chance(0.5) ? `# ${c.n.upper}=${c.v}` : `# export ${c.n.upper}=${c.v}`] }) },
  { id: 'py-enum-member', section: 'py-top', needs: named, render: (c) => ({ lines: [`class ${c.n.pascal}Credentials(str, Enum):`, `    ${c.n.upper} = ${c.q}`] }) },
  { id: 'py-tuple-registry', section: 'py-top', needs: named, literal: true, render: (c) => ({ lines: ['CREDENTIALS = [', `    ("${c.n.kebab}", ${c.q}),`, ']'] }) },
  { id: 'py-concat-split', section: 'py-top', needs: named, split: true, render: (c) => { const i = splitAt(c); return { lines: [`${c.n.upper} = "${c.v.slice(0, i)}" + "${c.v.slice(i)}"`], at: 0 }; } },
  { id: 'py-implicit-concat', section: 'py-top', needs: named, split: true, render: (c) => { const i = splitAt(c); return { lines: [`${c.n.upper} = (`, `    "${c.v.slice(0, i)}"`, `    "${c.v.slice(i)}"`, ')'], at: 1, span: 2 }; } },
  { id: 'py-jwt-encode', section: 'py-top', needs: { kinds: ['jwt-secret'] }, literal: true, render: (c) => ({ lines: [`token = jwt.encode(payload, ${c.q}, algorithm="HS256")`] }) },
  { id: 'py-hmac-new', section: 'py-top', needs: { kinds: ['webhook-secret', 'hex-key', 'base64-key'] }, literal: true, render: (c) => ({ lines: [`digest = hmac.new(${c.q.startsWith('"') ? 'b' + c.q : c.q + '.encode()'}, request.body, hashlib.sha256).hexdigest()`] }) },
  { id: 'py-fernet', section: 'py-top', needs: { kinds: ['fernet-key'] }, literal: true, render: (c) => ({ lines: [`cipher = Fernet(${c.q.startsWith('"') ? 'b' + c.q : c.q})`] }) },
  { id: 'py-psycopg-connect', section: 'py-top', needs: password, literal: true, render: (c) => ({ lines: [`conn = psycopg2.connect(host="db", dbname="app", user="app", password=${c.q})`] }) },
  { id: 'py-smtp-login', section: 'py-top', needs: { kinds: ['smtp-password', 'human-password', 'random-password'] }, literal: true, render: (c) => ({ lines: [`server.login("noreply@acme.io", ${c.q})`] }) },
  { id: 'py-requests-basic-auth', section: 'py-top', needs: password, literal: true, render: (c) => ({ lines: [`r = requests.get(url, auth=("admin", ${c.q}), timeout=5)`] }) },
  { id: 'py-create-engine', section: 'py-top', needs: { kinds: ['db-uri'] }, literal: true, render: (c) => ({ lines: [`engine = create_engine(${c.q}, pool_pre_ping=True)`] }) },
  { id: 'py-redis-from-url', section: 'py-top', needs: { kinds: ['redis-uri'] }, literal: true, render: (c) => ({ lines: [`cache = redis.Redis.from_url(${c.q})`] }) },
  { id: 'py-web3-account', section: 'py-top', needs: { kinds: ['eth-private-key'] }, literal: true, render: (c) => ({ lines: [`account = Account.from_key(${c.q})`] }) },
  // ---- Python dict / class body
  { id: 'py-dict-entry', section: 'py-dict', needs: named, literal: true, pem: 'escaped', render: (c) => ({ lines: [`"${c.n.snake}": ${c.q},`] }) },
  { id: 'py-dict-upper-entry', section: 'py-dict', needs: named, literal: true, render: (c) => ({ lines: [`'${c.n.upper}': ${c.q.replace(/^"(.*)"$/s, "'$1'")},`] }) },
  { id: 'py-dict-password', section: 'py-dict', needs: password, literal: true, render: (c) => ({ lines: [`"PASSWORD": ${c.q},`] }) },
  { id: 'py-pydantic-field', section: 'py-class', needs: named, render: (c) => ({ lines: [`${c.n.snake}: str = ${c.q}`] }) },
  { id: 'py-class-attr', section: 'py-class', needs: named, literal: true, render: (c) => ({ lines: [`${c.n.upper} = ${c.q}`] }) },
  // ---- .env
  { id: 'env-plain', section: 'env', needs: named, pem: 'escaped', render: (c) => ({ lines: [`${c.n.upper}=${envq(c.v)}`] }) },
  { id: 'env-double-quoted', section: 'env', needs: named, render: (c) => ({ lines: [/[$`]/.test(c.v) ? `${c.n.upper}='${c.v}'` : `${c.n.upper}="${c.v}"`] }) },
  { id: 'env-export', section: 'env', needs: named, render: (c) => ({ lines: [`export ${c.n.upper}='${c.v}'`] }) },
  { id: 'env-commented-out', section: 'env', needs: named, render: (c) => ({ lines: [`# ${c.n.upper}=${envq(c.v)}`] }) },
  { id: 'env-trailing-comment', section: 'env', needs: named, render: (c) => ({ lines: [`${c.n.upper}=${envq(c.v)} # rotated 2024-03, ask ops`] }) },
  // ---- YAML
  { id: 'yaml-entry', section: 'yaml-map', needs: named, pem: 'escaped', render: (c) => ({ lines: [`${c.n.snake}: ${yq(c.v)}`] }) },
  { id: 'yaml-upper-entry', section: 'yaml-map', needs: named, render: (c) => ({ lines: [`${c.n.upper}: ${c.r.chance(0.5) ? yq(c.v) : `"${c.v}"`}`] }) },
  { id: 'yaml-nested', section: 'yaml-map', needs: named, render: (c) => ({ lines: [`${c.n.head}:`, `  ${c.n.restSnake}: ${yq(c.v)}`] }) },
  { id: 'yaml-block-scalar', section: 'yaml-map', needs: named, pem: 'raw', pemOnly: true, render: (c) => ({ lines: [`${c.n.snake}: |`, ...c.v.split('\n').map((l) => '  ' + l)] }) },
  { id: 'yaml-anchor', section: 'yaml-map', needs: named, render: (c) => ({ lines: [`${c.n.head}_defaults: &${c.n.head}_defaults`, `  ${c.n.restSnake}: ${yq(c.v)}`, '  timeout: 30'] }) },
  { id: 'yaml-flow-map', section: 'yaml-map', needs: named, render: (c) => ({ lines: [`${c.n.head}: { ${c.n.restSnake}: ${yq(c.v)}, timeout: 30 }`] }) },
  { id: 'yaml-headers', section: 'yaml-map', needs: token, render: (c) => ({ lines: ['headers:', `  ${c.header}: ${yq(c.hv)}`] }) },
  { id: 'k8s-env-value', section: 'k8s-env', needs: named, render: (c) => ({ lines: [`- name: ${c.n.upper}`, `  value: ${c.r.chance(0.5) ? yq(c.v) : `"${c.v}"`}`], at: 1 }) },
  { id: 'k8s-container-arg', section: 'k8s-env', needs: named, render: (c) => ({ lines: [`- --${c.n.kebab}=${c.v}`] }) },
  { id: 'k8s-secret-data-base64', section: 'k8s-data', needs: named, render: (c) => ({ lines: [`${c.n.snake.replace(/_/g, '-')}: ${b64(c.v)}`], at: 0 }) },
  { id: 'compose-env-list', section: 'compose-env', needs: named, render: (c) => ({ lines: [c.r.chance(0.7) ? `- ${c.n.upper}=${c.v}` : `- "${c.n.upper}=${c.v}"`] }) },
  { id: 'compose-env-map', section: 'compose-env', needs: named, render: (c) => ({ lines: [`${c.n.upper}: ${yq(c.v)}`] }) },
  // ---- JSON
  { id: 'json-entry', section: 'json-obj', needs: named, pem: 'escaped', render: (c) => ({ lines: [`"${c.n.camel}": ${JSON.stringify(c.v)}`] }) },
  { id: 'json-upper-entry', section: 'json-obj', needs: named, render: (c) => ({ lines: [`"${c.n.upper}": ${JSON.stringify(c.v)}`] }) },
  { id: 'json-nested', section: 'json-obj', needs: named, render: (c) => ({ lines: [`"${c.n.head}": {`, `  "${c.n.restCamel}": ${JSON.stringify(c.v)},`, '  "timeoutMs": 5000', '}'] }) },
  { id: 'postman-env-value', section: 'postman', needs: named, render: (c) => ({ lines: ['{', `  "key": "${c.n.camel}",`, `  "value": ${JSON.stringify(c.v)},`, `  "type": "${c.r.pick(['default', 'secret'])}",`, '  "enabled": true', '}'], at: 2 }) },
  // ---- shell
  { id: 'sh-export', section: 'sh', needs: named, render: (c) => ({ lines: [`export ${c.n.upper}=${c.r.chance(0.5) ? shq(c.v) : `'${c.v}'`}`] }) },
  { id: 'sh-assign', section: 'sh', needs: named, render: (c) => ({ lines: [`${c.n.upper}=${shq(c.v)}`] }) },
  { id: 'sh-curl-authorization', section: 'sh', needs: token, render: (c) => ({ lines: [`curl -fsSL -H 'Authorization: ${c.auth}' https://api.${c.host}/v1/deployments`] }) },
  { id: 'sh-curl-header', section: 'sh', needs: token, render: (c) => ({ lines: [c.hv.includes('$') ? `curl -s -H '${c.header}: ${c.hv}' "https://api.${c.host}/v1/events"` : `curl -s -H "${c.header}: ${c.hv}" "https://api.${c.host}/v1/events"`] }) },
  { id: 'sh-curl-url-query', section: 'sh', needs: token, render: (c) => ({ lines: [`curl "https://api.${c.host}/v1/report?${c.param}=${c.v}&format=csv" -o report.csv`] }) },
  { id: 'sh-curl-user', section: 'sh', needs: password, render: (c) => ({ lines: [`curl -u 'deploy:${c.v}' https://registry.${c.host}/v2/_catalog`] }) },
  { id: 'sh-pgpassword', section: 'sh', needs: password, render: (c) => ({ lines: [`PGPASSWORD=${shq(c.v)} psql -h db.internal -U app -d app -f migrations/001_init.sql`] }) },
  { id: 'sh-mysql-p', section: 'sh', needs: password, render: (c) => ({ lines: [`mysql -h 127.0.0.1 -u root -p'${c.v}' shop < dump.sql`] }) },
  { id: 'sh-docker-login-stdin', section: 'sh', needs: password, render: (c) => ({ lines: [`echo '${c.v}' | docker login ghcr.io -u ci-bot --password-stdin`] }) },
  { id: 'sh-docker-run-env', section: 'sh', needs: named, render: (c) => ({ lines: [`docker run --rm -e ${c.n.upper}=${shq(c.v)} acme/worker:latest`] }) },
  { id: 'sh-inline-env', section: 'sh', needs: named, render: (c) => ({ lines: [`${c.n.upper}=${shq(c.v)} npm run deploy -- --env production`] }) },
  { id: 'sh-heredoc', section: 'sh', needs: named, render: (c) => ({ lines: ['cat > .env <<EOF', `${c.n.upper}=${c.v}`, 'EOF'] }) },
  { id: 'sh-git-clone-token', section: 'sh', needs: { kinds: ['github-pat', 'github-fine-grained', 'gitlab-pat', 'bitbucket', 'bearer-token'] }, render: (c) => ({ lines: [`git clone https://oauth2:${c.v}@gitlab.com/acme/platform.git`] }) },
  // ---- Terraform tfvars
  { id: 'tf-entry', section: 'tf', needs: named, render: (c) => ({ lines: [`${c.n.snake} = "${c.v}"`] }) },
  { id: 'tf-map', section: 'tf', needs: named, render: (c) => ({ lines: [`${c.n.head}_config = {`, `  ${c.n.restSnake} = "${c.v}"`, '}'] }) },
  // ---- Markdown
  { id: 'md-fence-shell', section: 'md', needs: named, render: (c) => ({ lines: ['```bash', `export ${c.n.upper}=${shq(c.v)}`, '```'] }) },
  { id: 'md-fence-js', section: 'md', needs: named, render: (c) => ({ lines: ['```js', `const client = createClient({ ${c.n.camel}: '${c.v}' });`, '```'] }) },
  { id: 'md-inline-code', section: 'md', needs: named, render: (c) => ({ lines: [`Then set \`${c.n.upper}=${c.v}\` and restart the worker.`] }) },
  { id: 'md-fence-curl', section: 'md', needs: token, render: (c) => ({ lines: ['```sh', `curl -H "Authorization: ${c.auth}" https://api.${c.host}/v1/me`, '```'] }) },
  { id: 'md-table-row', section: 'md', needs: named, render: (c) => ({ lines: [`| \`${c.n.upper}\` | \`${c.v}\` | production |`] }) },
];

/** Negatives that fit a header, a query or a password slot as well as a name: what people leave there. */
const SLOT_NEGATIVES = new Set(['placeholder-angle', 'placeholder-x', 'placeholder-word', 'test-dummy', 'interpolation']);

export function fits(p: Placement, k: Kind, lang: Lang): boolean {
  if (p.tsOnly && lang !== 'ts') return false;
  if (k.only && !k.only.some((pre) => p.id.startsWith(pre))) return false;
  if (k.tags.includes('expr')) return !!p.literal && (lang === 'ts' || lang === 'js' || lang === 'py') && p.needs !== 'sdkJs' && p.needs !== 'sdkPy';
  if (k.tags.includes('pem') ? !p.pem : p.pemOnly) return false;
  if (p.split && k.klass === 'negative') return false;
  const needs = p.needs;
  if (needs === 'named') return true;
  if (needs === 'sdkJs') return !!k.sdkJs;
  if (needs === 'sdkPy') return !!k.sdkPy;
  if (k.klass === 'negative') return SLOT_NEGATIVES.has(k.id) && !k.only;
  if (needs === 'token') return k.tags.includes('token');
  if (needs === 'password') return k.tags.includes('password');
  return needs.kinds.includes(k.id);
}
