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
]);

/** True- and false-positive samples, kept out of the runtime bundle (tree-shaken): see samples.ts. */
export const identitySamples = (): Record<string, RuleSamples> => ({
  'okta-api-token': {
    positives: [(g) => ({ name: 'OKTA_API_TOKEN', value: '00' + g.b64url(40) }), (g) => ({ name: 'oktaToken', value: '00' + g.alnum(40) })],
    negatives: [{ name: 'OKTA_API_TOKEN', value: '00' + 'x'.repeat(40) }, { name: 'OKTA_ORG_URL', value: 'https://dev-123456.okta.com' }, { name: 'rookTable', value: '00' + 'Q7vK2mX9pL4wZ8tN3bH6sJ1cF5dG0aYeR2uI7oP4' }],
  },
});
