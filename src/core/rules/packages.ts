import { basicLogin } from './crypto';
import { defineRules, type RuleSamples, type SampleGen } from './types';

/**
 * Whether a Docker config `auth` value is base64 of `user:password` with a real password: printable, a user, and a
 * password that is not a stand-in (`user:pass`, `my_username:my_password`, `***`).
 */
function isRegistryAuth(value: string): boolean {
  const login = basicLogin(value);
  if (!login || !/^[\x20-\x7e\t\r\n]+$/.test(login.user) || !/^[\x20-\x7e\t\r\n]*$/.test(login.password)) return false;
  const { password } = login;
  return password.length >= 4 && !/^(?:my_?)?pass(?:word|wd)?$|^\**$|^(?:secret|changeme|token)$/i.test(password);
}

/** Package registries: a leaked publish token lets anyone ship a release under your name. */
/**
 * Whether a PyPI token's macaroon (base64url after `pypi-`) ends with its signature field: type 6, length 32, then the
 * 32-byte HMAC. Every token PyPI issues ends so; one cut short, or typed by hand after the prefix, does not, and
 * without its signature a macaroon authenticates nothing.
 */
function isSignedMacaroon(value: string): boolean {
  if (value.length > 8192) return false;
  const bytes = Buffer.from(value.slice('pypi-'.length), 'base64url');
  return bytes.length >= 45 && bytes[bytes.length - 34] === 0x06 && bytes[bytes.length - 33] === 0x20;
}

