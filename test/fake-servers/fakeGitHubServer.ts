import { createHash } from 'node:crypto';
import * as http from 'node:http';
import { listenOnLoopback } from './httpServer';

/**
 * A GitHub-REST-compatible HTTP server on 127.0.0.1 (random port) for tests of
 * everything that talks to GitHub: issues, comments, labels, search, pulls,
 * /user and /rate_limit, with GitHub's JSON shapes, errors, rate-limit headers,
 * ETags and 304s, plus injectable failures (5xx, 429, secondary and primary
 * rate limits, lost responses). State lives in memory; nothing leaves the host.
 */

export interface FakeUser {
  login: string;
  type: 'User' | 'Bot';
}

export interface FakeIssue {
  number: number;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  state_reason: string | null;
  labels: string[];
  assignees: string[];
  user: FakeUser;
  created_at: string;
  updated_at: string;
  /** Set for pull requests, which share the issue number space like on GitHub. */
  pull?: { head: string; base: string; draft: boolean; merged: boolean };
}

export interface FakeComment {
  id: number;
  issue: number;
  body: string;
  user: FakeUser;
  created_at: string;
  updated_at: string;
}

export interface FakeRepo {
  owner: string;
  name: string;
  issues: FakeIssue[];
  comments: FakeComment[];
  labels: string[];
  private: boolean;
}

export interface InjectedFailure {
  /** HTTP status to answer; `secondary` = 403 secondary rate limit, `primary` = 403 with remaining 0. */
  status: number | 'secondary' | 'primary';
  /** Only requests whose `METHOD /path` matches (default: every request). */
  match?: RegExp;
  /** How many matching requests fail (default 1). */
  times?: number;
  /** Process the request, then answer with the failure: a response lost after GitHub acted. */
  afterProcessing?: boolean;
  /** Retry-After header in seconds (429/secondary). */
  retryAfter?: number;
  /** Close the socket without an answer (a network failure). */
  dropConnection?: boolean;
}

/** A slow GitHub: matching requests are processed at once, and their answer held back. */
export interface InjectedDelay {
  match: RegExp;
  ms: number;
  /** How many matching requests are slow (default 1). */
  times?: number;
}

export interface FakeGitHubServerOptions {
  /** Tokens accepted as `Authorization: token|Bearer <t>`; others get 401 Bad credentials. */
  tokens: string[];
  /** The login /user returns for every accepted token. */
  login?: string;
  repos?: Array<{ owner: string; name: string; labels?: string[]; private?: boolean }>;
  /** Repos that exist but the token may not use: every call answers 403. */
  forbiddenRepos?: string[];
  /** Serve under a path prefix, like GHES's `/api/v3`. */
  pathPrefix?: string;
  /** Users GitHub accepts as assignees; unknown ones give 422 like GitHub. Undefined = anyone. */
  assignable?: string[];
  /** A bot that answers new issues and comments, like an IssueOps workflow would. */
  bot?: (event: { kind: 'issue' | 'comment'; repo: string; issue: FakeIssue; comment?: FakeComment }) => { body: string; delayMs?: number; /** Default FAKE_BOT. */ user?: FakeUser } | undefined;
  /** Rate limit per window (x-ratelimit-limit). */
  rateLimit?: number;
  /** The account has no push access: like GitHub, new issues silently lose their labels and assignees. */
  noPushAccess?: boolean;
}

export interface RecordedRequest {
  method: string;
  path: string;
  /** Whether an accepted token came with it; the token itself is never recorded. */
  authorized: boolean;
  conditional: boolean;
  status: number;
}

export interface FakeGitHubServer {
  /** Base URL for API clients (includes the path prefix). */
  url: string;
  requests: RecordedRequest[];
  repo(fullName: string): FakeRepo;
  inject(failure: InjectedFailure): void;
  /** Holds back the answer to matching requests (they are processed first); a client that gives up meanwhile gets nothing. */
  delay(delay: InjectedDelay): void;
  /** Adds an issue (or PR) directly, as if created on github.com. */
  seedIssue(fullName: string, issue: Partial<FakeIssue> & { title: string }): FakeIssue;
  addComment(fullName: string, issueNumber: number, body: string, user?: FakeUser): FakeComment;
  close(): Promise<void>;
}

