import { defineRules, type RuleSamples } from './types';

/** Package registries: a leaked publish token lets anyone ship a release under your name. */
export const packageRules = defineRules([
  {
    id: 'clojars-deploy-token',
    provider: 'Clojars',
    title: 'Clojars deploy token',
    pattern: /CLOJARS_[a-z0-9]{60}/,
    keywords: ['clojars_'],
    minEntropy: 3,
    severity: 'error',
    envName: 'CLOJARS_TOKEN',
    rotationUrl: 'https://clojars.org/tokens',
  },
  {
    id: 'docker-hub-token',
    provider: 'Docker Hub',
    title: 'Docker Hub personal access token',
    pattern: /dckr_pat_[A-Za-z0-9_-]{27}/,
    keywords: ['dckr_pat_'],
    minEntropy: 3,
    severity: 'error',
    envName: 'DOCKERHUB_TOKEN',
    rotationUrl: 'https://app.docker.com/settings/personal-access-tokens',
  },
  {
    id: 'npm-access-token',
    provider: 'npm',
    title: 'npm access token',
    pattern: /npm_[A-Za-z0-9]{36}/,
    keywords: ['npm_'],
    minEntropy: 3,
    severity: 'error',
    envName: 'NPM_TOKEN',
    rotationUrl: 'https://www.npmjs.com/settings/~/tokens',
  },
  {
    id: 'nuget-api-key',
    provider: 'NuGet',
    title: 'NuGet API key',
    pattern: /oy2[a-z0-9]{43}/,
    keywords: ['oy2'],
    minEntropy: 3,
    severity: 'error',
    envName: 'NUGET_API_KEY',
    rotationUrl: 'https://www.nuget.org/account/apikeys',
  },
  {
    id: 'pypi-upload-token',
    provider: 'PyPI',
    title: 'PyPI upload token',
    // A macaroon whose base64 header always starts with the encoded "pypi.org" location.
    pattern: /pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,}/,
    keywords: ['pypi-ageichlwas5vcmc'],
    minEntropy: 3,
    severity: 'error',
    envName: 'PYPI_TOKEN',
    rotationUrl: 'https://pypi.org/manage/account/token/',
  },
  {
    id: 'rubygems-api-key',
    provider: 'RubyGems',
    title: 'RubyGems API key',
    pattern: /rubygems_[a-f0-9]{48}/,
    keywords: ['rubygems_'],
    minEntropy: 3,
    severity: 'error',
    envName: 'GEM_HOST_API_KEY',
    rotationUrl: 'https://rubygems.org/profile/api_keys',
  },
]);

/** True- and false-positive samples, kept out of the runtime bundle (tree-shaken): see samples.ts. */
export const packageSamples = (): Record<string, RuleSamples> => ({
  'clojars-deploy-token': { positives: [(g) => 'CLOJARS_' + g.lowerAlnum(60)], negatives: ['CLOJARS_' + 'username'] },
  'docker-hub-token': { positives: [(g) => 'dckr_' + 'pat_' + g.b64url(27)], negatives: ['dckr_' + 'pat_' + 'abc'] },
  'npm-access-token': { positives: [(g) => 'npm_' + g.alnum(36)], negatives: ['npm_' + 'config_registry', 'npm_' + 'x'.repeat(36)] },
  'nuget-api-key': { positives: [(g) => 'oy2' + g.lowerAlnum(43)], negatives: ['oy2' + 'short'] },
  'pypi-upload-token': { positives: [(g) => 'pypi-' + 'AgEIcHlwaS5vcmc' + g.b64url(120)], negatives: ['pypi-' + 'AgEIcHlwaS5vcmc' + 'short'] },
  'rubygems-api-key': { positives: [(g) => 'rubygems_' + g.hex(48)], negatives: ['rubygems_' + 'version'] },
});
