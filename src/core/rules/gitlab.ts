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
    // A registration token is `GR1348941` and exactly 20 characters; a longer run is something else.
    pattern: /(?:glrt-[A-Za-z0-9_-]{20,}|GR1348941[A-Za-z0-9_-]{20}(?![\w-]))/,
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
  {
    id: 'gitlab-token',
    provider: 'GitLab',
    title: 'GitLab CI/CD job, OAuth application, agent, SCIM, feed, feature-flag or incoming-mail token',
    // The other documented prefixes (token_overview.html#token-prefixes), each with its length: glcbt- (CI/CD job,
    // 20 or more after an optional partition `<hex>_`), glsoat- (SCIM), glft- (feed), glffct- (feature-flags client):
    // 20 to 50; glimt- (incoming mail): 25; gloas- (OAuth application secret): 64; glagent- (agent for Kubernetes): 50
    // to 128 (the bound keeps a run of repeated prefixes linear at a small cost, test/security/linearRules.test.ts).
    // A longer or shorter run is not one of these tokens.
    pattern: /gl(?:(?:cbt|soat|ft|ffct)-[A-Za-z0-9_-]{20,50}|imt-[A-Za-z0-9_-]{25}|oas-[A-Za-z0-9_-]{64}|agent-[A-Za-z0-9_-]{50,128})(?![\w-])/,
    keywords: ['glcbt-', 'gloas-', 'glagent-', 'glsoat-', 'glft-', 'glffct-', 'glimt-'],
    minEntropy: 3,
    severity: 'error',
    envName: 'GITLAB_TOKEN',
    rotationUrl: 'https://docs.gitlab.com/ee/security/token_overview.html',
  },
]);

/** True- and false-positive samples, kept out of the runtime bundle (tree-shaken): see samples.ts. */
export const gitlabSamples = (): Record<string, RuleSamples> => ({
  'gitlab-personal-access-token': { positives: [(g) => 'glpat-' + g.alnum(20)], negatives: ['glpat-' + 'xxxxxxxxxxxxxxxxxxxx'] },
  'gitlab-pipeline-trigger-token': { positives: [(g) => 'glptt-' + g.hex(40)], negatives: ['glptt-' + '0'.repeat(40)] },
  'gitlab-runner-token': { positives: [(g) => 'glrt-' + g.alnum(20), (g) => 'GR1348941' + g.alnum(20)], negatives: ['glrt-' + 'example', 'GR1348941' + 'Aq7_buildRunnerRegistration_deadline_2'] },
  'gitlab-token': {
    positives: [
      (g) => 'glcbt-' + g.hex(2) + '_' + g.b64url(20),
      (g) => 'gloas-' + g.hex(64),
      (g) => 'glagent-' + g.b64url(50),
      (g) => 'glsoat-' + g.alnum(20),
      (g) => 'glft-' + g.b64url(20),
      (g) => 'glffct-' + g.alnum(20),
      (g) => 'glimt-' + g.alnum(25),
    ],
    negatives: ['glcbt-' + 'short', 'gloas-' + 'x'.repeat(64), 'glft-' + '<feed-token>', 'gloas-' + 'Kq3_rT8-vB2nX6mZ1pL9', 'glimt-' + 'Hx4nR7qT2vB9mZ1pL6kW3sD8fG5jC0'],
  },
  'gitlab-deploy-token': { positives: [(g) => 'gldt-' + g.alnum(20)], negatives: ['gldt-' + 'a'.repeat(20)] },
});
