import type { Severity } from '../findings';
import { pkcs12MacVerifies } from '../pkcs12';

/**
 * A detector of a whole file that is itself a key (a binary key container), where a text rule has no string to
 * match: the file is recognised from its bytes, the finding points at the file, and no move-to-environment fix
 * applies (the fix is to delete the file and disable the key). One declarative entry per kind, as for text rules.
 */
export interface KeyFileRule {
  /** Stable kebab-case id: the diagnostic code, the baseline key and `docs/rules/<id>.md`. */
  id: string;
  provider: string;
  title: string;
  severity: Severity;
  /** Lower-case file-name endings whose bytes the rule reads; no other file is opened for it. */
  extensions: readonly string[];
  /** Is this the key file? Must be bounded on hostile input and never throw. */
  recognises(bytes: Uint8Array): boolean;
  /** The diagnostic's sentence. */
  message: string;
  /** Where the provider lets you disable or delete the key. */
  rotationUrl: string;
}

/** Google Cloud's `.p12` service-account keys all carry the same published password. */
const GCP_P12_PASSWORD = 'notasecret';

export const keyFileRules: readonly KeyFileRule[] = [
  {
    id: 'gcp-service-account-p12',
    provider: 'Google Cloud',
    title: 'Google Cloud service account key file (PKCS#12)',
    severity: 'error',
    extensions: ['.p12', '.pfx'],
    // A PKCS#12 whose MAC verifies with Google's published password: its private key is readable by anyone.
    recognises: (bytes) => pkcs12MacVerifies(bytes, GCP_P12_PASSWORD),
    message:
      'A Google Cloud service account key file (PKCS#12, protected only by the published password "notasecret") is committed: disable the key in the Cloud console, remove the file from the repository and its history, and load credentials from outside the repository (a JSON key in a secret store, or workload identity).',
    rotationUrl: 'https://console.cloud.google.com/iam-admin/serviceaccounts',
  },
];

/** The key-file rules that read a file of this name. */
export function keyFileRulesFor(path: string): readonly KeyFileRule[] {
  const lower = path.toLowerCase();
  return keyFileRules.filter((rule) => rule.extensions.some((ext) => lower.endsWith(ext)));
}