export const packageRules = defineRules([
  {
    id: 'clojars-deploy-token',
    provider: 'Clojars',
    title: 'Clojars deploy token',
    pattern: /CLOJARS_[a-z0-9]{60}/,
    keywords: ['clojars_'],
    minEntropy: 3,
    severity: 'error',
    envName: 'CLOJARS_TOKEN',
    rotationUrl: 'https://clojars.org/tokens',
  },
  {
    id: 'docker-hub-token',
    provider: 'Docker Hub',
    title: 'Docker Hub personal access token',
    pattern: /dckr_pat_[A-Za-z0-9_-]{27}/,
    keywords: ['dckr_pat_'],
    minEntropy: 3,
    severity: 'error',
    envName: 'DOCKERHUB_TOKEN',
    rotationUrl: 'https://app.docker.com/settings/personal-access-tokens',
  },
  {
    id: 'docker-registry-auth',
    provider: 'Docker registry',
    title: 'Docker registry credentials (config auth)',
    // `"auths": {"<registry>": {"auth": "<base64 of user:password>"}}`: ~/.docker/config.json, a Kubernetes
    // .dockerconfigjson, GitLab's DOCKER_AUTH_CONFIG; read from the text, so a config held in an escaped string counts.
    pattern: /auth\\*"\s*:\s*\\*"(?<secret>[A-Za-z0-9+/]{8,8192}={0,2})\\*"/,
    validWhen: isRegistryAuth,
    keywords: ['auths'],
    minEntropy: 3,
    severity: 'error',
    message: 'A Docker registry password is hardcoded (base64 in a Docker config `auth`): move it to an environment variable or the keychain, and change it.',
    envName: 'DOCKER_AUTH_CONFIG',
    rotationUrl: 'https://docs.docker.com/reference/cli/docker/login/',
  },
  {
    id: 'npm-access-token',
    provider: 'npm',
    title: 'npm access token',
    pattern: /npm_[A-Za-z0-9]{36}/,
    keywords: ['npm_'],
    minEntropy: 3,
    severity: 'error',
    envName: 'NPM_TOKEN',
    rotationUrl: 'https://www.npmjs.com/settings/~/tokens',
  },
  {
    id: 'npm-legacy-token',
    provider: 'npm',
    title: 'npm legacy access token (UUID)',
    // npm tokens issued before the `npm_` format (2021) are UUIDs, still valid until revoked; a UUID is an identifier
    // anywhere else, so only the registry's own auth settings say it is a token: `//registry…/:_authToken=` in .npmrc
    // (or `npm config set`), `npmAuthToken:` in .yarnrc.yml. npm reads `_authToken` only scoped to a registry
    // (`//host[/path]/:_authToken`); a bare or malformed one (`//host:_authToken`, `///:_authToken`) is never sent.
    pattern: /(?:\/\/[A-Za-z0-9.-]{1,253}(?::\d{1,5})?(?:\/[^\s:'"\/]{1,100}){0,8}\/:_authToken|npmAuthToken)["']?[ \t]{0,4}[=:][ \t]{0,4}["']?(?<secret>[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})/,
    keywords: ['_authtoken', 'npmauthtoken'],
    minEntropy: 3,
    severity: 'error',
    envName: 'NPM_TOKEN',
    rotationUrl: 'https://www.npmjs.com/settings/~/tokens',
  },
  {
    id: 'npm-token-uuid',
    provider: 'npm',
    title: 'npm legacy access token (UUID) under an npm token name',
    // The same pre-2021 UUID tokens as npm-legacy-token, kept where CI keeps them: `NPM_TOKEN=<uuid>`, `npmAuthToken`
    // in a config object, a label such as `npm token: '…'`. A UUID is an identifier anywhere else, so the name must say
    // npm and token (or auth).
    pattern: /[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}/,
    nameHint: /npm.{0,12}(?:token|auth)/i,
    keywords: ['npm'],
    minEntropy: 3,
    severity: 'error',
    envName: 'NPM_TOKEN',
    rotationUrl: 'https://www.npmjs.com/settings/~/tokens',
  },
  {
    id: 'nuget-api-key',
    provider: 'NuGet',
    title: 'NuGet API key',
    pattern: /oy2[a-z0-9]{43}/,
    keywords: ['oy2'],
    minEntropy: 3,
    severity: 'error',
    envName: 'NUGET_API_KEY',
    rotationUrl: 'https://www.nuget.org/account/apikeys',
  },
  {
    id: 'nuget-cleartext-password',
    provider: 'NuGet',
    title: 'NuGet feed password in clear text',
    message: "A package feed's password is hardcoded in clear text (NuGet's `ClearTextPassword`): read it from an environment variable (`%FEED_PASSWORD%`) instead, and change it.",
    // `<packageSourceCredentials>`'s `ClearTextPassword` holds, by its name, the feed password unencrypted: any value
    // but an environment reference (`%VAR%`, kept quiet by the placeholder filter) is a hardcoded password, words or not.
    pattern: /\S{8,256}/,
    nameHint: /^cleartextpassword$/i,
    keywords: ['cleartextpassword'],
    minEntropy: 2,
    severity: 'warning',
    envName: 'NUGET_FEED_PASSWORD',
    rotationUrl: 'https://learn.microsoft.com/en-us/nuget/reference/nuget-config-file#packagesourcecredentials',
  },
  {
    id: 'pypi-upload-token',
    provider: 'PyPI',
    title: 'PyPI upload token',
    // A macaroon whose base64 header always starts with the encoded location: "pypi.org", or "test.pypi.org" for
    // TestPyPI's tokens (a separate index, but an upload token all the same).
    pattern: /pypi-AgE(?:IcHlwaS5vcmc|NdGVzdC5weXBpLm9yZw)[A-Za-z0-9_-]{50,}/,
    keywords: ['pypi-ageichlwas5vcmc', 'pypi-agendgvzdc5wexbplm9yzw'],
    validWhen: isSignedMacaroon,
    minEntropy: 3,
    severity: 'error',
    envName: 'PYPI_TOKEN',
    rotationUrl: 'https://pypi.org/manage/account/token/',
  },
  {
    id: 'rubygems-api-key',
    provider: 'RubyGems',
    title: 'RubyGems API key',
    pattern: /rubygems_[a-f0-9]{48}/,
    keywords: ['rubygems_'],
    minEntropy: 3,
    severity: 'error',
    envName: 'GEM_HOST_API_KEY',
    rotationUrl: 'https://rubygems.org/profile/api_keys',
  },
]);

/** True- and false-positive samples, kept out of the runtime bundle (tree-shaken): see samples.ts. */
/** A PyPI token as PyPI makes one: `pypi-` and a v2 macaroon (location, identifier, a caveat, the 32-byte signature). */
const pypiToken = (location: string) => (g: SampleGen): string => {
  const field = (type: number, data: Buffer) => Buffer.concat([Buffer.from([type, data.length]), data]);
  const caveat = Buffer.from(`{"version": 1, "permissions": {"projects": ["${g.chars('abcdefghijklmnopqrstuvwxyz', 8)}"]}}`);
  const body = [Buffer.from([0x02]), field(0x01, Buffer.from(location)), field(0x02, Buffer.from(g.uuid())), Buffer.from([0x00]), field(0x02, caveat), Buffer.from([0x00, 0x00]), field(0x06, Buffer.from(g.hex(64), 'hex'))];
  return 'pypi-' + Buffer.concat(body).toString('base64url');
};

export const packageSamples = (): Record<string, RuleSamples> => ({
  'clojars-deploy-token': { positives: [(g) => 'CLOJARS_' + g.lowerAlnum(60)], negatives: ['CLOJARS_' + 'username'] },
  'docker-registry-auth': {
    positives: [
      (g) => `{"auths":{"registry.acme.io":{"auth":"${Buffer.from('deploy:' + g.alnum(20)).toString('base64')}"}}}`,
      (g) => `{"auths": {"ghcr.io": {"username": "ci", "auth": "${Buffer.from('ci-bot:' + g.alnum(12) + '@' + g.alnum(6)).toString('base64')}"}}}`,
    ],
    negatives: [
      `{"auths":{"registry.acme.io":{"auth":"${Buffer.from('user:pass').toString('base64')}"}}}`,
      `{"auths":{"registry.acme.io":{"auth":"${Buffer.from('my_username:my_password').toString('base64')}"}}}`,
      '{"auths":{"registry.acme.io":{"auth":"******"}}}',
      '{"auths":{"registry.acme.io":{"auth":"dGhpcyBpcyBub3QgYSBwYWlyIGF0IGFsbA=="}}}',
    ],
  },
  'docker-hub-token': { positives: [(g) => 'dckr_' + 'pat_' + g.b64url(27)], negatives: ['dckr_' + 'pat_' + 'abc'] },
  'npm-access-token': { positives: [(g) => 'npm_' + g.alnum(36)], negatives: ['npm_' + 'config_registry', 'npm_' + 'x'.repeat(36)] },
  'npm-legacy-token': {
    positives: [(g) => '//registry.npmjs.org/:_authToken=' + g.uuid(), (g) => '//npm.pkg.example.com:8443/api/npm/team/:_authToken=' + g.uuid(), (g) => 'npmAuthToken: ' + g.uuid().toUpperCase()],
    // A UUID anywhere else is an identifier; a `_authToken` that reads the environment holds no token.
    negatives: [{ name: 'requestId', value: '3f2c' + '9a1e-7b4d-4c8a-9e21-5d6f0b7a8c93' }, '//registry.npmjs.org/:_authToken=' + '${NPM_TOKEN}', '_authToken=' + '5b0e9c4a-1f7d-4e2b-8a36-c9d14e7f2a58'],
  },
  'npm-token-uuid': {
    positives: [(g) => ({ name: 'NPM_TOKEN', value: g.uuid() }), (g) => ({ name: 'NPM_PUBLISH_TOKEN', value: g.uuid().toUpperCase() })],
    negatives: [{ name: 'NPM_PACKAGE_ID', value: '6d1f0c3a-9b2e-4f7d-8a15-2c9e7b4d0f63' }, { name: 'NPM_TOKEN', value: '00000000-0000-0000-0000-000000000000' }],
  },
  'nuget-api-key': { positives: [(g) => 'oy2' + g.lowerAlnum(43)], negatives: ['oy2' + 'short'] },
  'nuget-cleartext-password': {
    positives: [(g) => ({ name: 'ClearTextPassword', value: 'Feed' + g.alnum(6) + 'Pass' }), (g) => ({ name: 'ClearTextPassword', value: 'Nightly-' + g.lowerAlnum(8) })],
    negatives: [{ name: 'ClearTextPassword', value: '%NUGET_FEED_PASSWORD%' }, { name: 'ClearTextPassword', value: 'short' }, { name: 'Password', value: 'Nightly-build' }],
  },
  'pypi-upload-token': {
    positives: [pypiToken('pypi.org'), pypiToken('test.pypi.org')],
    // Cut short (no signature field at its end), another macaroon location (base64 of "example.org"), a TestPyPI
    // header with too short a body.
    negatives: ['pypi-' + 'AgEIcHlwaS5vcmc' + 'short', 'pypi-' + 'AgENZXhhbXBsZS5vcmc' + 'Q7vK2mX9pL4wZ8tN3bH6sJ1cF5dG0aYeR2uI7oP4Zq7wLk2Rt9Vb', 'pypi-' + 'AgENdGVzdC5weXBpLm9yZw' + 'tooShort'],
  },
  'rubygems-api-key': { positives: [(g) => 'rubygems_' + g.hex(48)], negatives: ['rubygems_' + 'version'] },
});
