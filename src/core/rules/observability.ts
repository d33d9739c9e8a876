import { defineRules, type RuleSamples } from './types';

/**
 * An org token is `sntrys_<base64 JSON of its claims: iat, url, org…>_<secret>`: a value whose claims part does not
 * decode to a JSON object (edited by hand, cut short) is not one Sentry issued. User tokens (`sntryu_`) have no claims.
 */
function isSentryOrgToken(value: string): boolean {
  if (!value.startsWith('sntrys_')) return true;
  const claims = value.slice('sntrys_'.length).split('_')[0]!;
  if (claims.length > 8192) return false;
  try {
    const v: unknown = JSON.parse(Buffer.from(claims, 'base64').toString('utf8'));
    return typeof v === 'object' && v !== null && !Array.isArray(v);
  } catch {
    return false;
  }
}

/** Monitoring and error-tracking services. */
export const observabilityRules = defineRules([
  {
    id: 'datadog-api-key',
    provider: 'Datadog',
    title: 'Datadog API or application key',
    pattern: /[a-f0-9]{32}(?:[a-f0-9]{8})?/,
    // `ddKey` (a React provider's prop, a config's `dd_key`): the whole name, `dd` and `key`; `dd` inside a name is anything.
    nameHint: /datadog|\bdd[_-]?(?:api|app)|^dd[_-]?key$/i,
    keywords: ['datadog', 'dd_', 'dd-api', 'dd-app', 'ddapi', 'ddapp'],
    minEntropy: 3,
    severity: 'error',
    envName: 'DD_API_KEY',
    rotationUrl: 'https://app.datadoghq.com/organization-settings/api-keys',
  },
  {
    id: 'dynatrace-api-token',
    provider: 'Dynatrace',
    title: 'Dynatrace API token',
    pattern: /dt0c01\.[A-Z0-9]{24}\.[A-Z0-9]{64}/,
    keywords: ['dt0c01.'],
    minEntropy: 3,
    severity: 'error',
    envName: 'DT_API_TOKEN',
    rotationUrl: 'https://docs.dynatrace.com/docs/manage/access-control/access-tokens',
  },
  {
    id: 'grafana-cloud-token',
    provider: 'Grafana',
    title: 'Grafana Cloud access policy token',
    pattern: /glc_[A-Za-z0-9+/]{32,400}={0,2}/,
    keywords: ['glc_'],
    minEntropy: 3,
    severity: 'error',
    envName: 'GRAFANA_CLOUD_TOKEN',
    rotationUrl: 'https://grafana.com/orgs',
  },
  {
    id: 'grafana-service-account-token',
    provider: 'Grafana',
    title: 'Grafana service account token',
    pattern: /glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}/,
    keywords: ['glsa_'],
    minEntropy: 3,
    severity: 'error',
    envName: 'GRAFANA_TOKEN',
    rotationUrl: 'https://grafana.com/docs/grafana/latest/administration/service-accounts/',
  },
  {
    id: 'new-relic-user-api-key',
    provider: 'New Relic',
    title: 'New Relic user API key',
    pattern: /NRAK-[A-Z0-9]{27}/,
    keywords: ['nrak-'],
    minEntropy: 3,
    severity: 'error',
    envName: 'NEW_RELIC_API_KEY',
    rotationUrl: 'https://one.newrelic.com/api-keys',
  },
  {
    id: 'new-relic-license-key',
    provider: 'New Relic',
    title: 'New Relic ingest license key',
    // 40 characters ending `NRAL`: 36 hex, or (the common current form) 32 hex or `eu01xx` + 26 hex, then `FFFF`.
    // The pattern stays two character classes before the literal so the engine can match from `NRAL`.
    pattern: /[a-z0-9]{32}[A-Fa-f0-9]{4}NRAL/,
    validWhen: (value) => /^(?:[a-f0-9]{32}|eu01xx[a-f0-9]{26})(?:FFFF|[a-f0-9]{4})NRAL$/.test(value),
    keywords: ['nral'],
    minEntropy: 3,
    severity: 'error',
    envName: 'NEW_RELIC_LICENSE_KEY',
    rotationUrl: 'https://one.newrelic.com/api-keys',
  },
  {
    id: 'new-relic-insights-key',
    provider: 'New Relic',
    title: 'New Relic Insights insert or query key',
    pattern: /NRI[IQ]-[A-Za-z0-9_-]{25,40}/,
    keywords: ['nrii-', 'nriq-'],
    minEntropy: 3,
    severity: 'error',
    envName: 'NEW_RELIC_INSERT_KEY',
    rotationUrl: 'https://one.newrelic.com/api-keys',
  },
  {
    id: 'new-relic-browser-key',
    provider: 'New Relic',
    title: 'New Relic browser monitoring key',
    // The `licenseKey` of the browser agent's snippet: it ships in every page, so it is publishable (info when shown).
    pattern: /NR(?:JS|BR)-[a-f0-9]{19}/,
    keywords: ['nrjs-', 'nrbr-'],
    minEntropy: 3,
    severity: 'info',
    publishable: true,
    envName: 'NEW_RELIC_BROWSER_KEY',
    rotationUrl: 'https://docs.newrelic.com/docs/browser/browser-monitoring/configuration/browser-license-key-app-id/',
  },
  {
    id: 'posthog-personal-api-key',
    provider: 'PostHog',
    title: 'PostHog personal API key',
    pattern: /phx_[A-Za-z0-9_]{43,48}/,
    keywords: ['phx_'],
    minEntropy: 3,
    severity: 'error',
    envName: 'POSTHOG_PERSONAL_API_KEY',
    rotationUrl: 'https://us.posthog.com/settings/user-api-keys',
  },
  {
    id: 'posthog-project-api-key',
    provider: 'PostHog',
    title: 'PostHog project API key',
    // The `phc_` key that posthog-js sends from every page: write-only event capture, public by design (publishable).
    pattern: /phc_[A-Za-z0-9_]{43,48}/,
    keywords: ['phc_'],
    minEntropy: 3,
    severity: 'info',
    publishable: true,
    envName: 'POSTHOG_PROJECT_API_KEY',
    rotationUrl: 'https://us.posthog.com/settings/project',
  },
  {
    id: 'sentry-auth-token',
    provider: 'Sentry',
    title: 'Sentry auth token',
    pattern: /(?:sntrys_eyJ[A-Za-z0-9+/=_-]{80,}|sntryu_[a-f0-9]{64})/,
    validWhen: isSentryOrgToken,
    keywords: ['sntrys_', 'sntryu_'],
    minEntropy: 3,
    severity: 'error',
    envName: 'SENTRY_AUTH_TOKEN',
    rotationUrl: 'https://sentry.io/settings/account/api/auth-tokens/',
  },
]);

