import * as assert from 'node:assert/strict';
import { analyzeText } from '../../../src/core/analyze/index';
import type { Finding } from '../../../src/core/findings';
import { sampleGen } from '../../../src/core/rules/sampleGen';

/**
 * Keys only a name identifies (issue 17, providers19): a UUID or another bare shape under a name that says credential
 * is reported, under a name that says identifier it is not, and where the name also spells a provider the finding
 * names that provider. Every placement the analyzer reads a name in, with values generated here (none a peer's).
 */
const g = sampleGen(0x1917);

/** The value bound to `name` in each kind of file the analyzer reads names in. */
function placements(name: string, value: string): Array<[string, string]> {
  const snake = name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/-/g, '_');
  const upper = snake.toUpperCase();
  const camel = snake.toLowerCase().replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
  return [
    ['src/config.ts', `export const ${camel} = "${value}";\n`],
    ['src/client.js', `const client = createClient({ ${camel}: '${value}' });\n`],
    ['app/settings.py', `${upper} = "${value}"\n`],
    ['app/settings_dict.py', `SETTINGS = {\n    "${snake.toLowerCase()}": "${value}",\n}\n`],
    ['.env', `${upper}=${value}\n`],
    ['deploy/values.yaml', `env:\n  ${upper}: "${value}"\n`],
    ['config/app.json', `{\n  "${snake.toLowerCase()}": "${value}"\n}\n`],
    ['pyproject.toml', `[tool.ci]\n${snake.toLowerCase()} = "${value}"\n`],
  ];
}

const findingsIn = (path: string, text: string): Finding[] => analyzeText(path, text, { salt: 'context-keys', lowerSeverityInTestPaths: false }).findings;

