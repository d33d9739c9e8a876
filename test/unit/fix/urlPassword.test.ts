import * as assert from 'node:assert/strict';
import { planEnvFix } from '../../../src/core/fix/envFix';
import { envFixFindings, planFileEnv } from '../../../src/core/fix/filePlan';
import { sha256 } from '../../../src/core/fix/hash';
import { isUrlName, urlAround } from '../../../src/core/vocabulary/urlNames';
import { rand } from './support';

const SALT = 'test-salt';

/**
 * A database password made at test time (a URL-safe one, and one with characters a URL reserves). A digit inside it:
 * about 1 in 700 random 20-letter values splits into word-like camelCase parts that the generic heuristic leaves quiet
 * (a detection limit, not what these naming tests are about).
 */
const password = () => `Pw${rand(9)}7${rand(8)}`;

function plan(path: string, text: string, options: { envName?: string; sameValueNames?: string[] } = {}) {
  const finding = envFixFindings(path, text, 'connection-string-password', SALT)[0];
  assert.ok(finding, `a connection-string-password finding in ${text}`);
  return planEnvFix({ path, text, finding, project: { exists: () => true }, ...options });
}

/** The value a plan stores, read from the text as applyFix reads it. */
const storedValue = (text: string, p: ReturnType<typeof plan>) => text.slice(p.secret.offset, p.secret.offset + p.secret.length);

describe('fix: a password inside a database URL', () => {
  it('finds the whole URL around a password, and only a password between user: and @', () => {
    const pw = password();
    const text = `const a = "postgres://app:${pw}@db.internal:5432/app?sslmode=require";\n`;
    const at = text.indexOf(pw);
    const url = urlAround(text, at, at + pw.length)!;
    assert.equal(text.slice(url.start, url.end), `postgres://app:${pw}@db.internal:5432/app?sslmode=require`);
    assert.equal(url.scheme, 'postgres');
    assert.equal(urlAround(`token = "${pw}"`, 9, 9 + pw.length), undefined);
    for (const name of ['DATABASE_URL', 'MONGODB_URI', 'PG_DSN', 'DATABASE_URL_2']) assert.equal(isUrlName(name), true, name);
    for (const name of ['DATABASE_PASSWORD', 'URLS', 'CURL_TOKEN']) assert.equal(isUrlName(name), false, name);
  });

  it('proposes the whole URL as DATABASE_URL first (the literal becomes the read), the password as DATABASE_PASSWORD next', () => {
    const pw = password();
    const text = `export const DATABASE_URL = 'postgres://checkout:${pw}@localhost:5432/checkout';\n`;
    const p = plan('src/config.ts', text);
    assert.equal(p.envName, 'DATABASE_URL');
    assert.equal(p.suggestedNames[0], 'DATABASE_PASSWORD');
    assert.equal(storedValue(text, p), `postgres://checkout:${pw}@localhost:5432/checkout`, 'DATABASE_URL holds the whole URL');
    assert.equal(p.secret.sha256, sha256(storedValue(text, p)));
    assert.match(p.newText, /export const DATABASE_URL = requireEnv\('DATABASE_URL'\);/);
    assert.equal(p.newText.includes(pw), false);
  });

  it('a password name keeps the URL in the code and reads the password URL-encoded', () => {
    const pw = password();
    const text = `export const db = 'postgres://checkout:${pw}@localhost:5432/checkout';\n`;
    const p = plan('src/config.ts', text, { envName: 'DATABASE_PASSWORD' });
    assert.equal(storedValue(text, p), pw);
    assert.match(p.newText, /export const db = `postgres:\/\/checkout:\$\{encodeURIComponent\(requireEnv\('DATABASE_PASSWORD'\)\)\}@localhost:5432\/checkout`;/);
    // What the new code builds, with a password full of reserved characters, is the URL a driver parses back.
    const awkward = 'p@ss:w/rd?#%';
    const built = `postgres://checkout:${encodeURIComponent(awkward)}@localhost:5432/checkout`;
    assert.equal(decodeURIComponent(new URL(built).password), awkward);
  });

  it('never stores only the password under a URL name, whatever name is chosen', () => {
    const pw = password();
    const text = `const conn = "mysql://root:${pw}@127.0.0.1/shop";\n`;
    for (const envName of ['DATABASE_URL', 'SHOP_DSN', 'MYSQL_URL_2', 'SHOP_DB_PASSWORD', 'MYSQL_PWD']) {
      const p = plan('src/db.js', text, { envName });
      assert.equal(storedValue(text, p), isUrlName(envName) ? `mysql://root:${pw}@127.0.0.1/shop` : pw, envName);
    }
  });

  it('a name in .env holding the same password is proposed first and read from, not stored again', () => {
    const pw = password();
    const text = `export const DATABASE_URL = 'postgres://checkout:${pw}@localhost:5432/checkout';\n`;
    const p = plan('src/config.ts', text, { sameValueNames: ['POSTGRES_PASSWORD'] });
    assert.equal(p.envName, 'POSTGRES_PASSWORD');
    assert.equal(p.secret.sha256, sha256(pw), 'the same value under the same name: one stored key');
    assert.match(p.newText, /encodeURIComponent\(requireEnv\('POSTGRES_PASSWORD'\)\)/);
  });

  it('Python: the password name reads the password through urllib.parse.quote, imported once', () => {
    const pw = password();
    const text = `import sys\n\nDSN = "postgresql://app:${pw}@db/app"\n`;
    const p = plan('app/settings.py', text, { envName: 'DATABASE_PASSWORD' });
    assert.match(p.newText, /^import os\nfrom urllib\.parse import quote\nimport sys\n/);
    assert.match(p.newText, /DSN = f"postgresql:\/\/app:\{quote\(os\.environ\['DATABASE_PASSWORD'\], safe=''\)\}@db\/app"/);
    const whole = plan('app/settings.py', text);
    assert.equal(whole.envName, 'DSN');
    assert.match(whole.newText, /DSN = os\.environ\["DSN"\]/);
  });

  it('fix-all in docker-compose stores a password once: the URL reads POSTGRES_PASSWORD', () => {
    const pw = password();
    const text = [
      'services:',
      '  app:',
      '    environment:',
      `      DATABASE_URL: postgres://checkout:${pw}@db:5432/checkout`,
      '  db:',
      '    environment:',
      `      POSTGRES_PASSWORD: "${pw}"`,
      '',
    ].join('\n');
    const file = planFileEnv('docker-compose.yml', text, undefined, SALT, {}, new Map());
    const stored = file.steps.flatMap((s) => s.plan.secrets.map((secret) => [secret.envName, s.input.slice(secret.offset, secret.offset + secret.length)] as const));
    assert.deepEqual(stored, [['POSTGRES_PASSWORD', pw], ['POSTGRES_PASSWORD', pw]], 'one name, one value');
    assert.match(file.final, /DATABASE_URL: postgres:\/\/checkout:\$\{POSTGRES_PASSWORD\}@db:5432\/checkout/);
    assert.match(file.final, /POSTGRES_PASSWORD: "\$\{POSTGRES_PASSWORD\}"/);
    assert.equal(file.final.includes(pw), false);
  });
});
