import { defineRules, type RuleSamples } from './types';

/** Microsoft Azure and Entra ID. */
export const azureRules = defineRules([
  {
    id: 'azure-client-secret',
    provider: 'Azure',
    title: 'Microsoft Entra ID (Azure AD) client secret',
    // The fourth character block "Q~" marks the 2021+ client secret format, drawn from letters, digits and `_~.-`
    // throughout (a secret may start with `-`). The secret ends there: a `Q~` inside a longer run of the same
    // characters is part of something else (a CloudFront signature, a Freenet key). No lookbehind: the engine finds
    // this pattern from its `Q~` (compile.ts anchorOf), which a leading lookaround would prevent.
    pattern: /[A-Za-z0-9_~.-]{3}\dQ~[A-Za-z0-9_~.-]{31,34}(?![A-Za-z0-9_~.-])/,
    keywords: ['q~'],
    minEntropy: 3,
    severity: 'error',
    envName: 'AZURE_CLIENT_SECRET',
    rotationUrl: 'https://portal.azure.com/#view/Microsoft_AAD_RegisteredApps/ApplicationsListBlade',
  },
  {
    id: 'azure-entra-refresh-token',
    provider: 'Azure',
    title: 'Microsoft Entra ID (Azure AD) refresh token',
    // What MSAL and the Azure CLI cache and what a token endpoint returns: `0.A` or `1.A` and the base64url client
    // info, optionally `.1`, then `.Ag` and the encrypted token (hundreds of characters), sometimes a third `.A…` part.
    // It stays valid for up to 90 days and mints new access tokens, so it is a credential on its own. Every part is a
    // run without dots, so each candidate is read once; the engine tries it only where `0.A`/`1.A` occur, after a
    // character that is no letter or digit (compile.ts startKeywords).
    // ASCII classes spelled out: the same in JavaScript, but engines that read `\w` as Unicode (ripgrep) build a far
    // larger automaton for its long counted runs.
    pattern: /[01]\.A[A-Za-z0-9_-]{50,}(?:\.[0-9])?\.Ag[A-Za-z0-9_-]{250,}(?:\.A[A-Za-z0-9_-]{200,})?/,
    keywords: ['0.a', '1.a'],
    minEntropy: 3.5,
    severity: 'error',
    envName: 'AZURE_REFRESH_TOKEN',
    rotationUrl: 'https://learn.microsoft.com/entra/identity-platform/refresh-tokens#token-revocation',
  },
  {
    id: 'azure-openai-api-key',
    provider: 'Azure',
    title: 'Azure OpenAI / Azure AI services key',
    // 32 hex characters (or the newer 84 letters and digits) with no prefix: the name says what it is
    // (AZURE_OPENAI_API_KEY, AZURE_OPENAI_KEY, azureOpenAIKey, AOAI_KEY, AZURE_AI_SERVICES_KEY), or, in a file that
    // names an Azure OpenAI endpoint (`<resource>.openai.azure.com`) or one of those names, the service's own
    // request header, `api-key` (a logged request, a `headers` object).
    pattern: /(?:[a-f0-9]{32}|[A-Za-z0-9]{84})/,
    nameHint: /azure_?open_?ai|\baoai|azure_?(?:ai|cognitive)_?services?|^api-key$/i,
    keywords: ['azure_openai', 'azureopenai', 'azure_open_ai', 'aoai', 'azure_ai_service', 'azureaiservice', 'azure_cognitive', 'azurecognitive', '.openai.azure.com'],
    minEntropy: 3,
    severity: 'error',
    envName: 'AZURE_OPENAI_API_KEY',
    rotationUrl: 'https://portal.azure.com/#browse/Microsoft.CognitiveServices%2Faccounts',
  },
  {
    id: 'azure-storage-account-key',
    provider: 'Azure',
    title: 'Azure Storage account key',
    // 64 random bytes in base64 after a storage-key name: `AccountKey=` in a connection string, and the same key
    // under `account_key:`, `storageAccountKey = "…"`, `<account_key>…`, `-storagekey …`, `{ "AccountKey", "…" }`.
    // The name is read case-aside with classes (no flags); the separators are bounded. The storage emulator's account
    // `devstoreaccount1` has one key, published in Microsoft's docs for every Azurite user: not a secret.
    pattern:
      /(?<!devstoreaccount1;\s{0,16})(?:[Aa][Cc][Cc][Oo][Uu][Nn][Tt]|[Ss][Tt][Oo][Rr][Aa][Gg][Ee])[_-]?(?:[Aa][Cc][Cc][Ee][Ss][Ss][_-]?)?[Kk][Ee][Yy][\s"'\]:=,>{|]{1,24}(?<secret>[A-Za-z0-9+/]{86}==)/,
    keywords: ['accountkey', 'account_key', 'account-key', 'storagekey', 'storage_key', 'storage-key', 'storageaccesskey', 'storage_access_key'],
    minEntropy: 3,
    severity: 'error',
    envName: 'AZURE_STORAGE_CONNECTION_STRING',
    rotationUrl: 'https://portal.azure.com/#browse/Microsoft.Storage%2FStorageAccounts',
  },
  {
    id: 'azure-container-registry-password',
    provider: 'Azure',
    title: 'Azure Container Registry password',
    // ACR admin and token passwords carry Microsoft's identifiable-key signature: 42 base64 characters, `+ACR`, then
    // 6 more (52 in all), so they are found with no name beside them (`docker login … -p …`, a registry secret).
    pattern: /[A-Za-z0-9+/]{42}\+ACR[A-Za-z0-9]{6}/,
    keywords: ['+acr'],
    minEntropy: 3.5,
    severity: 'error',
    envName: 'ACR_PASSWORD',
    rotationUrl: 'https://learn.microsoft.com/azure/container-registry/container-registry-authentication#admin-account',
  },
  {
    id: 'azure-sas-token',
    provider: 'Azure',
    title: 'Azure shared access signature',
    // Parameters between `sv` and `sig` are read one `name=value&` at a time, a bounded number of bounded ones: the
    // old `&[^"'\s]*?sig=` re-read the rest of the line from every `sv=`, quadratic (7 s on 1 MiB of `?sv=…&`).
    pattern: /(?<=[?&])sv=\d{4}-\d{2}-\d{2}&(?:[A-Za-z;-]{1,16}=[^"'\s&]{0,256}&){0,24}?(?:amp;)?sig=(?<secret>[A-Za-z0-9%+/]{43,60}(?:%3D|=){0,2})/,
    keywords: ['sig='],
    minEntropy: 3,
    severity: 'error',
    envName: 'AZURE_STORAGE_SAS_TOKEN',
    rotationUrl: 'https://learn.microsoft.com/azure/storage/common/storage-sas-overview',
  },
  {
    id: 'azure-app-configuration-connection-string',
    provider: 'Azure',
    title: 'Azure App Configuration connection string',
    // `Endpoint=https://<store>.azconfig.io;Id=<credential id>;Secret=<secret>`: the portal's access-key connection
    // string, which the SDKs take whole (`AzureAppConfigurationClient(connectionString)`); the secret is base64
    // (44 characters, or 84 in the newer identifiable format).
    pattern: /Endpoint=https:\/\/[A-Za-z0-9-]{1,63}\.azconfig\.io\/?;Id=[A-Za-z0-9+/=:_-]{1,64};Secret=(?<secret>[A-Za-z0-9+/]{32,100}={0,2})/,
    keywords: ['.azconfig.io'],
    minEntropy: 3,
    severity: 'error',
    envName: 'AZURE_APPCONFIG_CONNECTION_STRING',
    rotationUrl: 'https://learn.microsoft.com/azure/azure-app-configuration/howto-disable-access-key-authentication',
  },
  {
    id: 'azure-cache-for-redis-key',
    provider: 'Azure',
    title: 'Azure Cache for Redis access key',
    // The portal's StackExchange.Redis connection string: `<cache>.redis.cache.windows.net:6380,password=<key>,ssl=True`
    // (the key: 32 random bytes in base64, 44 characters).
    pattern: /\.redis\.cache\.windows\.net(?::\d{2,5})?,(?:[A-Za-z]{1,24}=[^,\s"']{0,64},){0,6}?[Pp]assword=(?<secret>[A-Za-z0-9+/]{40,88}={0,2})(?![A-Za-z0-9+/=])/,
    keywords: ['.redis.cache.windows.net'],
    minEntropy: 3.5,
    severity: 'error',
    envName: 'REDIS_CONNECTION_STRING',
    rotationUrl: 'https://learn.microsoft.com/azure/azure-cache-for-redis/cache-configure#access-keys',
  },
  {
    id: 'azure-service-key',
    provider: 'Azure',
    title: 'Azure service key or token',
    // Most Azure keys have no prefix of their own: an Azure DevOps personal access token (52 characters), an AI Search
    // admin or query key (52), an API Management subscription key or a Cognitive Services key (32), a Functions key
    // (base64url, `==`). A random value of that size under a name that says Azure and key/token/secret
    // (`AZURE_DEVOPS_PAT`, `azureSearchKey`, `AZURE_API_MANAGEMENT_SUBSCRIPTION_KEY`, `azure_key:`, a header's
    // `Azure-Devops-Pat`) is one of them.
    // After the Azure rules of a known shape: those name the kind when they apply.
    pattern: /[A-Za-z0-9+/_-]{30,90}={0,2}/,
    // `devops_pat` and `azureDevopsPat` too: DevOps is Azure's (a PAT's own word, glued in camelCase).
    nameHint: /azure[\w-]{0,40}?(?:key|token|secret|[_-]?pat)$|devops[_-]?pat$/i,
    keywords: ['azure', 'devops'],
    minEntropy: 3,
    severity: 'error',
    envName: 'AZURE_API_KEY',
    rotationUrl: 'https://portal.azure.com/',
  },
]);

/** True- and false-positive samples, kept out of the runtime bundle (tree-shaken): see samples.ts. */
export const azureSamples = (): Record<string, RuleSamples> => ({
  'azure-client-secret': {
    positives: [(g) => g.alnum(3) + '8Q~' + g.alnum(34), (g) => '-' + g.alnum(2) + '8Q~' + g.alnum(10) + '.' + g.alnum(8) + '_' + g.alnum(10) + '-', (g) => g.alnum(3) + '8Q~' + g.alnum(4) + '~-' + g.alnum(25)],
    // A signature with a `Q~` inside: the run goes on past where a client secret would end.
    negatives: [
      'abc8Q~' + 'short',
      'Sig0Yex4Q~' + 'Zq7wLk2Rt9Vb4Nm6Xc1Hd8Jf3Gs5Pa0Ye' + '-eY0aP5sG3fJ8dH1cX6mN4bV9tR2kLw7qZ~Tu',
    ],
  },
  'azure-entra-refresh-token': {
    positives: [
      (g) => '0.A' + g.b64url(60) + '.AgABAAEAAAD' + g.b64url(330),
      (g) => '1.A' + g.b64url(54) + '.AgABAwEAAADW' + g.b64url(280) + '.A' + g.b64url(240),
      (g) => '1.A' + g.b64url(54) + '.1.AgABAwEAAAAu' + g.b64url(300),
    ],
    negatives: [
      // Cut short (an excerpt in an issue): the encrypted part is far below a token's length.
      '0.AXEAFN5Pl6TDG0ibA8_OGCw6B-kFbFJoXnhBqmJD9wukrpZxAMc' + '.AgABAAAAAAD--DLA3VO7QrddgJg7WevrAgDs_wQA9P9g0VCdz8sm',
      '0.A' + 'x'.repeat(56) + '.Ag' + 'x'.repeat(300),
      // A version or a section number followed by words is no token.
      '1.Accounting_and_reporting_overview_for_the_first_quarter_of_the_year.Agenda',
    ],
  },
  'azure-openai-api-key': {
    positives: [(g) => ({ name: 'AZURE_OPENAI_API_KEY', value: g.hex(32) }), (g) => ({ name: 'azureOpenAIKey', value: g.hex(32) }), (g) => ({ name: 'AZURE_AI_SERVICES_KEY', value: g.alnum(84) })],
    negatives: [
      { name: 'AZURE_OPENAI_ENDPOINT', value: 'https://contoso.openai.azure.com/' },
      { name: 'AZURE_OPENAI_API_KEY', value: '0'.repeat(32) },
      { name: 'AZURE_OPENAI_DEPLOYMENT', value: 'gpt-4o-mini-2024-07-18' },
      // The `api-key` header binds only in a file that names Azure OpenAI (test/unit/analyze/peerClasses.test.ts).
      { name: 'api-key', value: '7d1f0c9a4b2e8f3a6c5d0e9b1a7f4c2d' },
    ],
  },
  'azure-storage-account-key': {
    positives: [
      (g) => 'DefaultEndpointsProtocol=https;AccountName=demo;AccountKey=' + g.base64(86) + '==;EndpointSuffix=core.windows.net',
      // The key alone after a storage-key name (the name is part of what the pattern reads, so it is in the sample).
      (g) => 'storage_account_key=' + g.base64(86) + '==',
      (g) => 'AZURE_STORAGE_KEY: ' + g.base64(86) + '==',
      (g) => '-storagekey ' + g.base64(86) + '==',
    ],
    negatives: [
      'AccountKey=' + '<your-key>',
      { name: 'storageAccountKey', value: '<storage-account-key>' },
      // The storage emulator's well-known development account (Azurite), documented for everyone.
      'DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=' + 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzF' + 'T50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==' + ';BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;',
    ],
  },
  'azure-container-registry-password': {
    positives: [(g) => g.base64(42) + '+ACR' + g.alnum(6)],
    // The signature elsewhere than at its place, or too short a key before it.
    negatives: ['Kq3rT8vB2nX6mZ1pL9wH4sD7fG0jC5yU' + '+ACR' + 'Ab3dE9', 'ACR' + '_PASSWORD'],
  },
  'azure-app-configuration-connection-string': {
    positives: [
      (g) => 'Endpoint=https://shop-settings.azconfig.io;Id=' + g.alnum(4) + '-l0-s0:' + g.alnum(20) + ';Secret=' + g.base64(43) + '=',
      (g) => 'Endpoint=https://' + g.lowerAlnum(10) + '.azconfig.io;Id=' + g.b64url(12) + ';Secret=' + g.alnum(84),
    ],
    negatives: ['Endpoint=https://shop-settings.azconfig.io;Id=' + '<id>;Secret=' + '<secret>', 'https://shop-settings.azconfig.io'],
  },
  'azure-cache-for-redis-key': {
    positives: [
      (g) => 'shop-cache.redis.cache.windows.net:6380,password=' + g.base64(43) + '=,ssl=True,abortConnect=False',
      (g) => g.lowerAlnum(8) + '.redis.cache.windows.net:6380,ssl=True,password=' + g.alnum(44),
    ],
    negatives: ['shop-cache.redis.cache.windows.net:6380,password=' + '<access-key>,ssl=True', 'shop-cache.redis.cache.windows.net:6380,password=' + '${REDIS_KEY},ssl=True'],
  },
  'azure-service-key': {
    positives: [
      (g) => ({ name: 'AZURE_DEVOPS_PAT', value: g.lowerAlnum(52) }),
      (g) => ({ name: 'azureSearchAdminKey', value: g.alnum(52) }),
      (g) => ({ name: 'AZURE_API_MANAGEMENT_SUBSCRIPTION_KEY', value: g.hex(32) }),
      (g) => ({ name: 'azure_function_key', value: g.b64url(54) + '==' }),
    ],
    negatives: [
      { name: 'AZURE_KEYVAULT_URL', value: 'https://contoso-vault.vault.azure.net/' },
      { name: 'azureSearchKey', value: 'https://contoso.search.windows.net' },
      { name: 'AZURE_DEVOPS_PAT', value: '<personal-access-token>' },
      { name: 'azureStorageKeyName', value: 'primaryKeyForTheReportingStorageAccount' },
      // Not an Azure name: the generic heuristic's, not this rule's.
      { name: 'searchAdminKey', value: 'Zq7wLk2Rt9Vb4Nm6Xc1Hd8Jf3Gs5Pa0YeTu4Wq8Er2Ty6Ui0Op3As' },
    ],
  },
  'azure-sas-token': {
    positives: [
      (g) => 'https://demo.blob.core.windows.net/c?sv=2022-11-02&ss=b&srt=o&sp=r&se=2030-01-01T00:00:00Z&sig=' + g.alnum(43) + '%3D',
      // HTML-escaped, as in a page or an XML config.
      (g) => 'https://demo.blob.core.windows.net/c?sv=2022-11-02&amp;sp=r&amp;sig=' + g.alnum(43) + '%3D',
    ],
    negatives: ['https://demo.blob.core.windows.net/c?sv=2022-11-02&sig=' + 'SIGNATURE'],
  },
});