/** True- and false-positive samples, kept out of the runtime bundle (tree-shaken): see samples.ts. */
export const observabilitySamples = (): Record<string, RuleSamples> => ({
  'datadog-api-key': { positives: [(g) => ({ name: 'DD_API_KEY', value: g.hex(32) }), (g) => ({ name: 'datadogAppKey', value: g.hex(40) }), (g) => ({ name: 'DD_APPLICATION_KEY', value: g.hex(40) }), (g) => ({ name: 'ddApiKey', value: g.hex(32) })], negatives: [{ name: 'DD_API_KEY', value: '<DATADOG_API_KEY>' }] },
  'dynatrace-api-token': { positives: [(g) => 'dt0c01.' + g.upperAlnum(24) + '.' + g.upperAlnum(64)], negatives: ['dt0c01.' + 'ABC'] },
  'grafana-cloud-token': { positives: [(g) => 'glc_' + g.base64(120)], negatives: ['glc_' + 'abc'] },
  'grafana-service-account-token': { positives: [(g) => 'glsa_' + g.alnum(32) + '_' + g.hex(8)], negatives: ['glsa_' + 'abc_def'] },
  'new-relic-user-api-key': { positives: [(g) => 'NRAK-' + g.upperAlnum(27)], negatives: ['NRAK-' + 'XXXXXXXXXXXXXXXXXXXXXXXXXXX'] },
  'new-relic-license-key': {
    positives: [(g) => g.hex(36) + 'NRAL', (g) => g.hex(32) + 'FFFF' + 'NRAL', (g) => 'eu01xx' + g.hex(26) + 'FFFF' + 'NRAL'],
    negatives: ['0'.repeat(36) + 'NRAL', 'zq' + '9k3m7p2w8x4v6t1r5y0u3i8o7p6l5k4j' + 'FFFF' + 'NRAL', '3f9c2b7e1d4a6f8c0b5e9d2a7c4f1b8e' + 'ABCD' + 'NRAL'],
  },
  'new-relic-insights-key': { positives: [(g) => 'NRII-' + g.b64url(32), (g) => 'NRIQ-' + g.b64url(32)], negatives: ['NRII-' + 'abc', 'NRIQ-' + 'x'.repeat(32)] },
  'new-relic-browser-key': { positives: [(g) => 'NRJS-' + g.hex(19), (g) => 'NRBR-' + g.hex(19)], negatives: ['NRJS-' + '0'.repeat(19), 'NRBR-' + 'xyz'] },
  'posthog-personal-api-key': { positives: [(g) => 'phx_' + g.alnum(43), (g) => 'phx_' + g.alnum(47)], negatives: ['phx_' + 'x'.repeat(43), 'phx_' + 'abc'] },
  'posthog-project-api-key': { positives: [(g) => 'phc_' + g.alnum(43)], negatives: ['phc_' + 'x'.repeat(43), 'phc_' + 'abc'] },
  'sentry-auth-token': {
    positives: [
      (g) => 'sntryu_' + g.hex(64),
      (g) => 'sntrys_' + Buffer.from(JSON.stringify({ iat: 1700000000 + Number(g.digits(6)), url: 'https://sentry.io', region_url: 'https://us.sentry.io', org: 'acme-' + g.lowerAlnum(6) })).toString('base64') + '_' + g.base64(43).replace(/=+$/, ''),
    ],
    // Claims that do not decode to JSON: a hand-edited or made-up org token.
    negatives: ['sntryu_' + 'abc', 'sntrys_' + 'eyJ' + 'Q3k9mZ2pX7vL4wR8tN1bH6sJ0cF5dG3a' + 'Kx7Lq2Vm9Wp4Zr8Ts1Yb6Nd3Hf0Jc5Gk2' + 'Mv7Qw4Ex9Rt1Ua6Io3Pl8As5Df2Gh7Jk0L' + '_' + 'u8Yt5Re2Wq9Op6Ia3Sd0Fg7Hj4Kl1Zx8Cv5B'],
  },
});
