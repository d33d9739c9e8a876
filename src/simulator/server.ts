import { IncomingMessage, Server, ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isLoopbackAddress } from '../core/net/loopback';
import { providerPreset } from '../core/config/presets';
import { redact } from '../core/redact';
import { behaviourProblems } from './config';
import { Decision, ServiceState, simFingerprint } from './state';
import { providerApi, providerRoute } from './providerApis';
import type { SimAuth, SimBehaviour, SimKey, SimLogEntry, SimReason, SimServiceSnapshot, SimulatorConfig } from './types';

/** The most of a request body a route that checks bodies reads (larger ones are answered 400 unread). */
const MAX_CHECKED_BODY = 1024 * 1024;

/** In-process control of a running simulator; the `/__admin` HTTP routes call the same methods. */
export interface SimulatorAdmin {
  addKey(service: string, key: SimKey): void;
  /** Revokes by value or label; returns how many keys were revoked. */
  revokeKey(service: string, match: { value?: string; label?: string }): number;
  /** Merges behaviour (latency, hang, rate limit, flap, failNext); a property set to null clears it. */
  setBehaviour(service: string, patch: Partial<Record<keyof SimBehaviour, unknown>>): void;
  /** Back to the configured keys and behaviour: one service, or all. */
  reset(service?: string): void;
  services(): SimServiceSnapshot[];
  log(): readonly SimLogEntry[];
  clearLog(): void;
}

export interface Simulator {
  /** `http://127.0.0.1:<port>` */
  url: string;
  port: number;
  host: string;
  admin: SimulatorAdmin;
  /** Live, bounded request log (oldest entries dropped after `maxLogEntries`). Holds no key values. */
  readonly requestLog: readonly SimLogEntry[];
  /** Requests received and not yet answered (hanging or slow). */
  inFlight(): number;
  /** URL of a path under a service, e.g. `serviceUrl('billing-api', '/v1/account')`. */
  serviceUrl(service: string, path?: string): string;
  close(): Promise<void>;
}

export interface SimulatorOptions {
  /** Overrides the config's host/port. */
  host?: string;
  port?: number;
  /** Called for every logged request (the CLI prints it). */
  onRequest?: (entry: SimLogEntry) => void;
  maxLogEntries?: number;
  now?: () => number;
}

export class UnknownServiceError extends Error {}

