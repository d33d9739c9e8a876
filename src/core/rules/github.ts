import { defineRules, type RuleSamples } from './types';

/** GitHub token formats: https://github.blog/2021-04-05-behind-githubs-new-authentication-token-formats/ */
const tokenUrl = 'https://github.com/settings/tokens';
export const githubRules = defineRules([
  {
    id: 'github-classic-token',
    provider: 'GitHub',
    title: 'GitHub personal access token (classic)',
    pattern: /ghp_[A-Za-z0-9]{36}/,
    keywords: ['ghp_'],
    minEntropy: 3,
    severity: 'error',
    envName: 'GITHUB_TOKEN',
    rotationUrl: tokenUrl,
  },
  {
    id: 'github-fine-grained-token',
    provider: 'GitHub',
    title: 'GitHub fine-grained personal access token',
    pattern: /github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}/,
    keywords: ['github_pat_'],
    minEntropy: 3,
    severity: 'error',
    envName: 'GITHUB_TOKEN',
    rotationUrl: 'https://github.com/settings/personal-access-tokens',
  },
  {
    id: 'github-oauth-token',
    provider: 'GitHub',
    title: 'GitHub OAuth access token',
    pattern: /gho_[A-Za-z0-9]{36}/,
    keywords: ['gho_'],
    minEntropy: 3,
    severity: 'error',
    envName: 'GITHUB_OAUTH_TOKEN',
    rotationUrl: 'https://github.com/settings/applications',
  },
  {
    id: 'github-app-token',
    provider: 'GitHub',
    title: 'GitHub App user-to-server or installation token',
    pattern: /(?:ghu|ghs)_[A-Za-z0-9]{36}/,
    keywords: ['ghu_', 'ghs_'],
    minEntropy: 3,
    severity: 'error',
    envName: 'GITHUB_APP_TOKEN',
    rotationUrl: 'https://github.com/settings/apps',
  },
  {
    id: 'github-refresh-token',
    provider: 'GitHub',
    title: 'GitHub refresh token',
    pattern: /ghr_[A-Za-z0-9]{36,76}/,
    keywords: ['ghr_'],
    minEntropy: 3,
    severity: 'error',
    envName: 'GITHUB_REFRESH_TOKEN',
    rotationUrl: 'https://github.com/settings/apps',
  },
]);

/** True- and false-positive samples, kept out of the runtime bundle (tree-shaken): see samples.ts. */
export const githubSamples = (): Record<string, RuleSamples> => ({
  'github-classic-token': { positives: [(g) => 'ghp_' + g.alnum(36)], negatives: ['ghp_' + 'x'.repeat(36), 'ghp_' + 'short'] },
  'github-fine-grained-token': { positives: [(g) => 'github_pat_' + g.alnum(22) + '_' + g.alnum(59)], negatives: ['github_pat_' + 'your_token_here'] },
  'github-oauth-token': { positives: [(g) => 'gho_' + g.alnum(36)], negatives: ['gho_' + '0'.repeat(36)] },
  'github-app-token': { positives: [(g) => 'ghs_' + g.alnum(36), (g) => 'ghu_' + g.alnum(36)], negatives: ['ghs_' + 'abc'] },
  'github-refresh-token': { positives: [(g) => 'ghr_' + g.alnum(76)], negatives: ['ghr_' + 'token'] },
});
