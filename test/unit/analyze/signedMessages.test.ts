import * as assert from 'node:assert/strict';
import { analyzeText } from '../../../src/core/analyze/index';
import { sampleGen } from '../../../src/core/rules/sampleGen';
import { placementCases } from './placementCases';

/**
 * Values a provider's name now came to (fp20's real-code scans) that are no credentials (fp21): the one-time token
 * and the signature of a signed message (Mailgun's webhook `{ timestamp, token, signature }`, the Pusher protocol's
 * `{ auth: "<key>:<HMAC>", channel_data }`, anything under a name ending in `signature`), and an Algolia key beside an
 * `indexName` (DocSearch, InstantSearch, a docs theme's `algolia: {…}`), which only the public search-only key is.
 * Each class with keys beside them that must still be found; values are generated.
 */
const g = sampleGen(0x2121);
const { findsEach, quietOnEach } = placementCases('fp21');

describe('signed messages: the nonce and the signature are no credentials', () => {
  const nonce = g.alnum(50);
  const sig = g.hex(64);
  const key = g.alnum(50);
  quietOnEach([
    ['a Ruby params hash of a Mailgun webhook', 'app/services/mailgun_forwarder.rb', `post url, params: {\n  timestamp: 1539112500,\n  token: "${nonce}",\n  signature: "${sig}",\n  "body-mime" => raw\n}\n`],
    ['the webhook event as one JSON line', 'fixtures/mailgun-event.json', `{"signature": {"token": "${nonce}", "timestamp": "1529006854", "signature": "${sig}"}, "event-data": {"event": "delivered"}}\n`],
    ['the webhook event as indented JSON', 'src/webhooks/sample.json', `{\n  "signature": {\n    "timestamp": "1529006854",\n    "token": "${nonce}",\n    "signature": "${sig}"\n  }\n}\n`],
    ['a Python dict', 'app/webhooks.py', `payload = {\n    "timestamp": "1529006854",\n    "token": "${nonce}",\n    "signature": "${sig}",\n}\n`],
    ['YAML', 'config/webhook.yml', `signature:\n  timestamp: 1529006854\n  token: ${nonce}\n  signature: ${sig}\n`],
    ['a Pusher channel authorization (JS)', 'src/realtime/auth.js', `res.send({\n  auth:\n    "${g.hex(20)}:${g.hex(64)}",\n  channel_data: JSON.stringify(member),\n})\n`],
    ['a Pusher user authentication as JSON', 'src/realtime/response.json', `{"auth": "${g.hex(20)}:${g.hex(64)}", "user_data": "{\\"id\\":\\"45678\\"}"}\n`],
    ['a Pusher authorization in PHP', 'app/Http/Controllers/PusherAuth.php', `return response()->json([\n    'auth' => '${g.hex(20)}:${g.hex(64)}',\n    'channel_data' => $data,\n]);\n`],
    ['a Pusher private channel authorization: the app key and the HMAC alone', 'src/realtime/private.ts', `expect(pusher.authorizeChannel('123.456', 'private-orders')).toEqual({\n  auth: '${g.hex(20)}:${g.hex(64)}',\n});\n`],
    ['a query string signature under an auth name', 'src/signing.js', `const expected = /^(.*&)?auth_signature=${g.hex(64)}(&.*)?$/\n`],
    ['names ending in signature', 'src/signing.ts', `const authSignature = '${g.hex(64)}';\nconst token_signature = "${g.base64(43)}=";\nconst apiKeySignature = '${g.hex(64)}';\n`],
  ]);
  findsEach([
    ['the signing key beside them', 'config/initializers/mailgun.rb', `ENV["MAILGUN_INGRESS_SIGNING_KEY"] = "${key}"\n`, key],
  ]);
  const token = g.alnum(40);
  findsEach([
    ['a token with no signature beside it', 'app/clients/api.rb', `client = Api::Client.new(\n  url: "https://api.acme.io",\n  token: "${token}",\n  timeout: 5\n)\n`, token],
  ]);
  const hexPassword = `deploy:${g.hex(64)}`;
  findsEach([
    ['a Basic user:password whose password is 64 hex', 'src/client.js', `http.request({\n  host: 'api.acme.io',\n  auth: '${hexPassword}',\n})\n`, hexPassword],
  ]);
  const secret = g.alnum(40);
  findsEach([
    ['a signing secret beside a signature', 'app/webhooks.py', `payload = {\n    "token": "abc",\n    "signing_secret": "${secret}",\n    "signature": "sig",\n}\n`, secret],
  ]);
  const basic = g.alnum(24);
  findsEach([
    ['Node http auth: "user:password"', 'src/client.js', `http.request({\n  host: 'api.acme.io',\n  auth: 'deploy:${basic}',\n  path: '/v1',\n})\n`, `deploy:${basic}`],
  ]);
});

describe('an Algolia key beside an indexName is the search-only key', () => {
  const searchKey = g.hex(32);
  quietOnEach([
    ['docsearch({ … })', 'src/theme/search.js', `docsearch({\n  container: '#docsearch',\n  appId: '${g.upperAlnum(10)}',\n  indexName: 'acme',\n  apiKey: '${searchKey}',\n});\n`],
    ['a Docusaurus themeConfig', 'website/docusaurus.config.mjs', `export default {\n  themeConfig: {\n    algolia: {\n      indexName: 'acme-v2',\n      appId: '${g.upperAlnum(10)}',\n      apiKey: '${g.hex(32)}',\n      contextualSearch: true,\n    },\n  },\n};\n`],
    ['a VitePress config, one line', 'docs/.vitepress/config.ts', `export default defineConfig({\n  themeConfig: {\n    search: { provider: 'algolia', options: { appId: '${g.upperAlnum(10)}', apiKey: '${g.hex(32)}', indexName: 'acme' } },\n  },\n});\n`],
    ['an InstantSearch config in JSON', 'public/search.json', `{\n  "appId": "${g.upperAlnum(10)}",\n  "apiKey": "${g.hex(32)}",\n  "indexName": "products"\n}\n`],
  ]);
  it('reports it as publishable (info) with showPublishable', () => {
    const text = `docsearch({\n  appId: 'BH4D9OD16A',\n  indexName: 'acme',\n  apiKey: '${searchKey}',\n});\n`;
    const findings = analyzeText('src/theme/search.js', text, { salt: 'fp21', showPublishable: true }).findings;
    assert.deepEqual(findings.map((f) => [f.ruleId, f.severity, text.slice(f.offset, f.offset + f.length)]), [['algolia-search-key', 'info', searchKey]]);
  });
  const admin = g.hex(32);
  findsEach([
    ['an admin key with no indexName beside it', 'scripts/reindex.js', `const client = algoliasearch('${g.upperAlnum(10)}', '${admin}');\n`, admin],
  ]);
  const other = g.alnum(32);
  findsEach([
    ['another shape beside an indexName is not called Algolia', 'src/search.js', `const search = createSearch({\n  indexName: 'docs',\n  apiKey: '${other}',\n});\n`, other],
  ]);
});
