import type { HttpMethod, ProbeAuth } from '../config/types';
import type { HostApprovals } from './approval';
import { checkTransport } from '../net/transport';
import type { ErrorClass, ProbeResult } from './types';
import type { Outcome } from '../vocabulary/outcome';

export interface ProbeRequest {
  service: string;
  url: string;
  method: HttpMethod;
  auth: ProbeAuth;
  headers?: Record<string, string>;
  body?: string;
  /** Absent: any 2xx. */
  successStatus?: number[];
  /** The answer's top-level JSON field that must be `true` for the key to count as valid (APIs that answer 200 to a bad key). */
  successField?: string;
  timeoutMs: number;
}

/** Thrown (before any request) when the service→host binding is not approved. */
export class NotApprovedError extends Error {
  constructor(
    readonly service: string,
    readonly host: string,
  ) {
    super(`sending ${service}'s key to ${host} has not been approved`);
    this.name = 'NotApprovedError';
  }
}

/**
 * Sends one probe with one key and classifies the answer, trufflehog-style: more than yes/no.
 * The key goes only into this request, only to an approved host over HTTPS (HTTP to loopback),
 * and redirects are not followed (a redirect would carry a query-string key to another host).
 * The user's `signal` aborting rethrows its reason; the per-request timeout is an `unknown` outcome.
 */
export async function probe(req: ProbeRequest, key: string, options: { approvals: HostApprovals; signal?: AbortSignal }): Promise<ProbeResult> {
  const at = new Date().toISOString();
  const transport = checkTransport(req.url);
  if (!transport.ok) return { outcome: 'misconfigured', errorClass: 'insecure-url', detail: transport.reason, latencyMs: 0, at };
  if (!options.approvals.isApproved(req.service, transport.host)) throw new NotApprovedError(req.service, transport.host);
  options.signal?.throwIfAborted();

  const url = new URL(req.url);
  const headers: Record<string, string> = { 'user-agent': 'rotation-ready-probe', ...(req.headers ?? {}) };
  switch (req.auth.type) {
    case 'bearer':
      headers.authorization = `Bearer ${key}`;
      break;
    case 'header':
      headers[req.auth.name] = key;
      break;
    case 'query':
      url.searchParams.set(req.auth.name, key);
      break;
    case 'basic':
      headers.authorization = `Basic ${Buffer.from(req.auth.username !== undefined ? `${req.auth.username}:${key}` : `${key}:`).toString('base64')}`;
      break;
  }
  const timeout = AbortSignal.timeout(req.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  const started = performance.now();
  try {
    const res = await fetch(url, { method: req.method, headers, body: req.body ?? null, redirect: 'manual', signal });
    const latencyMs = Math.round(performance.now() - started);
    const classified = classifyStatus(res.status, req.successStatus, res.headers.get('retry-after'));
    if (classified.outcome === 'valid' && req.successField !== undefined) {
      // Only this one field is looked at; the body is neither kept nor reported (it could echo the key).
      const ok = await successFieldIsTrue(res, req.successField);
      return ok ? { ...classified, latencyMs, at } : { outcome: 'rejected', status: res.status, detail: `HTTP ${res.status} without ${req.successField}: true`, latencyMs, at };
    }
    // Otherwise the body is never read: it could echo the key, and nothing in it changes the outcome.
    await res.body?.cancel().catch(() => undefined);
    return { ...classified, latencyMs, at };
  } catch (error) {
    if (options.signal?.aborted) throw options.signal.reason;
    const latencyMs = Math.round(performance.now() - started);
    const errorClass = timeout.aborted ? 'timeout' : networkErrorClass(error);
    return { outcome: 'unknown', errorClass, detail: errorClass === 'timeout' ? `no answer within ${req.timeoutMs} ms` : networkErrorCode(error), latencyMs, at };
  }
}

const MAX_SUCCESS_BODY = 64 * 1024;

/** Reads at most 64 KiB of a JSON answer and checks one top-level field; anything else (too long, not JSON) is not a success. */
async function successFieldIsTrue(res: Response, field: string): Promise<boolean> {
  const reader = res.body?.getReader();
  if (!reader) return false;
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > MAX_SUCCESS_BODY) return false;
      chunks.push(value);
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  try {
    const parsed: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    return typeof parsed === 'object' && parsed !== null && (parsed as Record<string, unknown>)[field] === true;
  } catch {
    return false;
  }
}

export function classifyStatus(
  status: number,
  successStatus: number[] | undefined,
  retryAfter: string | null = null,
): { outcome: Outcome; status: number; errorClass?: ErrorClass; detail?: string; retryAfterMs?: number } {
  const ok = successStatus ? successStatus.includes(status) : status >= 200 && status < 300;
  if (ok) return { outcome: 'valid', status };
  if (status === 401 || status === 403) return { outcome: 'rejected', status, detail: `HTTP ${status}` };
  if (status === 429) {
    const retryAfterMs = parseRetryAfter(retryAfter);
    return { outcome: 'rate-limited', status, detail: 'HTTP 429', ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
  }
  if (status >= 500 || status === 408) return { outcome: 'unknown', status, errorClass: 'http-status', detail: `HTTP ${status}` };
  if (status >= 300 && status < 400) return { outcome: 'misconfigured', status, errorClass: 'redirect', detail: `redirect (${status}): the probe URL should answer directly, not redirect (e.g. to a login page)` };
  if (status === 404 || status === 405 || status === 410) return { outcome: 'misconfigured', status, errorClass: 'not-found', detail: `HTTP ${status}: check the probe URL and method` };
  return { outcome: 'misconfigured', status, errorClass: 'http-status', detail: `unexpected HTTP ${status}` };
}

/** Retry-After is delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  const date = Date.parse(v);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function errorCode(error: unknown): string | undefined {
  let e: unknown = error;
  for (let depth = 0; depth < 4 && e && typeof e === 'object'; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

function networkErrorCode(error: unknown): string {
  return errorCode(error) ?? 'network error';
}

export function networkErrorClass(error: unknown): ErrorClass {
  const code = errorCode(error) ?? '';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME') return 'dns';
  if (code === 'ECONNREFUSED') return 'connection-refused';
  if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'UND_ERR_SOCKET' || code === 'UND_ERR_CLOSED') return 'connection-reset';
  if (code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'ETIMEDOUT') return 'timeout';
  if (/^(ERR_TLS|ERR_SSL|CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED|ERR_OSSL)/.test(code)) return 'tls';
  return 'network';
}
