/**
 * Which of our providers a peer's rule or detector is about, from its id: the id, lower-cased and without
 * separators, starts with the provider's name or one of the other names the peers use for it. Undefined: a provider
 * we do not claim (listed as not covered in the results).
 */
const OTHER_NAMES: Record<string, string[]> = {
  Google: ['gcp', 'google', 'firebase'],
  'Google Cloud': ['gcpserviceaccount', 'googlecloud'],
  'Private key': ['privatekey', 'private-key'],
  Database: ['databaseconnectionstring', 'postgres', 'mongodb', 'redis', 'jdbc', 'sqlserver'],
  'HashiCorp Terraform': ['hashicorptf', 'terraform'],
  'HashiCorp Vault': ['vault', 'hashicorpvault'],
  'PayPal Braintree': ['braintree'],
  Brevo: ['brevo', 'sendinblue'],
  'Docker Hub': ['docker', 'dockerhub'],
  'Fly.io': ['flyio'],
  'Alibaba Cloud': ['alibaba'],
  'Mistral AI': ['mistral'],
  'Red Hat OpenShift': ['openshift'],
  SonarQube: ['sonar'],
  CircleCI: ['circle'],
  JFrog: ['artifactory', 'jfrog'],
  NVIDIA: ['nvapi', 'nvidia'],
};
/** Other providers whose names start with one of ours (Squarespace is not Square). */
const NOT_NAMES: Record<string, string[]> = { Square: ['squarespace'] };
/** Names too short to be a prefix: they must be the whole id. */
const WHOLE_ONLY = new Set(['age', 'uri', 'jwt']);

export function providerOf(peerRule: string, ours: ReadonlySet<string>): string | undefined {
  // A detector of a family (trufflehog's `atlassiandatacenter/bitbucketdatacenter`, `aws/session_keys`) is first
  // the member's own provider, then the family's; a version (`github/v2`) is its detector's.
  const path = peerRule.split('/').filter((segment) => !/^v\d+$/.test(segment));
  if (path.length > 1) return providerOfId(path[path.length - 1]!, ours) ?? providerOfId(path.join('/'), ours);
  return providerOfId(peerRule, ours);
}

function providerOfId(peerRule: string, ours: ReadonlySet<string>): string | undefined {
  const id = peerRule.toLowerCase().replace(/[^a-z0-9]/g, '');
  const first = peerRule.toLowerCase().split(/[^a-z0-9]+/)[0]!;
  let best: [string, number] | undefined;
  for (const provider of ours) {
    if (NOT_NAMES[provider]?.some((n) => id.startsWith(n))) continue;
    const names = [provider.toLowerCase().replace(/[^a-z0-9]/g, ''), ...(OTHER_NAMES[provider] ?? []).map((n) => n.replace(/[^a-z0-9]/g, ''))];
    for (const n of names) {
      const hit = WHOLE_ONLY.has(n) ? id === n || first === n : id.startsWith(n);
      if (hit && (!best || n.length > best[1])) best = [provider, n.length];
    }
  }
  return best?.[0];
}