export const FAKE_BOT: FakeUser = { login: 'issueops-bot[bot]', type: 'Bot' };
const MAX_BODY = 65_536;

export async function startFakeGitHubServer(options: FakeGitHubServerOptions): Promise<FakeGitHubServer> {
  const prefix = (options.pathPrefix ?? '').replace(/\/+$/, '');
  const login = options.login ?? 'octocat';
  const me: FakeUser = { login, type: 'User' };
  const repos = new Map<string, FakeRepo>();
  for (const r of options.repos ?? []) repos.set(`${r.owner}/${r.name}`.toLowerCase(), { owner: r.owner, name: r.name, issues: [], comments: [], labels: [...(r.labels ?? [])], private: r.private ?? false });
  const forbidden = new Set((options.forbiddenRepos ?? []).map((r) => r.toLowerCase()));
  const failures: Array<InjectedFailure & { left: number }> = [];
  const delays: Array<InjectedDelay & { left: number }> = [];
  const requests: RecordedRequest[] = [];
  const limit = options.rateLimit ?? 5000;
  let remaining = limit;
  const resetAt = () => Math.floor(Date.now() / 1000) + 3600;
  let commentIds = 1000;
  let clock = Date.now() - 60_000;
  // Strictly increasing timestamps keep "newest first" and `since` deterministic.
  const now = () => new Date((clock = Math.max(clock + 1000, Date.now()))).toISOString().replace(/\.\d{3}Z$/, 'Z');

  let baseUrl = '';
  const webUrl = (repo: FakeRepo, kind: 'issues' | 'pull', n: number) => `${baseUrl}/${repo.owner}/${repo.name}/${kind}/${n}`;
  const userJson = (u: FakeUser) => ({ login: u.login, id: hashNumber(u.login), type: u.type, html_url: `${baseUrl}/${u.login}` });
  const issueJson = (repo: FakeRepo, i: FakeIssue) => ({
    id: hashNumber(`${repo.owner}/${repo.name}#${i.number}`),
    number: i.number,
    title: i.title,
    body: i.body,
    state: i.state,
    state_reason: i.state_reason,
    html_url: webUrl(repo, i.pull ? 'pull' : 'issues', i.number),
    url: `${baseUrl}${prefix}/repos/${repo.owner}/${repo.name}/issues/${i.number}`,
    labels: i.labels.map((name) => ({ name, color: 'ededed' })),
    assignees: i.assignees.map((a) => userJson({ login: a, type: 'User' })),
    user: userJson(i.user),
    comments: repo.comments.filter((c) => c.issue === i.number).length,
    created_at: i.created_at,
    updated_at: i.updated_at,
    ...(i.pull ? { pull_request: { html_url: webUrl(repo, 'pull', i.number) } } : {}),
  });
  const pullJson = (repo: FakeRepo, i: FakeIssue) => ({
    ...issueJson(repo, i),
    html_url: webUrl(repo, 'pull', i.number),
    head: { ref: i.pull!.head, label: `${repo.owner}:${i.pull!.head}` },
    base: { ref: i.pull!.base, label: `${repo.owner}:${i.pull!.base}` },
    draft: i.pull!.draft,
    merged: i.pull!.merged,
    merged_at: i.pull!.merged ? i.updated_at : null,
  });
  const commentJson = (repo: FakeRepo, c: FakeComment) => ({
    id: c.id,
    body: c.body,
    user: userJson(c.user),
    html_url: `${webUrl(repo, 'issues', c.issue)}#issuecomment-${c.id}`,
    created_at: c.created_at,
    updated_at: c.updated_at,
  });

  const nextNumber = (repo: FakeRepo) => repo.issues.reduce((m, i) => Math.max(m, i.number), 0) + 1;
  const createIssue = (repo: FakeRepo, fields: Partial<FakeIssue> & { title: string }, user: FakeUser): FakeIssue => {
    const t = now();
    const issue: FakeIssue = { number: nextNumber(repo), body: null, state: 'open', state_reason: null, labels: [], assignees: [], user, created_at: t, updated_at: t, ...fields };
    for (const l of issue.labels) if (!repo.labels.includes(l)) repo.labels.push(l);
    repo.issues.push(issue);
    return issue;
  };
  const addComment = (repo: FakeRepo, issue: FakeIssue, body: string, user: FakeUser): FakeComment => {
    const t = now();
    const c: FakeComment = { id: ++commentIds, issue: issue.number, body, user, created_at: t, updated_at: t };
    repo.comments.push(c);
    issue.updated_at = t;
    return c;
  };
  const botAnswer = (event: Parameters<NonNullable<FakeGitHubServerOptions['bot']>>[0]) => {
    if (event.comment?.user.type === 'Bot') return;
    const answer = options.bot?.(event);
    if (!answer) return;
    const repo = repos.get(event.repo.toLowerCase())!;
    setTimeout(() => addComment(repo, event.issue, answer.body, answer.user ?? FAKE_BOT), answer.delayMs ?? 0);
  };

  const handler = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = req.method ?? 'GET';
    const record: RecordedRequest = { method, path: url.pathname + url.search, authorized: false, conditional: !!req.headers['if-none-match'], status: 0 };
    requests.push(record);
    const raw = await readBody(req);

    const headers = (extra: Record<string, string> = {}): Record<string, string> => ({
      'content-type': 'application/json; charset=utf-8',
      'x-ratelimit-limit': String(limit),
      'x-ratelimit-remaining': String(Math.max(0, remaining)),
      'x-ratelimit-reset': String(resetAt()),
      'x-ratelimit-used': String(limit - remaining),
      'x-ratelimit-resource': url.pathname.includes('/search/') ? 'search' : 'core',
      'x-github-api-version-selected': '2022-11-28',
      ...extra,
    });
    const send = (status: number, body: unknown, extra: Record<string, string> = {}): void => {
      record.status = status;
      if (status !== 304) remaining--;
      res.writeHead(status, headers(extra));
      res.end(status === 304 || status === 204 ? undefined : JSON.stringify(body));
    };
    const error = (status: number, message: string, extra: Record<string, string> = {}, errors?: unknown[]) =>
      send(status, { message, documentation_url: 'https://docs.github.com/rest', ...(errors ? { errors } : {}), status: String(status) }, extra);
    /** GETs carry an ETag of their body; a matching If-None-Match gets 304 (free, like GitHub). */
    const sendJson = (body: unknown): void => {
      if (method !== 'GET') return send(200, body);
      const etag = `W/"${createHash('sha1').update(JSON.stringify(body)).digest('hex')}"`;
      if (req.headers['if-none-match'] === etag) return send(304, undefined, { etag });
      send(200, body, { etag });
    };

    if (prefix && !url.pathname.startsWith(prefix + '/')) return error(404, 'Not Found');
    const path = url.pathname.slice(prefix.length);
    const auth = /^(?:token|bearer)\s+(.+)$/i.exec(String(req.headers.authorization ?? ''))?.[1];
    record.authorized = !!auth && options.tokens.includes(auth);

    const failure = failures.find((f) => f.left > 0 && (!f.match || f.match.test(`${method} ${path}`)));
    const fail = (): void => {
      failure!.left--;
      if (failure!.dropConnection) {
        record.status = -1;
        req.socket.destroy();
        return;
      }
      const st = failure!.status;
      if (st === 'secondary') return error(403, 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.', { 'retry-after': String(failure!.retryAfter ?? 1) });
      if (st === 'primary') {
        record.status = 403;
        res.writeHead(403, headers({ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 15 * 60) }));
        res.end(JSON.stringify({ message: `API rate limit exceeded for user ID 1.`, documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api' }));
        return;
      }
      if (st === 429) return error(429, 'Too Many Requests', { 'retry-after': String(failure!.retryAfter ?? 1) });
      error(st, st === 502 ? 'Server Error' : st === 503 ? 'Service Unavailable' : 'Internal Server Error');
    };
    if (failure && !failure.afterProcessing) return fail();
    if (!record.authorized) return error(401, 'Bad credentials');

    let json: Record<string, unknown> = {};
    if (raw) {
      try {
        json = JSON.parse(raw) as Record<string, unknown>;
      } catch {
        return error(400, 'Problems parsing JSON');
      }
    }
    // A lost response: do the work, then answer as if it failed.
    const slow = delays.find((d) => d.left > 0 && d.match.test(`${method} ${path}`));
    if (slow) slow.left--;
    const later =
      <A extends unknown[]>(fn: (...a: A) => void) =>
      (...a: A): void => {
        if (!slow) return fn(...a);
        setTimeout(() => !res.destroyed && fn(...a), slow.ms);
      };
    const wrapped = failure?.afterProcessing
      ? { sendJson: (_b: unknown) => fail(), send: (_s: number, _b: unknown) => fail() }
      : { sendJson: later(sendJson), send: later(send) };

    if (method === 'GET' && path === '/user') return wrapped.sendJson(userJson(me));
    if (method === 'GET' && path === '/rate_limit') {
      const core = { limit, remaining, reset: resetAt(), used: limit - remaining };
      return send(200, { resources: { core, search: { limit: 30, remaining: 30, reset: resetAt(), used: 0 } }, rate: core });
    }
    if (method === 'GET' && path === '/search/issues') return wrapped.sendJson(search(url.searchParams.get('q') ?? '', Number(url.searchParams.get('per_page') ?? 30)));

    const m = /^\/repos\/([^/]+)\/([^/]+)(\/.*)?$/.exec(path);
    if (!m) return error(404, 'Not Found');
    const fullName = `${decodeURIComponent(m[1])}/${decodeURIComponent(m[2])}`;
    if (forbidden.has(fullName.toLowerCase())) return error(403, 'Resource not accessible by personal access token');
    const repo = repos.get(fullName.toLowerCase());
    if (!repo) return error(404, 'Not Found');
    const rest = m[3] ?? '';
    const q = url.searchParams;

    if (method === 'GET' && rest === '') {
      return wrapped.sendJson({ id: hashNumber(fullName), name: repo.name, full_name: `${repo.owner}/${repo.name}`, private: repo.private, html_url: `${baseUrl}/${repo.owner}/${repo.name}`, has_issues: true, default_branch: 'main', owner: userJson({ login: repo.owner, type: 'User' }) });
    }
    if (rest === '/labels') {
      if (method === 'GET') return wrapped.sendJson(repo.labels.map((name) => ({ name, color: 'ededed' })));
      if (method === 'POST') {
        const name = String(json.name ?? '');
        if (!name) return error(422, 'Validation Failed', {}, [{ resource: 'Label', code: 'missing_field', field: 'name' }]);
        if (repo.labels.includes(name)) return error(422, 'Validation Failed', {}, [{ resource: 'Label', code: 'already_exists', field: 'name' }]);
        repo.labels.push(name);
        return wrapped.send(201, { name, color: String(json.color ?? 'ededed') });
      }
    }
    if (rest === '/issues' && method === 'GET') {
      let list = repo.issues.filter((i) => q.get('state') === 'all' || i.state === (q.get('state') ?? 'open'));
      const labels = q.get('labels')?.split(',').filter(Boolean) ?? [];
      list = list.filter((i) => labels.every((l) => i.labels.includes(l)));
      if (q.get('since')) list = list.filter((i) => i.updated_at >= new Date(q.get('since')!).toISOString().replace(/\.\d{3}Z$/, 'Z'));
      if (q.get('creator')) list = list.filter((i) => i.user.login === q.get('creator'));
      const sortKey = q.get('sort') === 'updated' ? 'updated_at' : 'created_at';
      list.sort((a, b) => (a[sortKey] < b[sortKey] ? -1 : a[sortKey] > b[sortKey] ? 1 : a.number - b.number));
      if ((q.get('direction') ?? 'desc') === 'desc') list.reverse();
      return wrapped.sendJson(page(list, q).map((i) => issueJson(repo, i)));
    }
    if (rest === '/issues' && method === 'POST') {
      const title = typeof json.title === 'string' ? json.title.trim() : '';
      if (!title) return error(422, 'Validation Failed', {}, [{ resource: 'Issue', code: 'missing_field', field: 'title' }]);
      const body = typeof json.body === 'string' ? json.body : null;
      if (body && body.length > MAX_BODY) return error(422, 'Validation Failed', {}, [{ resource: 'Issue', code: 'custom', field: 'body', message: `body is too long (maximum is ${MAX_BODY} characters)` }]);
      const assignees = (json.assignees as string[] | undefined) ?? [];
      const unknown = options.assignable ? assignees.filter((a) => !options.assignable!.includes(a)) : [];
      if (unknown.length) return error(422, 'Validation Failed', {}, unknown.map((a) => ({ value: a, resource: 'Issue', field: 'assignees', code: 'invalid' })));
      const granted = !options.noPushAccess;
      const issue = createIssue(repo, { title, body, labels: granted ? ((json.labels as string[] | undefined) ?? []) : [], assignees: granted ? assignees : [] }, me);
      botAnswer({ kind: 'issue', repo: fullName, issue });
      return wrapped.send(201, issueJson(repo, issue));
    }
    // Labels on an issue or PR (pull requests get theirs this way, after creation).
    const lm = /^\/issues\/(\d+)\/labels$/.exec(rest);
    if (lm && method === 'POST') {
      const issue = repo.issues.find((i) => i.number === Number(lm[1]));
      if (!issue) return error(404, 'Not Found');
      for (const l of (json.labels as string[] | undefined) ?? []) {
        if (!issue.labels.includes(l)) issue.labels.push(l);
        if (!repo.labels.includes(l)) repo.labels.push(l);
      }
      issue.updated_at = now();
      return wrapped.send(200, issue.labels.map((name) => ({ name, color: 'ededed' })));
    }
    const im = /^\/(issues|pulls)\/(\d+)(\/comments)?$/.exec(rest);
    if (im) {
      const issue = repo.issues.find((i) => i.number === Number(im[2]) && (im[1] === 'issues' || i.pull));
      if (!issue) return error(404, 'Not Found');
      if (im[3] && im[1] === 'issues') {
        if (method === 'GET') {
          let list = repo.comments.filter((c) => c.issue === issue.number);
          if (q.get('since')) list = list.filter((c) => c.updated_at >= new Date(q.get('since')!).toISOString().replace(/\.\d{3}Z$/, 'Z'));
          return wrapped.sendJson(page(list, q).map((c) => commentJson(repo, c)));
        }
        if (method === 'POST') {
          const body = typeof json.body === 'string' ? json.body : '';
          if (!body.trim()) return error(422, 'Validation Failed', {}, [{ resource: 'IssueComment', code: 'missing_field', field: 'body' }]);
          if (body.length > MAX_BODY) return error(422, 'Validation Failed', {}, [{ resource: 'IssueComment', code: 'custom', field: 'body', message: `body is too long (maximum is ${MAX_BODY} characters)` }]);
          const comment = addComment(repo, issue, body, me);
          botAnswer({ kind: 'comment', repo: fullName, issue, comment });
          return wrapped.send(201, commentJson(repo, comment));
        }
      }
      if (!im[3]) {
        if (method === 'GET') return wrapped.sendJson(im[1] === 'pulls' ? pullJson(repo, issue) : issueJson(repo, issue));
        if (method === 'PATCH') {
          if (json.state === 'closed' || json.state === 'open') {
            issue.state = json.state;
            issue.state_reason = json.state === 'closed' ? String(json.state_reason ?? 'completed') : 'reopened';
          }
          if (typeof json.title === 'string') issue.title = json.title;
          if (typeof json.body === 'string') issue.body = json.body;
          issue.updated_at = now();
          return wrapped.send(200, im[1] === 'pulls' ? pullJson(repo, issue) : issueJson(repo, issue));
        }
      }
    }
    if (rest === '/pulls' && method === 'GET') {
      let list = repo.issues.filter((i) => i.pull && (q.get('state') === 'all' || i.state === (q.get('state') ?? 'open')));
      const head = q.get('head');
      if (head) list = list.filter((i) => `${repo.owner}:${i.pull!.head}` === head || i.pull!.head === head);
      if (q.get('base')) list = list.filter((i) => i.pull!.base === q.get('base'));
      return wrapped.sendJson(page([...list].reverse(), q).map((i) => pullJson(repo, i)));
    }
    if (rest === '/pulls' && method === 'POST') {
      const head = String(json.head ?? '');
      const base = String(json.base ?? '');
      const title = String(json.title ?? '');
      if (!title || !head || !base) return error(422, 'Validation Failed', {}, [{ resource: 'PullRequest', code: 'missing_field', field: !title ? 'title' : !head ? 'head' : 'base' }]);
      const headRef = head.includes(':') ? head.split(':')[1] : head;
      if (repo.issues.some((i) => i.pull && i.state === 'open' && i.pull.head === headRef && i.pull.base === base)) {
        return error(422, 'Validation Failed', {}, [{ resource: 'PullRequest', code: 'custom', message: `A pull request already exists for ${repo.owner}:${headRef}.` }]);
      }
      const pr = createIssue(repo, { title, body: typeof json.body === 'string' ? json.body : null, pull: { head: headRef, base, draft: json.draft === true, merged: false } }, me);
      return wrapped.send(201, pullJson(repo, pr));
    }
    error(404, 'Not Found');
  };

  /** GitHub search syntax subset: repo:, is:issue|pr|open|closed, label:, state:, quoted and bare terms in title/body. */
  function search(query: string, perPage: number): unknown {
    const tokens = query.match(/(?:[^\s"]+:)?"[^"]*"|\S+/g) ?? [];
    let items: Array<{ repo: FakeRepo; issue: FakeIssue }> = [...repos.values()].flatMap((repo) => repo.issues.map((issue) => ({ repo, issue })));
    for (const token of tokens) {
      const [k, ...v] = token.split(':');
      const value = v.join(':').replace(/^"|"$/g, '');
      if (v.length && k === 'repo') items = items.filter((x) => `${x.repo.owner}/${x.repo.name}`.toLowerCase() === value.toLowerCase());
      else if (v.length && k === 'is' && (value === 'issue' || value === 'pr')) items = items.filter((x) => !!x.issue.pull === (value === 'pr'));
      else if (v.length && (k === 'is' || k === 'state')) items = items.filter((x) => x.issue.state === value);
      else if (v.length && k === 'label') items = items.filter((x) => x.issue.labels.includes(value));
      else if (v.length && k === 'in') continue;
      else {
        const term = token.replace(/^"|"$/g, '').toLowerCase();
        items = items.filter((x) => `${x.issue.title}\n${x.issue.body ?? ''}`.toLowerCase().includes(term));
      }
    }
    items.sort((a, b) => (a.issue.created_at < b.issue.created_at ? 1 : -1));
    return { total_count: items.length, incomplete_results: false, items: items.slice(0, perPage).map((x) => issueJson(x.repo, x.issue)) };
  }

  const server = http.createServer((req, res) => {
    handler(req, res).catch((err: unknown) => {
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ message: `fake server bug: ${(err as Error).message}` }));
      }
    });
  });
  const listener = await listenOnLoopback(server);
  baseUrl = `http://127.0.0.1:${listener.port}`;

  const getRepo = (fullName: string): FakeRepo => {
    const r = repos.get(fullName.toLowerCase());
    if (!r) throw new Error(`fake GitHub has no repo ${fullName}`);
    return r;
  };
  return {
    url: baseUrl + prefix,
    requests,
    repo: getRepo,
    inject: (f) => failures.push({ ...f, left: f.times ?? 1 }),
    delay: (d) => delays.push({ ...d, left: d.times ?? 1 }),
    seedIssue: (fullName, issue) => createIssue(getRepo(fullName), issue, issue.user ?? me),
    addComment: (fullName, n, body, user = FAKE_BOT) => {
      const repo = getRepo(fullName);
      const issue = repo.issues.find((i) => i.number === n);
      if (!issue) throw new Error(`fake GitHub has no issue #${n} in ${fullName}`);
      return addComment(repo, issue, body, user);
    },
    close: listener.close,
  };
}

function page<T>(list: T[], q: URLSearchParams): T[] {
  const perPage = Math.min(100, Number(q.get('per_page') ?? 30));
  const p = Math.max(1, Number(q.get('page') ?? 1));
  return list.slice((p - 1) * perPage, p * perPage);
}

function hashNumber(s: string): number {
  return parseInt(createHash('sha1').update(s).digest('hex').slice(0, 8), 16);
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