function assertFound(path: string, text: string, value: string, provider?: string, envName?: string): void {
  const at = text.indexOf(value);
  const hit = findingsIn(path, text).find((f) => f.offset === at && f.length === value.length);
  assert.ok(hit, `nothing found at the value in ${path}:\n${text}`);
  if (provider) assert.equal(hit.provider, provider, `${path}: ${hit.ruleId} names ${hit.provider}`);
  if (envName) assert.equal(hit.suggestedEnvName, envName);
  // A generic rule's finding named for a provider carries that provider's rotation page; any other finding, none (the
  // rule's own page is the one).
  const named = ['generic-secret', 'api-key-uuid', 'hardcoded-password'].includes(hit.ruleId) && hit.provider !== 'Generic';
  if (named) assert.match(hit.rotationUrl ?? '', /^https:\/\//);
  else assert.equal(hit.rotationUrl, undefined);
  assert.ok(!hit.message.includes(value) && !hit.redacted.includes(value.slice(0, -4)), 'the value leaks into the finding');
}

function assertQuiet(path: string, text: string): void {
  assert.deepEqual(findingsIn(path, text).map((f) => `${f.ruleId}@${f.offset}`), [], `${path}:\n${text}`);
}

describe('keys only a name identifies', () => {
  describe('a UUID under a credential name is reported, in every placement', () => {
    const credentialNames = ['upload_token', 'SERVER_TOKEN', 'account_token', 'webhook_secret', 'auth_token', 'access_token', 'admin_password', 'service_api_key', 'client_secret'];
    for (const name of credentialNames) {
      for (const [path, text] of placements(name, '§')) {
        it(`${name} in ${path}`, () => {
          const value = g.uuid();
          assertFound(path, text.replace('§', value), value);
        });
      }
    }
  });

  describe('a UUID under an identifier name stays quiet, in every placement', () => {
    const identifierNames = ['tenant_id', 'client_id', 'request_id', 'next_page_token', 'continuation_token', 'pagination_token', 'idempotency_key', 'correlation_id', 'trace_token', 'csrf_token', 'session_uuid', 'device_token', 'sync_token', 'nonce', 'cache_key', 'api_key_id', 'public_api_key', 'token_url'];
    for (const name of identifierNames) {
      for (const [path, text] of placements(name, '§')) {
        it(`${name} in ${path}`, () => assertQuiet(path, text.replace('§', g.uuid())));
      }
    }
    it('a placeholder UUID under a token name', () => {
      assertQuiet('src/a.ts', 'const authToken = "00000000-0000-0000-0000-000000000000";\n');
      assertQuiet('src/b.ts', "const authToken = '123e4567-e89b-12d3-a456-426614174000';\n");
    });
  });

  describe('other places a name binds a UUID', () => {
    it('an HTTP header in TypeScript and Python, a bearer credential', () => {
      const a = g.uuid();
      assertFound('src/api.ts', `await fetch(url, { headers: { "X-Postmark-Server-Token": "${a}" } });\n`, a, 'Postmark');
      const b = g.uuid();
      assertFound('app/client.py', `requests.get(url, headers={"Authorization": "Bearer ${b}"})\n`, b);
      const c = g.uuid();
      assertFound('app/codecov.py', `headers = {"Authorization": f"token ${c}"}  # codecov upload\n`, c);
    });
    it("a header line in a REST client's .http file or in notes: Authorization: <scheme> <credential>", () => {
      const a = g.uuid();
      assertFound('api/requests.http', `GET https://api.example.com/v1/me\nAuthorization: Bearer ${a}\nAccept: application/json\n`, a);
      const b = g.alnum(40);
      assertFound('docs/debugging.md', `Replay it with:\n\nAuthorization: Token ${b}\n`, b);
      assertQuiet('api/more.http', `GET https://api.example.com/v1/me\nAuthorization: Bearer {{token}}\nAuthorization: Bearer <your-token>\nX-Request-Id: ${g.uuid()}\n`);
    });
    it("postmark.js's clients take their token first", () => {
      const a = g.uuid();
      assertFound('src/mail.ts', `import * as postmark from "postmark";\nconst client = new postmark.ServerClient("${a}");\n`, a, 'Postmark');
      const b = g.uuid();
      assertFound('src/admin.js', `const postmark = require("postmark");\nconst account = new postmark.AccountClient('${b}');\n`, b, 'Postmark');
      assertQuiet('src/mail2.ts', `const client = new postmark.ServerClient(process.env.POSTMARK_SERVER_TOKEN!);\nconst other = new other.ServerClient("${g.uuid()}");\n`);
    });
    it('a .netrc password, named by its machine', () => {
      const a = g.uuid();
      assertFound('.netrc', `machine api.heroku.com\n  login me@example.com\n  password ${a}\n`, a, 'Heroku');
      const b = g.uuid();
      assertFound('.netrc', `machine ci.internal.example login deploy password ${b}\n`, b);
      const c = g.alnum(24);
      assertFound('home/.netrc', `default login anonymous password ${c}\n`, c);
    });
    it('a .netrc login or machine is no secret', () => {
      assertQuiet('.netrc', `machine api.heroku.com\n  login ${g.uuid()}@users.noreply.heroku.com\n`);
    });
  });

  describe('a name that spells a provider names it', () => {
    const cases: Array<[string, string, string, string]> = [
      // name, value, provider, env name
      ['CODECOV_TOKEN', g.uuid(), 'Codecov', 'CODECOV_TOKEN'],
      ['POSTMARK_SERVER_TOKEN', g.uuid(), 'Postmark', 'POSTMARK_SERVER_TOKEN'],
      ['POSTMARK_ACCOUNT_TOKEN', g.uuid(), 'Postmark', 'POSTMARK_SERVER_TOKEN'],
      ['PLAID_SECRET', g.hex(30), 'Plaid', 'PLAID_ACCESS_TOKEN'],
      ['DEEPSEEK_API_KEY', 'sk-' + g.hex(32), 'DeepSeek', 'DEEPSEEK_API_KEY'],
      ['CIRCLECI_TOKEN', g.hex(40), 'CircleCI', 'CIRCLECI_TOKEN'],
      ['CONTENTFUL_DELIVERY_TOKEN', g.b64url(43), 'Contentful', 'CONTENTFUL_MANAGEMENT_TOKEN'],
      ['AUTH0_CLIENT_SECRET', g.b64url(64), 'Auth0', 'AUTH0_CLIENT_SECRET'],
      ['NEW_RELIC_API_TOKEN', g.alnum(32), 'New Relic', 'NEW_RELIC_API_KEY'],
      ['ELEVENLABS_API_KEY', g.hex(32), 'ElevenLabs', 'ELEVENLABS_API_KEY'],
    ];
    for (const [name, value, provider, envName] of cases) {
      for (const [path, text] of placements(name, '§')) {
        it(`${name} in ${path}`, () => assertFound(path, text.replace('§', value), value, provider, envName));
      }
    }
    it('a word inside another word names nothing; a name with no provider stays Generic', () => {
      const a = g.uuid();
      assertFound('src/a.ts', `const renderedToken = "${a}";\n`, a, 'Generic');
      const b = g.alnum(32);
      assertFound('src/b.ts', `const postmarkedSecret = "${b}";\n`, b, 'Generic');
    });
    it('the mapping a key sits in names the provider (YAML, JSON, TOML), and binds nothing by itself', () => {
      const a = g.uuid();
      assertFound('config/services.yaml', `services:\n  postmark:\n    server_token: "${a}"\n    from: ops@example.com\n`, a, 'Postmark');
      const b = g.uuid();
      assertFound('config/ci.json', `{\n  "codecov": {\n    "token": "${b}"\n  }\n}\n`, b, 'Codecov');
      const c = g.uuid();
      assertFound('ci.toml', `[codecov]\ntoken = "${c}"\n`, c, 'Codecov');
      assertQuiet('config/deploy.yaml', `heroku:\n  app_name: "${g.uuid()}"\n  region: eu\n`);
      assertQuiet('config/deploy.json', `{"postmark": {"message_stream": "${g.uuid()}"}}\n`);
    });
    it("a CI step's action names the provider of its inputs", () => {
      const a = g.uuid();
      assertFound('.github/workflows/ci.yml', `jobs:\n  test:\n    steps:\n      - uses: actions/checkout@v4\n      - uses: codecov/codecov-action@v4\n        with:\n          token: ${a}\n          fail_ci_if_error: true\n`, a, 'Codecov');
      const b = g.alnum(32);
      assertFound('.github/workflows/deploy.yml', `jobs:\n  deploy:\n    steps:\n      - name: Deploy\n        uses: some-org/deploy-action@v1\n        with:\n          api_token: ${b}\n      - uses: codecov/codecov-action@v4\n`, b, 'Generic');
    });
    it('the longest alias wins (Azure OpenAI before OpenAI)', () => {
      const a = g.alnum(20) + '-' + g.alnum(20);
      assertFound('app/llm.py', `AZURE_OPENAI_SECRET = "${a}"\n`, a, 'Azure');
    });
  });

  describe('prefixed tokens in a Jest snapshot and a CI file', () => {
    it('Buildkite, SonarQube, CircleCI, Render, Contentful, Bitbucket', () => {
      const keys: Array<[string, string]> = [
        ['bkua_' + g.lowerAlnum(40), 'buildkite-api-token'],
        ['squ_' + g.hex(40), 'sonarqube-token'],
        ['CCIPAT_' + g.alnum(22) + '_' + g.hex(40), 'circleci-api-token'],
        ['rnd_' + g.alnum(32), 'render-api-key'],
        ['CFPAT-' + g.b64url(43), 'contentful-personal-access-token'],
        ['ATBB' + g.alnum(32), 'bitbucket-app-password'],
      ];
      for (const [key, ruleId] of keys) {
        const snap = `exports[\`client sends its token 1\`] = \`\nArray [\n  "Authorization: Bearer ${key}",\n]\n\`;\n`;
        const hit = findingsIn('src/__snapshots__/client.test.ts.snap', snap).find((f) => f.ruleId === ruleId);
        assert.ok(hit, `${ruleId} in a snapshot`);
        const ci = `steps:\n  - run: curl -H "Authorization: Bearer ${key}" https://api.example.com\n`;
        assert.ok(findingsIn('.github/workflows/ci.yml', ci).some((f) => f.ruleId === ruleId), `${ruleId} in a workflow`);
      }
    });
  });
});
