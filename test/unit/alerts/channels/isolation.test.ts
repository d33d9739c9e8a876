import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { generate } from 'selfsigned';
import { SMTPServer } from 'smtp-server';
import { AlertDispatcher, AlertEvent, webhookSink } from '../../../../src/core/alerts/index';
import { datadogSink, emailSink, pagerDutySink } from '../../../../src/core/alerts/channels/index';
import { assertNoKeys, testKey } from '../../probe/helpers';
import { alert, intake, mapSecrets } from './helpers';

/** Every channel at once, against real local receivers: failures stay local, keys never leave. */
describe('channels: isolation and redaction across every channel', function () {
  this.timeout(30_000);
  const routingKey = randomBytes(16).toString('hex');
  const secrets = mapSecrets({ pd: routingKey, dd: 'ddkey-for-tests-0000', smtp: 'smtp-pass-for-tests' });
  let smtpServer: SMTPServer;
  let smtpPort: number;
  let cert: string;
  const mails: Array<{ raw: string; at: number }> = [];

  before(async () => {
    const pems = await generate([{ name: 'commonName', value: 'localhost' }], { keySize: 2048, extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }] });
    cert = pems.cert;
    smtpServer = new SMTPServer({
      key: pems.private,
      cert: pems.cert,
      logger: false,
      onAuth: (auth, _s, cb) => (auth.password === 'smtp-pass-for-tests' ? cb(null, { user: auth.username }) : cb(new Error('no'))),
      onData(stream, _s, cb) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          mails.push({ raw: Buffer.concat(chunks).toString('utf8'), at: Date.now() });
          cb();
        });
      },
    });
    await new Promise<void>((ok) => smtpServer.listen(0, '127.0.0.1', () => ok()));
    smtpPort = (smtpServer.server.address() as AddressInfo).port;
  });
  after(() => new Promise<void>((ok) => smtpServer.close(() => ok())));
  beforeEach(() => (mails.length = 0));

  const email = () =>
    emailSink({ host: '127.0.0.1', port: smtpPort, security: 'starttls', username: 'u@example.test', passwordSecret: 'smtp', secrets, from: 'rr@example.test', to: ['oncall@example.test'], tls: { ca: cert } });

  it('a failing PagerDuty is retried with growing back-off while email, Datadog and the webhook deliver at once; the event loop stays free', async () => {
    const pd = await intake({ statuses: [503, 503, 503] });
    const dd = await intake();
    const hook = await intake({ okStatus: 200 });
    const events: AlertEvent[] = [];
    const d = new AlertDispatcher({
      sinks: [pagerDutySink({ routingKeySecret: 'pd', secrets, url: `${pd.base}/v2/enqueue` }), email(), datadogSink({ apiKeySecret: 'dd', secrets, url: dd.base }), webhookSink(`${hook.base}/hook`)],
      dedupWindowMs: 60_000,
      maxPerServicePerWindow: 10,
      secrets: () => [],
      retry: { attempts: 4, baseDelayMs: 100, maxDelayMs: 1000 },
      onEvent: (e) => events.push(e),
    });
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 10);
    const started = Date.now();
    try {
      const result = await d.dispatch(alert());
      const elapsed = Date.now() - started;
      assert.equal(result.status, 'sent');
      assert.deepEqual(
        result.deliveries.map((x) => [x.sink, x.ok, x.attempts]),
        [['pagerduty', true, 4], ['email', true, 1], ['datadog', true, 1], ['webhook', true, 1]],
      );
      const gaps = pd.requests.slice(1).map((r, i) => r.at - pd.requests[i]!.at);
      assert.ok(gaps[0]! >= 90 && gaps[1]! >= 190 && gaps[2]! >= 390, `back-off 100, 200, 400 ms: ${gaps.join(', ')}`);
      // PagerDuty's last attempt comes 700 ms (100 + 200 + 400) after its first: the others were long done.
      const finalPd = pd.requests[3]!.at;
      for (const [what, at] of [['email', mails[0]!.at], ['datadog', dd.requests[0]!.at], ['webhook', hook.requests[0]!.at]] as const) {
        assert.ok(at < finalPd, `${what} was not held up by PagerDuty's retries`);
      }
      assert.ok(ticks >= 10, `timers kept firing during delivery (${ticks} ticks of 10 ms in ${elapsed} ms)`);
      assert.equal(events.filter((e) => e.type === 'retry').length, 3);
    } finally {
      clearInterval(ticker);
      await Promise.all([pd.close(), dd.close(), hook.close()]);
    }
  });

  it('a PagerDuty that never recovers fails alone, after its attempts; the others are delivered', async () => {
    const pd = await intake({ okStatus: 500 });
    const dd = await intake();
    const d = new AlertDispatcher({
      sinks: [pagerDutySink({ routingKeySecret: 'pd', secrets, url: `${pd.base}/v2/enqueue` }), datadogSink({ apiKeySecret: 'dd', secrets, url: dd.base }), email()],
      dedupWindowMs: 60_000,
      maxPerServicePerWindow: 10,
      secrets: () => [],
      retry: { attempts: 3, baseDelayMs: 10, maxDelayMs: 50 },
    });
    try {
      const result = await d.dispatch(alert());
      assert.equal(result.status, 'partial');
      assert.deepEqual(result.deliveries.map((x) => [x.sink, x.ok, x.attempts]), [['pagerduty', false, 3], ['datadog', true, 1], ['email', true, 1]]);
      assert.equal(result.deliveries[0]!.error, 'pagerduty: HTTP 500');
      assert.equal(mails.length, 1);
    } finally {
      await Promise.all([pd.close(), dd.close()]);
    }
  });

  it('no channel ever carries key material: normal alerts are clean, and an alert that would leak is refused on every channel', async () => {
    const pd = await intake();
    const dd = await intake();
    const primary = testKey('primary');
    const fallback = testKey('fallback');
    const d = new AlertDispatcher({
      sinks: [pagerDutySink({ routingKeySecret: 'pd', secrets, url: `${pd.base}/v2/enqueue` }), datadogSink({ apiKeySecret: 'dd', secrets, url: dd.base }), email()],
      dedupWindowMs: 60_000,
      maxPerServicePerWindow: 10,
      secrets: () => [primary, fallback],
      retry: { attempts: 2, baseDelayMs: 5, maxDelayMs: 5 },
    });
    try {
      assert.equal((await d.dispatch(alert())).status, 'sent');
      // A bug upstream puts the key in the error text, JSON-escaped or base64: nothing goes out anywhere.
      for (const leak of [`rejected: ${fallback}`, `bad key ${Buffer.from(primary).toString('base64')}`]) {
        const res = await d.dispatch(alert({ service: `leak-${leak.length}`, error: leak }));
        assert.equal(res.status, 'refused');
        assert.deepEqual(res.deliveries.map((x) => x.sink), ['pagerduty', 'datadog', 'email']);
      }
      assert.equal(pd.requests.length, 1);
      assert.equal(dd.requests.length, 1);
      assert.equal(mails.length, 1);
      for (const out of [...pd.requests.map((r) => r.body), ...dd.requests.map((r) => r.body), ...mails.map((m) => m.raw)]) assertNoKeys(out, [primary, fallback], 'channel message');
    } finally {
      await Promise.all([pd.close(), dd.close()]);
    }
  });
});
