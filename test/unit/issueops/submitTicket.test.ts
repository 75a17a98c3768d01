import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { GitHubError } from '../../../src/core/github/githubError';
import type { RepoRef } from '../../../src/core/github/repoRef';
import { buildTicket } from '../../../src/core/issueops/buildTicket';
import type { IssueForm } from '../../../src/core/issueops/issueTemplate';
import { listTickets } from '../../../src/core/issueops/listTickets';
import { loadTemplates } from '../../../src/core/issueops/loadTemplates';
import { prefillForm } from '../../../src/core/issueops/prefillForm';
import { renderTitle } from '../../../src/core/issueops/renderTitle';
import { describeDropped, submitTicket } from '../../../src/core/issueops/submitTicket';
import type { TicketDraft } from '../../../src/core/issueops/ticketDraft';
import { FAKE_BOT, startFakeGitHubServer, type FakeGitHubServer } from '../../fake-servers/fakeGitHubServer';
import { fastClient } from '../github/fastClient';

const TOKEN = 'fake-token';
const REPO: RepoRef = { owner: 'acme', repo: 'shop-ops', host: 'github.com' };
const TEMPLATES = path.resolve(__dirname, '../../../../examples/demo/.github/ISSUE_TEMPLATE');

describe('Submitting and listing IssueOps tickets (fake GitHub REST server on 127.0.0.1)', () => {
  let gh: FakeGitHubServer;
  let deploy: IssueForm;

  before(async () => {
    deploy = (await loadTemplates(TEMPLATES)).templates.find((t) => t.file === 'deploy-request.yml') as IssueForm;
  });
  beforeEach(async () => {
    gh = await startFakeGitHubServer({
      tokens: [TOKEN],
      repos: [{ owner: 'acme', name: 'shop-ops' }],
      bot: ({ kind, issue }) => (kind === 'issue' && issue.title.includes('prod') ? { body: '✅ Deployed. PR: https://github.com/acme/shop-ops/pull/42' } : undefined),
    });
  });
  afterEach(() => gh.close());

  const draftFor = (values: TicketDraft['values'], attempts = 0): TicketDraft => ({
    id: 't-test-000001',
    repo: 'acme/shop-ops',
    template: deploy.file,
    title: renderTitle(deploy.title, deploy, values),
    values,
    labels: deploy.labels,
    assignees: [],
    context: { env: 'prod' },
    createdAt: new Date().toISOString(),
    attempts,
  });
  const complete = () => ({ ...prefillForm(deploy, { env: 'prod', app: 'web', version: '1.4.2' }), checks: [true, false] });

  it('sends the rendered form with the ticket and idempotency markers in front', async () => {
    const issue = await submitTicket(fastClient(gh.url, TOKEN), REPO, draftFor(complete()), deploy);
    assert.equal(issue.title, '[deploy] web to prod');
    assert.deepEqual(issue.labels, ['issueops', 'deploy']);
    assert.equal(
      gh.repo('acme/shop-ops').issues[0].body,
      '<!-- youops:idempotency-key=t-test-000001 -->\n<!-- youops:ticket template=deploy-request.yml env=prod -->\n\n' +
        '### Environment\n\nprod\n\n### Service\n\nweb\n\n### Version\n\n1.4.2\n\n### Reason\n\n_No response_\n\n### Checks\n\n- [X] The version passed staging\n- [ ] The change has a rollback plan',
      'the markers come before the first heading, where issue-form parsers read nothing',
    );
  });

  it('re-sending a draft whose first attempt got through returns that issue (no duplicate)', async () => {
    const client = fastClient(gh.url, TOKEN);
    await submitTicket(client, REPO, draftFor(complete()), deploy);
    const again = await submitTicket(client, REPO, draftFor(complete(), 1), deploy);
    assert.equal(again.reused, true);
    assert.equal(gh.repo('acme/shop-ops').issues.length, 1);
  });

  it('refuses incomplete and oversized tickets before sending anything', async () => {
    const client = fastClient(gh.url, TOKEN);
    await assert.rejects(submitTicket(client, REPO, draftFor({ ...complete(), service: '' }), deploy), (e: unknown) => e instanceof GitHubError && e.kind === 'validation' && /"Service" is required/.test(e.message) && /placeholder <service>/.test(e.message));
    const huge = { ...complete(), reason: 'x'.repeat(70_000) };
    assert.match(buildTicket(draftFor(huge), deploy).problems.join('\n'), /GitHub accepts at most 65,536/);
    await assert.rejects(submitTicket(client, REPO, draftFor(huge), deploy), (e: unknown) => e instanceof GitHubError && e.kind === 'tooLarge');
    assert.equal(gh.requests.length, 0);
  });

  it('lists open tickets per environment with the bot status and linked PRs', async () => {
    const client = fastClient(gh.url, TOKEN);
    const templates = (await loadTemplates(TEMPLATES)).templates;
    await submitTicket(client, REPO, draftFor(complete()), deploy);
    // One opened on github.com (no marker): found by its labels, environment read from the body.
    gh.seedIssue('acme/shop-ops', { title: 'Access for @hubot', labels: ['issueops', 'access'], body: '### GitHub handle\n\n@hubot\n\n### Environment\n\nstaging' });
    gh.addComment('acme/shop-ops', 2, '❌ Access denied: not in the team', FAKE_BOT);
    gh.seedIssue('acme/shop-ops', { title: 'Unrelated bug', labels: ['bug'] });
    await new Promise((r) => setTimeout(r, 20));
    const tickets = await listTickets(client, REPO, templates, ['dev', 'staging', 'prod']);
    assert.deepEqual(
      tickets.map((t) => [t.issue.number, t.env, t.template, t.status.outcome, t.pullRequests]),
      [
        [2, 'staging', 'access-request.yml', 'failure', []],
        [1, 'prod', 'deploy-request.yml', 'success', [42]],
      ],
    );
    const before = client.notModifiedCount;
    await listTickets(client, REPO, templates, ['dev', 'staging', 'prod']);
    assert.ok(client.notModifiedCount >= before + 3, 'an unchanged refresh is answered with 304s');
  });
});

