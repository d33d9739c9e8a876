import type { LoadedConfig } from '../../core/config/index';
import { probeUrlFor } from '../../core/config/index';
import type { KeyStore } from '../../core/keychain/keyStore';
import type { ValidationResult } from '../../core/keychain/metadata';
import type { Slot } from '../../core/vocabulary/slot';
import { NotApprovedError, probe } from '../../core/probe/index';
import { checkTransport } from '../../core/net/transport';
import type { ApprovalStore, ProbeResult } from '../../core/probe/index';
import type { Validator } from '../../core/rotation/index';

export interface ProbeValidatorDeps {
  store: () => KeyStore;
  config: () => Promise<LoadedConfig | undefined>;
  approvals: () => ApprovalStore;
  /** Asks the user to approve sending the service's keys to `host`; true when approved and recorded. */
  approve: (service: string, host: string) => Promise<boolean>;
}

/**
 * "Validate now" and the rotation's validation gate: one probe of one slot's key to the service's
 * configured endpoint, only to a host the user approved (asked here when it is not yet). The result
 * carries the outcome and a value-free detail, never the key.
 */
export class ProbeValidator implements Validator {
  constructor(private readonly deps: ProbeValidatorDeps) {}

  async validate(service: string, environment: string, slot: Slot): Promise<ValidationResult> {
    const config = (await this.deps.config())?.services.find((s) => s.name === service);
    if (!config) return { ok: false, outcome: 'misconfigured', detail: `${service} has no probe: add it to .rotation-ready.json to validate its keys` };
    const url = probeUrlFor(config, environment);
    const transport = checkTransport(url);
    if (!transport.ok) return { ok: false, outcome: 'misconfigured', detail: transport.reason };
    const approvals = this.deps.approvals();
    if (!approvals.isApproved(service, transport.host) && !(await this.deps.approve(service, transport.host))) {
      return { ok: false, outcome: 'misconfigured', detail: `sending ${service}'s keys to ${transport.host} was not approved; nothing was sent` };
    }
    const key = await this.deps.store().read({ service, environment }, slot);
    if (key === undefined) return { ok: false, outcome: 'misconfigured', detail: `no ${slot} key stored` };
    try {
      const result = await probe(
        {
          service,
          url,
          method: config.probe.method,
          auth: config.probe.auth,
          headers: config.probe.headers,
          ...(config.probe.body !== undefined ? { body: config.probe.body } : {}),
          ...(config.probe.successStatus ? { successStatus: config.probe.successStatus } : {}),
          ...(config.probe.successField !== undefined ? { successField: config.probe.successField } : {}),
          timeoutMs: config.probe.timeoutMs,
        },
        key,
        { approvals: this.deps.approvals() },
      );
      return { ok: result.outcome === 'valid', outcome: result.outcome, detail: describe(result, transport.host) };
    } catch (error) {
      if (error instanceof NotApprovedError) return { ok: false, outcome: 'misconfigured', detail: error.message };
      throw error;
    }
  }
}

function describe(result: ProbeResult, host: string): string {
  const what = result.status !== undefined ? `HTTP ${result.status}` : (result.detail ?? result.outcome);
  const extra = result.status !== undefined && result.detail && result.detail !== `HTTP ${result.status}` ? ` (${result.detail})` : '';
  return `${what}${extra} from ${host} in ${result.latencyMs} ms`;
}
