import { frag, runCases } from './tester';

const { stripe, random32, ghp, pk } = frag;

runCases('analyzeText: TypeScript and JavaScript', {
  valid: [
    { path: 'src/a.ts', code: `const pk = '${pk}';`, name: 'publishable key: no diagnostic by default (showPublishable shows it as info)' },
    { path: 'src/a.ts', code: `const apiKey = process.env.API_KEY;` },
    { path: 'src/a.ts', code: `const apiKey = process.env.API_KEY ?? '';` },
    { path: 'src/a.ts', code: `const apiKey = 'your-api-key-here';` },
    { path: 'src/a.ts', code: `const token = '\${TOKEN}';` },
    { path: 'src/a.ts', code: `const authToken = '123e4567-e89b-12d3-a456-426614174000';` },
    { path: 'src/a.ts', code: `const secretName = 'projects/my-project/secrets/db-password';` },
    { path: 'src/a.ts', code: `const tokenUrl = 'https://oauth2.googleapis.com/token?x=${random32}';` },
    { path: 'src/a.ts', code: `type Key = '${random32}';\ninterface I { token: '${random32}' }` , name: 'type-level strings are not values' },
    { path: 'src/a.ts', code: `import secret from './${random32}';` },
    { path: 'src/a.ts', code: `const integrity = 'sha512-${random32}${random32}==';` },
    { path: 'src/a.ts', code: `const tokenImage = 'data:image/png;base64,${random32}';` },
    { path: 'src/a.ts', code: `const commitSha = '${'9f86d081884c7d659a2feaa0c55ad015a3bf4f1b'}';` },
    { path: 'src/a.ts', code: `const token = 'sessionStorageAccessToken';` },
    { path: 'src/a.ts', code: `const authorName = 'Zx8Qp2LmN4vR7tY1wE5uI9oA3sD6fG0h';` },
    { path: 'src/a.ts', code: `const maxTokens = 4096; const tokenizer = 'cl100k_base_tokenizer_v2';` },
    { path: 'src/a.test.ts', code: `const apiKey = 'fake-${random32}';`, name: 'a stand-in in a test (testPaths.test.ts: a random value there is reported)' },
    { path: 'src/a.ts', code: `// rotation-ready-ignore-next-line stripe-secret-key\nconst k = '${stripe}';` },
    { path: 'src/a.ts', code: `// rotation-ready-ignore-next-line\nconst apiKey = '${random32}';` },
    { path: 'src/a.js', code: `module.exports = { password: 'correct horse battery staple' };` },
    {
      path: 'types/config.d.ts',
      code: `export interface Config { token: '${random32}'; }\nexport declare function auth(secret: '${random32}'): void;\ndeclare module 'x' { export const apiKey: '${random32}'; }`,
      name: 'declaration files: string literal types are not values',
    },
  ],
  invalid: [
    {
      path: 'types/consts.d.ts',
      name: 'declaration files: a declared constant',
      code: `export declare const apiKey = '${random32}';`,
      findings: [{ ruleId: 'generic-secret', line: 0, character: 31, endLine: 0, endCharacter: 63 }],
    },
    {
      path: 'types/keys.d.mts',
      name: 'declaration files: an enum member',
      code: `export declare enum Keys {\n  ApiKey = '${random32}',\n}`,
      findings: [{ ruleId: 'generic-secret', line: 1, character: 12, endLine: 1, endCharacter: 44 }],
    },
    {
      path: 'src/billing.ts',
      code: `import Stripe from 'stripe';\nconst stripe = new Stripe('${stripe}');`,
      findings: [{ ruleId: 'stripe-secret-key', line: 1, character: 27, endLine: 1, endCharacter: 27 + stripe.length }],
    },
    {
      path: 'src/a.ts',
      name: 'variable initializer',
      code: `const apiKey = "${random32}";`,
      findings: [{ ruleId: 'generic-secret', line: 0, character: 16, endLine: 0, endCharacter: 48 }],
    },
    {
      path: 'src/a.ts',
      name: 'process.env fallback is bound to the env name',
      code: `const k = process.env.SERVICE_TOKEN ?? '${random32}';`,
      findings: [{ ruleId: 'generic-secret', line: 0, character: 40, endLine: 0, endCharacter: 72 }],
    },
    {
      path: 'src/a.ts',
      name: 'header value: only the credential after Bearer',
      code: `fetch(u, { headers: { Authorization: \`Bearer ${random32}\` } });`,
      findings: [{ ruleId: 'generic-secret', line: 0, character: 45, endLine: 0, endCharacter: 77 }],
    },
    {
      path: 'src/a.ts',
      name: 'headers.set call argument',
      code: `h.set('X-Api-Key', '${random32}');`,
      findings: [{ ruleId: 'generic-secret', line: 0, character: 20, endLine: 0, endCharacter: 52 }],
    },
    {
      path: 'src/a.ts',
      name: 'default parameter and class field',
      code: `function f(token = '${random32}') {}\nclass C {\n  private clientSecret = '${random32}';\n}`,
      findings: [
        { ruleId: 'generic-secret', line: 0, character: 20, endLine: 0, endCharacter: 52 },
        { ruleId: 'generic-secret', line: 2, character: 26, endLine: 2, endCharacter: 58 },
      ],
    },
    {
      path: 'src/a.tsx',
      name: 'JSX attribute',
      code: `const x = <Map apiKey="${random32}" />;`,
      findings: [{ ruleId: 'generic-secret', line: 0, character: 23, endLine: 0, endCharacter: 55 }],
    },
    {
      path: 'src/a.ts',
      name: 'assignment to a property',
      code: `config.auth.secret = '${random32}';`,
      findings: [{ ruleId: 'generic-secret', line: 0, character: 22, endLine: 0, endCharacter: 54 }],
    },
    {
      path: 'src/a.js',
      name: 'provider key in a comment is still a leak',
      code: `// old token: ${ghp}\nconst a = 1;`,
      findings: [{ ruleId: 'github-classic-token', line: 0, character: 14, endLine: 0, endCharacter: 14 + ghp.length }],
    },
    {
      path: 'src/a.ts',
      name: 'ignore directive for another rule does not suppress',
      code: `// rotation-ready-ignore-next-line github-classic-token\nconst k = '${stripe}';`,
      findings: [{ ruleId: 'stripe-secret-key', line: 1, character: 11, endLine: 1, endCharacter: 11 + stripe.length }],
    },
    {
      path: 'src/a.ts',
      name: 'CRLF line endings',
      code: `const a = 1;\r\nconst apiKey = "${random32}";\r\n`,
      findings: [{ ruleId: 'generic-secret', line: 1, character: 16, endLine: 1, endCharacter: 48 }],
    },
  ],
});
