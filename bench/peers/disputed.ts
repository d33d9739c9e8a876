/**
 * Peer samples we dispute: each entry says, by a rule on the sample's text (never a list of the samples themselves),
 * why the sample is not what the peer labels it. Disputed samples are left out of recall and false-positive rates and
 * listed apart in the results with the reason and how many of them we flag, so a reader can judge each call; rules
 * are never tuned to them. Add an entry only with a reason that holds for any sample of that kind.
 */
import { shannonEntropy } from '../../src/core/analyze/entropy';
import { isCounting, looksLikeWords } from '../../src/core/analyze/quiet';
import { signedWithJwtIoSecret } from '../../src/core/rules/crypto';
import { ruleById } from '../../src/core/rules/index';
import type { PeerCase } from './types';

export interface Dispute {
  /** Which samples: suite, peer rule (a regular expression on its id), and whether the peer calls them tp or fp. */
  suite: string;
  peerRule: RegExp;
  expect: 'tp' | 'fp';
  /** Whether this sample is one the reason applies to. */
  applies: (text: string) => boolean;
  reason: string;
}

/** base64url without padding → whether it decodes to decimal digits only (a Discord user id). */
const isDigitsBase64 = (segment: string): boolean => /^[A-Za-z0-9_-]+$/.test(segment) && /^\d+$/.test(Buffer.from(segment, 'base64url').toString('latin1'));

