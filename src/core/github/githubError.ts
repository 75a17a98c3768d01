import { redactSecrets } from '../text/redact';

/**
 * Every failure of a GitHub call as one error type with a kind the UI can act
 * on (offer sign-in, show the reset time, keep the draft) and a message a
 * person understands. Never carries request headers, so no token can leak.
 */
export type GitHubErrorKind =
  | 'network' // no HTTP answer at all
  | 'unauthorized' // 401: token missing, expired or revoked
  | 'forbidden' // 403 without rate limiting: no access
  | 'notFound' // 404: repo/issue missing or invisible to this account
  | 'gone' // 410: issues disabled
  | 'validation' // 422: GitHub refused the content
  | 'rateLimited' // primary or secondary rate limit
  | 'server' // 5xx
  | 'tooLarge' // refused locally before sending
  | 'cancelled' // the person (or the caller) aborted the request
  | 'other';

export class GitHubError extends Error {
  override readonly name = 'GitHubError';
  constructor(
    readonly kind: GitHubErrorKind,
    message: string,
    readonly status?: number,
    /** Primary rate limit: when it resets. */
    readonly resetAt?: Date,
    /** 429 and secondary limits: the server's Retry-After, in seconds. */
    readonly retryAfterSeconds?: number,
  ) {
    super(redactSecrets(message)); // GitHub's text, and transport errors, may echo a token
  }
}

interface OctokitLikeError {
  status?: number;
  message?: string;
  code?: string;
  cause?: unknown;
  response?: { status: number; headers: Record<string, string | number | undefined>; data?: unknown };
}

/** Maps an Octokit/fetch failure to a GitHubError; `what` names the target ("acme/shop-ops"). */
export function toGitHubError(err: unknown, what: string, host = 'GitHub', now: () => Date = () => new Date()): GitHubError {
  if (err instanceof GitHubError) return err;
  const e = (err ?? {}) as OctokitLikeError;
  if (!e.response) {
    if ((err as { name?: string }).name === 'AbortError') return new GitHubError('cancelled', `Cancelled before ${host} answered ${what}.`);
    const timeout = findCause(e, 'RequestTimeout');
    if (timeout) return new GitHubError('network', `${host} did not answer within ${Math.round((timeout as { timeoutMs: number }).timeoutMs / 1000)} s (${what}). It may still have acted on the request: sending again checks first.`);
    // Octokit reports transport failures as status 500 without a response.
    const reason = causeMessage(e) ?? e.message ?? String(err);
    return new GitHubError('network', `Cannot reach ${host}: ${reason}. Check your network connection or proxy settings.`);
  }
  const status = e.response.status;
  const headers = e.response.headers ?? {};
  const ghMessage = githubMessage(e.response.data) ?? e.message ?? `HTTP ${status}`;
  const remaining = headers['x-ratelimit-remaining'];
  const reset = Number(headers['x-ratelimit-reset']);
  if ((status === 403 || status === 429) && String(remaining) === '0' && Number.isFinite(reset)) {
    const resetAt = new Date(reset * 1000);
    return new GitHubError('rateLimited', `${host} API rate limit exhausted; it resets at ${clock(resetAt)} (${untilText(resetAt, now())}).`, status, resetAt);
  }
  if (status === 429 || (status === 403 && /secondary rate limit|abuse/i.test(ghMessage))) {
    const after = Number(headers['retry-after']);
    const hint = Number.isFinite(after) && after > 0 ? ` Try again in ${after} s.` : ' Wait a minute and try again.';
    return new GitHubError('rateLimited', `${host} is limiting requests (secondary rate limit).${hint}`, status, undefined, Number.isFinite(after) && after > 0 ? after : undefined);
  }
  switch (status) {
    case 401:
      return new GitHubError('unauthorized', `${host} rejected the sign-in (401 ${ghMessage}). Sign in to GitHub again.`, status);
    case 403:
      return new GitHubError('forbidden', `No permission for ${what} (403: ${ghMessage}). The account needs access to the repository and the \`repo\` scope.`, status);
    case 404:
      return new GitHubError('notFound', `${what} was not found, or this account cannot see it (404).`, status);
    case 410:
      return new GitHubError('gone', `${what} is gone (410: ${ghMessage}); issues may be disabled for the repository.`, status);
    case 422:
      return new GitHubError('validation', `GitHub refused the request (422): ${ghMessage}`, status);
  }
  if (status >= 500) return new GitHubError('server', `${host} had a server error (${status}: ${ghMessage}). Try again later.`, status);
  return new GitHubError('other', `${host} answered ${status}: ${ghMessage}`, status);
}

/** GitHub's `message` plus each entry of `errors` (422 bodies list the fields at fault). */
function githubMessage(data: unknown): string | undefined {
  if (!data || typeof data !== 'object') return typeof data === 'string' && data ? data.slice(0, 300) : undefined;
  const d = data as { message?: string; errors?: Array<string | { message?: string; field?: string; code?: string; resource?: string; value?: unknown }> };
  const details = (d.errors ?? [])
    .map((x) => (typeof x === 'string' ? x : x.message ?? [x.resource, x.field, x.code].filter(Boolean).join(' ')))
    .filter(Boolean);
  const main = d.message ?? '';
  return [main, ...details].filter(Boolean).join(': ') || undefined;
}

function findCause(e: OctokitLikeError, name: string): unknown {
  let c: unknown = e;
  for (let i = 0; c && i < 5; i++) {
    if ((c as { name?: string }).name === name) return c;
    c = (c as { cause?: unknown }).cause;
  }
  return undefined;
}

function causeMessage(e: OctokitLikeError): string | undefined {
  let c: unknown = e.cause;
  let last: string | undefined;
  for (let i = 0; c && i < 4; i++) {
    const m = (c as { code?: string; message?: string }).code ?? (c as { message?: string }).message;
    if (m) last = m;
    c = (c as { cause?: unknown }).cause;
  }
  return last;
}

function clock(d: Date): string {
  return d.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
}

function untilText(d: Date, now: Date): string {
  const min = Math.max(0, Math.ceil((d.getTime() - now.getTime()) / 60_000));
  return min <= 1 ? 'in about a minute' : `in ${min} min`;
}
