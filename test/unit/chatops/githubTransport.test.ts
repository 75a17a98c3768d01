import * as assert from 'node:assert/strict';
import type { ChatOpsError } from '../../../src/core/chatops/chatOpsError';
import { githubClientCommentPort } from '../../../src/core/chatops/transports/githubClientCommentPort';
import { GitHubTransport } from '../../../src/core/chatops/transports/githubTransport';
import type { BotReply } from '../../../src/core/chatops/transports/transport';
import { GitHubClient } from '../../../src/core/github/githubClient';
import { startFakeGitHubServer, type FakeGitHubServer } from '../../fake-servers/fakeGitHubServer';

describe('GitHub comment transport (loopback fake GitHub API on 127.0.0.1, IssueOps client)', function () {
  this.timeout(15_000);
  let gh: FakeGitHubServer;
  let pr: number;
  const repo = { owner: 'acme', repo: 'shop-ops', host: '127.0.0.1' };
  beforeEach(async () => {
    gh = await startFakeGitHubServer({
      tokens: ['gho_test'],
      repos: [{ owner: 'acme', name: 'shop-ops' }],
      bot: ({ kind, comment }) => (kind === 'comment' && comment?.body.startsWith('.deploy') ? { body: `✅ Deployment of ${comment.body.split(' ')[1]} finished`, delayMs: 100 } : undefined),
    });
    pr = gh.seedIssue('acme/shop-ops', { title: 'Release 1.4' }).number;
  });
  afterEach(() => gh.close());

  // The fake's bot answers as issueops-bot[bot]: the followed login is configured.
  const transport = (token = 'gho_test') => new GitHubTransport(githubClientCommentPort(new GitHubClient({ token, baseUrl: gh.url, retries: 0 }), repo), pr, 50, 'issueops-bot[bot]');

  it('comments branch-deploy style once and follows the answering comments', async () => {
    const t = transport();
    assert.equal(t.destination, `GitHub acme/shop-ops#${pr}`);
    const posted = await t.send('.deploy main to prod');
    assert.match(posted.link!, /issuecomment|#/);
    const replies: BotReply[] = [];
    await posted.follow!(5000, (r) => (replies.push(r), /Deployment/.test(r.text)));
    assert.deepEqual(replies.map((r) => [r.author, r.text]), [['issueops-bot[bot]', '✅ Deployment of main finished']]);
    assert.deepEqual(gh.repo('acme/shop-ops').comments.filter((c) => c.body === '.deploy main to prod').length, 1, 'posted once, without markers');
  });

  it('maps a rejected token to invalid_auth, not sent', async () => {
    await assert.rejects(transport('gho_wrong').send('.deploy main to prod'), (e: ChatOpsError) => e.code === 'invalid_auth' && e.delivery === 'not-sent');
    assert.equal(gh.repo('acme/shop-ops').comments.length, 0);
  });
});
