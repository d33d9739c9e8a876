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
]);

/** True- and false-positive samples, kept out of the runtime bundle (tree-shaken): see samples.ts. */
export const mapSamples = (): Record<string, RuleSamples> => ({
  'mapbox-public-token': { positives: [(g) => 'pk.' + 'eyJ' + g.b64url(60) + '.' + g.b64url(22)], negatives: ['pk.' + 'eyJ' + 'abc'] },
  'mapbox-secret-token': { positives: [(g) => 'sk.' + 'eyJ' + g.b64url(60) + '.' + g.b64url(22)], negatives: ['sk.' + 'eyJ' + 'abc'] },
});
