import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';
import { ConditionalCache } from './conditionalCache';
import { GitHubError, toGitHubError } from './githubError';
import { hasIdempotencyMarker, withIdempotencyMarker } from './idempotencyMarker';
import { toComment, toIssue, toPullRequest, toUser } from './mapGitHubObjects';
import { formatRepo, webHostOfApiUrl, type RepoRef } from './repoRef';
import type { GitHubComment, GitHubIssue, GitHubPullRequest, GitHubUser, RateLimitInfo } from './types';

const RetryingOctokit = Octokit.plugin(retry, throttling);
type OctokitInstance = InstanceType<typeof RetryingOctokit>;

export interface GitHubClientOptions {
  /** OAuth/installation token from the auth provider; only ever sent as the Authorization header. */
  token: string;
  /** REST API base URL: `https://api.github.com` (default) or `https://ghes.example.com/api/v3`. */
  baseUrl?: string;
  userAgent?: string;
  /** Automatic retries of 5xx and network failures (GET/PATCH/PUT/DELETE; POSTs only with an idempotency key). */
  retries?: number;
  /** Backoff unit in ms: retry n waits n² units, and rate-limit waits are counted in it (tests shrink it). */
  retryBaseMs?: number;
  /** Longest primary-rate-limit reset that is waited out automatically, in seconds. */
  maxRateLimitWaitSeconds?: number;
  /** Extra options for the throttling plugin, e.g. Bottleneck groups without GitHub's pacing in tests. */
  throttle?: Record<string, unknown>;
  /** Diagnostics (never includes headers or tokens). */
  log?: (message: string) => void;
  /** How long one HTTP request may take before it is abandoned (default 30 s). */
  timeoutMs?: number;
}

export interface CreateOptions {
  /**
   * Makes a POST safe to retry: the key goes into the body as a hidden marker and
   * recent issues/comments are searched for it before every retry.
   */
  idempotencyKey?: string;
  /** Look for the marker before the first attempt too (re-sending a draft that may have got through). */
  checkFirst?: boolean;
  /** Earliest time an earlier attempt could have happened; bounds the search. Default: 24 h ago. */
  since?: Date;
  /** Cancels the request (and the duplicate check) when aborted. */
  signal?: AbortSignal;
}

/**
 * Comments go out verbatim, without markers: bots such as branch-deploy match the whole
 * comment. An earlier attempt is recognised by the same text from the same account.
 */
export interface CommentOptions {
  /** Look for an earlier attempt before the first POST too (re-sending after an unclear failure). */
  checkFirst?: boolean;
  /** When the first attempt started; comments before it are not ours. Default: now. */
  since?: Date;
  signal?: AbortSignal;
}

export interface NewIssue {
  title: string;
  body: string;
  labels?: string[];
  assignees?: string[];
  milestone?: number;
}

export interface NewPullRequest {
  title: string;
  head: string;
  base: string;
  body?: string;
  draft?: boolean;
}

export type Created<T> = T & { /** True when an earlier attempt had created it already. */ reused: boolean };

/**
 * The one GitHub REST client of YouOps (IssueOps, ChatOps' github transport,
 * pull requests): Octokit with retry and throttling, GitHub's errors mapped to
 * GitHubError, conditional GETs with ETags, and POSTs that never duplicate.
 */
export class GitHubClient {
  readonly baseUrl: string;
  readonly host: string;
  private readonly octokit: OctokitInstance;
  private readonly cache = new ConditionalCache();
  private readonly retries: number;
  private readonly retryBaseMs: number;
  private lastRateLimit: RateLimitInfo | undefined;
  private login: Promise<string> | undefined;

