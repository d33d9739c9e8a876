import type { Stage } from '../vocabulary/rotationRecord';

/** Where to get a new key: shown in step 1. */
export interface ProviderInfo {
  name: string;
  /** The provider's page for creating keys. */
  url?: string;
}

export interface StepText {
  /** The stage reached when this step is done. */
  stage: Exclude<Stage, 'idle'>;
  number: number;
  title: string;
  description: string;
}

/** The guide's five steps, worded for the UI (tree, walkthrough, rotate panel). */
export function rotationSteps(provider: ProviderInfo, environment: string): StepText[] {
  const where = provider.url ? `${provider.name} (${provider.url})` : provider.name;
  return [
    {
      stage: 'new-key',
      number: 1,
      title: `1. Get a new key from ${provider.name}`,
      description: `Create a second key at ${where}. Keep the current key active: both must work during the rotation.`,
    },
    {
      stage: 'added-as-fallback',
      number: 2,
      title: '2. Add it as the fallback',
      description: 'Enter the new key in the masked input box. It is stored in the OS keychain as the fallback; the current key stays primary.',
    },
    {
      stage: 'deployed',
      number: 3,
      title: `3. Deploy it to ${environment}`,
      description: `Make ${environment} see both keys: for local development, run with keys injected (terminal or task) or write the git-ignored .env; elsewhere, update the environment's secrets and redeploy.`,
    },
    {
      stage: 'promoted',
      number: 4,
      title: '4. Promote the fallback to primary',
      description: 'The new key becomes primary; the old key moves to previous, so this step can be undone.',
    },
    {
      stage: 'old-key-removed',
      number: 5,
      title: '5. Remove the old key',
      description: `Allowed only after the new primary validated. Then revoke the old key at ${where}. Rotation Ready keeps a copy in previous until you purge it.`,
    },
  ];
}
