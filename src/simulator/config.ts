import { ConfigError, JsoncReader, Located } from '../core/config/jsonc-reader';
import { PROVIDER_PRESETS, providerPreset } from '../core/config/presets';
import type { SimAuth, SimBehaviour, SimKey, SimService, SimulatorConfig } from './types';

export const DEFAULT_SIMULATOR_PORT = 7311;

const TOP = ['host', 'port', 'services'] as const;
const SERVICE = ['name', 'provider', 'basePath', 'auth', 'keys', 'behaviour'] as const;

/** How a provider preset's probe sends the key, as the simulator checks it (a basic-auth user name is not checked). */
export function presetSimAuth(providerId: string): SimAuth {
  const auth = providerPreset(providerId)?.auth;
  if (!auth) throw new Error(`unknown provider '${providerId}'`);
  return auth.type === 'basic' ? { type: 'basic' } : auth;
}
const KEY = ['value', 'label', 'revoked', 'propagation'] as const;

/** Parses a simulator config file (JSON with comments). Errors carry file, JSON path and line/column. */
export function loadSimulatorConfig(text: string, file: string): { config: SimulatorConfig; errors: ConfigError[] } {
  const r = new JsoncReader(text, file);
  const config: SimulatorConfig = { services: [] };
  const root = r.root;
  if (!r.expectObject(root)) return { config, errors: r.errors };
  r.checkKnown(root, TOP);
  const host = r.string(r.prop(root, 'host'), { nonEmpty: true });
  if (host !== undefined) config.host = host;
  const port = r.number(r.prop(root, 'port'), { integer: true, min: 0, max: 65535 });
  if (port !== undefined) config.port = port;
  const services = r.prop(root, 'services');
  if (!services) r.errorAt(root.node.offset, 'services', "missing 'services'");
  else if (r.expectArray(services)) {
    for (const at of r.items(services)) {
      const before = r.errorCount();
      const svc = readService(r, at);
      if (svc && r.errorCount() === before) {
        if (config.services.some((s) => s.name === svc.name)) r.error(at, `duplicate service name '${svc.name}'`);
        else config.services.push(svc);
      }
    }
  }
  return { config, errors: r.errors };
}

