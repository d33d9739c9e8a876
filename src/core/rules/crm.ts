import { defineRules, type RuleSamples } from './types';

/** CRM and sales platforms. */
export const crmRules = defineRules([
  {
    id: 'hubspot-private-app-token',
    provider: 'HubSpot',
    title: 'HubSpot private app access token',
    // `pat-` + the account's data-centre region (na1, na2, eu1, ap1…) + a UUID.
    pattern: /pat-(?:na|eu|ap)[0-9]-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/,
    keywords: ['pat-na', 'pat-eu', 'pat-ap'],
    minEntropy: 3,
    severity: 'error',
    envName: 'HUBSPOT_ACCESS_TOKEN',
    rotationUrl: 'https://developers.hubspot.com/docs/api/private-apps',
  },
  {
    id: 'hubspot-api-key',
    provider: 'HubSpot',
    title: 'HubSpot API key (legacy hapikey)',
    // The account-wide key HubSpot issued before private apps: a bare UUID, so only its name says what it is. HubSpot
    // stopped accepting them in 2022, but they still sit in code and history, and still name an account to clean up.
    pattern: /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/,
    nameHint: /hubspot|hapikey/i,
    keywords: ['hubspot', 'hapikey'],
    minEntropy: 3,
    severity: 'error',
    envName: 'HUBSPOT_API_KEY',
    rotationUrl: 'https://developers.hubspot.com/docs/api/migrate-an-api-key-integration-to-a-private-app',
  },
  {
    id: 'salesforce-access-token',
    provider: 'Salesforce',
    title: 'Salesforce session or OAuth access token',
    // The 15-character org id (`00D…`), `!`, then the session part.
    pattern: /00D[A-Za-z0-9]{12}![A-Za-z0-9._]{80,120}/,
    keywords: ['00d'],
    minEntropy: 3,
    severity: 'error',
    envName: 'SALESFORCE_ACCESS_TOKEN',
    rotationUrl: 'https://help.salesforce.com/s/articleView?id=sf.remoteaccess_revoke_token.htm',
  },
]);

/** True- and false-positive samples, kept out of the runtime bundle (tree-shaken): see samples.ts. */
export const crmSamples = (): Record<string, RuleSamples> => ({
  'hubspot-api-key': {
    positives: [(g) => ({ name: 'HUBSPOT_API_KEY', value: g.uuid() }), (g) => ({ name: 'hapikey', value: g.uuid() }), (g) => ({ name: 'hubspotKey', value: g.uuid() })],
    negatives: [{ name: 'HUBSPOT_API_KEY', value: '00000000-0000-0000-0000-000000000000' }, { name: 'HUBSPOT_API_KEY', value: 'your-hubspot-key' }],
  },
  'hubspot-private-app-token': {
    positives: [(g) => 'pat-na1-' + g.uuid(), (g) => 'pat-na2-' + g.uuid(), (g) => 'pat-eu1-' + g.uuid()],
    negatives: ['pat-na1-' + '00000000-0000-0000-0000-000000000000', 'pat-xx1-' + 'abcdef01-2345-6789-abcd-ef0123456789'],
  },
  'salesforce-access-token': { positives: [(g) => '00D' + g.alnum(12) + '!' + g.alnum(2) + '.' + g.alnum(93)], negatives: ['00D' + 'x'.repeat(12) + '!' + 'x'.repeat(96), '00D' + 'abc' + '!short'] },
});
