import * as assert from 'node:assert/strict';
import { analyzeText } from '../../../src/core/analyze/index';
import { sampleGen } from '../../../src/core/rules/sampleGen';

/**
 * Secrets in places no extractor read as a value (issue 17 §2): a credential query parameter whatever it is called, in
 * a template, an f-string, a concatenation or a shell command. Values are generated; each class is written in several
 * spellings of our own, never one yardstick's.
 */
const g = sampleGen(0x1733);

function found(path: string, text: string): string[] {
  return analyzeText(path, text, { salt: 'hidden' })
    .findings.filter((f) => f.severity !== 'info' && f.severity !== 'hint')
    .map((f) => text.slice(f.offset, f.offset + f.length));
}

/** One test per case: the analysis finds exactly the value, a non-info finding. */
function findsEach(cases: ReadonlyArray<readonly [string, string, string, string]>): void {
  for (const [name, path, text, value] of cases) it(`finds the key: ${name}`, () => assert.deepEqual(found(path, text), [value]));
}

/** One test per case: no finding. */
function quietOnEach(cases: ReadonlyArray<readonly [string, string, string]>): void {
  for (const [name, path, text] of cases) it(`stays quiet: ${name}`, () => assert.deepEqual(found(path, text), []));
}

describe('analyzeText: credential query parameters', () => {
  const key = g.alnum(24) + g.digits(3) + g.alnum(9);
  const uuid = g.uuid();
  const cases: Array<[string, string, string, string]> = [
    ['`key=` in a template, after a substitution', 'src/geo.ts', `const url = \`https://maps.example.net/geocode?address=\${q}&key=${key}\`;\n`, key],
    ['`appid=` first in a template', 'src/weather.js', `const url = \`https://api.example.org/data?appid=${key}&units=metric\`;\n`, key],
    ['`APPID=` upper case in a plain string', 'src/weather.js', `fetch("https://api.example.org/data?lat=1&APPID=${key}");\n`, key],
    ['`access_token=` before a fragment', 'lib/graph.py', `url = f"https://graph.example.com/me?fields={fields}&access_token=${key}#top"\n`, key],
    ['`token=` in an f-string, a UUID', 'worker/sync.py', `url = f"https://hooks.example.io/v2/push?channel={ch}&token=${uuid}"\n`, uuid],
    ['`key=` a UUID, in a template', 'src/search.ts', `const u = \`https://search.example.io/q?s=\${term}&key=${uuid}\`;\n`, uuid],
    ['`apikey=` in a curl command', 'scripts/fetch.sh', `curl -s "https://feeds.example.com/v1/export?apikey=${key}&format=csv" -o out.csv\n`, key],
    ['`appid=` in a wget command, single quotes', 'scripts/fetch.sh', `wget -q 'https://api.example.org/data?q=oslo&appid=${uuid}' -O w.json\n`, uuid],
    ['the value concatenated after `appid=`', 'src/weather.ts', `const endpoint = 'https://api.example.org/weather?units=metric&appid=' + '${key}';\n`, key],
    ['the value concatenated after `token=`, double quotes', 'src/feed.js', `const feed = "https://feeds.example.com/rss?token=" + "${key}";\n`, key],
    ['the value in the next literal of a Python implicit concatenation', 'app/feed.py', `FEED = ("https://feeds.example.com/rss?user=ops&api_key="\n        "${key}")\n`, key],
    ['the value concatenated in Python', 'app/feed.py', `FEED = "https://feeds.example.com/rss?key=" + "${key}"\n`, key],
  ];
  findsEach(cases);

  const quiet: Array<[string, string, string]> = [
    ['a substitution for the value', 'src/weather.ts', 'const url = `https://api.example.org/data?appid=${process.env.OWM_KEY}&units=metric`;\n'],
    ['an f-string field for the value', 'app/weather.py', 'url = f"https://api.example.org/data?appid={settings.owm_key}&units=metric"\n'],
    ['a variable concatenated after `key=`', 'src/geo.ts', "const url = 'https://maps.example.net/geocode?key=' + apiKeyFromVault;\n"],
    ['parameters that identify, not authenticate', 'src/algolia.ts', `const u = 'https://search.example.io/1/indexes?app_id=${g.upperAlnum(10)}&client_id=${g.alnum(20)}&page_token=next';\n`],
    ['a placeholder', 'README.sh', 'curl "https://api.example.org/data?appid=YOUR_API_KEY_HERE&q=oslo"\n'],
    // A URL library's own tests: percent-encoded words, which decoded are `value#still-query`.
    ['percent-encoded words, in a test', 'test/serialize.test.js', "t.equal(uri, 'x:/resource?key=value%23still-query#first%23still-fragment')\n"],
    ['percent-encoded words', 'src/links.ts', "const link = 'https://example.org/search?token=next%20page%2Dof%2Dresults';\n"],
  ];
  quietOnEach(quiet);

  it('judges and redacts a percent-encoded key as it is sent, its range the encoded text', () => {
    const raw = g.alnum(18) + '+/' + g.alnum(20) + '=';
    const encoded = encodeURIComponent(raw);
    const text = `curl "https://api.example.org/v1/export?api_key=${encoded}&fmt=csv"\n`;
    const [finding] = analyzeText('scripts/export.sh', text, { salt: 'hidden' }).findings;
    assert.equal(text.slice(finding!.offset, finding!.offset + finding!.length), encoded);
    assert.ok(finding!.redacted.endsWith(raw.slice(-4)), finding!.redacted);
  });
});