function readService(r: JsoncReader, at: Located): SimService | undefined {
  if (!r.expectObject(at)) return undefined;
  r.checkKnown(at, SERVICE);
  const name = r.string(r.prop(at, 'name'), { pattern: /^[a-z0-9][a-z0-9._-]*$/i, patternHint: 'letters, digits, dot, dash, underscore' });
  if (name === undefined) {
    if (!r.prop(at, 'name')) r.error(at, "missing 'name'");
    return undefined;
  }
  const providerAt = r.prop(at, 'provider');
  const provider = r.string(providerAt, { oneOf: PROVIDER_PRESETS.map((p) => p.id) });
  const auth = provider !== undefined && !r.prop(at, 'auth') ? presetSimAuth(provider) : readAuth(r, r.prop(at, 'auth'), at);
  const keys: SimKey[] = [];
  const keysAt = r.prop(at, 'keys');
  if (r.expectArray(keysAt)) for (const k of r.items(keysAt)) {
    const key = readKey(r, k);
    if (key) keys.push(key);
  }
  const svc: SimService = { name, auth: auth ?? { type: 'bearer' }, keys, ...(provider !== undefined ? { provider } : {}) };
  const basePath = r.string(r.prop(at, 'basePath'), { pattern: /^\//, patternHint: "must start with '/'" });
  if (basePath !== undefined) svc.basePath = basePath;
  const behaviourAt = r.prop(at, 'behaviour');
  if (r.expectObject(behaviourAt)) {
    const problems = behaviourProblems(r.value(behaviourAt));
    for (const p of problems) {
      let node: Located = behaviourAt;
      for (const part of p.path) node = r.prop(node, part) ?? node;
      r.error(node, p.message);
    }
    if (problems.length === 0) svc.behaviour = r.value(behaviourAt) as SimBehaviour;
  }
  return svc;
}

function readAuth(r: JsoncReader, at: Located | undefined, service: Located): SimAuth | undefined {
  if (!at) {
    r.error(service, "missing 'auth' (bearer, header, query or basic)");
    return undefined;
  }
  if (!r.expectObject(at)) return undefined;
  const type = r.string(r.prop(at, 'type'), { oneOf: ['bearer', 'header', 'query', 'basic'] });
  if (type === 'header' || type === 'query') {
    const name = r.string(r.prop(at, 'name'), { nonEmpty: true });
    if (name === undefined) {
      if (!r.prop(at, 'name')) r.error(at, `auth type '${type}' needs a 'name'`);
      return undefined;
    }
    return { type, name };
  }
  if (type === 'bearer' || type === 'basic') return { type };
  if (!r.prop(at, 'type')) r.error(at, "missing 'type'");
  return undefined;
}

function readKey(r: JsoncReader, at: Located): SimKey | undefined {
  if (at.node.type === 'string') {
    const value = r.string(at, { nonEmpty: true });
    return value === undefined ? undefined : { value };
  }
  if (!r.expectObject(at)) return undefined;
  r.checkKnown(at, KEY);
  const value = r.string(r.prop(at, 'value'), { nonEmpty: true });
  if (value === undefined) {
    if (!r.prop(at, 'value')) r.error(at, "missing 'value'");
    return undefined;
  }
  const key: SimKey = { value };
  const label = r.string(r.prop(at, 'label'));
  if (label !== undefined) key.label = label;
  const revoked = r.boolean(r.prop(at, 'revoked'));
  if (revoked !== undefined) key.revoked = revoked;
  const p = r.prop(at, 'propagation');
  if (r.expectObject(p)) {
    r.checkKnown(p, ['seconds', 'requests']);
    key.propagation = {};
    const seconds = r.number(r.prop(p, 'seconds'), { min: 0 });
    if (seconds !== undefined) key.propagation.seconds = seconds;
    const requests = r.number(r.prop(p, 'requests'), { min: 0, integer: true });
    if (requests !== undefined) key.propagation.requests = requests;
  }
  return key;
}

/**
 * Checks a behaviour object (from a config file or a `POST …/behaviour` body, where `null` clears a property).
 * Returns value-free problems with the path inside the behaviour object.
 */
export function behaviourProblems(value: unknown): Array<{ path: string[]; message: string }> {
  const problems: Array<{ path: string[]; message: string }> = [];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [{ path: [], message: 'expected an object' }];
  const num = (v: unknown, path: string[], opts: { integer?: boolean; min?: number; max?: number } = {}) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) return problems.push({ path, message: 'expected a number' });
    if (opts.integer && !Number.isInteger(v)) return problems.push({ path, message: 'must be an integer' });
    if (v < (opts.min ?? 0)) return problems.push({ path, message: `must be at least ${opts.min ?? 0}` });
    if (opts.max !== undefined && v > opts.max) return problems.push({ path, message: `must be at most ${opts.max}` });
    return 0;
  };
  const obj = (v: unknown, path: string[], known: Record<string, (x: unknown, p: string[]) => unknown>, required: string[] = []) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return problems.push({ path, message: 'expected an object' });
    for (const r of required) if (!(r in v)) problems.push({ path, message: `missing '${r}'` });
    for (const [k, x] of Object.entries(v)) {
      const check = known[k];
      if (!check) problems.push({ path: [...path, k], message: `unknown property '${k}' (expected one of: ${Object.keys(known).join(', ')})` });
      else if (!(x === null && path.length === 0)) check(x, [...path, k]);
    }
    return 0;
  };
  const status = (x: unknown, p: string[]) => num(x, p, { integer: true, min: 100, max: 599 });
  obj(value, [], {
    latencyMs: (x, p) => num(x, p, { max: 600_000 }),
    hang: (x, p) => typeof x !== 'boolean' && problems.push({ path: p, message: 'expected true or false' }),
    rateLimit: (x, p) =>
      obj(x, p, {
        next: (y, q) => num(y, q, { integer: true }),
        limit: (y, q) => num(y, q, { integer: true }),
        windowMs: (y, q) => num(y, q, { min: 1 }),
        retryAfterSeconds: (y, q) => num(y, q, { integer: true }),
      }),
    flap: (x, p) => obj(x, p, { up: (y, q) => num(y, q, { integer: true }), down: (y, q) => num(y, q, { integer: true }), status }, ['up', 'down']),
    failNext: (x, p) => obj(x, p, { count: (y, q) => num(y, q, { integer: true }), status }, ['count']),
    revokedStatus: (x, p) => x !== 401 && x !== 403 && problems.push({ path: p, message: 'must be 401 or 403' }),
  });
  return problems;
}
