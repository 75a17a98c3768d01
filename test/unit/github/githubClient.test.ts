import * as assert from 'node:assert/strict';
import { GitHubError } from '../../../src/core/github/githubError';
import { hasIdempotencyMarker } from '../../../src/core/github/idempotencyMarker';
import type { RepoRef } from '../../../src/core/github/repoRef';
import { FAKE_BOT, startFakeGitHubServer, type FakeGitHubServer } from '../../fake-servers/fakeGitHubServer';
import { fastClient } from './fastClient';

const TOKEN = 'fake-token-for-tests';
const REPO: RepoRef = { owner: 'acme', repo: 'shop-ops', host: 'github.com' };

describe('GitHubClient (fake GitHub REST server on 127.0.0.1)', () => {
  let gh: FakeGitHubServer;

  beforeEach(async () => {
    gh = await startFakeGitHubServer({ tokens: [TOKEN], repos: [{ owner: 'acme', name: 'shop-ops', labels: ['issueops'] }, { owner: 'acme', name: 'secret' }], forbiddenRepos: ['acme/locked'], assignable: ['octocat'] });
  });
  afterEach(() => gh.close());

  const rejectsWith = async (p: Promise<unknown>, kind: GitHubError['kind'], message: RegExp) =>
    assert.rejects(p, (e: unknown) => {
      assert.ok(e instanceof GitHubError, `expected GitHubError, got ${String(e)}`);
      assert.equal(e.kind, kind);
      assert.match(e.message, message);
      return true;
    });

  it('creates an issue with labels and assignees and reads it back', async () => {
    const client = fastClient(gh.url, TOKEN);
    const created = await client.createIssue(REPO, { title: 'Deploy web', body: '### Service\n\nweb', labels: ['issueops', 'deploy'], assignees: ['octocat'] });
    assert.equal(created.reused, false);
    assert.equal(created.number, 1);
    assert.deepEqual(created.labels, ['issueops', 'deploy']);
    const again = await client.getIssue(REPO, 1);
    assert.equal(again.title, 'Deploy web');
    assert.deepEqual(again.assignees, ['octocat']);
    assert.equal(again.user?.login, 'octocat');
    assert.ok(client.rateLimit && client.rateLimit.limit === 5000 && client.rateLimit.remaining < 5000);
    assert.ok(gh.requests.every((r) => r.authorized), 'every request carried the token');
    assert.ok(!JSON.stringify(gh.requests).includes(TOKEN), 'the recorded requests never hold the token');
  });

  it('maps 401, 403, 404 and 422 to clear errors with GitHub’s message', async () => {
    await rejectsWith(fastClient(gh.url, 'expired').getIssue(REPO, 1), 'unauthorized', /rejected the sign-in \(401 Bad credentials\)\. Sign in to GitHub again/);
    const client = fastClient(gh.url, TOKEN);
    await rejectsWith(client.listIssues({ ...REPO, repo: 'locked' }), 'forbidden', /No permission for Repository acme\/locked \(403: Resource not accessible/);
    await rejectsWith(client.listIssues({ ...REPO, repo: 'nope' }), 'notFound', /acme\/nope was not found, or this account cannot see it \(404\)/);
    await rejectsWith(client.createIssue(REPO, { title: 'x', body: 'y', assignees: ['mallory'] }), 'validation', /GitHub refused the request \(422\): Validation Failed: Issue assignees invalid/);
    await rejectsWith(client.createIssue(REPO, { title: 'x', body: 'y'.repeat(70_000) }), 'validation', /body is too long \(maximum is 65536 characters\)/);
  });

  it('reports an unreachable server as a network error', async () => {
    const url = gh.url;
    await gh.close();
    await rejectsWith(fastClient(url, TOKEN, { retries: 1 }).getIssue(REPO, 1), 'network', /Cannot reach 127\.0\.0\.1:\d+: .*ECONNREFUSED/);
  });

  it('retries GETs on 5xx with backoff and succeeds', async () => {
    gh.seedIssue('acme/shop-ops', { title: 'seeded' });
    gh.inject({ status: 502, match: /^GET \/repos\/acme\/shop-ops\/issues\/1$/, times: 2 });
    const issue = await fastClient(gh.url, TOKEN).getIssue(REPO, 1);
    assert.equal(issue.title, 'seeded');
    assert.deepEqual(gh.requests.map((r) => r.status), [502, 502, 200]);
  });

  it('gives up after the configured retries with a server error', async () => {
    gh.inject({ status: 503, times: 10 });
    await rejectsWith(fastClient(gh.url, TOKEN, { retries: 2 }).listIssues(REPO), 'server', /server error \(503: Service Unavailable\)/);
    assert.equal(gh.requests.length, 3);
  });

  it('never creates a duplicate when the response to a create is lost (502 after GitHub acted)', async () => {
    gh.inject({ status: 502, match: /^POST \/repos\/acme\/shop-ops\/issues$/, afterProcessing: true });
    const client = fastClient(gh.url, TOKEN);
    const created = await client.createIssue(REPO, { title: 'Deploy web', body: 'body' }, { idempotencyKey: 'draft-123456' });
    assert.equal(created.reused, true, 'found by its idempotency marker instead of posting again');
    assert.equal(gh.repo('acme/shop-ops').issues.length, 1);
    assert.ok(hasIdempotencyMarker(gh.repo('acme/shop-ops').issues[0].body ?? '', 'draft-123456'));
    assert.deepEqual(
      gh.requests.map((r) => `${r.method} ${r.status}`),
      ['POST 502', 'GET 200'],
    );
  });

  it('retries a create that failed before GitHub acted, after checking for the marker', async () => {
    gh.inject({ status: 500, match: /^POST /, times: 1 });
    gh.inject({ status: 0, dropConnection: true, match: /^POST /, times: 1 });
    const created = await fastClient(gh.url, TOKEN).createIssue(REPO, { title: 't', body: 'b' }, { idempotencyKey: 'draft-abcdef' });
    assert.equal(created.reused, false);
    assert.equal(gh.repo('acme/shop-ops').issues.length, 1);
    assert.deepEqual(gh.requests.map((r) => `${r.method} ${r.status}`), ['POST 500', 'GET 200', 'POST -1', 'GET 200', 'POST 201']);
  });

  it('re-sending with checkFirst returns the issue an earlier attempt created', async () => {
    const client = fastClient(gh.url, TOKEN);
    const first = await client.createIssue(REPO, { title: 't', body: 'b' }, { idempotencyKey: 'draft-twice1' });
    const second = await client.createIssue(REPO, { title: 't', body: 'b' }, { idempotencyKey: 'draft-twice1', checkFirst: true });
    assert.equal(second.reused, true);
    assert.equal(second.number, first.number);
    assert.equal(gh.repo('acme/shop-ops').issues.length, 1);
  });

  it('does not retry a POST without an idempotency key (it could duplicate)', async () => {
    gh.inject({ status: 502, match: /^POST /, afterProcessing: true });
    await rejectsWith(fastClient(gh.url, TOKEN).createIssue(REPO, { title: 't', body: 'b' }), 'server', /502/);
    assert.equal(gh.requests.length, 1);
  });

  it('waits out secondary rate limits and 429s, then succeeds', async () => {
    gh.inject({ status: 'secondary', match: /^POST /, retryAfter: 1 });
    gh.inject({ status: 429, match: /^GET /, retryAfter: 1 });
    const client = fastClient(gh.url, TOKEN);
    await client.createIssue(REPO, { title: 't', body: 'b' }, { idempotencyKey: 'draft-second' });
    await client.listIssues(REPO);
    assert.deepEqual(gh.requests.map((r) => `${r.method} ${r.status}`), ['POST 403', 'POST 201', 'GET 429', 'GET 200']);
    assert.equal(gh.repo('acme/shop-ops').issues.length, 1);
  });

  it('shows the reset time when the primary rate limit is exhausted', async () => {
    gh.inject({ status: 'primary', times: 5 });
    await rejectsWith(fastClient(gh.url, TOKEN).listIssues(REPO), 'rateLimited', /rate limit exhausted; it resets at .+ \(in 1[45] min\)/);
  });

  it('refreshes with ETags: unchanged lists come back as 304 from the cache', async () => {
    gh.seedIssue('acme/shop-ops', { title: 'one', labels: ['issueops'] });
    const client = fastClient(gh.url, TOKEN);
    const first = await client.listIssues(REPO);
    const second = await client.listIssues(REPO);
    assert.deepEqual(second, first);
    assert.equal(client.notModifiedCount, 1);
    assert.deepEqual(gh.requests.map((r) => `${r.conditional} ${r.status}`), ['false 200', 'true 304']);
    gh.addComment('acme/shop-ops', 1, '✅ deployed', FAKE_BOT);
    const comments = await client.listComments(REPO, 1);
    assert.equal(comments[0].user?.type, 'Bot');
    const third = await client.listIssues(REPO);
    assert.equal(third[0].comments, 1, 'a change invalidates the ETag');
    assert.equal(client.notModifiedCount, 1);
  });

  it('comments verbatim and once (the answer lost after GitHub posted it), closes issues and searches', async () => {
    const client = fastClient(gh.url, TOKEN);
    const issue = await client.createIssue(REPO, { title: 'Access for @octocat', body: 'please', labels: ['issueops'] });
    // Someone else's identical command does not count as ours.
    gh.addComment('acme/shop-ops', issue.number, '/approve', { login: 'mona', type: 'User' });
    gh.inject({ status: 502, match: /^POST .*\/comments$/, afterProcessing: true });
    const c = await client.createComment(REPO, issue.number, '/approve');
    assert.equal(c.reused, true);
    assert.deepEqual(gh.repo('acme/shop-ops').comments.map((x) => [x.user.login, x.body]), [['mona', '/approve'], ['octocat', '/approve']], 'posted once, without any marker');
    const again = await client.createComment(REPO, issue.number, '/approve', { checkFirst: true });
    assert.equal(again.reused, true, 'a re-send finds the earlier attempt');
    const found = await client.searchIssues('repo:acme/shop-ops is:issue is:open label:issueops octocat');
    assert.deepEqual(found.map((i) => i.number), [issue.number]);
    const closed = await client.closeIssue(REPO, issue.number, 'not_planned');
    assert.equal(closed.state, 'closed');
    assert.equal(closed.stateReason, 'not_planned');
  });

  it('opens pull requests and returns the existing one for the same head instead of failing', async () => {
    const client = fastClient(gh.url, TOKEN);
    const pr = await client.createPullRequest(REPO, { title: 'Promote web', head: 'youops/promote-web', base: 'main', body: 'x' });
    assert.equal(pr.reused, false);
    assert.equal(pr.head, 'youops/promote-web');
    const again = await client.createPullRequest(REPO, { title: 'Promote web', head: 'youops/promote-web', base: 'main' });
    assert.equal(again.reused, true);
    assert.equal(again.number, pr.number);
    assert.equal((await client.getPullRequest(REPO, pr.number)).title, 'Promote web');
    assert.deepEqual((await client.listPullRequests(REPO, { head: 'youops/promote-web' })).map((p) => p.number), [pr.number]);
    assert.deepEqual(await client.listIssues(REPO), [], 'pull requests are not listed as issues');
  });

  it('abandons a pull request on abort, also while waiting between retries', async () => {
    gh.delay({ match: /^POST \/repos\/acme\/shop-ops\/pulls$/, ms: 5000 });
    const abort = new AbortController();
    setTimeout(() => abort.abort(), 200);
    const started = Date.now();
    await rejectsWith(fastClient(gh.url, TOKEN).createPullRequest(REPO, { title: 'Promote web', head: 'youops/a', base: 'main' }, { signal: abort.signal }), 'cancelled', /Cancelled before/);
    assert.ok(Date.now() - started < 2000, 'did not wait for the slow answer');
    // A 502 before GitHub acted: the client backs off before the retry; an abort ends the wait.
    gh.inject({ status: 502, match: /^POST /, times: 5 });
    const during = new AbortController();
    const slow = fastClient(gh.url, TOKEN, { retryBaseMs: 10_000 });
    setTimeout(() => during.abort(), 300);
    const t0 = Date.now();
    await rejectsWith(slow.createIssue(REPO, { title: 't', body: 'b' }, { idempotencyKey: 'draft-abort1', signal: during.signal }), 'cancelled', /Cancelled/);
    assert.ok(Date.now() - t0 < 3000, 'the 10 s backoff was cut short');
    assert.equal(gh.repo('acme/shop-ops').issues.filter((i) => !i.pull).length, 0);
  });

  it('works against a GHES-style /api/v3 prefix and reports the authenticated user', async () => {
    const ghes = await startFakeGitHubServer({ tokens: [TOKEN], login: 'hubot', pathPrefix: '/api/v3', repos: [{ owner: 'platform', name: 'requests' }] });
    try {
      assert.match(ghes.url, /\/api\/v3$/);
      const client = fastClient(ghes.url, TOKEN);
      assert.equal((await client.getAuthenticatedUser()).login, 'hubot');
      assert.equal((await client.getRepo({ owner: 'platform', repo: 'requests', host: 'x' })).fullName, 'platform/requests');
    } finally {
      await ghes.close();
    }
  });
});

describe('GitHubClient faults (fake GitHub REST server on 127.0.0.1; issue 14)', () => {
  let gh: FakeGitHubServer;
  beforeEach(async () => {
    gh = await startFakeGitHubServer({ tokens: [TOKEN], repos: [{ owner: 'acme', name: 'shop-ops' }] });
  });
  afterEach(() => gh.close());

  it('retries a POST answered 429 after Retry-After (429: not processed), checking for an earlier attempt first', async () => {
    gh.inject({ status: 429, match: /^POST /, retryAfter: 1 });
    const started = Date.now();
    const created = await fastClient(gh.url, TOKEN).createIssue(REPO, { title: 't', body: 'b' }, { idempotencyKey: 'draft-429abc' });
    assert.equal(created.reused, false);
    assert.ok(Date.now() - started >= 900, 'waited for Retry-After');
    assert.equal(gh.repo('acme/shop-ops').issues.length, 1);
    assert.deepEqual(gh.requests.map((r) => `${r.method} ${r.status}`), ['POST 429', 'GET 200', 'POST 201']);
  });
});