  constructor(private readonly options: GitHubClientOptions) {
    this.baseUrl = (options.baseUrl || 'https://api.github.com').replace(/\/+$/, '');
    this.host = webHostOfApiUrl(this.baseUrl) ?? 'GitHub';
    this.retries = options.retries ?? 3;
    this.retryBaseMs = options.retryBaseMs ?? 1000;
    const maxWait = options.maxRateLimitWaitSeconds ?? 10;
    const log = (m: string) => options.log?.(m);
    const timeoutMs = options.timeoutMs ?? 30_000;
    this.octokit = new RetryingOctokit({
      auth: options.token,
      baseUrl: this.baseUrl,
      // Every request gets a deadline: a stalled connection must not hang a ticket or the CLI.
      request: { fetch: withTimeout(timeoutMs) },
      userAgent: options.userAgent ?? 'youops-vscode',
      log: { debug: () => undefined, info: () => undefined, warn: log, error: log },
      retry: { retries: this.retries, retryAfterBaseValue: this.retryBaseMs },
      throttle: {
        retryAfterBaseValue: this.retryBaseMs,
        // Primary limit: wait only when the reset is near; otherwise fail with the reset time.
        onRateLimit: (retryAfter: number, o: { method: string; url: string }, _k: unknown, retryCount: number) => {
          log(`rate limit on ${o.method} ${o.url}; resets in ${retryAfter} s`);
          return retryCount < 1 && retryAfter <= maxWait;
        },
        // Secondary limit: the request was not processed, so retrying (even a POST) is safe.
        onSecondaryRateLimit: (retryAfter: number, o: { method: string; url: string }, _k: unknown, retryCount: number) => {
          log(`secondary rate limit on ${o.method} ${o.url}; retry ${retryCount + 1} after ${retryAfter} s`);
          return retryCount < 2;
        },
        ...options.throttle,
      },
    });
    this.octokit.hook.after('request', (response) => this.noteRateLimit(response.headers as Record<string, string | undefined>));
    this.octokit.hook.error('request', (error) => {
      const headers = (error as { response?: { headers?: Record<string, string | undefined> } }).response?.headers;
      if (headers) this.noteRateLimit(headers);
      throw error;
    });
  }

  /** The last rate-limit headers seen, for status displays. */
  get rateLimit(): RateLimitInfo | undefined {
    return this.lastRateLimit;
  }

  /** How many conditional GETs were answered 304 so far. */
  get notModifiedCount(): number {
    return this.cache.notModified;
  }

  async getAuthenticatedUser(): Promise<GitHubUser> {
    const data = await this.get('GET /user', {}, 'your GitHub account');
    return toUser(data)!;
  }

  async getRepo(repo: RepoRef): Promise<{ fullName: string; htmlUrl: string; private: boolean; hasIssues: boolean; defaultBranch: string }> {
    const r = (await this.get('GET /repos/{owner}/{repo}', { owner: repo.owner, repo: repo.repo }, `Repository ${formatRepo(repo)}`)) as Record<string, unknown>;
    return {
      fullName: String(r.full_name),
      htmlUrl: String(r.html_url),
      private: r.private === true,
      hasIssues: r.has_issues !== false,
      defaultBranch: String(r.default_branch ?? 'main'),
    };
  }

  async getIssue(repo: RepoRef, issueNumber: number): Promise<GitHubIssue> {
    return toIssue(await this.get('GET /repos/{owner}/{repo}/issues/{issue_number}', { ...params(repo), issue_number: issueNumber }, `Issue #${issueNumber} in ${formatRepo(repo)}`));
  }

  /** One page of issues (pull requests excluded), newest first unless `sort` says otherwise; conditional. */
  async listIssues(
    repo: RepoRef,
    query: { state?: 'open' | 'closed' | 'all'; labels?: string[]; since?: Date; creator?: string; sort?: 'created' | 'updated' | 'comments'; direction?: 'asc' | 'desc'; perPage?: number; page?: number; signal?: AbortSignal } = {},
  ): Promise<GitHubIssue[]> {
    const data = await this.get(
      'GET /repos/{owner}/{repo}/issues',
      {
        ...params(repo),
        state: query.state ?? 'open',
        labels: query.labels?.length ? query.labels.join(',') : undefined,
        since: query.since?.toISOString(),
        creator: query.creator,
        sort: query.sort ?? 'created',
        direction: query.direction ?? 'desc',
        per_page: query.perPage ?? 50,
        page: query.page,
      },
      `Repository ${formatRepo(repo)}`,
      query.signal,
    );
    return (data as unknown[]).map(toIssue).filter((i) => !i.isPullRequest);
  }

