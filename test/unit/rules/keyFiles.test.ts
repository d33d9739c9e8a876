import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pkcs12MacVerifies } from '../../../src/core/pkcs12';
import { toSarif } from '../../../src/core/analyze/report';
import { scanWorkspace } from '../../../src/core/analyze/scan';
import { ruleDocPath } from '../../../src/core/rules/index';
import { keyFileRules } from '../../../src/core/rules/keyFiles';

const root = join(__dirname, '../../..');

/**
 * The samples are made by OpenSSL at test time (a fresh RSA key each run, nothing committed), so the MAC check is
 * measured against the tool that writes such files, not against our own encoder.
 */
describe('key files: Google Cloud .p12 service account keys', function () {
  this.timeout(60_000);
  let dir: string;
  let keyPem: string;
  const p12 = (name: string, ...args: string[]): Buffer => {
    const out = join(dir, name);
    execFileSync('openssl', ['pkcs12', '-export', '-inkey', join(dir, 'key.pem'), '-in', join(dir, 'cert.pem'), '-out', out, ...args], { stdio: 'pipe' });
    return readFileSync(out);
  };

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'rr-p12-'));
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '1', '-subj', '/CN=rotation-ready-test'], { stdio: 'pipe' });
    keyPem = readFileSync(join(dir, 'key.pem'), 'utf8');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const mac of ['sha1', 'sha256', 'sha384', 'sha512']) {
    it(`recognises a container protected by "notasecret" (MAC ${mac})`, () => {
      assert.equal(pkcs12MacVerifies(p12(`gcp-${mac}.p12`, '-passout', 'pass:notasecret', '-macalg', mac), 'notasecret'), true);
    });
  }

  it('recognises the legacy encryption Google used to write', () => {
    assert.equal(pkcs12MacVerifies(p12('legacy.p12', '-passout', 'pass:notasecret', '-legacy'), 'notasecret'), true);
  });

  it('stays quiet on a container with another password, without a MAC, truncated, empty or random', () => {
    assert.equal(pkcs12MacVerifies(p12('own.p12', '-passout', 'pass:correct horse battery staple'), 'notasecret'), false);
    assert.equal(pkcs12MacVerifies(p12('nomac.p12', '-passout', 'pass:notasecret', '-nomac'), 'notasecret'), false);
    const good = p12('cut.p12', '-passout', 'pass:notasecret');
    for (const cut of [0, 1, 2, 10, good.length >> 1, good.length - 1]) assert.equal(pkcs12MacVerifies(good.subarray(0, cut), 'notasecret'), false, `cut at ${cut}`);
    const flipped = Buffer.from(good);
    flipped[flipped.length >> 1]! ^= 0x01;
    assert.equal(pkcs12MacVerifies(flipped, 'notasecret'), false, 'one bit of the contents changed');
    let seed = 7;
    const random = Buffer.alloc(4096, 0).map(() => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) & 0xff);
    random[0] = 0x30;
    assert.equal(pkcs12MacVerifies(random, 'notasecret'), false);
  });

  it('refuses a MAC iteration count beyond the cap instead of hashing for minutes', () => {
    // A crafted count of 2^31 - 1: the bytes are OpenSSL's file with its iteration INTEGER rewritten in place.
    const good = p12('iter.p12', '-passout', 'pass:notasecret', '-iter', '2048');
    const at = good.lastIndexOf(Buffer.from([0x02, 0x02, 0x08, 0x00]));
    assert.ok(at > 0, 'the MAC iteration count is the last INTEGER');
    const crafted = Buffer.from(good);
    crafted.set([0x02, 0x02, 0x7f, 0xff], at);
    const started = process.hrtime.bigint();
    assert.equal(pkcs12MacVerifies(crafted, 'notasecret'), false);
    // Not a speed test: a cap that failed would hash 2^31 times (minutes), far past any machine's noise.
    assert.ok(process.hrtime.bigint() - started < 5_000_000_000n);
  });

  it('a workspace scan reports the file (not "binary"), lower in test paths, never its bytes or key', async () => {
    const ws = mkdtempSync(join(tmpdir(), 'rr-p12-ws-'));
    try {
      const file = p12('sa.p12', '-passout', 'pass:notasecret');
      for (const path of ['credentials/service-account.p12', 'test/fixtures/old.PFX']) {
        mkdirSync(join(ws, path, '..'), { recursive: true });
        writeFileSync(join(ws, path), file);
      }
      writeFileSync(join(ws, 'own.p12'), p12('own2.p12', '-passout', 'pass:a-real-password-1'));
      const result = await scanWorkspace({ roots: ['.'], cwd: ws, salt: 's' });
      assert.deepEqual(
        result.findings.map((f) => [f.path, f.ruleId, f.kind, f.severity]),
        [
          ['credentials/service-account.p12', 'gcp-service-account-p12', 'key-file', 'error'],
          ['test/fixtures/old.PFX', 'gcp-service-account-p12', 'key-file', 'warning'],
        ],
      );
      assert.deepEqual(result.skipped.map((s) => [s.path, s.reason]), [['own.p12', 'binary']]);
      const sarif = toSarif({ toolVersion: '0.0.0', findings: result.findings, skipped: result.skipped, notes: [], baselined: 0, files: result.files }) as { runs: Array<{ tool: { driver: { rules: Array<{ id: string }> } }; results: Array<{ ruleIndex: number }> }> };
      const run = sarif.runs[0]!;
      assert.equal(run.tool.driver.rules[run.results[0]!.ruleIndex]!.id, 'gcp-service-account-p12');
      const outputs = JSON.stringify(result) + JSON.stringify(sarif);
      const material = [file.toString('base64'), file.toString('hex'), keyPem.replace(/-----[^-]+-----/g, '').replace(/\s/g, '')];
      for (const m of material) for (let i = 0; i + 16 <= m.length; i += 16) assert.ok(!outputs.includes(m.slice(i, i + 16)), 'no key material in the outputs');
    } finally {
      rmSync(ws, { recursive: true, force: true });
    }
  });

  for (const rule of keyFileRules) {
    it(`${rule.id} has ${ruleDocPath(rule.id)} with what, why and how to rotate`, () => {
      const path = join(root, ruleDocPath(rule.id));
      assert.ok(existsSync(path), `missing ${ruleDocPath(rule.id)}`);
      const doc = readFileSync(path, 'utf8');
      assert.ok(doc.includes(`\`${rule.id}\``));
      for (const heading of ['## What it detects', '## Why it matters', '## How to rotate']) assert.ok(doc.includes(heading), heading);
      assert.ok(doc.includes(rule.rotationUrl));
    });
  }
});
