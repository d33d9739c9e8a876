import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A real webhook receiver on 127.0.0.1: records every body it accepts. */
export async function webhookReceiver() {
  const bodies: string[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      bodies.push(body);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/monitor`;
  return {
    url,
    bodies,
    alerts: () => bodies.map((b) => JSON.parse(b) as { service: string; environment: string; error: string; source: string; fingerprint: string; timestamp: string; status?: number; signal?: string }),
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}