describe('analyzeText: a key split over adjacent literals', () => {
  const hex = g.hex(32);
  const stripe = 'rk_' + 'live_' + g.alnum(24);
  const random = g.alnum(20) + g.digits(2) + g.alnum(14);
  const cut = (v: string, at: number) => [v.slice(0, at), v.slice(at)] as const;
  const [h1, h2] = cut(hex, 15);
  const [s1, s2] = cut(stripe, 12);
  const [r1, r2] = cut(random, 18);
  const [r3, r4] = cut(r2, 9);
  const joined = (text: string, first: string, last: string) => text.slice(text.indexOf(first), text.lastIndexOf(last) + last.length);
  const cases: Array<[string, string, string, string, string]> = [
    ['JS, two halves with `+`', 'src/search.ts', `const searchApiKey = '${r1}' + '${r2}';\n`, r1, r2],
    ['JS, three pieces over lines, double quotes', 'src/keys.js', `const API_SECRET =\n  "${r1}" +\n  "${r3}" +\n  "${r4}";\n`, r1, r4],
    ['JS, a provider key split in an object', 'src/pay.ts', `export const stripe = { restrictedKey: '${s1}' + \`${s2}\` };\n`, s1, s2],
    ['Python, implicit concatenation in parentheses', 'app/settings.py', `STRIPE_RESTRICTED_KEY = (\n    "${s1}"\n    "${s2}"\n)\n`, s1, s2],
    ['Python, `+` on one line', 'app/settings.py', `API_TOKEN = "${r1}" + '${r2}'\n`, r1, r2],
    ['Python, a keyword argument split with a line continuation', 'app/client.py', `client = Client(api_secret="${r1}" \\\n    "${r2}")\n`, r1, r2],
  ];
  for (const [name, path, text, first, last] of cases) {
    it(`finds the key whole: ${name}`, () => assert.deepEqual(found(path, text), [joined(text, first, last)]));
  }

  it('redacts and fingerprints the joined key, not the source text between its pieces', () => {
    const text = `const apiSecret = '${r1}' + '${r2}';\n`;
    const [finding] = analyzeText('src/keys.ts', text, { salt: 'hidden' }).findings;
    assert.ok(finding);
    assert.ok(finding.redacted.endsWith(random.slice(-4)), finding.redacted);
    const whole = analyzeText('src/keys.ts', `const apiSecret = '${random}';\n`, { salt: 'hidden' }).findings[0]!;
    assert.equal(finding.fingerprint, whole.fingerprint);
  });

  const quiet: Array<[string, string, string]> = [
    ['a scheme and a variable', 'src/auth.ts', "const header = 'Bearer ' + token;\n"],
    ['words joined into a message', 'src/errors.ts', "const secretMessage = 'The signing secret ' + 'was rotated';\n"],
    ['a path joined from parts', 'app/paths.py', 'SECRET_FILE = "/var/run/secrets/" "kubernetes.io/serviceaccount/token"\n'],
    ['two arguments, not a join', 'src/hmac.ts', `const apiKey = pick('${h1}', '${h2}');\n`],
  ];
  quietOnEach(quiet);
});

