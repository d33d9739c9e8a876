/**
 * The redaction guard: before any payload leaves, it is searched for every known key value,
 * raw and in the encodings a bug could plausibly produce (JSON-escaped, URL-encoded, base64).
 * A hit refuses the send; the alert is never "fixed up" and sent anyway.
 */
export function containsSecret(payload: string, secrets: Iterable<string>): boolean {
  for (const secret of secrets) {
    if (!secret || secret.length < 6) continue;
    const forms = new Set([secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret), Buffer.from(secret).toString('base64').replace(/=+$/, '')]);
    for (const form of forms) if (payload.includes(form)) return true;
  }
  return false;
}
