import { isIP } from 'node:net';

/**
 * Loopback hosts: the only ones a key may be sent to over plain HTTP, and the only peers
 * the simulator's admin routes answer. `localhost` counts (RFC 6761 reserves it for loopback).
 */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  if (isIP(h) === 6) return h === '::1' || /^::ffff:127\./.test(h) || h === '0:0:0:0:0:0:0:1';
  return false;
}

/** A socket's remote address (`127.0.0.1`, `::1`, `::ffff:127.0.0.1`) is loopback. */
export function isLoopbackAddress(address: string | undefined): boolean {
  return address !== undefined && isIP(address.replace(/^\[|\]$/g, '')) !== 0 && isLoopbackHost(address);
}