describe('analyzeText: values written base64-encoded', () => {
  const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
  const secret = g.alnum(22) + g.digits(3) + g.alnum(11);
  const stripe = 'sk_' + 'live_' + g.alnum(24);
  const configs: Array<[string, string, string]> = [
    ['a JSON config decoded at start-up', 'src/config.ts', `const config = JSON.parse(Buffer.from('${b64(JSON.stringify({ signingSecret: secret, region: 'eu-west-1' }))}', 'base64').toString('utf8'));\n`],
    ['pretty-printed JSON in atob()', 'src/boot.js', `const settings = JSON.parse(atob("${b64(JSON.stringify({ service: { apiToken: secret } }, null, 2))}"));\n`],
    ['JSON with a space after the brace, in Python', 'app/boot.py', `CONFIG = json.loads(base64.b64decode("${b64(`{ "client_secret": "${secret}", "debug": false }`)}"))\n`],
    ['a provider key in encoded JSON', 'src/pay.ts', `const cfg = JSON.parse(Buffer.from('${b64(JSON.stringify({ key: stripe }))}', 'base64').toString());\n`],
    ['a .env file held encoded in a Secret', 'deploy/secret.yaml', `kind: Secret\ndata:\n  app.env: ${b64(`DEBUG=false\nAPI_TOKEN=${secret}\n`)}\n`],
    ['a Kubernetes Secret\'s data, a provider key under its name', 'deploy/secret.yaml', `apiVersion: v1\nkind: Secret\ndata:\n  stripe-key: ${b64(stripe)}\n`],
  ];
  for (const [name, path, text] of configs) {
    it(`finds the key over the encoded literal: ${name}`, () => {
      const findings = analyzeText(path, text, { salt: 'hidden' }).findings.filter((f) => f.severity !== 'info');
      assert.equal(findings.length, 1, JSON.stringify(findings));
      const literal = text.slice(findings[0]!.offset, findings[0]!.offset + findings[0]!.length);
      assert.match(literal, /^[A-Za-z0-9+/]+=*$/);
      // Redacted from the decoded key: its last four characters, never the encoded text's.
      const key = name.includes('provider') ? stripe : secret;
      assert.ok(findings[0]!.redacted.endsWith(key.slice(-4)), findings[0]!.redacted);
    });
  }

  const quiet: Array<[string, string, string]> = [
    ['encoded JSON of settings', 'src/config.ts', `const config = JSON.parse(Buffer.from('${b64(JSON.stringify({ region: 'eu-west-1', retries: 3, secretName: 'prod/db' }))}', 'base64').toString());\n`],
    ['encoded binary under a key name (a random key, not text)', 'deploy/secret.yaml', `data:\n  cert-fingerprint: ${Buffer.from(Array.from({ length: 24 }, (_, i) => (i * 37 + 200) % 256)).toString('base64')}\n`],
    ['a hash encoded', 'src/integrity.ts', `const digestLabel = '${b64('sha256 checksum of the bundle')}';\n`],
  ];
  quietOnEach(quiet);

  it('decodes a hostile literal in bounded time and never twice (base64 of base64 is not read)', () => {
    const twice = b64(b64(JSON.stringify({ apiToken: secret })));
    assert.deepEqual(found('src/x.ts', `const blob = JSON.parse(Buffer.from('${twice}', 'base64').toString());\n`), []);
    const huge = `const blob = '${b64('{"a":"' + 'x'.repeat(3_000_000) + '"}')}';\n`;
    const started = process.cpuUsage();
    found('src/huge.ts', huge);
    const ms = (process.cpuUsage(started).user + process.cpuUsage(started).system) / 1000;
    assert.ok(ms < 5000, `${ms} ms`);
  });
});


