import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliIo } from '../../src/cli/command';
import { main } from '../../src/cli/main';

/** Everything a listener on 127.0.0.1 received: what a hostile host would learn. */
export interface Listener {
  /** `127.0.0.1:<port>`, as a URL host. */
  host: string;
  url: string;
  requests: Array<{ url: string; headers: Record<string, string | string[] | undefined>; body: string }>;
  /** Every request as one text, for searching key material. */
  seen(): string;
  close(): Promise<void>;
}

/** A real HTTP server on 127.0.0.1 (random port) that answers `status` (200) to everything and records it. */
export async function listener(status = 200): Promise<Listener> {
  const requests: Listener['requests'] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      requests.push({ url: req.url ?? '', headers: req.headers, body });
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: status < 300 }));
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    host,
    url: `http://${host}`,
    requests,
    seen: () => JSON.stringify(requests),
    close: () =>
      new Promise<void>((ok) => {
        server.close(() => ok());
        server.closeAllConnections();
      }),
  };
}

export const tempDir = (label: string) => mkdtempSync(join(tmpdir(), `rr-sec-${label}-`));

/** A one-service `.rotation-ready.json` probing `url` with a bearer key, one round. */
export function writeConfig(ws: string, services: Array<{ name: string; url: string; envVars?: Record<string, string> }>, extra: Record<string, unknown> = {}): void {
  const config = {
    version: 1,
    services: services.map((s) => ({
      name: s.name,
      environments: ['dev'],
      ...(s.envVars ? { envVars: s.envVars } : {}),
      probe: { url: s.url, auth: { type: 'bearer' }, rounds: 1, intervalMs: 0, timeoutMs: 3000 },
    })),
    ...extra,
  };
  writeFileSync(join(ws, '.rotation-ready.json'), JSON.stringify(config, null, 2));
}

/** Runs `rotation-ready <args>` in `cwd` with exactly `env` as the process environment. */
export async function cli(cwd: string, env: NodeJS.ProcessEnv, ...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { stdout: (t) => void out.push(t), stderr: (t) => void err.push(t), cwd, env, signal: new AbortController().signal };
  const code = await main(args, io);
  return { code, out: out.join(''), err: err.join('') };
}
