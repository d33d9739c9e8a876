import { defineRules, type RuleSamples } from './types';

/** Databases and backend-as-a-service platforms. */
export const dataRules = defineRules([
  {
    id: 'connection-string-password',
    provider: 'Database',
    title: 'Password in a connection URL',
    // scheme://user:password@host — the password alone is reported, so the fix can keep the URL shape.
    // Starts with the literal `://` (scheme checked by the lookbehind) so the regex engine can skip ahead fast.
    // A password that repeats the user name (`mongodb://mongodb:mongodb@localhost`) is a local default, not a secret.
    pattern: /:\/\/(?<=\b(?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|redis|rediss|amqps?|mssql|sqlserver|ftp|sftp|smtps?|ldaps?|https?):\/\/)(?<user>[^\s:/@'"`]{0,64}):(?!\k<user>@)(?<secret>[^\s:@/'"`]{3,128})@[A-Za-z0-9.-]+/,
    keywords: ['://'],
    minEntropy: 2,
    severity: 'error',
    envName: 'DATABASE_URL',
    rotationUrl: 'https://www.postgresql.org/docs/current/sql-alterrole.html',
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
]);

/** True- and false-positive samples, kept out of the runtime bundle (tree-shaken): see samples.ts. */
export const dataSamples = (): Record<string, RuleSamples> => ({
  'connection-string-password': {
    positives: [(g) => 'postgres://app:' + g.alnum(20) + '@db.internal:5432/app', (g) => 'mongodb+srv://svc:' + g.alnum(16) + '@cluster0.mongodb.net/prod', (g) => 'redis://:' + g.alnum(20) + '@cache.internal:6379'],
    negatives: ['postgres://app:${DB_PASSWORD}@db:5432/app', 'postgres://user:password@localhost/db', 'redis://:@localhost:6379', 'https://user:<password>@example.com', 'mongodb://' + 'appdb:appdb' + '@localhost:27017/app', 'amqp://' + 'rabbit:rabbit' + '@queue:5672'],
  },
  'planetscale-token': { positives: [(g) => 'pscale_' + 'pw_' + g.b64url(43)], negatives: ['pscale_' + 'pw_' + 'abc'] },
  'supabase-access-token': { positives: [(g) => 'sbp_' + g.hex(40)], negatives: ['sbp_' + 'abc'] },
  'supabase-publishable-key': { positives: [(g) => 'sb_' + 'publishable_' + g.b64url(31)], negatives: ['sb_' + 'publishable_' + 'x'] },
  'supabase-secret-key': { positives: [(g) => 'sb_' + 'secret_' + g.b64url(31)], negatives: ['sb_' + 'secret_' + 'key'] },
});
