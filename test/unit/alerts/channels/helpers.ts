import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Alert } from '../../../../src/core/alerts/index';
import type { ChannelSecrets } from '../../../../src/core/alerts/channels/index';

export interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  json: any;
  at: number;
}

/**
 * A real HTTP receiver on 127.0.0.1 standing in for PagerDuty or Datadog: it records every request,
 * checks it with `validate` (a reason string means 400, like the real intake), and otherwise answers
 * the scripted statuses in turn, then `okStatus`.
 */
export async function intake(options: { statuses?: number[]; okStatus?: number; validate?: (r: Received) => string | undefined } = {}) {
  const statuses = [...(options.statuses ?? [])];
  const requests: Received[] = [];
  const accepted: Received[] = [];
  const rejected: Array<{ request: Received; reason: string }> = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      let json: unknown;
      try {
        json = JSON.parse(body);
      } catch {
        json = undefined;
      }
      const r: Received = { path: req.url ?? '', headers: req.headers, body, json, at: Date.now() };
      requests.push(r);
      const reason = options.validate?.(r);
      if (reason) {
        rejected.push({ request: r, reason });
        return void res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'invalid event', errors: [reason] }));
      }
      const status = statuses.shift() ?? options.okStatus ?? 202;
      if (status < 300) accepted.push(r);
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ status: status < 300 ? 'success' : 'error' }));
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { base, requests, accepted, rejected, close: () => new Promise<void>((ok) => { server.close(() => ok()); server.closeAllConnections(); }) };
}

/** Channel secrets held in a map (the keychain adapter is tested in test/unit/keychain). */
export function mapSecrets(values: Record<string, string>): ChannelSecrets & { reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    get: async (name) => {
      reads.push(name);
      return values[name];
    },
    describe: (name) => `keychain entry '${name}'`,
  };
}

export const alert = (over: Partial<Alert> = {}): Alert => ({
  service: 'billing-api',
  environment: 'prod',
  error: 'primary key rejected (HTTP 401) in 3 of 3 rounds',
  timestamp: '2026-01-02T03:04:05.000Z',
  fingerprint: 'rk1:0123456789abcdef',
  slot: 'primary',
  status: 401,
  source: 'dry-run',
  ...over,
});

/** The dispatcher's retry policy, scaled down for tests. */
export const fastRetry = { attempts: 4, baseDelayMs: 20, maxDelayMs: 100 };