describe('Submitting tickets when things go wrong (fake GitHub REST server on 127.0.0.1)', () => {
  let deploy: IssueForm;
  before(async () => {
    deploy = (await loadTemplates(TEMPLATES)).templates.find((t) => t.file === 'deploy-request.yml') as IssueForm;
  });
  const draft = (): TicketDraft => ({
    id: 't-fault-000001',
    repo: 'acme/shop-ops',
    template: 'deploy-request.yml',
    title: '[deploy] web to prod',
    values: { environment: ['prod'], service: 'web', version: '1.4.2', checks: [true, false] },
    labels: ['issueops', 'deploy'],
    assignees: ['octocat'],
    context: { env: 'prod' },
    createdAt: new Date().toISOString(),
    attempts: 0,
  });

  it('stores the attempt before the POST; a re-send after the window closed mid-POST finds the issue instead of creating a second', async () => {
    // GitHub creates the issue, and the window closes before its answer arrives.
    const windowClosed = new AbortController();
    const gh = await startFakeGitHubServer({ tokens: [TOKEN], repos: [{ owner: 'acme', name: 'shop-ops' }], bot: () => void windowClosed.abort() });
    try {
      const stored: Array<{ attempts: number; postsSoFar: number }> = [];
      const d = draft();
      await assert.rejects(
        submitTicket(fastClient(gh.url, TOKEN), REPO, d, deploy, {
          signal: windowClosed.signal,
          persist: async (x) => void stored.push({ attempts: x.attempts, postsSoFar: gh.requests.filter((r) => r.method === 'POST').length }),
        }),
        (e: unknown) => e instanceof GitHubError && e.kind === 'cancelled',
      );
      assert.equal(gh.repo('acme/shop-ops').issues.length, 1, 'the issue exists although no answer arrived');
      assert.deepEqual(stored, [{ attempts: 1, postsSoFar: 0 }], 'persisted with the attempt counted, before anything was sent');
      // Re-send from what was stored: the duplicate check runs first.
      const again = await submitTicket(fastClient(gh.url, TOKEN), REPO, { ...d, attempts: stored[0].attempts }, deploy);
      assert.equal(again.reused, true);
      assert.equal(gh.repo('acme/shop-ops').issues.length, 1);
    } finally {
      await gh.close();
    }
  });

  it('says which labels and assignees GitHub dropped for a requester without push access', async () => {
    const gh = await startFakeGitHubServer({ tokens: [TOKEN], repos: [{ owner: 'acme', name: 'shop-ops' }], noPushAccess: true });
    try {
      const issue = await submitTicket(fastClient(gh.url, TOKEN), REPO, draft(), deploy);
      assert.deepEqual(issue.dropped, { labels: ['issueops', 'deploy'], assignees: ['octocat'] });
      assert.match(describeDropped(issue.dropped)!, /did not apply the labels issueops, deploy and the assignee octocat: your account has no push access.*will not start/);
      assert.equal(describeDropped({ labels: [], assignees: [] }), undefined);
    } finally {
      await gh.close();
    }
  });

  it('gives every request a timeout and honours an abort signal', async () => {
    // A server that accepts the connection and never answers.
    const silent = http.createServer(() => undefined);
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
    try {
      const started = Date.now();
      await assert.rejects(fastClient(url, TOKEN, { timeoutMs: 300, retries: 0 }).listIssues(REPO), (e: unknown) => e instanceof GitHubError && e.kind === 'network' && /did not answer within 0 s|did not answer within/.test(e.message));
      assert.ok(Date.now() - started < 5000);
      const abort = new AbortController();
      setTimeout(() => abort.abort(), 100);
      await assert.rejects(fastClient(url, TOKEN, { retries: 0 }).listComments(REPO, 1, { signal: abort.signal }), (e: unknown) => e instanceof GitHubError && e.kind === 'cancelled');
    } finally {
      silent.closeAllConnections();
      await new Promise((r) => silent.close(r));
    }
  });
});
