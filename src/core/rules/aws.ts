import { defineRules, type RuleSamples } from './types';

/** AWS IAM keys: https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html */
export const awsRules = defineRules([
  {
    id: 'aws-access-key-id',
    provider: 'AWS',
    title: 'AWS access key ID',
    // AKIA long-term, ASIA temporary (STS), ABIA/ACCA service-specific; base32 body.
    pattern: /(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}/,
    keywords: ['akia', 'asia', 'abia', 'acca'],
    minEntropy: 3,
    severity: 'error',
    envName: 'AWS_ACCESS_KEY_ID',
    rotationUrl: 'https://console.aws.amazon.com/iam/home#/security_credentials',
  },
  {
    id: 'aws-secret-access-key',
    provider: 'AWS',
    title: 'AWS secret access key',
    pattern: /[A-Za-z0-9/+]{40}/,
    nameHint: /aws.{0,20}secret|secret.?access.?key/i,
    keywords: ['aws', 'secret'],
    minEntropy: 4,
    severity: 'error',
    envName: 'AWS_SECRET_ACCESS_KEY',
    rotationUrl: 'https://console.aws.amazon.com/iam/home#/security_credentials',
  },
  {
    id: 'aws-session-token',
    provider: 'AWS',
    title: 'AWS session token',
    pattern: /(?:IQoJb3JpZ2luX2Vj|FwoGZXIvYXdzE)[A-Za-z0-9/+=]{100,}/,
    keywords: ['iqojb3jpz2lux2vj', 'fwogzxivyxdze'],
    minEntropy: 4,
    severity: 'warning',
    envName: 'AWS_SESSION_TOKEN',
    rotationUrl: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_control-access_disable-perms.html',
  },
]);

/** True- and false-positive samples, kept out of the runtime bundle (tree-shaken): see samples.ts. */
export const awsSamples = (): Record<string, RuleSamples> => ({
  'aws-access-key-id': {
    positives: [(g) => 'AKIA' + g.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16), (g) => 'ASIA' + g.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16)],
    // AWS's own documentation example ends in EXAMPLE and is quiet.
    negatives: ['AKIA' + 'IOSFODNN7' + 'EXAMPLE', 'AKIA' + 'XXXXXXXXXXXXXXXX', 'AKIA' + 'abc'],
  },
  'aws-secret-access-key': {
    positives: [(g) => ({ name: 'AWS_SECRET_ACCESS_KEY', value: g.base64(40) }), (g) => ({ name: 'awsSecretKey', value: g.base64(40) })],
    negatives: [{ name: 'AWS_SECRET_ACCESS_KEY', value: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCY' + 'EXAMPLEKEY' }, { name: 'AWS_SECRET_ACCESS_KEY', value: '${AWS_SECRET_ACCESS_KEY}' }],
  },
  'aws-session-token': {
    positives: [(g) => 'IQoJb3JpZ2luX2Vj' + g.base64(180)],
    negatives: ['IQoJb3JpZ2luX2Vj' + 'short'],
  },
});
