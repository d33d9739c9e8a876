import { sampleGen } from '../../../src/core/rules/sampleGen';
import { runCases } from './tester';

/**
 * Classes found by scoring the analyzer on other scanners' test data (bench/peers.ts, issue 17 §1), each written as
 * our own case with generated or hand-made values: nothing here is a peer's sample.
 */
const g = sampleGen(0x1701);
const counting = 'dapi' + '1234567890' + 'abcdef' + '1234567890' + 'abcdef';
const countingDown = 'Sk' + g.alnum(10) + '98765432' + g.alnum(12);

runCases('analyzeText: classes from peers\' test data', {
  valid: [
    { path: '.env', code: `DATABRICKS_TOKEN=${counting}\n`, name: 'a key that counts up (1234567890…) is a placeholder' },
    { path: 'src/config.ts', code: `export const apiSecret = "${countingDown}";\n`, name: 'a secret with a run that counts down (98765432) is a placeholder' },
  ],
  invalid: [],
});

const cfToken = g.alnum(40);
const cfNotes = `Staging deploy\nCLOUDFLARE_API_KEY: ${cfToken}\n`;
const vaultToken = 's.' + g.alnum(24);
const vaultNotes = `vault:\n  token: ${vaultToken}\n`;
const prose = `Summary: ${g.alnum(24)}\nBuild: ${g.alnum(16)}\nNote: the password is in the vault\n`;
const span = (code: string, value: string) => {
  const lineNo = code.slice(0, code.indexOf(value)).split('\n').length - 1;
  const character = code.indexOf(value) - code.lastIndexOf('\n', code.indexOf(value)) - 1;
  return { line: lineNo, character, endLine: lineNo, endCharacter: character + value.length };
};

runCases('analyzeText: NAME: value lines in a plain-text file', {
  valid: [{ path: 'notes/release.txt', code: prose, name: 'a `Label: value` line under a name that says nothing of a secret is not one (a secret name binds the generic heuristic: textPairs.test.ts)' }],
  invalid: [
    { path: 'notes/deploy.txt', code: cfNotes, findings: [{ ruleId: 'cloudflare-api-token', ...span(cfNotes, cfToken) }], name: 'CLOUDFLARE_API_KEY: … in notes' },
    { path: 'notes/vault.txt', code: vaultNotes, findings: [{ ruleId: 'hashicorp-vault-legacy-token', ...span(vaultNotes, vaultToken) }], name: 'a pre-1.10 Vault token under token: in notes' },
  ],
});
