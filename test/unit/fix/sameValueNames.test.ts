import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeText } from '../../../src/core/analyze/index';
import type { Finding } from '../../../src/core/findings';
import { FixContext, planFileFixes, planFix } from '../../../src/server/fixes';
import { billingSource, makeSecret, rand, tempDir } from './support';

/**
 * One naming policy for a value the project holds already (review finding: the quick-fix, fix-all and Make Rotation
 * Ready each had their own): a name in `.env` holding this very value, or the whole URL around it, is the value's
 * name again, in every path. Each case plans the three fixes on the same project and compares the names.
 */
const SALT = 'salt';

function project(dotenv: string, rel: string, text: string) {
  const temp = tempDir();
  mkdirSync(join(temp.dir, 'src'));
  writeFileSync(join(temp.dir, '.env'), dotenv);
  const abs = join(temp.dir, rel);
  writeFileSync(abs, text);
  const uri = pathToFileURL(abs).href;
  const document = TextDocument.create(uri, 'typescript', 1, text);
  const findings = analyzeText(rel, text, { salt: SALT }).findings;
  const ctx: FixContext = { root: () => temp.dir, salt: () => SALT, path: () => rel, findings: () => findings, document: (u) => (u === uri ? document : undefined) };
  return { ...temp, uri, ctx, findings };
}

/** The name each path gives the finding: the single-secret fixes on it, fix-all on its step (`step`: fix-all's order). */
function namesGiven(p: ReturnType<typeof project>, finding: Finding, step: number) {
  const quick = planFix({ uri: p.uri, fingerprint: finding.fingerprint, fix: 'env' }, p.ctx);
  const rotationReady = planFix({ uri: p.uri, fingerprint: finding.fingerprint, fix: 'rotation-ready' }, p.ctx);
  const all = planFileFixes({ uri: p.uri }, p.ctx);
  return { quick: quick.plan?.envName ?? quick.error, rotationReady: rotationReady.plan?.envName ?? rotationReady.error, fixAll: all.steps[step]?.secrets[0]?.envName };
}

describe('fix: one name for a value the project holds already (quick-fix, fix-all, Make Rotation Ready)', () => {
  it('a key that appears twice (in .env and in the code, twice) keeps its name in every path', () => {
    const secret = makeSecret('generic');
    const text = billingSource(secret, `export const billingApiKeyCopy = '${secret}';\n`);
    const p = project(`BILLING_API_KEY=${secret}\n`, 'src/billing.ts', text);
    try {
      const first = p.findings.find((f) => f.kind === 'hardcoded-secret' && f.offset === text.indexOf(secret));
      assert.ok(first, 'the key is found');
      assert.deepEqual(namesGiven(p, first, 0), { quick: 'BILLING_API_KEY', rotationReady: 'BILLING_API_KEY', fixAll: 'BILLING_API_KEY' });
    } finally {
      p.cleanup();
    }
  });

  it('a database password that also appears inside a postgres:// URL: the URL stored whole keeps DATABASE_URL, the password its own name', () => {
    const pw = `Pw${rand(18)}`;
    const url = `postgres://checkout:${pw}@db.internal:5432/checkout`;
    // A proxy that takes the connection string as its credential: Make Rotation Ready applies to the URL too.
    const text = `export const DATABASE_URL = '${url}';\nexport const health = () => fetch('https://db-proxy.example.com/health', { headers: { Authorization: DATABASE_URL } });\n`;
    const p = project(`DATABASE_URL=${url}\n`, 'src/db.ts', text);
    try {
      const finding = p.findings.find((f) => f.kind === 'hardcoded-secret');
      assert.ok(finding, 'the URL password is found');
      const names = namesGiven(p, finding, 0);
      assert.equal(names.quick, 'DATABASE_URL', 'the quick-fix reads the URL from the name that holds it');
      assert.equal(names.fixAll, 'DATABASE_URL');
      assert.equal(names.rotationReady, 'DATABASE_URL');
    } finally {
      p.cleanup();
    }
    const both = `export const DATABASE_URL = '${url}';\nexport const POSTGRES_PASSWORD = '${pw}';\n`;
    const q = project(`POSTGRES_PASSWORD=${pw}\n`, 'src/db.ts', both);
    try {
      const inUrl = q.findings.find((f) => f.kind === 'hardcoded-secret' && f.offset === both.indexOf(pw));
      assert.ok(inUrl, 'the password inside the URL is found');
      // Fix-all moves the standalone password first (step 0), then the URL's (step 1).
      const names = namesGiven(q, inUrl, 1);
      assert.equal(names.quick, 'POSTGRES_PASSWORD', 'the URL reads the password from the name that holds it');
      assert.equal(names.fixAll, 'POSTGRES_PASSWORD');
    } finally {
      q.cleanup();
    }
  });
  it('a name .env.example documents (no value in .env) is the name the deployment provides: every path reads it, none invents NAME_2', () => {
    const secret = makeSecret('generic');
    const text = billingSource(secret);
    const p = project('', 'src/billing.ts', text);
    writeFileSync(join(p.dir, '.env.example'), 'PORT=\nBILLING_API_KEY=\n');
    try {
      const finding = p.findings.find((f) => f.kind === 'hardcoded-secret');
      assert.ok(finding, 'the key is found');
      assert.deepEqual(namesGiven(p, finding, 0), { quick: 'BILLING_API_KEY', rotationReady: 'BILLING_API_KEY', fixAll: 'BILLING_API_KEY' });
    } finally {
      p.cleanup();
    }
  });
});
