import { isLoopbackHost } from './loopback';

/** Why a URL may not carry a key at all, whatever the approvals say. */
export type TransportCheck = { ok: true; host: string; loopback: boolean } | { ok: false; reason: string };

/** HTTPS anywhere; plain HTTP only to loopback (127.0.0.0/8, ::1, localhost); never credentials in the URL. */
export function checkTransport(url: string): TransportCheck {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return { ok: false, reason: 'not an absolute URL' };
  }
  if (u.username || u.password) return { ok: false, reason: 'the URL contains credentials' };
  const loopback = isLoopbackHost(u.hostname);
  if (u.protocol === 'https:') return { ok: true, host: u.host.toLowerCase(), loopback };
  if (u.protocol === 'http:' && loopback) return { ok: true, host: u.host.toLowerCase(), loopback };
  if (u.protocol === 'http:') return { ok: false, reason: `plain http to ${u.hostname} would expose the key; use https (plain http is allowed only to loopback)` };
  return { ok: false, reason: `unsupported protocol ${u.protocol}` };
}
