import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isLoopbackHost } from '../net/loopback';
import type { ProbeMetrics } from './probe-metrics';

export interface MetricsServer {
  /** `http://127.0.0.1:<port>/metrics` */
  url: string;
  port: number;
  /** Scrapes answered so far, by exposition format (diagnostics, and tests checking negotiation). */
  readonly scrapes: { prometheus: number; openmetrics: number };
  close(): Promise<void>;
}

export interface MetricsServerOptions {
  metrics: ProbeMetrics;
  /** 0 picks a free port. */
  port: number;
  /** Loopback only (127.0.0.1 by default): the endpoint is for a local Prometheus or agent. */
  host?: string;
}

/**
 * The opt-in scrape endpoint: `GET /metrics` on a loopback port, Prometheus text by default and
 * OpenMetrics when the scraper asks for it (`Accept: application/openmetrics-text`). A request whose
 * Host header is not a loopback name is refused, so a web page cannot read it by DNS rebinding.
 */
export async function startMetricsServer(options: MetricsServerOptions): Promise<MetricsServer> {
  const host = options.host ?? '127.0.0.1';
  if (!isLoopbackHost(host)) throw new Error(`the metrics endpoint listens on loopback only (127.0.0.1, ::1, localhost), not ${host}`);
  const scrapes = { prometheus: 0, openmetrics: 0 };
  const server: Server = createServer((req, res) => {
    const hostHeader = (req.headers.host ?? '').replace(/:\d+$/, '').replace(/^\[(.*)\]$/, '$1');
    if (!isLoopbackHost(hostHeader)) return void res.writeHead(403, { 'content-type': 'text/plain' }).end('forbidden\n');
    const path = (req.url ?? '/').split('?')[0];
    if (path !== '/metrics') return void res.writeHead(404, { 'content-type': 'text/plain' }).end('not found: try /metrics\n');
    if (req.method !== 'GET' && req.method !== 'HEAD') return void res.writeHead(405, { allow: 'GET, HEAD' }).end();
    const format = /application\/openmetrics-text/.test(req.headers.accept ?? '') ? 'openmetrics' : 'prometheus';
    scrapes[format]++;
    options.metrics.exposition(format).then(
      ({ contentType, body }) => res.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-store' }).end(req.method === 'HEAD' ? undefined : body),
      () => res.writeHead(500, { 'content-type': 'text/plain' }).end('metrics collection failed\n'),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port, address } = server.address() as AddressInfo;
  const shown = address.includes(':') ? `[${address}]` : address;
  return {
    url: `http://${shown}:${port}/metrics`,
    port,
    scrapes,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}
