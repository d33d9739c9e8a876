import * as assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { generate } from 'selfsigned';
import { SMTPServer, SMTPServerOptions } from 'smtp-server';
import { AlertDispatcher } from '../../../../src/core/alerts/index';
import { emailSink, EmailSinkOptions } from '../../../../src/core/alerts/channels/index';
import { assertNoKeys, testKey } from '../../probe/helpers';
import { alert, fastRetry, mapSecrets } from './helpers';

interface Mail {
  secure: boolean;
  user: string | undefined;
  from: string | undefined;
  to: string[];
  raw: string;
}

/** A real SMTP server (smtp-server) on 127.0.0.1 with a certificate made for this test run. */
async function smtp(cert: { key: string; cert: string }, over: Partial<SMTPServerOptions> = {}) {
  const mails: Mail[] = [];
  const authAttempts: Array<{ secure: boolean; user: string }> = [];
  const server = new SMTPServer({
    key: cert.key,
    cert: cert.cert,
    authMethods: ['PLAIN', 'LOGIN'],
    // Refuses AUTH before TLS (the default): a password can only arrive encrypted.
    allowInsecureAuth: false,
    logger: false,
    onAuth(auth, session, cb) {
      authAttempts.push({ secure: session.secure, user: auth.username ?? '' });
      if (auth.username === 'alerts@example.test' && auth.password === 'smtp-pass-for-tests') cb(null, { user: auth.username });
      else cb(new Error('Invalid username or password'));
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        mails.push({
          secure: session.secure,
          user: session.user as string | undefined,
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : undefined,
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        cb();
      });
    },
    ...over,
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', () => ok()));
  const port = (server.server.address() as AddressInfo).port;
  return { port, mails, authAttempts, close: () => new Promise<void>((ok) => server.close(() => ok())) };
}

describe('channels: email over SMTP (real smtp-server, STARTTLS and implicit TLS, auth)', function () {
  this.timeout(30_000);
  let cert: { key: string; cert: string };
  const secrets = mapSecrets({ 'smtp-password': 'smtp-pass-for-tests', 'wrong-password': 'not-the-password' });

  before(async () => {
    const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
      keySize: 2048,
      extensions: [{ name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }] }],
    });
    cert = { key: pems.private, cert: pems.cert };
  });

  const options = (port: number, over: Partial<EmailSinkOptions> = {}): EmailSinkOptions => ({
    host: '127.0.0.1',
    port,
    security: 'starttls',
    username: 'alerts@example.test',
    passwordSecret: 'smtp-password',
    secrets,
    from: 'Rotation Ready <alerts@example.test>',
    to: ['oncall@example.test', 'audit@example.test'],
    tls: { ca: cert.cert, servername: 'localhost' },
    timeoutMs: 5000,
    ...over,
  });

  it('delivers exactly one email per de-duplication window over STARTTLS with auth, with a body a person can act on', async () => {
    const server = await smtp(cert);
    const probed = [testKey('primary'), testKey('fallback')];
    let now = 5_000_000;
    const dispatcher = new AlertDispatcher({ sinks: [emailSink(options(server.port))], dedupWindowMs: 60_000, maxPerServicePerWindow: 10, secrets: () => probed, now: () => now, retry: fastRetry });
    try {
      const statuses = [];
      for (let i = 0; i < 3; i++) {
        statuses.push((await dispatcher.dispatch(alert())).status);
        now += 10_000;
      }
      assert.deepEqual(statuses, ['sent', 'deduplicated', 'deduplicated']);
      assert.equal(server.mails.length, 1, 'one email in the window');
      now += 60_000;
      assert.equal((await dispatcher.dispatch(alert())).status, 'sent');
      assert.equal(server.mails.length, 2, 'the next window sends again');

      const mail = server.mails[0]!;
      assert.equal(mail.secure, true, 'the message travelled after STARTTLS');
      assert.equal(mail.user, 'alerts@example.test', 'authenticated');
      assert.ok(server.authAttempts.every((a) => a.secure), 'the password was only ever sent over TLS');
      assert.equal(mail.from, 'alerts@example.test');
      assert.deepEqual(mail.to, ['oncall@example.test', 'audit@example.test']);

      const parsed = await simpleParser(mail.raw);
      assert.equal(parsed.subject, '[Rotation Ready] CRITICAL: billing-api (prod) primary key rejected (HTTP 401) in 3 of 3 rounds');
      const text = parsed.text ?? '';
      for (const expected of ['What was seen: primary key rejected (HTTP 401) in 3 of 3 rounds', 'Service:', 'billing-api', 'Environment:', 'prod', 'Key slot:', 'primary', 'Key fingerprint: rk1:0123456789abcdef', 'Next step: Incident']) {
        assert.ok(text.includes(expected), `text part has ${expected}\n${text}`);
      }
      assert.match(text, /promote it \(Rotation Ready: Promote Fallback Key to Primary\)/);
      const html = String(parsed.html);
      assert.match(html, /<th align="left">Key fingerprint<\/th><td><code>rk1:0123456789abcdef<\/code><\/td>/);
      assert.match(html, /<strong>Next step:<\/strong> Incident/);
      assert.equal(parsed.headers.get('x-rotation-ready-service'), 'billing-api');
      for (const m of server.mails) assertNoKeys(m.raw, probed, 'email');
      assert.ok(!mail.raw.includes('smtp-pass-for-tests'), 'the SMTP password is not in the message');
    } finally {
      await server.close();
    }
  });

  it('delivers over implicit TLS (port-465 style)', async () => {
    const server = await smtp(cert, { secure: true });
    const d = new AlertDispatcher({ sinks: [emailSink(options(server.port, { security: 'tls' }))], dedupWindowMs: 1, maxPerServicePerWindow: 10, secrets: () => [], retry: fastRetry });
    try {
      const res = await d.dispatch(alert({ slot: 'fallback', error: 'fallback key rejected (HTTP 401) in 3 of 3 rounds' }));
      assert.equal(res.status, 'sent', JSON.stringify(res));
      assert.equal(server.mails.length, 1);
      assert.equal(server.mails[0]!.secure, true);
      const parsed = await simpleParser(server.mails[0]!.raw);
      assert.match(parsed.subject ?? '', /^\[Rotation Ready\] WARNING: billing-api \(prod\) fallback key rejected/);
      assert.match(parsed.text ?? '', /Next step: Do not remove the old key/);
    } finally {
      await server.close();
    }
  });

  it('never falls back to clear text: a server without STARTTLS gets no password and no message', async () => {
    const server = await smtp(cert, { disabledCommands: ['STARTTLS'], allowInsecureAuth: true });
    const d = new AlertDispatcher({ sinks: [emailSink(options(server.port))], dedupWindowMs: 1, maxPerServicePerWindow: 10, secrets: () => [], retry: fastRetry });
    try {
      const res = await d.dispatch(alert());
      assert.equal(res.status, 'failed');
      assert.deepEqual(server.authAttempts, []);
      assert.equal(server.mails.length, 0);
    } finally {
      await server.close();
    }
  });

  it('does not trust an unknown certificate, and does not retry a wrong password', async () => {
    const server = await smtp(cert);
    try {
      const untrusted = new AlertDispatcher({ sinks: [emailSink(options(server.port, { tls: {} }))], dedupWindowMs: 1, maxPerServicePerWindow: 10, secrets: () => [], retry: fastRetry });
      const r1 = await untrusted.dispatch(alert());
      assert.equal(r1.status, 'failed');
      assert.deepEqual(server.authAttempts, [], 'no password sent to an unverified server');

      const wrong = new AlertDispatcher({ sinks: [emailSink(options(server.port, { passwordSecret: 'wrong-password' }))], dedupWindowMs: 1, maxPerServicePerWindow: 10, secrets: () => [], retry: fastRetry });
      const r2 = await wrong.dispatch(alert({ service: 'x' }));
      assert.equal(r2.status, 'failed');
      assert.equal(r2.deliveries[0]!.attempts, 1, 'bad credentials are not retried');
      assert.equal(r2.deliveries[0]!.error, 'email: SMTP authentication failed');
      assert.ok(!JSON.stringify(r2).includes('not-the-password'));
      assert.equal(server.mails.length, 0);
    } finally {
      await server.close();
    }
  });

  it('a resolve reads as resolved', async () => {
    const server = await smtp(cert);
    const d = new AlertDispatcher({ sinks: [emailSink(options(server.port))], dedupWindowMs: 1, maxPerServicePerWindow: 10, secrets: () => [], retry: fastRetry });
    try {
      await d.dispatch(alert({ action: 'resolve', error: 'primary key validates again', severity: 'critical' }));
      const parsed = await simpleParser(server.mails[0]!.raw);
      assert.equal(parsed.subject, '[Rotation Ready] RESOLVED: billing-api (prod) primary key is healthy again');
      assert.match(parsed.text ?? '', /Next step: Nothing to do/);
    } finally {
      await server.close();
    }
  });
});