  /** GitHub's issue search (`q` in GitHub's search syntax); conditional. */
  async searchIssues(q: string, perPage = 50): Promise<GitHubIssue[]> {
    const data = (await this.get('GET /search/issues', { q, per_page: perPage }, 'Issue search')) as { items?: unknown[] };
    return (data.items ?? []).map(toIssue);
  }

  /** Comments of an issue or pull request, oldest first; conditional, so polling is cheap. */
  async listComments(repo: RepoRef, issueNumber: number, query: { since?: Date; perPage?: number; page?: number; signal?: AbortSignal } = {}): Promise<GitHubComment[]> {
    const data = await this.get(
      'GET /repos/{owner}/{repo}/issues/{issue_number}/comments',
      { ...params(repo), issue_number: issueNumber, since: query.since?.toISOString(), per_page: query.perPage ?? 100, page: query.page },
      `Issue #${issueNumber} in ${formatRepo(repo)}`,
      query.signal,
    );
    return (data as unknown[]).map(toComment);
  }

  async createIssue(repo: RepoRef, issue: NewIssue, options: CreateOptions = {}): Promise<Created<GitHubIssue>> {
    const what = `Repository ${formatRepo(repo)}`;
    const key = options.idempotencyKey;
    const body = key ? withIdempotencyMarker(issue.body, key) : issue.body;
    return this.createOnce(
      () =>
        this.octokit.request('POST /repos/{owner}/{repo}/issues', {
          ...params(repo),
          title: issue.title,
          body,
          labels: issue.labels?.length ? issue.labels : undefined,
          assignees: issue.assignees?.length ? issue.assignees : undefined,
          milestone: issue.milestone,
          request: { retries: 0, signal: options.signal },
        }),
      toIssue,
      key ? () => this.findIssueByIdempotencyKey(repo, key, options.since, options.signal) : undefined,
      options,
      what,
    );
  }

  /** The most recent issue whose body carries the idempotency key, if any. */
  async findIssueByIdempotencyKey(repo: RepoRef, key: string, since?: Date, signal?: AbortSignal): Promise<GitHubIssue | undefined> {
    // `since` filters on updated_at, which a just-created issue always passes; no search-index lag.
    const recent = await this.uncachedGet(
      'GET /repos/{owner}/{repo}/issues',
      { ...params(repo), state: 'all', sort: 'created', direction: 'desc', per_page: 100, since: (since ?? hoursAgo(24)).toISOString() },
      `Repository ${formatRepo(repo)}`,
      signal,
    );
    return (recent as unknown[]).map(toIssue).find((i) => hasIdempotencyMarker(i.body, key));
  }

  /**
   * Posts a comment exactly as given. Before a retry (and first, with `checkFirst`) the
   * issue's comments since the attempt are listed: the same text from this account means
   * the earlier POST got through, so no second comment — or second `.deploy` — is made.
   */
  async createComment(repo: RepoRef, issueNumber: number, body: string, options: CommentOptions = {}): Promise<Created<GitHubComment>> {
    const what = `Issue #${issueNumber} in ${formatRepo(repo)}`;
    // GitHub's timestamps have second precision; a small margin covers clock skew.
    const since = new Date((options.since ?? new Date()).getTime() - COMMENT_SKEW_MS);
    const find = async () => {
      const me = await this.authenticatedLogin();
      const recent = await this.uncachedGet('GET /repos/{owner}/{repo}/issues/{issue_number}/comments', { ...params(repo), issue_number: issueNumber, since: since.toISOString(), per_page: 100 }, what, options.signal);
      return (recent as unknown[])
        .map(toComment)
        .find((c) => c.body.trim() === body.trim() && c.user?.login.toLowerCase() === me.toLowerCase() && Date.parse(c.createdAt) >= since.getTime());
    };
    return this.createOnce(
      () => this.octokit.request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', { ...params(repo), issue_number: issueNumber, body, request: { retries: 0, signal: options.signal } }),
      toComment,
      find,
      { checkFirst: options.checkFirst, signal: options.signal },
      what,
    );
  }

