import { aiRules } from './ai';
import { awsRules } from './aws';
import { azureRules } from './azure';
import { cloudRules } from './cloud';
import { commerceRules } from './commerce';
import { crmRules } from './crm';
import { cryptoRules } from './crypto';
import { dataRules } from './data';
import { devtoolRules } from './devtools';
import { genericRules } from './generic';
import { githubRules } from './github';
import { gitlabRules } from './gitlab';
import { googleRules } from './google';
import { identityRules } from './identity';
import { mapRules } from './maps';
import { messagingRules } from './messaging';
import { observabilityRules } from './observability';
import { packageRules } from './packages';
import { slackRules } from './slack';
import { socialRules } from './social';
import { stripeRules } from './stripe';
import type { Rule } from './types';

export type { Rule, RuleSamples, Sample, SampleGen } from './types';

/** Every rule, one family file each, alphabetical. Adding a provider: a file (or an entry) here, samples, and docs/rules/<id>.md. */
export const rules: readonly Rule[] = [
  ...aiRules,
  ...awsRules,
  ...azureRules,
  ...cloudRules,
  ...commerceRules,
  ...crmRules,
  ...cryptoRules,
  ...dataRules,
  ...devtoolRules,
  ...genericRules,
  ...githubRules,
  ...gitlabRules,
  ...googleRules,
  ...identityRules,
  ...mapRules,
  ...messagingRules,
  ...observabilityRules,
  ...packageRules,
  ...slackRules,
  ...socialRules,
  ...stripeRules,
];

const byId = new Map(rules.map((rule) => [rule.id, rule]));

export function ruleById(id: string): Rule | undefined {
  return byId.get(id);
}

/** The documentation page of a rule, relative to the repository (and the packaged extension), derived from its id. */
export function ruleDocPath(id: string): string {
  return `docs/rules/${id}.md`;
}
