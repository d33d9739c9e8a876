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
  for (const [name, path, text, value] of cases) {
    it(`finds the key: ${name}`, () => assert.deepEqual(found(path, text), [value]));
  }

  const quiet: Array<[string, string, string]> = [
    ['a substitution for the value', 'src/weather.ts', 'const url = `https://api.example.org/data?appid=${process.env.OWM_KEY}&units=metric`;\n'],
    ['an f-string field for the value', 'app/weather.py', 'url = f"https://api.example.org/data?appid={settings.owm_key}&units=metric"\n'],
    ['a variable concatenated after `key=`', 'src/geo.ts', "const url = 'https://maps.example.net/geocode?key=' + apiKeyFromVault;\n"],
    ['parameters that identify, not authenticate', 'src/algolia.ts', `const u = 'https://search.example.io/1/indexes?app_id=${g.upperAlnum(10)}&client_id=${g.alnum(20)}&page_token=next';\n`],
    ['a placeholder', 'README.sh', 'curl "https://api.example.org/data?appid=YOUR_API_KEY_HERE&q=oslo"\n'],
  ];
  for (const [name, path, text] of quiet) {
    it(`stays quiet: ${name}`, () => assert.deepEqual(found(path, text), []));
  }
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
  for (const [name, path, text] of quiet) {
    it(`stays quiet: ${name}`, () => assert.deepEqual(found(path, text), []));
  }
});
