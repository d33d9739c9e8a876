import { aiSamples } from './ai';
import { awsSamples } from './aws';
import { azureSamples } from './azure';
import { cloudSamples } from './cloud';
import { commerceSamples } from './commerce';
import { crmSamples } from './crm';
import { cryptoSamples } from './crypto';
import { dataSamples } from './data';
import { devtoolSamples } from './devtools';
import { genericSamples } from './generic';
import { githubSamples } from './github';
import { gitlabSamples } from './gitlab';
import { googleSamples } from './google';
import { identitySamples } from './identity';
import { mapSamples } from './maps';
import { messagingSamples } from './messaging';
import { observabilitySamples } from './observability';
import { packageSamples } from './packages';
import { slackSamples } from './slack';
import { socialSamples } from './social';
import { stripeSamples } from './stripe';
import type { RuleSamples } from './types';

/**
 * Every rule's true- and false-positive samples, by rule id. They live beside their rules in each
 * family file but are called only here, by tests: the runtime bundles never reference them, so
 * esbuild drops them and the published .vsix carries no key-shaped test data (vsce's own secret
 * scan rejects a package that does). Each family's samples are a function: an object literal would
 * be kept in the bundle as soon as one of its values is a call esbuild cannot prove pure
 * (`'x'.repeat(20)`).
 */
export const ruleSamples: Readonly<Record<string, RuleSamples>> = {
  ...aiSamples(),
  ...awsSamples(),
  ...azureSamples(),
  ...cloudSamples(),
  ...commerceSamples(),
  ...crmSamples(),
  ...cryptoSamples(),
  ...dataSamples(),
  ...devtoolSamples(),
  ...genericSamples(),
  ...githubSamples(),
  ...gitlabSamples(),
  ...googleSamples(),
  ...identitySamples(),
  ...mapSamples(),
  ...messagingSamples(),
  ...observabilitySamples(),
  ...packageSamples(),
  ...slackSamples(),
  ...socialSamples(),
  ...stripeSamples(),
};

export function samplesFor(ruleId: string): RuleSamples | undefined {
  return ruleSamples[ruleId];
}
