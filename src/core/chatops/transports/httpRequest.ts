import { ChatOpsError } from '../chatOpsError';

export interface HttpResponse {
  status: number;
  headers: Headers;
  body: string;
}

/** Connection failures that happen before a request could reach the server. */
const NOT_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'CERT_HAS_EXPIRED', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE']);

/**
 * One HTTP request with a timeout and no automatic retry. Failures say whether the request
 * may have been received: a refused connection was not, a timeout may have been.
 */
export async function httpRequest(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string; timeoutMs: number; signal?: AbortSignal; what: string },
): Promise<HttpResponse> {
  const timeout = AbortSignal.timeout(init.timeoutMs);
  const signal = init.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
  let res: Response;
  try {
    res = await fetch(url, { method: init.method ?? 'POST', headers: init.headers, body: init.body, signal, redirect: 'error' });
  } catch (err) {
    const code = connectionCode(err);
    if (code && NOT_CONNECTED.has(code)) throw new ChatOpsError('unreachable', `${init.what} is unreachable (${code}); nothing was sent`, 'not-sent');
    // fetch refuses some ports (e.g. 9, 25) before connecting.
    if ((err as { cause?: Error }).cause?.message === 'bad port') throw new ChatOpsError('unreachable', `${init.what} uses a port fetch does not allow; nothing was sent`, 'not-sent');
    if (timeout.aborted) {
      throw new ChatOpsError('timeout', `${init.what} did not answer within ${Math.round(init.timeoutMs / 1000)} s; the message may or may not have arrived`, 'unknown');
    }
    if (init.signal?.aborted) throw new ChatOpsError('cancelled', `cancelled while talking to ${init.what}; the message may or may not have arrived`, 'unknown');
    throw new ChatOpsError('unreachable', `${init.what} failed: ${code ?? (err as Error).message}`, 'unknown');
  }
  let body: string;
  try {
    body = await res.text();
  } catch {
    throw new ChatOpsError('timeout', `${init.what} answered ${res.status} but the body did not arrive in time`, 'unknown');
  }
  return { status: res.status, headers: res.headers, body };
}

function connectionCode(err: unknown): string | undefined {
  const cause = (err as { cause?: { code?: string; errors?: Array<{ code?: string }> } })?.cause;
  return cause?.code ?? cause?.errors?.[0]?.code;
}

/** Retry-After in seconds (delta or HTTP date), when the server gave one. */
export function retryAfterSeconds(headers: Headers, now = Date.now()): number | undefined {
  const v = headers.get('retry-after');
  if (!v) return undefined;
  if (/^\d+$/.test(v.trim())) return Number(v.trim());
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}
