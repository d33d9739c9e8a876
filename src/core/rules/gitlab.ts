import { defineRules, type RuleSamples } from './types';

/** GitLab token prefixes: https://docs.gitlab.com/ee/security/token_overview.html#token-prefixes */
export const gitlabRules = defineRules([
  {
    id: 'gitlab-personal-access-token',
    provider: 'GitLab',
    title: 'GitLab personal access token',
    pattern: /glpat-[A-Za-z0-9_-]{20,}/,
    keywords: ['glpat-'],
    minEntropy: 3,
    severity: 'error',
    envName: 'GITLAB_TOKEN',
    rotationUrl: 'https://gitlab.com/-/user_settings/personal_access_tokens',
  },
  {
    id: 'gitlab-pipeline-trigger-token',
    provider: 'GitLab',
    title: 'GitLab pipeline trigger token',
    pattern: /glptt-[0-9a-f]{40}/,
    keywords: ['glptt-'],
    minEntropy: 3,
    severity: 'error',
    envName: 'GITLAB_TRIGGER_TOKEN',
    rotationUrl: 'https://docs.gitlab.com/ee/ci/triggers/',
  },
  {
    id: 'gitlab-runner-token',
    provider: 'GitLab',
    title: 'GitLab runner authentication or registration token',
    pattern: /(?:glrt-|GR1348941)[A-Za-z0-9_-]{20,}/,
    keywords: ['glrt-', 'gr1348941'],
    minEntropy: 3,
    severity: 'error',
    envName: 'GITLAB_RUNNER_TOKEN',
    rotationUrl: 'https://docs.gitlab.com/runner/register/',
  },
  {
    id: 'gitlab-deploy-token',
    provider: 'GitLab',
    title: 'GitLab deploy token',
    pattern: /gldt-[A-Za-z0-9_-]{20,}/,
    keywords: ['gldt-'],
    minEntropy: 3,
    severity: 'error',
    envName: 'GITLAB_DEPLOY_TOKEN',
    rotationUrl: 'https://docs.gitlab.com/ee/user/project/deploy_tokens/',
  },
]);

/** True- and false-positive samples, kept out of the runtime bundle (tree-shaken): see samples.ts. */
export const gitlabSamples = (): Record<string, RuleSamples> => ({
  'gitlab-personal-access-token': { positives: [(g) => 'glpat-' + g.alnum(20)], negatives: ['glpat-' + 'xxxxxxxxxxxxxxxxxxxx'] },
  'gitlab-pipeline-trigger-token': { positives: [(g) => 'glptt-' + g.hex(40)], negatives: ['glptt-' + '0'.repeat(40)] },
  'gitlab-runner-token': { positives: [(g) => 'glrt-' + g.alnum(20), (g) => 'GR1348941' + g.alnum(20)], negatives: ['glrt-' + 'example'] },
  'gitlab-deploy-token': { positives: [(g) => 'gldt-' + g.alnum(20)], negatives: ['gldt-' + 'a'.repeat(20)] },
});