/** Whether the first JWT-shaped run in a text fails our JWT rule's structural check (header and payload are JSON objects). */
const jwtNotJson = (text: string): boolean => {
  const p = jwtParts(text);
  return !!p && (!jsonObject(p.header) || !jsonObject(p.payload));
};
/** The first run shaped like a JWT's header and payload (`ey….ey…`), and what follows it. */
const jwtParts = (text: string): { header: string; payload: string; signature: string } | undefined => {
  const m = /(ey[A-Za-z0-9_-]{10,})\.(ey[A-Za-z0-9_-]{10,})(?:\.([A-Za-z0-9_-]*))?/.exec(text);
  return m ? { header: m[1]!, payload: m[2]!, signature: m[3] ?? '' } : undefined;
};
const jsonObject = (segment: string): Record<string, unknown> | undefined => {
  try {
    const v: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
};
/** Whether a text's first JWT-shaped run has a header and payload that are JSON but no signature, or `alg: none`. */
const unsignedJwt = (text: string): boolean => {
  const p = jwtParts(text);
  if (!p) return false;
  const header = jsonObject(p.header);
  return !!header && !!jsonObject(p.payload) && (p.signature.length < 16 || String(header.alg).toLowerCase() === 'none');
};
/** Whether a text's first JWT-shaped run is a signed JWT our rule accepts (header and payload JSON, a signature). */
const signedJwt = (text: string): boolean => {
  const m = /eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{16,}/.exec(text);
  return !!m && ruleById('jwt')?.validWhen?.(m[0]) !== false && !unsignedJwt(text);
};
/** Whether a text holds a JWT whose payload says `"role":"anon"` (a Supabase anon key). */
const anonJwt = (text: string): boolean => {
  const m = /eyJ[A-Za-z0-9_-]{10,}\.(eyJ[A-Za-z0-9_-]{10,})\.[A-Za-z0-9_-]{16,}/.exec(text);
  return !!m && /"role"\s*:\s*"anon"/.test(Buffer.from(m[1]!, 'base64url').toString('utf8'));
};

/**
 * A line that assigns a random value to a name that says token, secret or API key (`x_token = '…'`, `client_secret: …`,
 * `tok := "…"`): the value has letters and digits, and the generic heuristic's own least length and entropy (16
 * characters, 3.5 bits each).
 */
const randomUnderSecretName = (text: string): boolean =>
  // A line of one assignment, or of several separated by commas (`a_token = "…", b_key = "…"`).
  [...text.matchAll(/(?:^|,)[ \t]*["']?[\w .-]*?(?:token|secret|api_?key)\w*['"]?[ \t]*(?::=|[=:])[ \t]*['"]?([^'"\s,]{16,})['"]?[ \t]*(?=,|$)/gim)].some(
    (m) => /\d/.test(m[1]!) && /[A-Za-z]/.test(m[1]!) && shannonEntropy(m[1]!) >= 3.5,
  );
const NEAR_MISS_UNDER_SECRET_NAME =
  "a near-miss of the peer's format (a character changed to one outside it, a segment cut short or too long, an id of the wrong length, a paired id missing) that is still a random value under a token, secret or API-key name (`npm_token = '…'`, `client_secret: …`): a non-match for the peer's rule, but a hardcoded secret to a user — a key with one character changed still gives away all the others — which the generic heuristic reports by design, whatever the provider's exact format (no provider rule of ours does)";

/** The same, under a name that says password (`PASSWORD=…`, `db_password: …`). */
const randomUnderPasswordName = (text: string): boolean =>
  [...text.matchAll(/^[ \t]*["']?[\w .-]*?passw(?:or)?d\w*['"]?[ \t]*(?::=|[=:])[ \t]*['"]?([^'"\s]{16,})['"]?[ \t]*,?$/gim)].some(
    (m) => /\d/.test(m[1]!) && /[A-Za-z]/.test(m[1]!) && shannonEntropy(m[1]!) >= 3.5,
  );

/** A log line that prints a random value after a token, secret or API-key label (`[DEBUG] Using token: …`). */
const randomLoggedAfterSecretLabel = (text: string): boolean =>
  [...text.matchAll(/^[ \t]*\[[A-Z]{3,8}\][^\n]*?\b(?:token|secret|api[_ ]?key)[ \t]*[:=][ \t]*([^'"\s]{16,})[ \t]*$/gim)].some(
    (m) => /\d/.test(m[1]!) && /[A-Za-z]/.test(m[1]!) && shannonEntropy(m[1]!) >= 3.5,
  );
/** The same, after a bare `Key=` (`[DEBUG] Using asana Key=…`). */
const randomLoggedAfterKeyLabel = (text: string): boolean =>
  [...text.matchAll(/^[ \t]*\[[A-Z]{3,8}\][^\n]*?\bkey[ \t]*[:=][ \t]*([^'"\s]{16,})[ \t]*$/gim)].some(
    (m) => /\d/.test(m[1]!) && /[A-Za-z]/.test(m[1]!) && shannonEntropy(m[1]!) >= 3.5,
  );

/** Whether base64 decodes to `<digits>:<bytes>`: the body of an Atlassian Data Center token (Jira, Confluence, Bitbucket). */
const atlassianTokenBody = (body: string): boolean => /^\d{1,20}:[\s\S]{16,}$/.test(Buffer.from(body, 'base64').toString('latin1'));

/** The quoted value of an HCL password attribute (`password = "…"`, `administrator_login_password = "…"`). */
const hclPassword = (text: string): string | undefined => /passw(?:or)?d\w*\s*=\s*"([^"]*)"/i.exec(text)?.[1];
/** `NAME=value` pairs whose name says secret: the values. */
const secretPairValues = (text: string): string[] => [...text.matchAll(/\w*secret\w*=([^\s"'&]+)/gi)].map((m) => m[1]!);

export const DISPUTES: Dispute[] = [
  {
    suite: '*',
    peerRule: /./,
    expect: 'tp',
    // The same rule our placeholder filter applies to every value (src/core/analyze/quiet.ts: `(.)\1{7,}`).
    // …and nothing random-looking is left once the runs are taken out: Twitter's bearer tokens open with a fixed run of
    // 21 `A`s and then 80 random characters, which makes them keys, not placeholders.
    applies: (text) => /([A-Za-z0-9])\1{7,}/.test(text) && !/[A-Za-z0-9]{20,}/.test(text.replace(/([A-Za-z0-9])\1{7,}/g, '-')),
    reason: 'a placeholder: the key is runs of one character (`AGE-SECRET-KEY-1QQQQ…`, `xoxa-2-511111111-…`, `sk_live_AAAA…`) with nothing random left between them, which our placeholder filter treats as a placeholder for every rule',
  },
  {
    suite: 'gitleaks',
    peerRule: /^(?:adobe-client-id|discord-client-id|asana-client-id)$/,
    expect: 'tp',
    applies: () => true,
    reason: 'a client id, a public identifier sent with every OAuth request (like a Google OAuth client id): not reported by design',
  },
  {
    suite: 'gitleaks',
    peerRule: /^slack-webhook-url$/,
    expect: 'tp',
    applies: (text) => !/hooks\.slack\.com\/(?:services|workflows|triggers)\/T[A-Z0-9]+\/[AB][A-Z0-9]+\//.test(text),
    reason: 'not a Slack webhook: the path is one random string, where a webhook URL is /services/T<team id>/B<id>/<secret>',
  },
  {
    suite: 'detect-secrets',
    peerRule: /^discord$/,
    expect: 'tp',
    applies: (text) => {
      const m = /([A-Za-z0-9_=-]{20,30})\.[A-Za-z0-9_-]{6}\./.exec(text);
      return !m || !isDigitsBase64(m[1]!.replace(/^=+/, ''));
    },
    reason: "not a Discord bot token: the first part is not a user id (decimal digits) in base64, as every bot token's is (synthetic examples, or a shape cut at a point no token has)",
  },
  {
    suite: 'gitleaks',
    peerRule: /^gcp-api-key$/,
    expect: 'fp',
    // Its other false positives (a key cut out of a longer string, the wrong case, low entropy) stay counted.
    applies: (text) => /^AIza[0-9A-Za-z_-]{35}$/.test(text.trim()),
    reason: 'a well-formed Google API key: gitleaks calls it a false positive only because its allowlist names these literal values (examples in firebase-android-sdk); without that list any scanner should flag it',
  },
  {
    suite: 'gitleaks',
    peerRule: /^nuget-config-password$/,
    expect: 'fp',
    applies: (text) => /value="(?:33f!!lloppa|hal\+9ooo_da!sY)"/.test(text),
    reason: "a password of NuGet's documentation, which gitleaks allow-lists by its literal value; it has a real password's shape, and we report any password hardcoded in a config",
  },
  {
    suite: 'gitleaks',
    peerRule: /^cloudflare-(?:api-key|global-api-key|origin-ca-key)$/,
    expect: 'fp',
    // gitleaks' cloudflare.go builds each Cloudflare rule's false positives from the other two rules' true positives.
    applies: (text) => /v1\.0-[a-f0-9]{24}-[a-f0-9]{146}/.test(text) || /cloudflare\w*["']?\s*[:=]\s*["']?(?:[a-f0-9]{37}|[A-Za-z0-9_-]{40})["']?\s*$/i.test(text),
    reason: "another kind of Cloudflare key (an origin CA key, an API token, a global API key): gitleaks lists each kind as a false positive of the other kinds' rules, but it is a Cloudflare secret all the same, and our rule for that kind reports it",
  },
  {
    suite: 'gitleaks',
    peerRule: /^discord-client-secret$/,
    expect: 'tp',
    applies: (text) => /(?<![0-9A-Za-z])\d{32}(?![0-9A-Za-z])/.test(text),
    reason: 'not the shape of a Discord client secret: 32 decimal digits (gitleaks draws these samples from digits only), where a client secret is 32 random characters of letters, digits, `-` and `_`',
  },
  {
    suite: 'trufflehog',
    peerRule: /^azure_batch$/,
    expect: 'fp',
    applies: (text) => {
      const logged = /\bSecret\s*[=:]\s*([A-Za-z0-9+/=!]{40,})/.exec(text);
      return !!logged && shannonEntropy(logged[1]!) >= 4.5;
    },
    reason: "a random value of 40 characters or more logged under `Secret=`: a non-match for the peer's Azure Batch detector (no account URL beside a valid key), but a secret written in a log all the same, which our generic rule reports by its name",
  },
  {
    suite: 'detect-secrets',
    peerRule: /^gitlab_token$/,
    expect: 'fp',
    applies: (text) => /\bgh[pousr]_[A-Za-z0-9]{36}\b/.test(text),
    reason: 'a GitHub token (`ghp_…`): a non-match for the peer\'s GitLab plugin only; a secret all the same, which our GitHub rule reports',
  },
  {
    suite: 'detect-secrets',
    peerRule: /^gitlab_token$/,
    expect: 'tp',
    applies: (text) => /\bglptt-/.test(text) && !/\bglptt-[0-9a-f]{40}\b/.test(text),
    reason: 'not a GitLab pipeline trigger token: its body is not the 40 hexadecimal digits every `glptt-` token has (synthetic text such as `glptt-Need5_T00-be-…`)',
  },
  {
    suite: 'trufflehog',
    peerRule: /^onesignal$/,
    expect: 'tp',
    applies: (text) => /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/i.test(text) && !/os_v2_(?:app|org)_/.test(text),
    reason: "a bare UUID after `onesignal`: OneSignal's App ID and Organization ID are UUIDs, public by OneSignal's Keys & IDs page (safe in client code); its App and Organization API keys are `os_v2_app_…`/`os_v2_org_…`, which our rule reports",
  },
  {
    suite: 'trufflehog',
    peerRule: /^openaiadmin$/,
    expect: 'fp',
    applies: (text) => /\bsk-(?:proj-|svcacct-|[a-z0-9-]+-)?[A-Za-z0-9_-]{16,}T3BlbkFJ[A-Za-z0-9_-]{16,}/.test(text),
    reason: 'a regular OpenAI API key (`sk-…T3BlbkFJ…`, `sk-proj-…`, `sk-svcacct-…`): a non-match for the peer\'s admin-key detector only; a secret all the same, which our OpenAI rule reports',
  },
  {
    suite: 'trufflehog',
    peerRule: /^stripepaymentintent$/,
    expect: 'fp',
    applies: (text) => /\b[sr]k_(?:live|test)_[A-Za-z0-9]{24,}/.test(text),
    reason: 'the sample also holds a Stripe secret or restricted key (`sk_live_…`, `sk_test_…`; a test-mode secret key reads and writes the test account): a non-match for the peer\'s payment-intent detector only; a secret all the same, which our Stripe rule reports',
  },
  {
    suite: '*',
    peerRule: /^jwt$/,
    expect: 'tp',
    applies: jwtNotJson,
    reason: "not a JWT: its header or payload does not decode to JSON (edited by hand, `eyJhbGciOieee…`), so no verifier accepts it; detect-secrets' own tests call the same edit a false positive",
  },
  {
    suite: '*',
    peerRule: /^jwt$/,
    expect: 'tp',
    applies: anonJwt,
    reason: 'a Supabase-style anon key (a JWT with `"role":"anon"`): made to ship in browsers (row-level security guards the data), so publishable, with no diagnostic by default (shown as info with `--show-publishable`)',
  },
  {
    suite: '*',
    peerRule: /./,
    expect: 'tp',
    // The word glued to key characters (`dckr_pat_Example123…`, `…CYEXAMPLEKEY`), not a host or a path (api.example.com/v1/example);
    // and AWS's documentation key by its fixed opening (`wJalrXUtnFEMI/K7MDENG/bPxRfiCY…`).
    applies: (text) => /[A-Za-z0-9+_-]{6,}(?:example|EXAMPLE|Example)|(?:example|EXAMPLE|Example)[A-Za-z0-9+_-]{10,}/.test(text) || text.includes('wJalrXUtnFEMI/K7MDENG'),
    reason: "a documentation placeholder: the key spells `example` (`dckr_pat_Example…`, `lin_api_…EXAMPLE`) or is AWS's documentation key (`wJalrXUtnFEMI/K7MDENG/bPxRfiCY…`), which our placeholder filter treats as a placeholder for every rule",
  },
  {
    suite: 'secretlint',
    peerRule: /^(?:aws|azure)$/,
    expect: 'tp',
    applies: (text) => /(?:account|tenant|client)_?id\b/i.test(text),
    reason: 'a public identifier (an AWS account id, an Azure AD tenant or client id), not a credential: it grants nothing without a secret, and it appears in every sign-in URL and ARN',
  },
  {
    suite: '*',
    peerRule: /^jwt$/,
    expect: 'tp',
    applies: (text) => [...text.matchAll(/eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{16,}/g)].some((m) => signedWithJwtIoSecret(m[0])),
    reason: "jwt.io's sample: a token whose signature verifies with the secret jwt.io's debugger fills in (`your-256-bit-secret`), copied into READMEs and tests everywhere; anyone can forge it, so no credential leaks with it, and our JWT rule leaves it (rules/crypto.ts)",
  },
  {
    suite: '*',
    peerRule: /^jwt$/,
    expect: 'tp',
    applies: unsignedJwt,
    reason: "an unsigned JWT (no signature, or `alg: none`): anyone can write one, so it proves nothing and no verifier that checks signatures accepts it (jwt.io's example claims without their signature, a test's `alg: none` token)",
  },
  {
    suite: 'trufflehog',
    peerRule: /^jwt$/,
    expect: 'fp',
    applies: signedJwt,
    reason: "a well-formed signed JWT: trufflehog calls it a non-match after checking it live (expired, not yet valid, a signature that does not verify with the secret its test knows); read as text, a signed JWT is a bearer token, which our JWT rule reports",
  },
  {
    suite: '*',
    peerRule: /./,
    expect: 'tp',
    // `fake` glued to key characters (`SKbddc…fake8f7c…`, `sq0csb-o6cs8xFAKExEg…`), as `example` above; not a word in
    // a sentence or a name (`fake_api_key`), which the placeholder filter already reads.
    applies: (text) => /[A-Za-z0-9]{3,}(?:fake|FAKE|Fake)|(?:fake|FAKE|Fake)[A-Za-z0-9]{6,}/.test(text),
    reason: 'a documentation placeholder: the key spells `fake` (`SK…fake8f7c…`, `sq0csb-…FAKE…`), which no issuer generates',
  },
  {
    suite: '*',
    peerRule: /./,
    expect: 'tp',
    // The same rule our placeholder filter applies to every value (src/core/analyze/quiet.ts).
    applies: (text) => /01234567|12345678|23456789|98765432|87654321|76543210/.test(text),
    reason: 'a placeholder: the key counts (`dapi1234567890ABCDEF…`, `12345678-ABCD-…`, `87654321-4321-…`), which our placeholder filter treats as a placeholder for every rule',
  },
  {
    suite: 'gitleaks',
    peerRule: /^anthropic-(?:admin-)?api-key$/,
    expect: 'fp',
    applies: (text) => /sk-ant-(?:api03|admin01)-[A-Za-z0-9_-]{93}AA/.test(text),
    reason: "a well-formed Anthropic key of the other kind (an admin key for the API-key rule, an API key for the admin-key rule): a non-match for that one rule only; a secret all the same, which our rule for its kind reports",
  },
  {
    suite: 'gitleaks',
    peerRule: /^mailchimp-api-key$/,
    expect: 'fp',
    applies: (text) => /\b[0-9a-f]{32}-us\d{1,2}\b/.test(text),
    reason: 'a well-formed Mailchimp API key (32 hexadecimal digits and a data-centre suffix `-usNN`): gitleaks lists it among its false positives under the comment "False Negative", a key its own rule misses',
  },
  {
    suite: 'gitleaks',
    peerRule: /^gcp-service-account$/,
    expect: 'tp',
    applies: (text) => !/private_key|PRIVATE KEY/.test(text),
    reason: 'no credential in the sample: the line `"type": "service_account"` says a JSON file is a service-account key, but without its `private_key` there is nothing to use or rotate (a whole key file is reported by its private key)',
  },
  {
    suite: 'trufflehog',
    peerRule: /^gitlaboauth2$/,
    expect: 'fp',
    applies: (text) => /\bgl(?:oas-[0-9a-f]{64}|pat-[A-Za-z0-9_-]{20,})\b/.test(text),
    reason: "a well-formed GitLab secret (an OAuth application secret `gloas-…`, a personal access token `glpat-…`): a non-match for the peer's detector only because the client id it pairs with is missing or malformed; a secret all the same, which our GitLab rules report",
  },
  {
    suite: 'trufflehog',
    peerRule: /^harness$/,
    expect: 'fp',
    applies: (text) => /\bpat\.[A-Za-z0-9_]{22}\.[0-9a-f]{24}\.[A-Za-z0-9]{20}\b/.test(text),
    reason: "a well-formed Harness personal access token (`pat.<account>.<token id>.<secret>`) without the word `harness` before it, which the peer's detector requires; a key all the same, which our Harness rule reports by its shape",
  },
  {
    suite: 'detect-secrets',
    peerRule: /^gitlab_token$/,
    expect: 'tp',
    applies: (text) => /\bGR1348941/.test(text) && !/\bGR1348941[A-Za-z0-9_-]{20}(?![\w-])/.test(text),
    reason: 'not a GitLab runner registration token: `GR1348941` is followed by a run of words longer than the 20 random characters every such token has (`GR1348941PREfix_helloworld…`)',
  },
  {
    suite: 'trufflehog',
    peerRule: /^mapbox$/,
    expect: 'tp',
    applies: (text) => /\bsk\./.test(text) && !/\bsk\.eyJ/.test(text),
    reason: "not a Mapbox secret token: after `sk.` every token has a base64url JSON payload (`sk.eyJ1Ijoi…`), where the sample has three-character groups between dots",
  },
  {
    suite: 'trufflehog',
    peerRule: /^gcp$/,
    expect: 'fp',
    applies: (text) => /-----BEGIN PRIVATE KEY-----(?:\\n|\n)MII[A-Za-z0-9+/]{20}/.test(text),
    reason: "a PEM private key (a service account's, pasted without the rest of its key file): a non-match for the peer's detector, which reads whole key files; a secret all the same, which our private-key rule reports",
  },
  {
    suite: '*',
    peerRule: /./,
    expect: 'tp',
    applies: (text) => /-----BEGIN (?:[A-Z0-9]+ ){0,3}PRIVATE KEY-----/.test(text) && !/-----END (?:[A-Z0-9]+ ){0,3}PRIVATE KEY-----/.test(text),
    reason: 'not a usable private key: the PEM block has no well-formed footer (`-----END PRIVATE KEY----`, four dashes, or none), so no library loads it',
  },
  {
    suite: '*',
    peerRule: /./,
    expect: 'tp',
    applies: (text) => {
      const m = /-----BEGIN (?:[A-Z0-9]+ ){0,3}PRIVATE KEY-----([\s\S]*?)-----END (?:[A-Z0-9]+ ){0,3}PRIVATE KEY-----/.exec(text);
      return !!m && m[1]!.replace(/\\[nr]|[^A-Za-z0-9+/=]/g, '').length < 64;
    },
    reason: 'not a private key: the PEM block holds a few dozen characters, where the smallest real key (an Ed25519 one) has 64 and an RSA key hundreds',
  },
  {
    suite: 'trufflehog',
    peerRule: /^cloudflarecakey$/,
    expect: 'tp',
    applies: (text) => /v1\.0-[A-Za-z0-9]{24}-/.test(text) && !/v1\.0-[a-f0-9]{24}-[a-f0-9]{146}/.test(text),
    reason: 'not a Cloudflare origin CA key: after `v1.0-` every key is hexadecimal (24, a dash, 146), where the sample has other letters (`v1.0-13vvv…`)',
  },
  {
    suite: 'trufflehog',
    // Checked one by one for these detectors; the reason holds for any "invalid pattern" row of this form.
    peerRule: /^(?:harness|terraformcloudpersonaltoken|azuredirectmanagementkey|azuredevopspersonalaccesstoken)$/,
    expect: 'fp',
    applies: (text) => /(?:token|secret|api_?key|_key)\w*['"]?\s*[=:]\s*['"]?(?=[^'"\s]*\d)(?=[^'"\s]*[A-Za-z])[^'"\s]{20,}/i.test(text),
    reason: "a near-miss of the detector's format (a character changed, a segment cut short) that is still a random value under a token or API-key name (`harness token = 'pat.…'`, `AZURE_…_API_KEY=…`, `azure_key: …`): a non-match for the peer's format, but a hardcoded secret to a user, which we report by design (the generic heuristic, or a provider rule that binds by the name, such as azure-service-key)",
  },
  {
    suite: 'trufflehog',
    // Checked one by one for these detectors, as above.
    peerRule: /^(?:azurecontainerregistry|gitlaboauth2|newrelicmobileapptoken|newrelicpersonalapikey|npmtoken|npmtokenv2|nugetapikey|supabasetoken|telegrambottoken|xai)$/,
    expect: 'fp',
    applies: randomUnderSecretName,
    reason: NEAR_MISS_UNDER_SECRET_NAME,
  },
  {
    suite: 'trufflehog',
    // v2 of the detector matches only the prefixed format; checked before the near-miss rule below, which would
    // otherwise take these samples for near-misses.
    peerRule: /^cloudflareapitoken\/v2$/,
    expect: 'fp',
    applies: (text) => !/cf[ua]t_/.test(text) && /cloudflare|\bcf_?(?:api|token)/i.test(text) && /(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{40}(?![A-Za-z0-9_-])/.test(text),
    reason: "a Cloudflare API token of the older format (40 characters, no `cfut_`/`cfat_` prefix) under a Cloudflare name: a non-match for the peer's v2 detector, which reads only the prefixed format (its v1 detector reads this one); a Cloudflare secret all the same, which our cloudflare-api-token rule reports",
  },
  {
    suite: 'trufflehog',
    // Versioned detectors, checked one by one as above (bench/NOTES.md, truff20).
    peerRule: /^(?:atlassiandatacenter\/jiradatacenterpat|buildkite\/v[12]|cloudflareapitoken\/v2|heroku\/v2|sonarcloud\/v[12])$/,
    expect: 'fp',
    applies: randomUnderSecretName,
    reason: NEAR_MISS_UNDER_SECRET_NAME,
  },
  {
    suite: 'trufflehog',
    // Checked one by one: a reference token cut short, or its `cmVmdGtu` ("reftkn") start replaced.
    peerRule: /^artifactoryreferencetoken$/,
    expect: 'fp',
    applies: randomLoggedAfterSecretLabel,
    reason:
      "a near-miss of the peer's format (cut short, its fixed start replaced) that is still a random value a log line prints after `token:` (`[DEBUG] Using token: …`): a non-match for the peer's rule, but a token leaked in a log to a user, which the generic heuristic reports by design",
  },
  {
    suite: 'trufflehog',
    // Checked one by one: Algolia's key with a dash in it or its provider's word a line away, Asana's with its
    // segments cut to other lengths, each printed by a debug log line after `Key=`.
    peerRule: /^(?:algoliaadminkey|asanapersonalaccesstoken)$/,
    expect: 'fp',
    applies: randomLoggedAfterKeyLabel,
    reason:
      "a near-miss of the peer's format (a character outside it, segments of other lengths, or the provider's word a line away from the key) that is still a random value a debug log prints after `<provider> Key=`: a non-match for the peer's rule, but a key leaked in a log to a user, which the generic heuristic reports by design",
  },
  {
    suite: 'trufflehog',
    // Checked one by one: a date cut short, one padding character, a host beside it that is not the service's.
    peerRule: /^azureapimanagement\/repositorykey$/,
    expect: 'fp',
    applies: randomUnderPasswordName,
    reason:
      "a near-miss of the peer's format (a date cut short, one padding character missing, a host beside it that is not the service's) that is still a random value under a password name (`PASSWORD=…`): a non-match for the peer's rule, but a hardcoded password to a user, which the generic heuristic reports by design",
  },
  {
    suite: 'trufflehog',
    peerRule: /^atlassiandatacenter\/bitbucketdatacenter$/,
    expect: 'fp',
    applies: (text) => {
      const m = /BBDC-([A-Za-z0-9+/]{44})(?![A-Za-z0-9+/=])/.exec(text);
      return !!m && atlassianTokenBody(m[1]!) && !/https?:\/\//.test(text);
    },
    reason:
      "a well-formed Bitbucket Data Center token (`BBDC-` and the base64 of a numeric id, `:` and random bytes): a non-match for the peer's detector only because no server URL is beside it to verify against; a secret all the same, which our bitbucket-access-token rule reports",
  },
  {
    suite: 'trufflehog',
    peerRule: /^tableau$/,
    expect: 'fp',
    applies: (text) => /(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{21}[AQgw]==:[A-Za-z0-9]{32}(?![A-Za-z0-9])/.test(text),
    reason:
      "a well-formed Tableau personal access token secret (16 bytes in base64, `:`, 32 characters): a non-match for the peer's detector only because the token name or the `online.tableau.com` server it pairs the secret with is missing or misspelled; a secret all the same, which our tableau-personal-access-token rule reports",
  },
  {
    suite: 'trufflehog',
    peerRule: /^microsoftteamswebhook(?:\/v\d+)?$/,
    expect: 'tp',
    applies: (text) => /webhookb2\//.test(text) && !/webhookb2\/[A-Za-z0-9]{8}-(?:[A-Za-z0-9]{4}-){3}[A-Za-z0-9]{12}@[A-Za-z0-9]{8}-(?:[A-Za-z0-9]{4}-){3}[A-Za-z0-9]{12}\//.test(text),
    reason:
      "not a Microsoft Teams webhook URL: its group and tenant ids are GUIDs (8-4-4-4-12), where the sample's hold a dash inside a group (`…-T-3g-…`): the peer draws each group from `[a-zA-Z-0-9]`, a class that holds the dash",
  },
  {
    suite: 'gitleaks',
    // Checked one by one for these rules, as above.
    peerRule: /^(?:settlemint-service-access-token|slack-user-token|stripe-access-token|telegram-bot-api-token)$/,
    expect: 'fp',
    applies: randomUnderSecretName,
    reason: NEAR_MISS_UNDER_SECRET_NAME,
  },
  {
    suite: 'trufflehog',
    peerRule: /^salesforcerefreshtoken$/,
    expect: 'fp',
    applies: (text) => /\b5Aep861[A-Za-z0-9._=]{80,}/.test(text),
    reason: "a well-formed Salesforce refresh token (`5Aep861…`) under a refresh-token name: a non-match for the peer's detector only because the consumer key or secret it pairs it with is missing or malformed; a refresh token is a credential by itself (a connected app's consumer key is no secret), which the generic heuristic reports",
  },
  {
    suite: 'trufflehog',
    peerRule: /^azuresastoken$/,
    expect: 'fp',
    applies: (text) => /[?&]sv=\d{4}-\d{2}-\d{2}&(?:[A-Za-z]{1,16}=[^&\s]*&)*sig=[A-Za-z0-9%+/]{40,}/.test(text),
    reason: "a SAS token with its signature: the peer's detector rejects it for another parameter's value that it checks (a permission letter outside its list, an IP address cut short), which Azure would refuse too, but the signature is there and a text scanner cannot tell such an edit from a real token; we report any SAS that carries a signature",
  },
  {
    suite: 'gitleaks',
    peerRule: /^pypi-upload-token$/,
    expect: 'tp',
    applies: (text) => {
      const m = /pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]+/.exec(text);
      return !!m && ruleById('pypi-upload-token')?.validWhen?.(m[0]) === false;
    },
    reason: 'not a PyPI token: a token is a macaroon whose last 34 bytes are its signature field (type 6, 32 bytes), where the sample has random hexadecimal digits after the prefix (gitleaks draws `pypi-AgEIcHlwaS5vcmc` and 64 hex digits)',
  },
  {
    suite: 'secretlint',
    peerRule: /^aws$/,
    expect: 'fp',
    applies: (text) => /SECRET_ACCESS_KEY\s*[=:]\s*['"]?[A-Za-z0-9+/]{41,}={0,2}/.test(text),
    reason: "a random base64 value under a secret-key name, not the 40 characters of an AWS secret key (our AWS rule is quiet): the comment beside it says it is encrypted, which nothing in the value shows, so the generic heuristic reports it as it reports any random value under a secret name",
  },
  {
    suite: '*',
    peerRule: /./,
    expect: 'tp',
    applies: (text) => (text.match(/[A-Za-z0-9_.-]{16,}/g) ?? []).some(isCounting),
    reason: 'a placeholder typed by counting (`aBcDeFgHiJ…1234567890…`, `a1b2c3d4e5f6…`), which our placeholder filter treats as a placeholder for every rule',
  },
  {
    suite: 'gitleaks',
    peerRule: /^square-secret$/,
    expect: 'tp',
    applies: (text) => /sq0csp-[A-Za-z0-9_\\\]^-]{43}/.test(text) && !/sq0csp-[A-Za-z0-9_-]{43}/.test(text),
    reason: "not a Square secret: its body holds `\\`, `]` or `^`, outside the key's alphabet (gitleaks draws it from `[0-9A-Za-z\\\\-_]`, which Go reads as the range `\\`–`_`; its own rule, `sq0csp-[\\w-]{43}`, does not match such a draw)",
  },
  {
    suite: 'trufflehog',
    peerRule: /^launchdarkly$/,
    expect: 'tp',
    applies: (text) => /\b(?:sdk|api|mob)-[a-z0-9]{8}-[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{12}\b/.test(text) && !/\b(?:sdk|api|mob)-[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}\b/.test(text),
    reason: 'not a LaunchDarkly key: after `sdk-` (or `api-`) comes a UUID, hexadecimal digits only, where the sample has letters past `f` (the peer draws it from `[a-z0-9]`)',
  },
  {
    suite: 'trufflehog',
    peerRule: /^algoliaadminkey$/,
    expect: 'tp',
    applies: (text) => /\b[A-Za-z0-9]{32}\b/.test(text) && !/\b[a-f0-9]{32}\b/.test(text),
    reason: 'not an Algolia API key: Algolia issues 32 hexadecimal digits, where the sample has letters past `f` and capitals (the peer draws `[a-zA-Z0-9]{32}`)',
  },
  {
    suite: 'trufflehog',
    peerRule: /^salesforce$/,
    expect: 'tp',
    applies: (text) => { const m = /\b00[A-Za-z0-9]{13}!/.exec(text); return !!m && !m[0].startsWith('00D'); },
    reason: 'not a Salesforce session token: the part before `!` is the org id, and every org id starts `00D` (this one is random)',
  },
  {
    suite: 'trufflehog',
    peerRule: /^squareapp$/,
    expect: 'tp',
    applies: (text) => /\bsq0i[a-z]{2}-/.test(text),
    reason: "a Square application id (`sq0idp-…`), which the peer's detector reports: a public identifier that Square's Web Payments SDK sends from the browser, not a credential (the application's secret is `sq0csp-…`)",
  },
  {
    suite: '*',
    peerRule: /^newrelicbrowser|^new-relic-browser/,
    expect: 'tp',
    applies: (text) => /\bNR(?:JS|BR)-[a-f0-9]{19}\b/.test(text),
    reason: "a New Relic browser monitoring key (`NRJS-…`, `NRBR-…`): the browser agent's snippet puts it in every page, so it is publishable, with no diagnostic by default (shown as info with `--show-publishable`)",
  },
  {
    suite: 'detect-secrets',
    peerRule: /^npm$/,
    expect: 'fp',
    applies: (text) => /_authToken=\s*[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/i.test(text),
    reason: "an npm auth token (a UUID, npm's legacy token shape) after `_authToken=`: a non-match for the peer's plugin only because the registry path before it is malformed or missing (`//registry.npmjs.org:`, `///:`); the token is a credential whatever precedes it, which api-key-uuid reports under its name",
  },
  {
    suite: 'detect-secrets',
    peerRule: /^telegram/,
    expect: 'fp',
    applies: (text) => /\bbot\d{8,10}:AA[A-Za-z0-9_-]{33}\b/.test(text),
    reason: "a Telegram bot token written as in the Bot API's URLs (`api.telegram.org/bot<token>/getMe`): a secret in that position too; the peer's pattern misses it only because `bot` glued before the digits breaks its word boundary",
  },
  {
    suite: 'trufflehog',
    peerRule: /./,
    expect: 'tp',
    // trufflehog's Jenkins template (`<secret>{AQAAABAAA <key>}</secret>` in a `StringCredentialsImpl`) is used by
    // over a hundred detectors: Jenkins writes `{AQAAABAAAAAQ…}`, one base64 run with no space in it.
    applies: (text) => /\{(?:[A-Za-z]+ )?AQAAABAAA\s/.test(text),
    reason: "not what Jenkins writes: a credentials.xml `<secret>` holds `{AQAAABAAAAAQ…}`, one base64 run of ciphertext under the controller's master key; the peer's template puts a plaintext key after `AQAAABAAA` and a space, a shape no Jenkins file has (a real one holds no readable key)",
  },
  {
    suite: 'trufflehog',
    peerRule: /^azure/,
    expect: 'tp',
    applies: (text) => { const m = /(?<![A-Za-z0-9+/=])[A-Za-z0-9+/=]{86,88}(?![A-Za-z0-9+/=])/.exec(text); return !!m && /=[A-Za-z0-9+/]/.test(m[0]); },
    reason: "not an Azure account key: an 88-character key is 64 random bytes in base64, so `=` only pads its end; the sample has `=` in the middle (`…bC3=5hI…`), which no base64 encoder writes",
  },
  {
    suite: 'secretlint',
    peerRule: /^slack$/,
    expect: 'tp',
    applies: (text) => /\bxapp-\d-[A-Z0-9]+-\d+-[a-f0-9]+/.test(text) && !/\bxapp-\d-[A-Z0-9]+-\d+-[a-f0-9]{64}\b/.test(text),
    reason: 'not a Slack app-level token: its last part is not the 64 hexadecimal digits every `xapp-` token ends with (62, with `1234` typed at both ends)',
  },
  {
    suite: '*',
    peerRule: /slack/,
    expect: 'tp',
    applies: (text) => /hooks\.slack\.com\/services\/[^/\s]+\/[^/\s]+\/([A-Za-z0-9]{8,16})\1(?![A-Za-z0-9])/.test(text),
    reason: 'a placeholder: the webhook secret is one short string typed twice (`qKirRWalryBG` × 2), not 24 random characters (and its ids are typed too: `T11111AA`, a character short of a team id)',
  },
  {
    suite: 'trufflehog',
    peerRule: /^redis$/,
    expect: 'fp',
    applies: (text) => /\.redis\.cache\.windows\.net(?::\d+)?,(?:[^,\s'"]*,)*?password=[A-Za-z0-9+/]{40,}/.test(text),
    reason: "an Azure Cache for Redis connection string with its access key: a non-match for the peer's detector only because the port or an option differs from the one it expects (`:6381`, `ssl=False`); the password is the cache's key whatever the port, which our rule reports",
  },
  {
    suite: 'trufflehog',
    peerRule: /^adobeio$/,
    expect: 'tp',
    applies: () => true,
    reason: "an Adobe I/O API key, which is the integration's client id (Adobe's console labels it \"API Key (Client ID)\"; the peer checks it as `x-api-key` with a product name against Adobe Stock, whose API takes it from browsers): a public identifier, like gitleaks' adobe-client-id above; the secret is the client secret (`p8e-…`), which our rule reports",
  },
  {
    suite: '*',
    peerRule: /^(?:jdbc|postgres|mysql|sqlserver|mongodb|redis|database)/,
    expect: 'tp',
    applies: (text) => /(?:\/\/|@)(?:[\w-]+\.)*example\.(?:com|org|net)(?=[:/;\s]|$)/.test(text),
    reason: 'a documentation example: the server is under `example.com` (names reserved for documentation, RFC 2606), so no database there takes the password (`jdbc:…://foo.example.com:…;password=MyPa$$w0rd...`)',
  },
  {
    suite: '*',
    peerRule: /^docker/,
    expect: 'tp',
    applies: (text) => {
      const m = /"auth"\s*:\s*"([A-Za-z0-9+/]+={0,2})"/.exec(text);
      if (!m) return false;
      const [user, ...rest] = Buffer.from(m[1]!, 'base64').toString('utf8').split(':');
      const password = rest.join(':');
      return password === user || password.length < 6;
    },
    reason: 'a placeholder credential: the Docker config `auth` decodes to a password of a few characters, or one that repeats the user name (`123:123`), which no registry issues and our rules treat as a local default',
  },
  {
    suite: 'gitleaks',
    peerRule: /^hashicorp-tf-password$/,
    expect: 'tp',
    applies: (text) => {
      const value = hclPassword(text);
      return value !== undefined && looksLikeWords(value);
    },
    reason:
      "a documentation password made of words (`thisIsDog11` from the azurerm provider's docs, `rootpasswd` from the mysql provider's): our word filter (quiet.looksLikeWords) reads it as words, as it reads identifiers, labels and `password123`-style placeholders, in every file type; a password with a random part in the same `.tf`/`.hcl` attribute is reported (hardcoded-password), so a rule scoped to `.tf` files would only relax the word filter for one file type, tuned to these examples",
  },
  {
    suite: 'gitleaks',
    peerRule: /^nuget-config-password$/,
    expect: 'tp',
    applies: (text) => /<add\s+key="Password"\s+value="[^"%]*"/i.test(text),
    reason:
      "not a clear-text password: in a NuGet.config `<packageSourceCredentials>`, the `Password` key holds the password encrypted (DPAPI, base64) and NuGet cannot use a clear-text value there; the clear-text one is `ClearTextPassword`, which our NuGet rule reports",
  },
  {
    suite: 'trufflehog',
    peerRule: /^github_oauth2$/,
    expect: 'tp',
    applies: (text) => /\b[0-9a-f]{40}\b/.test(text) && !/secret|client/i.test(text),
    reason:
      "40 hexadecimal digits whose only name is `github`: a GitHub OAuth app's client secret has that shape, but so does every git commit SHA, the most common 40-hex value beside the word GitHub; under a secret or client name (`GITHUB_CLIENT_SECRET = …`) the generic heuristic reports it",
  },
  {
    suite: 'trufflehog',
    peerRule: /^asanaoauth$/,
    expect: 'tp',
    applies: (text) => !new RegExp(ruleById('asana-personal-access-token')!.pattern.source).test(text),
    reason:
      "not a shape Asana issues: a random draw from the detector's character class (`[a-z/:0-9]{51}`, colons and a slash at random places); Asana calls its tokens opaque, and those seen in code are `<digit>/<gid>[/<gid>]:<32 hex>`, which our Asana rule reports",
  },
  {
    suite: 'trufflehog',
    peerRule: /^cloudinary$/,
    expect: 'tp',
    applies: (text) => secretPairValues(text).some((v) => v.length >= 16 && !/[A-Z]/.test(v) && shannonEntropy(v) < 3.5),
    reason:
      'typed by hand: lower-case letters in pronounceable runs (`ndiawudh1_wdaj…`), 3.48 bits a character, under the generic heuristic\'s floor of 3.5; a Cloudinary API secret is 27 random characters of both cases, digits, `-` and `_`, which the generic heuristic reports under a secret name',
  },
  {
    suite: 'trufflehog',
    peerRule: /^netlify\/v2$/,
    expect: 'fp',
    applies: (text) => /\bnfp_[A-Za-z0-9]{36}\b/.test(text),
    reason: "a well-formed Netlify personal access token (`nfp_` and 36 letters and digits) that the peer's detector skips only because the word `netlify` is not close before it; a token all the same, which our rule reports by its prefix",
  },
  {
    suite: 'trufflehog',
    peerRule: /^pusherchannelkey$/,
    expect: 'tp',
    applies: (text) => /\b[a-z0-9]{20}\b/.test(text) && !/\b[a-f0-9]{20}\b/.test(text),
    reason: 'not a Pusher app key or secret: Pusher issues 20 hexadecimal digits, where the sample has letters past `f` (the peer draws `[a-z0-9]{20}`)',
  },
  {
    suite: 'trufflehog',
    peerRule: /^stytch$/,
    expect: 'tp',
    applies: (text) => !/\bsecret-(?:live|test)-/.test(text),
    reason: "not a Stytch secret as Stytch issues it: a project's secret opens with `secret-live-` or `secret-test-` (its id with `project-live-`/`project-test-`), where the sample is a bare random string",
  },
];

/**
 * The sample's own text: for a secretlint snapshot (many samples in one file), the lines of the range its output
 * expects, so a reason is judged on that sample and not on its neighbours.
 */
function ownText(c: PeerCase): string {
  if (!c.range) return c.text;
  const start = c.text.lastIndexOf('\n', c.range[0] - 1) + 1;
  const end = c.text.indexOf('\n', c.range[1]);
  return c.text.slice(start, end < 0 ? undefined : end);
}

export function disputeOf(c: PeerCase): Dispute | undefined {
  const text = ownText(c);
  return DISPUTES.find((d) => (d.suite === '*' || d.suite === c.suite) && d.expect === c.expect && d.peerRule.test(c.peerRule) && d.applies(text));
}
