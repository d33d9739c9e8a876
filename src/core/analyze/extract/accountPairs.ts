import type { OptionValue } from './commandLine';

/**
 * A Twilio account SID as a literal argument and the literal right after it: the account's auth token, whatever the
 * call is named (`Client("AC…", "…")` in Python and PHP, `Twilio::REST::Client.new("AC…", "…")`, `Twilio.init("AC…",
 * "…")` in Java, `TwilioClient.Init("AC…", "…")` in C#, `twilio("AC…", "…")`). The SID is public (it names the
 * account); the token that follows it is the credential Twilio's SDKs take second: 32 lower-case hexadecimal
 * characters (another resource's SID after it, `"CA…"`, `"SM…"`, is none). Read only when the file says `twilio`; one linear expression.
 */
const SID_THEN_LITERAL = /(["'])AC[0-9a-f]{32}\1[ \t]*,[ \t\r\n]{0,64}(["'])([0-9a-f]{32})\2/g;
/**
 * An API key's SID (`SK` and 32 hexadecimal characters) and the literal right after it: the key's secret, 32 letters and
 * digits, which the SDKs take in the auth token's place (`Client("SK…", "…", "AC…")`, `twilio("SK…", "…", { accountSid
 * })`, `TwilioClient.Init("SK…", "…", "AC…")`). Shown once when the key is made; the SID names it.
 */
const KEY_SID_THEN_LITERAL = /(["'])SK[0-9a-f]{32}\1[ \t]*,[ \t\r\n]{0,64}(["'])([A-Za-z0-9]{32})\2/g;

export function twilioTokensAfterSids(text: string): OptionValue[] {
  const out: OptionValue[] = [];
  for (const [pairs, name] of [[SID_THEN_LITERAL, 'twilio_auth_token'], [KEY_SID_THEN_LITERAL, 'twilio_api_key_secret']] as const) {
    for (const m of text.matchAll(pairs)) {
      const end = m.index + m[0].length - 1;
      out.push({ start: end - m[3]!.length, end, name });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}