describe('analyzeText: a settings file held in a multi-line string', () => {
  const secret = g.alnum(21) + g.digits(3) + g.alnum(12);
  const fernet = g.b64url(43) + '=';
  const cases: Array<[string, string, string, string]> = [
    ['INI in a Python triple-quoted string', 'worker/clients.py', `CONFIG_INI = """\n[default]\nsigning_secret = ${secret}\nregion = eu-west-1\n"""\n`, secret],
    ['.env lines in a Python string with single quotes, in a call', 'tests_support/env.py', `write_env('''\nDEBUG=false\nFERNET_KEY=${fernet}\n''')\n`, fernet],
    ['flat YAML in a Python triple-quoted string', 'app/settings.py', `DEFAULTS = """\nlog_level: info\napi_token: ${secret}\n"""\n`, secret],
    ['INI in a JS template', 'src/config.js', `const iniConfig = \`\n[billing]\nclient_secret = ${secret}\ncurrency = eur\n\`;\n`, secret],
    ['.env lines in a TS template passed to a function', 'src/setup.ts', `writeFileSync('.env', \`NODE_ENV=production\nSESSION_SECRET=${secret}\n\`);\n`, secret],
  ];
  findsEach(cases);

  const quiet: Array<[string, string, string]> = [
    ['a docstring that describes its arguments', 'app/client.py', 'def connect(token):\n    """Open a session.\n\n    token: the API token issued by the dashboard\n    password: at least twelve characters\n    """\n'],
    ['settings without secrets', 'worker/clients.py', 'CONFIG_INI = """\n[default]\nregion = eu-west-1\ntoken_ttl = 3600\n"""\n'],
    ['a template with substitutions for the values', 'src/config.js', 'const ini = `\n[default]\napi_token = ${process.env.API_TOKEN}\n`;\n'],
  ];
  quietOnEach(quiet);
});

describe('analyzeText: a bare `key` named by the mapping it is in', () => {
  const b64key = g.base64(43) + '=';
  const hexKey = g.hex(64);
  const cases: Array<[string, string, string, string]> = [
    ['a Terraform map', 'infra/prod.tfvars', `hmac_config = {\n  key = "${b64key}"\n}\n`, b64key],
    ['a Terraform map named for its contents', 'infra/main.tf', `encryption_settings = {\n  rotation = 90\n  key      = "${hexKey}"\n}\n`, hexKey],
    ['a nested JSON object', 'config/default.json', `{\n  "master": {\n    "key": "${b64key}",\n    "timeoutMs": 5000\n  }\n}\n`, b64key],
    ['a nested JS object', 'src/config/index.ts', `export default {\n  apiToken: process.env.API_TOKEN,\n  encryption: {\n    key: "${b64key}",\n  },\n};\n`, b64key],
    ['an object passed to a constructor', 'src/crypto.js', `const c = new Cipher({ key: '${hexKey}', mode: 'gcm' });\n`, hexKey],
    ['nested YAML', 'config/production.yaml', `master:\n  key: ${b64key}\n`, b64key],
  ];
  findsEach(cases);
  const quiet: Array<[string, string, string]> = [
    ['a cache key', 'src/cache.ts', `const entry = { cache: { key: 'user-profile-${g.hex(12)}-v2' } };\n`],
    ['a key under a mapping that names no secret', 'infra/prod.tfvars', `bucket_config = {\n  key = "${g.hex(40)}"\n}\n`],
    ['a request\'s parameters', 'src/geo.ts', `axios.get(url, { params: { key: '${g.alnum(12)}', lang: 'en' } });\n`],
  ];
  quietOnEach(quiet);
});

