import { probeUrlFor, type ServiceConfig } from '../config/index';
import { checkTransport } from '../net/transport';
import type { Outcome } from '../vocabulary/outcome';
import type { HostApprovals } from './approval';
import { probe } from './probe';

/** What a live check says of a found key: the provider accepts it, refuses it, or could not tell. */
export type Liveness = 'live' | 'revoked' | 'unknown';

export interface LiveCheckResult {
  liveness: Liveness;
  outcome: Outcome;
  status?: number;
  host: string;
  /** Value-free: status, host, latency. */
  detail: string;
  checkedAt: string;
}

export function livenessOf(outcome: Outcome): Liveness {
  return outcome === 'valid' ? 'live' : outcome === 'rejected' ? 'revoked' : 'unknown';
}

export interface LiveCheckOptions {
  /** Read again after asking: an approval just given is recorded in the store, not in an earlier copy of it. */
  approvals: () => HostApprovals;
  /** Asks the user (the prompt every probe uses); true when approved and recorded. */
  approve: (service: string, host: string) => Promise<boolean>;
  environment?: string;
  signal?: AbortSignal;
}

/**
 * *Check if this key is live*: one read-only probe of a found key through its service's (preset) endpoint, only to
 * a host the user approved for that service (asked first; refused → nothing is sent). Never returns the key.
 */
export async function checkKeyLive(service: ServiceConfig, key: string, options: LiveCheckOptions): Promise<LiveCheckResult | { refused: string }> {
  const url = probeUrlFor(service, options.environment ?? service.environments[0]?.name ?? 'dev');
  const transport = checkTransport(url);
  const checkedAt = new Date().toISOString();
  if (!transport.ok) return { liveness: 'unknown', outcome: 'misconfigured', host: '', detail: transport.reason, checkedAt };
  if (!options.approvals().isApproved(service.name, transport.host) && !(await options.approve(service.name, transport.host))) return { refused: transport.host };
  const result = await probe({ ...service.probe, service: service.name, url }, key, { approvals: options.approvals(), ...(options.signal ? { signal: options.signal } : {}) });
  const what = result.status !== undefined ? `HTTP ${result.status}` : (result.detail ?? result.outcome);
  return { liveness: livenessOf(result.outcome), outcome: result.outcome, ...(result.status !== undefined ? { status: result.status } : {}), host: transport.host, detail: `${what} from ${transport.host} in ${result.latencyMs} ms`, checkedAt };
}