  /** The signed-in account's login, asked once per client. */
  private authenticatedLogin(): Promise<string> {
    this.login ??= this.getAuthenticatedUser().then(
      (u) => u.login,
      (err) => {
        this.login = undefined;
        throw err;
      },
    );
    return this.login;
  }

  /** Closing is idempotent, so the retry plugin may repeat it freely. */
  async closeIssue(repo: RepoRef, issueNumber: number, reason: 'completed' | 'not_planned' = 'completed'): Promise<GitHubIssue> {
    try {
      const res = await this.octokit.request('PATCH /repos/{owner}/{repo}/issues/{issue_number}', { ...params(repo), issue_number: issueNumber, state: 'closed', state_reason: reason });
      return toIssue(res.data);
    } catch (err) {
      throw toGitHubError(err, `Issue #${issueNumber} in ${formatRepo(repo)}`, this.host);
    }
  }

  async getPullRequest(repo: RepoRef, pullNumber: number): Promise<GitHubPullRequest> {
    return toPullRequest(await this.get('GET /repos/{owner}/{repo}/pulls/{pull_number}', { ...params(repo), pull_number: pullNumber }, `Pull request #${pullNumber} in ${formatRepo(repo)}`));
  }

  async listPullRequests(repo: RepoRef, query: { state?: 'open' | 'closed' | 'all'; head?: string; base?: string; perPage?: number; signal?: AbortSignal } = {}): Promise<GitHubPullRequest[]> {
    const head = query.head && !query.head.includes(':') ? `${repo.owner}:${query.head}` : query.head;
    const data = await this.get(
      'GET /repos/{owner}/{repo}/pulls',
      { ...params(repo), state: query.state ?? 'open', head, base: query.base, per_page: query.perPage ?? 50 },
      `Repository ${formatRepo(repo)}`,
      query.signal,
    );
    return (data as unknown[]).map(toPullRequest);
  }

  /**
   * Opens a pull request. GitHub refuses a second open PR for the same head (422),
   * which makes retries safe: that answer after a lost response returns the existing one.
   */
  async createPullRequest(repo: RepoRef, pr: NewPullRequest, options: { signal?: AbortSignal } = {}): Promise<Created<GitHubPullRequest>> {
    const what = `Repository ${formatRepo(repo)}`;
    const { signal } = options;
    const existing = async () => (await this.listPullRequests(repo, { state: 'open', head: pr.head, base: pr.base, signal }))[0];
    try {
      return await this.createOnce(
        () => this.octokit.request('POST /repos/{owner}/{repo}/pulls', { ...params(repo), title: pr.title, head: pr.head, base: pr.base, body: pr.body, draft: pr.draft, request: { retries: 0, signal } }),
        toPullRequest,
        existing,
        { signal },
        what,
      );
    } catch (err) {
      if (err instanceof GitHubError && err.kind === 'validation' && /already exists/i.test(err.message)) {
        const found = await existing();
        if (found) return { ...found, reused: true };
      }
      throw err;
    }
  }

  /** Any other REST call, with the same error mapping (for features not wrapped above). */
  async request(route: string, parameters: Record<string, unknown>, what: string): Promise<unknown> {
    try {
      return (await this.octokit.request(route, parameters)).data;
    } catch (err) {
      throw toGitHubError(err, what, this.host);
    }
  }

