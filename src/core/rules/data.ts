import { defineRules, type RuleSamples } from './types';

/** Databases and backend-as-a-service platforms. */
export const dataRules = defineRules([
  {
    id: 'algolia-admin-key',
    provider: 'Algolia',
    title: 'Algolia Admin or write API key',
    // 32 hexadecimal characters with no prefix, so the name says what it is: an Algolia key not named for search (a
    // search-only key is public by design: algolia-search-key).
    pattern: /[a-f0-9]{32}/,
    // Bounded gaps: a name is tested as written, however long (a run of `algolia` in minified text stays linear).
    nameHint: /^(?!.{0,64}(?:search|public)).{0,64}algolia/i,
    keywords: ['algolia'],
    minEntropy: 3,
    severity: 'error',
    envName: 'ALGOLIA_ADMIN_KEY',
    rotationUrl: 'https://dashboard.algolia.com/account/api-keys',
  },
  {
    id: 'algolia-search-key',
    provider: 'Algolia',
    title: 'Algolia search-only API key',
    // The search-only key goes to browsers with InstantSearch (Algolia: "safe to use in your front-end code"): a
    // publishable key, reported only as info with showPublishable, and kept from the generic heuristic.
    pattern: /[a-f0-9]{32}/,
    nameHint: /algolia.{0,32}(?:search|public)|(?:search|public).{0,32}algolia/i,
    keywords: ['algolia'],
    minEntropy: 3,
    severity: 'info',
    publishable: true,
    envName: 'ALGOLIA_SEARCH_KEY',
    rotationUrl: 'https://dashboard.algolia.com/account/api-keys',
  },
  {
    id: 'connection-string-password',
    provider: 'Database',
    title: 'Password in a connection URL',
    // scheme://user:password@host — the password alone is reported, so the fix can keep the URL shape.
    // Starts with the literal `://` (scheme checked by the lookbehind) so the regex engine can skip ahead fast. Any
    // scheme (RFC 3986: a letter, then letters, digits, `+`, `.`, `-`): a driver suffix (`postgresql+psycopg2://`,
    // `mysql+pymysql://`, `mongodb+srv://`) or a scheme of its own (`clickhouse://`, `nats://`) holds a password the same way.
    // The scheme is a whole word that opens a URL: not a run cut out of a query or a path (`?ostgres://`, `%2Fredis://`).
    // A password that repeats the user name (`mongodb://mongodb:mongodb@localhost`) is a local default, not a secret. No
    // backslash: a URL's user information has none (RFC 3986; it would be percent-encoded), a string's escapes do
    // (`uri://us\xA0er:pa\uD7FFss@…` in a URI library's tests is an escaping example).
    pattern: /:\/\/(?<=(?:^|[^A-Za-z0-9+.\-?&#%/\\])[A-Za-z][A-Za-z0-9+.-]{0,40}:\/\/)(?<user>[^\s:/@'"`\\]{0,64}):(?!\k<user>@)(?<secret>[^\s:@/'"`\\]{3,128})@[A-Za-z0-9.-]+/,
    keywords: ['://'],
    minEntropy: 2,
    severity: 'error',
    envName: 'DATABASE_URL',
    rotationUrl: 'https://www.postgresql.org/docs/current/sql-alterrole.html',
  },
  {
    id: 'database-connection-string-password',
    provider: 'Database',
    title: 'Password in a database connection string',
    // The `key=value;` form of ADO.NET, ODBC and JDBC-style strings (`Server=db;User ID=app;Password=…;`,
    // `DRIVER={…};SERVER=…;UID=…;PWD=…`): a password after a server and up to twelve other settings, which the
    // connection-URL rule does not read. Matched from the server setting (its keywords); each setting ends at `;`, so a
    // start is read once. A human-chosen password is still one here: the setting's name says so. A line may break after
    // a `;` (a PowerShell here-string, a C# verbatim string, a config's multi-line value): only there, so a setting
    // still has one reading.
    pattern:
      /(?:Server|server|SERVER|Data Source|Data source|data source|DATA SOURCE|Host|host|HOST)[ \t]?=[ \t]?[^;"'`\n]{1,253};(?:[ \t]*\r?\n)?(?:[^;"'`\n=]{1,40}=[^;"'`\n]{0,256};(?:[ \t]*\r?\n)?){0,12}?[ \t]{0,16}(?:Password|password|PASSWORD|Pwd|PWD|pwd)[ \t]?=[ \t]?(?<secret>[^;"'`\s]{4,128})(?=[;"'`\s]|$)/,
    // Every spelling of the setting's `[ \t]?=`, so that the pattern is tried only where one of them ends (compile.ts).
    keywords: ['server=', 'server =', 'server\t=', 'data source=', 'data source =', 'data source\t=', 'host=', 'host =', 'host\t='],
    minEntropy: 2.5,
    severity: 'error',
    envName: 'DATABASE_CONNECTION_STRING',
    rotationUrl: 'https://learn.microsoft.com/sql/t-sql/statements/alter-login-transact-sql',
  },
  {
    id: 'planetscale-token',
    provider: 'PlanetScale',
    title: 'PlanetScale password or service token',
    pattern: /pscale_(?:tkn|pw|oauth)_[A-Za-z0-9_.-]{32,64}/,
    keywords: ['pscale_tkn_', 'pscale_pw_', 'pscale_oauth_'],
    minEntropy: 3,
    severity: 'error',
    envName: 'PLANETSCALE_TOKEN',
    rotationUrl: 'https://app.planetscale.com/',
  },
  {
    id: 'supabase-access-token',
    provider: 'Supabase',
    title: 'Supabase personal access token',
    pattern: /sbp_[a-f0-9]{40}/,
    keywords: ['sbp_'],
    minEntropy: 3,
    severity: 'error',
    envName: 'SUPABASE_ACCESS_TOKEN',
    rotationUrl: 'https://supabase.com/dashboard/account/tokens',
  },
  {
    id: 'supabase-publishable-key',
    provider: 'Supabase',
    title: 'Supabase publishable key',
    pattern: /sb_publishable_[A-Za-z0-9_-]{20,}/,
    keywords: ['sb_publishable_'],
    minEntropy: 3,
    severity: 'info',
    publishable: true,
    envName: 'SUPABASE_PUBLISHABLE_KEY',
    rotationUrl: 'https://supabase.com/dashboard/project/_/settings/api-keys',
  },
  {
    id: 'supabase-secret-key',
    provider: 'Supabase',
    title: 'Supabase secret API key',
    pattern: /sb_secret_[A-Za-z0-9_-]{20,}/,
    keywords: ['sb_secret_'],
    minEntropy: 3,
    severity: 'error',
    envName: 'SUPABASE_SECRET_KEY',
    rotationUrl: 'https://supabase.com/dashboard/project/_/settings/api-keys',
  },
  {
    id: 'maxmind-license-key',
    provider: 'MaxMind',
    title: 'MaxMind license key',
    // What GeoIP updaters and the GeoLite2 download URLs take: 6 characters, `_`, 29 characters and the `_mmk` suffix
    // MaxMind's current keys end with (the older 12- and 16-character keys have no mark).
    pattern: /[A-Za-z0-9]{6}_[A-Za-z0-9]{29}_mmk/,
    keywords: ['_mmk'],
    minEntropy: 3.5,
    severity: 'error',
    envName: 'MAXMIND_LICENSE_KEY',
    rotationUrl: 'https://www.maxmind.com/en/accounts/current/license-key',
  },
  {
    id: 'maxmind-legacy-license-key',
    provider: 'MaxMind',
    title: 'MaxMind license key (older format)',
    // Keys issued before the `_mmk` format are 12 or 16 letters and digits with no mark: only a MaxMind or GeoIP name
    // says what they are (`MAXMIND_LICENSE_KEY`, `GEOIPUPDATE_LICENSE_KEY`, `geoip: '…'`). Fields that hold ids,
    // editions or paths under those names are not keys; a key mixes letters and digits…
    pattern: /(?:[A-Za-z0-9]{16}|[A-Za-z0-9]{12})/,
    nameHint: /maxmind|geo_?ip|geolite/i,
    notNames: /(?:^|_)(?:account(?:_?id)?|user(?:_?id)?|id|edition(?:s|_ids?)?|path|dir|file|db|database|url|host|version|country|city|asn|sha\d*|md5|hash|checksum|digest|commit|etag|name|locale|lang|code)$/,
    // …and is no run of capitalised words and numbers (`YourLicenseKey12`, `GeoLite2City2024`).
    validWhen: (value) => /\d/.test(value) && /[A-Za-z]/.test(value) && !/^(?:[A-Z][a-z]{2,}|\d{1,4})+$/.test(value),
    keywords: ['maxmind', 'geoip', 'geo_ip', 'geolite'],
    minEntropy: 3,
    severity: 'error',
    envName: 'MAXMIND_LICENSE_KEY',
    rotationUrl: 'https://www.maxmind.com/en/accounts/current/license-key',
  },

  {
    id: 'clickhouse-cloud-api-secret',
    provider: 'ClickHouse',
    title: 'ClickHouse Cloud API key secret',
    // `4b1d` + 38 base62. A hex run that happens to start `4b1d` is no key: the secret mixes upper and lower case.
    pattern: /4b1d[A-Za-z0-9]{38}/,
    validWhen: (value) => /[A-Z]/.test(value) && /[a-z]/.test(value.slice(4)),
    keywords: ['4b1d'],
    minEntropy: 3.5,
    severity: 'error',
    envName: 'CLICKHOUSE_API_SECRET',
    rotationUrl: 'https://clickhouse.com/docs/cloud/manage/openapi',
  },
  {
    id: 'apify-api-token',
    provider: 'Apify',
    title: 'Apify API token',
    pattern: /apify_api_[A-Za-z0-9]{36}/,
    keywords: ['apify_api_'],
    minEntropy: 3.5,
    severity: 'error',
    envName: 'APIFY_TOKEN',
    rotationUrl: 'https://console.apify.com/settings/integrations',
  },
  {
    id: 'tableau-personal-access-token',
    provider: 'Tableau',
    title: 'Tableau personal access token secret',
    // The secret a Tableau Server/Cloud PAT signs in with: 16 bytes in base64 (22 characters, the last one of `AQgw`,
    // and `==`), `:`, 32 letters and digits. In files that mention Tableau (tableauserverclient, REST sign-in).
    pattern: /(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{21}[AQgw]==:[A-Za-z0-9]{32}/,
    keywords: ['tableau'],
    minEntropy: 3.5,
    severity: 'error',
    envName: 'TABLEAU_PAT_SECRET',
    rotationUrl: 'https://help.tableau.com/current/server/en-us/security_personal_access_tokens.htm',
  },
]);

/** True- and false-positive samples, kept out of the runtime bundle (tree-shaken): see samples.ts. */
export const dataSamples = (): Record<string, RuleSamples> => ({
  'algolia-admin-key': {
    positives: [(g) => ({ name: 'ALGOLIA_ADMIN_KEY', value: g.hex(32) }), (g) => ({ name: 'ALGOLIA_API_KEY', value: g.hex(32) }), (g) => ({ name: 'algoliaWriteKey', value: g.hex(32) })],
    negatives: [{ name: 'ALGOLIA_SEARCH_API_KEY', value: '9b1c4e7a2f8d3b6c0e5a9d2f7b4c1e8a' }, { name: 'ALGOLIA_APP_ID', value: 'X7KQ2M9PLD' }, { name: 'ALGOLIA_API_KEY', value: 'your-algolia-admin-key' }],
  },
  'algolia-search-key': {
    positives: [(g) => ({ name: 'NEXT_PUBLIC_ALGOLIA_SEARCH_API_KEY', value: g.hex(32) }), (g) => ({ name: 'algoliaSearchKey', value: g.hex(32) })],
    negatives: [{ name: 'ALGOLIA_SEARCH_API_KEY', value: '<search-only-key>' }, { name: 'ALGOLIA_SEARCH_INDEX', value: 'products_prod' }],
  },
  'connection-string-password': {
    positives: [(g) => 'postgres://app:' + g.alnum(20) + '@db.internal:5432/app', (g) => 'mongodb+srv://svc:' + g.alnum(16) + '@cluster0.mongodb.net/prod', (g) => 'redis://:' + g.alnum(20) + '@cache.internal:6379', (g) => 'postgresql+psycopg2://app:' + g.alnum(18) + '@db:5432/app', (g) => 'clickhouse://default:' + g.alnum(16) + '@ch.internal:9000/events'],
    negatives: ['postgres://app:${DB_PASSWORD}@db:5432/app', 'postgres://user:password@localhost/db', 'redis://:@localhost:6379', 'https://user:<password>@example.com', 'mongodb://' + 'appdb:appdb' + '@localhost:27017/app', 'amqp://' + 'rabbit:rabbit' + '@queue:5672'],
  },
  'database-connection-string-password': {
    positives: [
      (g) => 'Server=tcp:orders.database.windows.net,1433;Initial Catalog=orders;User ID=app;Password=' + g.alnum(18) + ';Encrypt=True',
      (g) => 'DRIVER={ODBC Driver 18 for SQL Server};SERVER=db01;DATABASE=sales;UID=report;PWD=' + g.base64(16),
      (g) => 'Host=pg.internal;Port=5432;Database=app;Username=svc;Password=' + g.alnum(12) + '#' + g.digits(4),
    ],
    negatives: [
      'Server=db01;Database=sales;Trusted_Connection=True;',
      'Server=db01;Database=sales;User ID=app;Password=' + '${DB_PASSWORD};',
      'Server=db01;Database=sales;User ID=app;Password=' + '<password>;',
      'Host=localhost;Username=postgres;Password=' + 'postgres',
      'Data Source=app.db;Cache=Shared',
    ],
  },
  'planetscale-token': { positives: [(g) => 'pscale_' + 'pw_' + g.b64url(43)], negatives: ['pscale_' + 'pw_' + 'abc'] },
  'supabase-access-token': { positives: [(g) => 'sbp_' + g.hex(40)], negatives: ['sbp_' + 'abc'] },
  'supabase-publishable-key': { positives: [(g) => 'sb_' + 'publishable_' + g.b64url(31)], negatives: ['sb_' + 'publishable_' + 'x'] },
  'supabase-secret-key': { positives: [(g) => 'sb_' + 'secret_' + g.b64url(31)], negatives: ['sb_' + 'secret_' + 'key'] },
  'maxmind-license-key': {
    positives: [(g) => g.alnum(6) + '_' + g.alnum(29) + '_mmk', (g) => ({ name: 'GEOIPUPDATE_LICENSE_KEY', value: g.alnum(6) + '_' + g.alnum(29) + '_mmk' })],
    negatives: ['xxxxxx_' + 'x'.repeat(29) + '_mmk', 'YOUR_LICENSE_KEY_mmk'],
  },
  'maxmind-legacy-license-key': {
    positives: [(g) => ({ name: 'MAXMIND_LICENSE_KEY', value: g.alnum(14) + g.digits(2) }), (g) => ({ name: 'GEOIPUPDATE_LICENSE_KEY', value: g.alnum(10) + g.digits(2) }), (g) => ({ name: 'geoip', value: 'a' + g.digits(2) + g.alnum(13) })],
    negatives: [
      { name: 'GEOIPUPDATE_ACCOUNT_ID', value: '123456' },
      { name: 'GEOIPUPDATE_EDITION_IDS', value: 'GeoLite2City1' },
      { name: 'maxmind_db_path', value: 'GeoLite2City2024' },
      { name: 'MAXMIND_LICENSE_KEY', value: 'YourLicenseKey12' },
      { name: 'geoip_country', value: 'abcdefghijklmnop' },
      // A digest or a commit under a GeoIP name: not the key.
      { name: 'GEOIP_DB_SHA256', value: '3f9c2e7b1d5a8f4c' },
      { name: 'geoip_db_commit', value: '9d2a7f3c5e1b' },
      { name: 'MAXMIND_LICENSE_KEY', value: 'xxxxxxxxxxxxxxxx' },
    ],
  },

  'clickhouse-cloud-api-secret': { positives: [(g) => '4b1d' + g.alnum(38)], negatives: ['4b1d' + '9e4c1a7b3f2d8e6a0c5b9d1f7a3e2c4b9e4c1a', '4b1d' + 'x'.repeat(38)] },
  'apify-api-token': {
    positives: [(g) => 'apify_api_' + g.alnum(36), (g) => ({ name: 'APIFY_TOKEN', value: 'apify_api_' + g.alnum(36) })],
    negatives: ['apify_api_' + 'x'.repeat(36), 'apify_api_' + 'token', 'apify_api_' + 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'],
  },
  'tableau-personal-access-token': {
    positives: [(g) => ({ name: 'TABLEAU_PAT_SECRET', value: g.base64(21) + 'w==:' + g.alnum(32) }), (g) => ({ name: 'tableau_token_value', value: g.base64(21) + 'Q==:' + g.alnum(32) })],
    negatives: [
      { name: 'TABLEAU_PAT_SECRET', value: 'x'.repeat(21) + 'w==:' + 'x'.repeat(32) },
      // The last base64 character before `==` holds two bits: no encoder writes `Z==` after 21 characters.
      { name: 'TABLEAU_PAT_SECRET', value: 'YMqNfVWiTSa0QgpoJ9GpCZ==:' + 'KTamjuKrXF5gVETjIJafBBvP8Ctj5aJ3' },
      { name: 'tableau_site', value: 'prod-useast-a.online.tableau.com' },
    ],
  },
});