describe('analyzeText: docstrings are documentation, not settings files', () => {
  const q3 = '"'.repeat(3);
  const example = g.alnum(22);
  const docs: Array<[string, string]> = [
    ['a function docstring with a request example', `def revoke(token):\n    ${q3}Revoke a token.\n\n    Example::\n\n        Authorization: OAuth realm="x",\n            oauth_token="${example}",\n            access_token: ${example}\n    ${q3}\n`],
    ['a class docstring', `class Client:\n    ${q3}\n    access_token = ${example}\n    ${q3}\n`],
    ['a module docstring', `${q3}\nSettings example:\n\n    api_token = ${example}\n${q3}\nimport os\n`],
  ];
  for (const [name, text] of docs) {
    it(`stays quiet: ${name}`, () => assert.deepEqual(found('lib/oauth/params.py', text), []));
  }
});

describe('analyzeText: values the name-bound heuristics read too strictly', () => {
  // A random 40-hex key whose characters repeat a little (3.42 bits a character; one random 32-hex key in five is below
  // the generic floor of 3.5).
  const lowHex = '810285c555' + '3be11a6888' + '8ce5514baf' + '8159ca53a2';
  const appPassword = 'rbximkjg' + 'xphxllie';
  const cases: Array<[string, string, string, string]> = [
    ['a hex webhook secret with repeated digits', 'src/webhooks.ts', `export const WEBHOOK_SECRET: string = '${lowHex}';\n`, lowHex],
    ['a hex session key in a getter', 'web/next.config.js', `module.exports = {\n  get sessionKey() {\n    return '${lowHex}';\n  },\n};\n`, lowHex],
    ['a hex key in a URL query', 'scripts/report.sh', `curl "https://api.example.net/v1/report?key=${lowHex}&format=csv"\n`, lowHex],
    ['a session key under SESSION_KEY', 'app/settings.py', `app.config["SESSION_KEY"] = "${g.alnum(30)}"\n`, ''],
    ['a Google app password in a nodemailer transport', 'src/mail.js', `const t = nodemailer.createTransport({ auth: { user: 'ops@example.com', pass: '${appPassword}' } });\n`, appPassword],
    ['a Google app password under SMTP_PASSWORD', 'config/default.json', `{ "smtpPassword": "${appPassword}" }\n`, appPassword],
  ];
  for (const [name, path, text, value] of cases) {
    it(`finds the key: ${name}`, () => {
      const values = found(path, text);
      assert.equal(values.length, 1, JSON.stringify(values));
      if (value) assert.equal(values[0], value);
    });
  }
  const quiet: Array<[string, string, string]> = [
    ['a patterned hex placeholder', 'src/webhooks.ts', `export const WEBHOOK_SECRET = '${'aaaabbbbccccdddd'}${'1111222233334444'}';\n`],
    ['words run together as a password', 'src/mail.js', "const t = nodemailer.createTransport({ auth: { user: 'ops', pass: 'correcthorsebatterystaple' } });\n"],
    ['a session key that is a cache key', 'src/cache.ts', "const sessionKey = 'user-session-profile-cache';\n"],
    ['a key under a name that says it is public (shipped to the browser)', 'web/.env.local', `NEXT_PUBLIC_SEARCH_API_KEY=${lowHex}\nVITE_PUBLIC_MAPS_TOKEN=${g.alnum(32)}\n`],
    ['a public key in code', 'src/search.ts', `const searchClient = algoliasearch(appId, { publicApiKey: '${g.hex(32)}' });\n`],
    ['a list item named by itself in a mapping that mixes both', 'docker-compose.yml', `services:\n  api:\n    environment:\n      API_TOKEN: ${"$"}{API_TOKEN}\n      - "COMMIT_SHA=${lowHex}"\n`],
  ];
  quietOnEach(quiet);
});
