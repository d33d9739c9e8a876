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
  {
    id: 'zoho-oauth-token',
    provider: 'Zoho',
    title: 'Zoho OAuth access or refresh token',
    // Zoho's OAuth tokens (CRM, Books, Desk, …) as its token endpoint returns them: `1000.`, 32 hex, `.`, 32 hex.
    pattern: /1000\.[a-f0-9]{32}\.[a-f0-9]{32}/,
    keywords: ['1000.'],
    minEntropy: 3,
    severity: 'error',
    envName: 'ZOHO_REFRESH_TOKEN',
    rotationUrl: 'https://api-console.zoho.com/',
  },
  {
    id: 'klaviyo-private-key',
    provider: 'Klaviyo',
    title: 'Klaviyo private API key',
    // Private keys are `pk_` and 34 hex digits (newer ones put 6 characters and `_` before them); the public key
    // (site id) is 6 characters and no secret.
    pattern: /pk_(?:[A-Za-z0-9]{6}_)?[a-f0-9]{34}/,
    validWhen: (value) => /\d/.test(value.slice(-34)) && /[a-f]/.test(value.slice(-34)),
    keywords: ['pk_'],
    minEntropy: 3,
    severity: 'error',
    envName: 'KLAVIYO_PRIVATE_API_KEY',
    rotationUrl: 'https://www.klaviyo.com/settings/account/api-keys',
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
  'zoho-oauth-token': {
    positives: [(g) => '1000.' + g.hex(32) + '.' + g.hex(32), (g) => ({ name: 'ZOHO_REFRESH_TOKEN', value: '1000.' + g.hex(32) + '.' + g.hex(32) })],
    negatives: [
      '1000.' + '0'.repeat(32) + '.' + '0'.repeat(32),
      // Zoho's documentation masks the middle with x.
      '1000.' + '41d9' + 'x'.repeat(24) + 'c2d1.' + '8fcc' + 'x'.repeat(24) + '125f',
      // A longer number before the dot: `21000.` starts no token.
      '21000.' + '3f9c2e7b1d5a8f4c6e0b9d2a7f3c5e1b.' + '9d2a7f3c5e1b8a4f6c0e3b7d1a5f9c2e',
    ],
  },
  'klaviyo-private-key': {
    positives: [(g) => 'pk_' + 'a1' + g.hex(32), (g) => ({ name: 'KLAVIYO_API_KEY', value: 'pk_' + g.alnum(6) + '_' + '9f' + g.hex(32) })],
    negatives: ['pk_' + 'x'.repeat(34), 'pk_' + '0'.repeat(34), 'pk_live_' + 'Zq7wLk2Rt9Vb4Nm6Xc1Hd8Jf3G', 'pk_' + 'a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4e5f6a1b2'],
  },
});
