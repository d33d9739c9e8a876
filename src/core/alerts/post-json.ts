import { checkTransport } from '../net/transport';
import { SinkError } from './types';

/** POSTs JSON; any non-2xx is an error (5xx and 429 retryable). Redirects are not followed. */
export async function postJson(name: string, url: string, body: string, headers: Record<string, string>, signal?: AbortSignal): Promise<void> {
  const transport = checkTransport(url);
  if (!transport.ok) throw new SinkError(`${name}: ${transport.reason}`, false);
  const timeout = AbortSignal.timeout(10_000);
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'rotation-ready-alerts', ...headers },
      body,
      redirect: 'manual',
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    });
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    // The URL is left out on purpose: a Slack webhook URL is itself a secret.
    throw new SinkError(`${name}: ${timeout.aborted ? 'timed out' : 'network error'}`, true);
  }
  await res.body?.cancel().catch(() => undefined);
  if (res.status < 200 || res.status >= 300) throw new SinkError(`${name}: HTTP ${res.status}`, res.status >= 500 || res.status === 429 || res.status === 408);
}
