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

// Context-only Azure keys: the service's own header (`api-key`) in a file that names an Azure OpenAI endpoint, a dict
// pasted into notes or a log; an Azure-named key in a notes file.
const aoaiKey = g.hex(32);
// A Python dict's repr holding a JSON string (`'{"lang": "python"}'`): quotes a token pass cannot pair.
const aoaiLog = `POST https://contoso-ai.openai.azure.com/openai/deployments/chat/completions\nheaders {'X-Client-User-Agent': '{"lang": "python",\n "uname": "Darwin 22.3.0"}', 'api-key': '${aoaiKey}', 'x-ms-client': 'sdk'}\n`;
const searchKey = g.alnum(52);
const searchNotes = `search:\n  service: catalog\n  azure_search_key: ${searchKey}\n`;
const devopsPat = g.lowerAlnum(52);
const devopsJson = `{"pipeline": "nightly", "AZURE_DEVOPS_PAT": "${devopsPat}"}\n`;
runCases('analyzeText: Azure keys known by their context', {
  valid: [
    { path: 'notes/search.txt', code: `search:\n  azure_search_key_name: primary-query-key-for-catalog\n`, name: 'a name that only mentions an Azure key, with words for a value' },
  ],
  invalid: [
    { path: 'logs/request.txt', code: aoaiLog, findings: [{ ruleId: 'azure-openai-api-key', ...span(aoaiLog, aoaiKey) }], name: "the `api-key` header beside an `….openai.azure.com` endpoint, in a dict pasted into a log" },
    { path: 'notes/search.txt', code: searchNotes, findings: [{ ruleId: 'azure-service-key', ...span(searchNotes, searchKey) }], name: 'an AI Search key under an Azure name in notes' },
    { path: 'deploy/pipeline.txt', code: devopsJson, findings: [{ ruleId: 'azure-service-key', ...span(devopsJson, devopsPat) }], name: 'an Azure DevOps PAT in a JSON object pasted into a plain-text file' },
  ],
});
