import type { ServiceConfig } from '../../core/config/index';
import { providerPreset } from '../../core/config/presets';
import { rules } from '../../core/rules/index';
import type { ProviderInfo } from '../../core/rotation/index';

/**
 * Who issues a service's keys, for step 1 of a rotation ("get a new key from …, here"): the rule
 * whose key page is on the same registrable domain as the service's probe host (api.stripe.com →
 * Stripe, dashboard.stripe.com/apikeys). A host no rule knows (a company API, the simulator) gives
 * the service's own name and no link.
 */
export function providerFor(serviceName: string, service: ServiceConfig | undefined): ProviderInfo {
  // A service made from a provider preset names its provider, whatever host `baseUrl` points the probe at.
  const preset = service?.provider ? providerPreset(service.provider) : undefined;
  if (preset) return { name: preset.name, url: preset.keyPage };
  const domain = service ? baseDomain(hostname(service.probe.url)) : undefined;
  if (domain) {
    const rule = rules.find((r) => baseDomain(hostname(r.rotationUrl)) === domain);
    if (rule) return { name: rule.provider, url: rule.rotationUrl };
  }
  return { name: serviceName };
}

function hostname(url: string): string | undefined {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return undefined;
  }
}

/** The last two labels (good enough for the providers' own domains; not a public-suffix lookup). */
function baseDomain(host: string | undefined): string | undefined {
  if (!host || /^[\d.]+$/.test(host) || host.includes(':') || !host.includes('.')) return undefined;
  return host.split('.').slice(-2).join('.');
}