/** Starts the provider simulator on loopback and resolves once it listens. */
export async function startSimulator(config: SimulatorConfig, options: SimulatorOptions = {}): Promise<Simulator> {
  const now = options.now ?? Date.now;
  const states = new Map(config.services.map((s) => [s.name, new ServiceState(s, now)]));
  const log: SimLogEntry[] = [];
  const maxLog = options.maxLogEntries ?? 10_000;
  const timers = new Set<NodeJS.Timeout>();
  let seq = 0;
  let inFlight = 0;

  const state = (name: string): ServiceState => {
    const s = states.get(name);
    if (!s) throw new UnknownServiceError(`unknown service '${name}'`);
    return s;
  };

  const admin: SimulatorAdmin = {
    addKey: (service, key) => state(service).addKey(key),
    revokeKey: (service, match) => state(service).revoke(match),
    setBehaviour: (service, patch) => state(service).setBehaviour(patch),
    reset: (service) => (service === undefined ? [...states.values()].forEach((s) => s.reset()) : state(service).reset()),
    services: () => [...states.values()].map((s) => s.snapshot()),
    log: () => log,
    clearLog: () => void log.splice(0, log.length),
  };

  const record = (entry: Omit<SimLogEntry, 'seq' | 'time'>, started: number): SimLogEntry => {
    const full: SimLogEntry = { seq: ++seq, time: new Date(started).toISOString(), ...entry };
    log.push(full);
    if (log.length > maxLog) log.splice(0, log.length - maxLog);
    options.onRequest?.(full);
    return full;
  };

  const server: Server = createServer((req, res) => {
    const started = Date.now();
    const url = new URL(req.url ?? '/', 'http://simulator.invalid');
    const method = req.method ?? 'GET';
    if (url.pathname === '/__admin' || url.pathname.startsWith('/__admin/')) {
      void handleAdmin(req, res, url, admin).catch((error: unknown) => sendJson(res, 500, { error: String(error) }));
      return;
    }
    const svc = [...states.values()].find((s) => url.pathname === s.basePath || url.pathname.startsWith(`${s.basePath}/`));
    if (!svc) {
      record({ method, path: url.pathname, status: 404, reason: 'not-found', latencyMs: 0 }, started);
      sendJson(res, 404, { error: 'not_found' });
      return;
    }
    const preset = svc.config.provider === undefined ? undefined : providerPreset(svc.config.provider);
    const api = svc.config.provider === undefined ? undefined : providerApi(svc.config.provider);
    const route = providerRoute(api, svc.basePath === '/' ? url.pathname : url.pathname.slice(svc.basePath.length));
    // A route that checks its body reads it; other requests' bodies are drained unread.
    const bodyText = route?.validate ? readText(req, MAX_CHECKED_BODY) : (req.resume(), Promise.resolve(undefined));
    inFlight++;
    let done = false;
    const finish = (): void => {
      if (!done) {
        done = true;
        inFlight--;
      }
    };
    res.on('close', finish);
    if (svc.hangs()) {
      record({ method, path: url.pathname, service: svc.name, status: 0, reason: 'hang', latencyMs: 0 }, started);
      return;
    }
    const missingHeader = Object.keys(preset?.headers ?? {}).find((h) => req.headers[h.toLowerCase()] === undefined);
    const decision: Decision =
      preset && method !== (route?.method ?? preset.method)
        ? { status: 405, reason: 'wrong-method' }
        : missingHeader !== undefined
          ? { status: 400, reason: 'missing-header' }
          : svc.decide(extractKeys(req, url, svc.config.auth));
    // A 200-always API (Slack) answers a bad key 200 with its success field false.
    const field = preset?.successField;
    const status = field !== undefined && (decision.status === 401 || decision.status === 403) ? 200 : decision.status;
    const body =
      field !== undefined && status === 200
        ? { [field]: decision.status === 200, ...(decision.status === 200 ? {} : { error: decision.reason.replace(/-/g, '_') }) }
        : decision.status === 200
          ? { ok: true, service: svc.name }
          : api
            ? api.errorBody(status)
            : // The status in the body too, as providers whose SDKs return errors as values send it (Resend).
              { error: decision.reason.replace(/-/g, '_'), statusCode: status };
    const answer = async (): Promise<void> => {
      // A known route answers as the provider's API does: its body checked once the key is accepted, its own success.
      let reply: { status: number; reason: SimReason; body: unknown; headers: Record<string, string> } = { status, reason: decision.reason, body, headers: {} };
      if (route && status === 200) {
        const text = await bodyText;
        const problem = text === undefined ? (route.validate ? { field: '', message: 'request entity too large' } : undefined) : route.validate?.(parseJsonOrText(text));
        reply = problem
          ? { status: 400, reason: 'invalid-body', body: api!.errorBody(400, problem), headers: {} }
          : { status: route.status, reason: decision.reason, body: undefined, headers: route.headers?.() ?? {} };
      }
      if (res.destroyed) return;
      const key = decision.key?.key;
      record(
        {
          method,
          path: url.pathname,
          service: svc.name,
          ...(key?.label !== undefined ? { keyLabel: key.label } : {}),
          ...(key ? { keyFingerprint: simFingerprint(key.value), keyRedacted: redact(key.value, 'key') } : {}),
          status: reply.status,
          reason: reply.reason,
          latencyMs: Date.now() - started,
        },
        started,
      );
      if (decision.retryAfterSeconds !== undefined) reply.headers['retry-after'] = String(decision.retryAfterSeconds);
      if (reply.body === undefined) sendEmpty(res, reply.status, reply.headers);
      else sendJson(res, reply.status, reply.body, reply.headers);
    };
    const latency = svc.behaviour.latencyMs ?? 0;
    if (latency > 0) {
      const timer = setTimeout(() => {
        timers.delete(timer);
        void answer();
      }, latency);
      timers.add(timer);
      res.on('close', () => {
        clearTimeout(timer);
        timers.delete(timer);
      });
    } else {
      void answer();
    }
  });

  const host = options.host ?? config.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? config.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  return {
    url,
    port,
    host,
    admin,
    get requestLog() {
      return log;
    },
    inFlight: () => inFlight,
    serviceUrl: (service, path = '') => `${url}${state(service).basePath}${path && !path.startsWith('/') ? '/' : ''}${path}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t);
        timers.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Every value the request offers as a key, according to the service's auth style. */
function extractKeys(req: IncomingMessage, url: URL, auth: SimAuth): string[] {
  const authorization = req.headers.authorization ?? '';
  switch (auth.type) {
    case 'bearer': {
      const m = /^Bearer\s+(.+)$/i.exec(authorization.trim());
      return m ? [m[1]!.trim()] : [];
    }
    case 'header': {
      const v = req.headers[auth.name.toLowerCase()];
      return (Array.isArray(v) ? v : v !== undefined ? [v] : []).map((s) => s.trim()).filter(Boolean);
    }
    case 'query':
      return url.searchParams.getAll(auth.name).filter(Boolean);
    case 'basic': {
      const m = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(authorization.trim());
      if (!m) return [];
      const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      const parts = colon < 0 ? [decoded] : [decoded.slice(0, colon), decoded.slice(colon + 1)];
      return parts.filter(Boolean);
    }
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

function sendEmpty(res: ServerResponse, status: number, headers: Record<string, string>): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { 'content-length': '0', ...headers });
  res.end();
}

/** The body as text, or undefined past `limit` bytes (the rest is drained) or when the request breaks off. */
function readText(req: IncomingMessage, limit: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.on('end', () => resolve(size <= limit ? Buffer.concat(chunks).toString('utf8') : undefined));
    req.on('error', () => resolve(undefined));
    req.on('close', () => resolve(undefined));
  });
}

function parseJsonOrText(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 64 * 1024) throw new Error('body too large');
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (!text) return {};
  const parsed: unknown = JSON.parse(text);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('expected a JSON object');
  return parsed as Record<string, unknown>;
}

/**
 * Admin routes, answered only to loopback peers:
 *   GET  /__admin/health                       → { ok: true }
 *   GET  /__admin/services                     → snapshots (labels, fingerprints; never values)
 *   GET  /__admin/log   DELETE /__admin/log    → request log / clear it
 *   POST /__admin/services/:name/keys          { value, label?, propagation?: { seconds?, requests? } }
 *   POST /__admin/services/:name/keys/revoke   { value? , label? }
 *   POST /__admin/services/:name/behaviour     { latencyMs?, hang?, rateLimit?, flap?, failNext?, revokedStatus? } (null clears)
 *   POST /__admin/services/:name/reset         POST /__admin/reset
 */
async function handleAdmin(req: IncomingMessage, res: ServerResponse, url: URL, admin: SimulatorAdmin): Promise<void> {
  if (!isLoopbackAddress(req.socket.remoteAddress)) {
    req.resume();
    sendJson(res, 403, { error: 'admin routes answer loopback peers only' });
    return;
  }
  const method = req.method ?? 'GET';
  const parts = url.pathname.split('/').filter(Boolean).slice(1).map(decodeURIComponent);
  const route = `${method} ${parts.map((p, i) => (parts[0] === 'services' && i === 1 ? ':name' : p)).join('/')}`;
  const name = parts[1] ?? '';
  let body: Record<string, unknown> = {};
  try {
    body = method === 'POST' ? await readJson(req) : (req.resume(), {});
  } catch (error) {
    sendJson(res, 400, { error: error instanceof Error ? error.message : String(error) });
    return;
  }
  try {
    switch (route) {
      case 'GET health':
        return sendJson(res, 200, { ok: true });
      case 'GET services':
        return sendJson(res, 200, { services: admin.services() });
      case 'GET log':
        return sendJson(res, 200, { entries: admin.log() });
      case 'DELETE log':
        admin.clearLog();
        return sendJson(res, 200, { ok: true });
      case 'POST reset':
        admin.reset();
        return sendJson(res, 200, { ok: true });
      case 'POST services/:name/reset':
        admin.reset(name);
        return sendJson(res, 200, { ok: true });
      case 'POST services/:name/keys': {
        if (typeof body.value !== 'string' || body.value === '') return sendJson(res, 400, { error: "'value' (the key) is required" });
        const key: SimKey = { value: body.value };
        if (typeof body.label === 'string') key.label = body.label;
        if (body.propagation !== undefined) {
          const p = body.propagation as Record<string, unknown>;
          const bad = typeof p !== 'object' || p === null || Object.entries(p).some(([k, v]) => !['seconds', 'requests'].includes(k) || typeof v !== 'number' || !(v >= 0));
          if (bad) return sendJson(res, 400, { error: "'propagation' must be { seconds?: number ≥ 0, requests?: number ≥ 0 }" });
          key.propagation = p as SimKey['propagation'] & object;
        }
        admin.addKey(name, key);
        return sendJson(res, 200, { ok: true });
      }
      case 'POST services/:name/keys/revoke': {
        const match: { value?: string; label?: string } = {};
        if (typeof body.value === 'string') match.value = body.value;
        if (typeof body.label === 'string') match.label = body.label;
        if (match.value === undefined && match.label === undefined) return sendJson(res, 400, { error: "'value' or 'label' is required" });
        return sendJson(res, 200, { revoked: admin.revokeKey(name, match) });
      }
      case 'POST services/:name/behaviour': {
        const problems = behaviourProblems(body);
        if (problems.length > 0) return sendJson(res, 400, { error: problems.map((p) => `${p.path.join('.') || 'body'}: ${p.message}`).join('; ') });
        admin.setBehaviour(name, body);
        return sendJson(res, 200, { ok: true });
      }
      default:
        return sendJson(res, 404, { error: `no admin route ${method} ${url.pathname}` });
    }
  } catch (error) {
    const status = error instanceof UnknownServiceError ? 404 : 500;
    return sendJson(res, status, { error: error instanceof Error ? error.message : String(error) });
  }
}
