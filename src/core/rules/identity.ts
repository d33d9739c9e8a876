import { defineRules, type RuleSamples } from './types';

/** Identity providers. */
export const identityRules = defineRules([
  {
    id: 'okta-api-token',
    provider: 'Okta',
    title: 'Okta API token',
    // `00` + 40 characters: no prefix of its own, so the name (okta) is what identifies it.
    pattern: /00[A-Za-z0-9_-]{40}/,
    // `okta` as a word of the name (`OKTA_API_TOKEN`, `oktaToken`, `apiOkta`), not letters inside another (`rookTable`).
    nameHint: /(?:^|[^A-Za-z])[Oo][Kk][Tt][Aa]|[a-z]Okta/,
    keywords: ['okta'],
    minEntropy: 3,
    severity: 'error',
    envName: 'OKTA_API_TOKEN',
    rotationUrl: 'https://help.okta.com/en-us/content/topics/security/api.htm',
  },
  {
    id: 'intra42-client-secret',
    provider: 'Intra 42',
    title: '42 intranet (Intra) API client secret',
    // The 42 network's OAuth applications: `s-s4t2ud-` (or `s-s4t2af-`) and 64 hexadecimal digits.
    pattern: /s-s4t2(?:ud|af)-[a-f0-9]{64}/,
    keywords: ['s-s4t2ud-', 's-s4t2af-'],
    minEntropy: 3,
    severity: 'error',
    envName: 'INTRA42_CLIENT_SECRET',
    rotationUrl: 'https://profile.intra.42.fr/oauth/applications',
  },
  {
    id: 'stytch-secret',
    provider: 'Stytch',
    title: 'Stytch project secret',
    // A project's secret, paired with its `project-live-…` id for Basic auth: `secret-live-` or `secret-test-` and a
    // base64url body ending in `=` (the shape Stytch's dashboard hands out; its `public-token-…` is public).
    pattern: /secret-(?:live|test)-[A-Za-z0-9_-]{28,48}={0,2}/,
    keywords: ['secret-live-', 'secret-test-'],
    minEntropy: 3.5,
    severity: 'error',
    envName: 'STYTCH_SECRET',
    rotationUrl: 'https://stytch.com/dashboard/api-keys',
  },
]);

/** True- and false-positive samples, kept out of the runtime bundle (tree-shaken): see samples.ts. */
export const identitySamples = (): Record<string, RuleSamples> => ({
  'okta-api-token': {
    positives: [(g) => ({ name: 'OKTA_API_TOKEN', value: '00' + g.b64url(40) }), (g) => ({ name: 'oktaToken', value: '00' + g.alnum(40) })],
    negatives: [{ name: 'OKTA_API_TOKEN', value: '00' + 'x'.repeat(40) }, { name: 'OKTA_ORG_URL', value: 'https://dev-123456.okta.com' }, { name: 'rookTable', value: '00' + 'Q7vK2mX9pL4wZ8tN3bH6sJ1cF5dG0aYeR2uI7oP4' }],
  },
  'intra42-client-secret': {
    positives: [(g) => 's-s4t2ud-' + g.hex(64), (g) => ({ name: 'FT_CLIENT_SECRET', value: 's-s4t2af-' + g.hex(64) })],
    negatives: ['s-s4t2ud-' + '0'.repeat(64), 's-s4t2ud-' + 'abc'],
  },
  'stytch-secret': {
    positives: [(g) => 'secret-' + 'live-' + g.b64url(35) + '=', (g) => 'secret-' + 'test-' + g.b64url(36) + '='],
    negatives: ['secret-' + 'test-' + 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'secret-' + 'test-' + '12345678901234567890abcdabcd', 'secret-' + 'live-' + 'OMITTED'],
  },
});
