import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { singleKeyCallsInText } from '../../../src/core/calls/index';
import { keyFallbackHelper } from '../../../src/core/fix/templates/keyFallback';
import { UnsupportedFixError } from '../../../src/core/fix/types';
import { planWrapperFix } from '../../../src/core/fix/wrapperFix';
import { rand, runFixCommand, tempDir } from './support';

/**
 * The shapes issue 15 §7 names: each gets a correct fix, or a diagnostic that says precisely why not and what to do
 * by hand (never a fix that guesses, never silence).
 */

function refusal(path: string, text: string): string {
  const calls = singleKeyCallsInText(path, text);
  assert.equal(calls.length, 1, `one single-key call in ${path}: ${JSON.stringify(calls.map((c) => c.callee))}`);
  try {
    planWrapperFix({ path, text, finding: { offset: calls[0]!.calleeStart } });
  } catch (error) {
    assert.ok(error instanceof UnsupportedFixError, String(error));
    return error.message;
  }
  return assert.fail('the fix was planned');
}

describe('fix: the shapes issue 15 §7 names', () => {
  it('Python requests.Session with s.headers.update({...}): reported, and the refusal says what to do by hand', () => {
    const text = 'import os\nimport requests\n\nKEY = os.environ["BILLING_API_KEY"]\nsession = requests.Session()\nsession.headers.update({"Authorization": f"Bearer {KEY}", "Accept": "application/json"})\n\n\ndef invoices():\n    return session.get("https://billing.example.com/v1/invoices")\n';
    const why = refusal('billing.py', text);
    assert.match(why, /session\.headers\.update sets the key once on a client that every later request reuses/);
    assert.match(why, /with_key_fallback\("billing-api", "BILLING_API_KEY", lambda key: client\.get\(url, headers=/);
  });

  it('Python session.headers["Authorization"] = … and httpx.Client(headers=…): reported with the same reason', () => {
    const assigned = 'import os\nimport requests\n\ns = requests.Session()\ns.headers["X-Api-Key"] = os.getenv("MAPS_API_KEY")\n';
    assert.match(refusal('maps.py', assigned), /s\.headers\[…\] sets the key once/);
    const client = 'import os\nimport httpx\n\nclient = httpx.Client(base_url="https://events.example.com", headers={"Authorization": f"Bearer {os.environ[\'EVENTS_API_KEY\']}"})\n';
    assert.match(refusal('events.py', client), /httpx\.Client sets the key once .*"EVENTS_API_KEY"/);
  });

  it('a generic postJson(url, key, body) helper: refused (its callers choose the key), with the call to wrap instead', () => {
    const text = 'export async function postJson(url: string, key: string, body: unknown): Promise<Response> {\n  return fetch(url, { method: \'POST\', headers: { Authorization: `Bearer ${key}` }, body: JSON.stringify(body) });\n}\n';
    assert.match(refusal('src/http.ts', text), /parameter `key`, and nothing here says whose key it is: its callers choose.*\(key\) => postJson\(url, key, body\)/);
  });

  it('a token in a private class field: refused (the wrapper would ignore the value the object was given)', () => {
    const text = 'export class BillingClient {\n  #token: string;\n  constructor(token: string) {\n    this.#token = token;\n  }\n  invoices(): Promise<Response> {\n    return fetch(\'https://billing.example.com/v1/invoices\', { headers: { Authorization: `Bearer ${this.#token}` } });\n  }\n}\n';
    assert.match(refusal('src/billing.ts', text), /`this\.#token`, which the object was given when it was built.*withFallbackClient/);
  });

  it('axios instance.defaults.headers.common[…] = …: reported, refused with what to wrap instead', () => {
    const text = "import axios from 'axios';\nexport const api = axios.create({ baseURL: 'https://billing.example.com' });\napi.defaults.headers.common['Authorization'] = `Bearer ${process.env.BILLING_API_KEY}`;\n";
    assert.match(refusal('src/api.ts', text), /sets the key once for every request; wrap the client it configures instead/);
  });

  it('@sendgrid/mail sgMail.setApiKey(…): reported, and fixed with a client per key (more in sharedClient.test.ts)', () => {
    const text = "import sgMail from '@sendgrid/mail';\n\nsgMail.setApiKey(process.env.SENDGRID_API_KEY ?? '');\n\nexport const welcome = (to: string) => sgMail.send({ to, from: 'team@example.com', subject: 'Welcome', text: 'Hello' });\n";
    const [call] = singleKeyCallsInText('src/mail.ts', text);
    assert.ok(call, 'detected');
    const plan = planWrapperFix({ path: 'src/mail.ts', text, finding: { offset: call.calleeStart } });
    assert.match(plan.newText, /const sgMail = withFallbackClient\(\s*\{ service: 'sendgrid-api', envName: 'SENDGRID_API_KEY' \},\s*\(key\) => \{\s*const client = new MailService\(\);\s*client\.setApiKey\(key\);\s*return client;\s*\},?\s*\);/);
  });

  it('the helper retries on a 401 that an SDK error carries as a numeric code (SendGrid), not on a string code', async () => {
    const tmp = tempDir();
    const name = `RR_SHAPES_${rand(6).toUpperCase()}`;
    try {
      writeFileSync(join(tmp.dir, 'keyFallback.ts'), keyFallbackHelper('ts'));
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const helper = require(join(tmp.dir, 'keyFallback.ts')) as { withKeyFallback<T>(o: { service: string; envName: string }, f: (key: string) => Promise<T>): Promise<T>; setAuthFailureLogger(f: (l: string) => void): void };
      helper.setAuthFailureLogger(() => undefined);
      process.env[`${name}_PRIMARY`] = 'primary-value';
      process.env[`${name}_FALLBACK`] = 'fallback-value';
      const seen: string[] = [];
      const sendGridLike = (key: string) => {
        seen.push(key);
        return key === 'primary-value' ? Promise.reject(Object.assign(new Error('Unauthorized'), { code: 401 })) : Promise.resolve('sent');
      };
      assert.equal(await helper.withKeyFallback({ service: 'mail', envName: name }, sendGridLike), 'sent');
      assert.deepEqual(seen, ['primary-value', 'fallback-value']);
      seen.length = 0;
      const network = (key: string) => {
        seen.push(key);
        return Promise.reject(Object.assign(new Error('reset'), { code: 'ECONNRESET' }));
      };
      await assert.rejects(helper.withKeyFallback({ service: 'mail', envName: name }, network), /reset/);
      assert.deepEqual(seen, ['primary-value']);
    } finally {
      delete process.env[`${name}_PRIMARY`];
      delete process.env[`${name}_FALLBACK`];
      tmp.cleanup();
    }
  });

  it('a key in the query string as OpenWeatherMap names it (&appid=…): detected and fixed', () => {
    const text = 'export const weather = (city: string) => fetch(`https://api.openweathermap.org/data/2.5/weather?q=${city}&appid=${process.env.OWM_API_KEY}`);\n';
    const [call] = singleKeyCallsInText('src/weather.ts', text);
    assert.ok(call, 'detected');
    const plan = planWrapperFix({ path: 'src/weather.ts', text, finding: { offset: call.calleeStart } });
    assert.match(plan.newText, /withKeyFallback\(\s*\{ service: 'owm-api', envName: 'OWM_API_KEY' \},\s*\(key\) => fetch\(`[^`]*&appid=\$\{key\}`\)/);
  });

  it('a Headers object shared by two calls: refused with the line of the other use', () => {
    const text = "const headers = new Headers({ Authorization: `Bearer ${process.env.FLAGS_API_KEY}` });\nexport const one = () => fetch('https://flags.example.com/a', { headers });\nexport const two = () => fetch('https://flags.example.com/b', { headers });\n";
    const calls = singleKeyCallsInText('src/flags.ts', text);
    assert.equal(calls.length, 2);
    assert.throws(() => planWrapperFix({ path: 'src/flags.ts', text, finding: { offset: calls[0]!.calleeStart } }), /through `headers`, which is also used at line 3/);
  });
});

describe('fix: helpers go beside the fixed file\'s project, also when the CLI runs in another folder', () => {
  it('the wrapper helper lands in the project\'s src/, imported relative to the fixed file, under its own tsconfig', async () => {
    const tmp = tempDir();
    try {
      const project = join(tmp.dir, 'services', 'billing');
      const elsewhere = join(tmp.dir, 'tools');
      mkdirSync(join(project, 'src', 'api'), { recursive: true });
      mkdirSync(join(elsewhere, 'src'), { recursive: true });
      writeFileSync(join(project, 'package.json'), '{ "name": "billing", "type": "module" }\n');
      symlinkSync(join(__dirname, '../../../node_modules'), join(project, 'node_modules'), 'dir');
      writeFileSync(join(project, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', strict: true, types: ['node'], lib: ['ES2022', 'DOM'], skipLibCheck: true, noEmit: true }, include: ['src'] }));
      const file = join(project, 'src', 'api', 'invoices.ts');
      writeFileSync(file, "export const invoices = () => fetch('https://billing.example.com/v1/invoices', { headers: { Authorization: `Bearer ${process.env.BILLING_API_KEY}` } });\n");
      writeFileSync(join(elsewhere, 'package.json'), '{ "name": "tools" }\n');
      const run = await runFixCommand(elsewhere, ['--rule', 'single-key-call', '../services/billing/src/api/invoices.ts']);
      assert.equal(run.code, 0, run.out + run.err);
      assert.ok(existsSync(join(project, 'src', 'keyFallback.ts')), `the helper is in the project: ${run.out}`);
      assert.ok(!existsSync(join(elsewhere, 'src', 'keyFallback.ts')) && !existsSync(join(elsewhere, 'keyFallback.ts')), 'nothing lands in the current folder');
      // nodenext: the project's own tsconfig asks for the .js extension.
      assert.match(readFileSync(file, 'utf8'), /^import \{ withKeyFallback \} from '\.\.\/keyFallback\.js';$/m);
    } finally {
      tmp.cleanup();
    }
  });

  it('the move-to-env helper (requireEnv) too, for a file kept as a plain read', async () => {
    const tmp = tempDir();
    try {
      const project = join(tmp.dir, 'worker');
      const elsewhere = join(tmp.dir, 'ops');
      mkdirSync(join(project, 'lib'), { recursive: true });
      mkdirSync(elsewhere, { recursive: true });
      writeFileSync(join(project, 'package.json'), '{ "name": "worker" }\n');
      const secret = 'sk_' + 'live_' + rand(24);
      writeFileSync(join(project, 'lib', 'config.js'), `const stripeKey = '${secret}';\nmodule.exports = { stripeKey };\n`);
      const run = await runFixCommand(elsewhere, ['../worker/lib/config.js']);
      assert.ok(run.code <= 1, run.out + run.err);
      assert.ok(existsSync(join(project, 'requireEnv.js')), `the helper is at the project's root: ${run.out}`);
      assert.ok(!existsSync(join(elsewhere, 'requireEnv.js')));
      assert.match(readFileSync(join(project, 'lib', 'config.js'), 'utf8'), /require\('\.\.\/requireEnv'\)/);
    } finally {
      tmp.cleanup();
    }
  });
});