  /**
   * Runs a non-idempotent POST at most once in effect: retryable failures (network, 5xx)
   * are retried with backoff, but only after `find` confirmed the earlier attempt left nothing.
   * A 429 means GitHub did not process the request: it is retried after Retry-After (at most
   * a minute), with the same check for an earlier attempt first.
   */
  private async createOnce<T>(
    post: () => Promise<{ data: unknown }>,
    map: (raw: unknown) => T,
    find: (() => Promise<T | undefined>) | undefined,
    options: CreateOptions,
    what: string,
  ): Promise<Created<T>> {
    const attempts = find ? this.retries + 1 : 1;
    let limited = 0;
    for (let attempt = 0; ; attempt++) {
      if (find && (attempt > 0 || options.checkFirst)) {
        const found = await find();
        if (found) return { ...found, reused: true };
      }
      try {
        return { ...map((await post()).data), reused: false };
      } catch (err) {
        const e = toGitHubError(err, what, this.host);
        if (e.status === 429 && e.retryAfterSeconds !== undefined && e.retryAfterSeconds <= 60 && limited++ < this.retries) {
          this.options.log?.(`${e.message} — retrying after ${e.retryAfterSeconds} s`);
          await sleep(e.retryAfterSeconds * 1000, options.signal);
          continue; // the next round checks for an earlier attempt first, as after any failure
        }
        const retryable = e.kind === 'network' || e.kind === 'server';
        if (!retryable || attempt + 1 >= attempts) {
          if (retryable && find) {
            // The last answer may have been lost after GitHub processed the request.
            const found = await find().catch(() => undefined);
            if (found) return { ...found, reused: true };
          }
          throw e;
        }
        this.options.log?.(`${e.message} — checking for an earlier attempt, then retrying`);
        await sleep((attempt + 1) ** 2 * this.retryBaseMs, options.signal);
      }
    }
  }

  private async get(route: string, parameters: Record<string, unknown>, what: string, signal?: AbortSignal): Promise<unknown> {
    const clean = Object.fromEntries(Object.entries(parameters).filter(([, v]) => v !== undefined));
    const key = `${route} ${JSON.stringify(clean)}`;
    const etag = this.cache.etag(key);
    try {
      const res = await this.octokit.request(route, { ...clean, headers: etag ? { 'if-none-match': etag } : {}, request: { signal } });
      this.cache.store(key, res.headers.etag, res.data);
      return res.data;
    } catch (err) {
      if ((err as { status?: number }).status === 304 && etag) return this.cache.hit(key);
      throw toGitHubError(err, what, this.host);
    }
  }

  private async uncachedGet(route: string, parameters: Record<string, unknown>, what: string, signal?: AbortSignal): Promise<unknown> {
    try {
      return (await this.octokit.request(route, { ...parameters, request: { signal } })).data;
    } catch (err) {
      throw toGitHubError(err, what, this.host);
    }
  }

  private noteRateLimit(headers: Record<string, string | undefined>): void {
    const limit = Number(headers['x-ratelimit-limit']);
    const remaining = Number(headers['x-ratelimit-remaining']);
    const reset = Number(headers['x-ratelimit-reset']);
    if (Number.isFinite(limit) && Number.isFinite(remaining) && Number.isFinite(reset)) this.lastRateLimit = { limit, remaining, resetAt: new Date(reset * 1000) };
  }
}

function params(repo: RepoRef): { owner: string; repo: string } {
  return { owner: repo.owner, repo: repo.repo };
}

const COMMENT_SKEW_MS = 60_000;

/** fetch with a deadline per request; a user's abort is passed through as such. */
function withTimeout(timeoutMs: number): typeof fetch {
  return async (input, init) => {
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    try {
      return await fetch(input, { ...init, signal });
    } catch (err) {
      if (timeout.aborted && !init?.signal?.aborted) throw new RequestTimeout(timeoutMs);
      throw err;
    }
  };
}

/** A request GitHub did not answer in time; it may still have been processed. */
export class RequestTimeout extends Error {
  override readonly name = 'RequestTimeout';
  constructor(readonly timeoutMs: number) {
    super(`no answer within ${Math.round(timeoutMs / 1000)} s`);
  }
}

function hoursAgo(h: number): Date {
  return new Date(Date.now() - h * 3_600_000);
}

/** A pause between attempts; a cancelled request does not wait for its next attempt. */
function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const cancelled = () => reject(new GitHubError('cancelled', 'Cancelled before the request was sent again.'));
    if (signal?.aborted) return cancelled();
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      cancelled();
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
