import { defineRules, type RuleSamples } from './types';

/** Maps and location APIs. */
export const mapRules = defineRules([
  {
    id: 'mapbox-public-token',
    provider: 'Mapbox',
    title: 'Mapbox public access token',
    pattern: /pk\.eyJ[A-Za-z0-9_-]{20,}\.[A-Za-z0-9_-]{20,}/,
    keywords: ['pk.eyj'],
    minEntropy: 3,
    severity: 'info',
    publishable: true,
    envName: 'MAPBOX_ACCESS_TOKEN',
    rotationUrl: 'https://account.mapbox.com/access-tokens/',
  },
  {
    id: 'mapbox-secret-token',
    provider: 'Mapbox',
    title: 'Mapbox secret access token',
    pattern: /sk\.eyJ[A-Za-z0-9_-]{20,}\.[A-Za-z0-9_-]{20,}/,
    keywords: ['sk.eyj'],
    minEntropy: 3,
    severity: 'error',
    envName: 'MAPBOX_SECRET_TOKEN',
    rotationUrl: 'https://account.mapbox.com/access-tokens/',
  },
  {
    id: 'samsara-api-token',
    provider: 'Samsara',
    title: 'Samsara API token',
    // `samsara_api_` and 30 letters and digits (Samsara's dashboard, Settings > API Tokens; its SDKs' examples).
    pattern: /samsara_api_[A-Za-z0-9]{26,40}/,
    keywords: ['samsara_api_'],
    minEntropy: 3,
    severity: 'error',
    envName: 'SAMSARA_API_TOKEN',
    rotationUrl: 'https://cloud.samsara.com/settings/api-tokens',
  },
]);

/** True- and false-positive samples, kept out of the runtime bundle (tree-shaken): see samples.ts. */
export const mapSamples = (): Record<string, RuleSamples> => ({
  'mapbox-public-token': { positives: [(g) => 'pk.' + 'eyJ' + g.b64url(60) + '.' + g.b64url(22)], negatives: ['pk.' + 'eyJ' + 'abc'] },
  'mapbox-secret-token': { positives: [(g) => 'sk.' + 'eyJ' + g.b64url(60) + '.' + g.b64url(22)], negatives: ['sk.' + 'eyJ' + 'abc'] },
  'samsara-api-token': {
    positives: [(g) => 'samsara_' + 'api_' + g.alnum(30)],
    // The prefix alone, in names and log keys (`samsara_api_token`, `samsara_api_rate_limit_hit`), and a placeholder.
    negatives: ['samsara_' + 'api_' + 'x'.repeat(30), 'samsara_' + 'api_rate_limit_hit', 'samsara_' + 'api_token'],
  },
});
