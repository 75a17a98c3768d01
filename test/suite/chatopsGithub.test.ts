import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { HistoryEntry } from '../../src/core/chatops/commandHistory';
import type { YouOpsTestHandles } from '../../src/extension';
import { TEST_TOKEN_ENV } from '../../src/vscode/shared/github/gitHubAuth';
import type { FakeGitHubServer } from '../fake-servers/fakeGitHubServer';
import { git } from '../host/bareOrigin';
import { stopFakeGitHub, useFakeGitHub } from './fixtures/fakeGitHub';
import { ScriptedUi } from './fixtures/recordingUi';
import { activateExtension, allRefreshed, waitFor, waitForQuiet, waitForState, workspaceRoot } from './helpers';

const TOKEN = 'fake-session-token';
const REPO = 'acme/shop-ops'; // issueops.github.repo of the demo: it wins over any origin remote
const BRANCH = 'deploy/checkout-v2';
const NO_PR_BRANCH = 'spike/closed-pr';
const ACCEPT_PREVIEW = true;

describe('ChatOps over GitHub comments (fake GitHub REST server on 127.0.0.1, fake session)', function () {
  this.timeout(60_000);
  let api: YouOpsTestHandles;
  let gh: FakeGitHubServer;
  let root: string;
  let startBranch: string;
  let startStatus: string;
  let pr: number;
  const prompter = new ScriptedUi();

  /** Checks out `branch` (created at HEAD if new) and waits out the refresh a HEAD move starts. */
  const checkout = async (branch: string, create = false) => {
    git(root, 'switch', '-q', ...(create ? ['-c'] : []), branch);
    await waitForQuiet(api);
    await waitForState(api, allRefreshed);
  };
  const comments = (issue: number) => gh.repo(REPO).comments.filter((c) => c.issue === issue);
  const posts = () => gh.requests.filter((r) => r.method === 'POST');
  const deploy = (env: string) =>
    vscode.commands.executeCommand<HistoryEntry | undefined>('youops.sendChatOpsCommand', { command: 'deploy', context: { env } });

  before(async () => {
    api = await activateExtension();
    await waitForState(api, allRefreshed);
    root = workspaceRoot();
    startBranch = git(root, 'rev-parse', '--abbrev-ref', 'HEAD').trim();
    startStatus = git(root, 'status', '--porcelain');
    gh = await useFakeGitHub(TOKEN, {
      repos: [{ owner: 'acme', name: 'shop-ops' }],
      // branch-deploy style: answers `.deploy to <env>` on the PR, as github-actions[bot], deploying the PR's branch.
      bot: ({ kind, comment }) => {
        const m = kind === 'comment' ? /^\.deploy to (\S+)$/.exec(comment!.body) : null;
        return m ? { body: `✅ Deployed ${BRANCH} to ${m[1]}`, delayMs: 300, user: { login: 'github-actions[bot]', type: 'Bot' } } : undefined;
      },
    });
    // Other PRs around ours, so the one found must be the branch's own open one.
    const pull = (head: string) => ({ head, base: 'main', draft: false, merged: false });
    gh.seedIssue(REPO, { title: 'Bump nginx', pull: pull('deps/nginx') });
    gh.seedIssue(REPO, { title: 'Old spike', state: 'closed', pull: pull(NO_PR_BRANCH) });
    pr = gh.seedIssue(REPO, { title: 'Checkout v2', pull: pull(BRANCH) }).number;
    // The fake answers within a second; a wrong verdict must not wait out the default 300 s.
    await vscode.workspace.getConfiguration('youops.chatops').update('followSeconds', 20, vscode.ConfigurationTarget.Global);
    api.answerWith(prompter);
    await checkout(BRANCH, true);
  });

  after(async () => {
    api?.answerWith(undefined);
    if (startBranch) {
      await checkout(startBranch);
      git(root, 'branch', '-q', '-D', BRANCH);
      git(root, 'branch', '-q', '-D', NO_PR_BRANCH);
    }
    await vscode.workspace.getConfiguration('youops.chatops').update('followSeconds', undefined, vscode.ConfigurationTarget.Global);
    await stopFakeGitHub(gh);
    assert.equal(git(root, 'status', '--porcelain'), startStatus, 'the demo repo is left as found for the other suites');
  });

  it("posts `.deploy to <env>` once on the branch's open pull request and shows the bot's answer as success", async () => {
    prompter.script(ACCEPT_PREVIEW);
    const entry = await deploy('dev');
    assert.equal(prompter.asked.length, 1, 'ref from the branch, env from the context: only the preview');
    assert.equal(prompter.asked[0].title, `Preview — Enter sends this to GitHub ${REPO}#${pr}`);
    assert.equal(prompter.asked[0].value, `.deploy to dev`);

    assert.ok(entry, JSON.stringify(prompter.notes));
    assert.equal(entry.status, 'success');
    assert.equal(entry.delivery, 'sent');
    assert.deepEqual(
      entry.replies.map((r) => `${r.author}: ${r.text}`),
      [`github-actions[bot]: ✅ Deployed ${BRANCH} to dev`],
    );
    assert.match(entry.link!, new RegExp(`/acme/shop-ops/issues/${pr}#issuecomment-\\d+$`));

    const mine = comments(pr).filter((c) => c.user.type === 'User');
    assert.deepEqual(
      mine.map((c) => c.body),
      [`.deploy to dev`],
      'exactly one comment, the exact text, no marker',
    );
    assert.deepEqual(
      posts().map((r) => r.path),
      [`/repos/${REPO}/issues/${pr}/comments`],
    );
    assert.ok(
      gh.requests.every((r) => r.authorized),
      'every request carried the session token',
    );

    assert.deepEqual(prompter.notes, [
      { severity: 'info', message: `✓ .deploy to dev — github-actions[bot]: ✅ Deployed ${BRANCH} to dev`, actions: ['Show Log'] },
    ]);
    assert.equal(api.chatops.history.all()[0].id, entry.id);
    const dev = api.tree.getChildren().find((n) => n.type === 'environment' && n.env === 'dev')!;
    const row = api.tree.getChildren(dev).find((n) => n.type === 'chatops')!;
    assert.equal(api.tree.getTreeItem(row).label, `Last command: .deploy to dev → ✓`);
  });

  it('says clearly that the branch has no open pull request, and posts nothing', async () => {
    const requestsBefore = gh.requests.length;
    await checkout(NO_PR_BRANCH, true);
    try {
      prompter.script();
      assert.equal(await deploy('dev'), undefined);
      assert.equal(prompter.asked.length, 0, 'stopped before the preview');
      assert.deepEqual(prompter.notes, [
        {
          severity: 'error',
          message: `Cannot send via github: no open pull request for ${NO_PR_BRANCH} in ${REPO}: open one, or set chatops.transports.github.issue`,
          actions: [],
        },
      ]);
      const seen = gh.requests.slice(requestsBefore);
      assert.ok(
        seen.some((r) => r.path.startsWith(`/repos/${REPO}/pulls?`) && decodeURIComponent(r.path).includes(`head=acme:${NO_PR_BRANCH}`)),
        'looked the PR up by head',
      );
      assert.deepEqual(
        seen.filter((r) => r.method === 'POST'),
        [],
      );
    } finally {
      await checkout(BRANCH);
    }
  });

  it('offers to sign in again when GitHub answers 401, then sends once with the new session', async () => {
    const postsBefore = posts().length;
    const requestsBefore = gh.requests.length;
    process.env[TEST_TOKEN_ENV] = 'expired-token';
    try {
      // "Sign in again" as a person would: the new session is the valid one.
      prompter.script(ACCEPT_PREVIEW).click = (note) => {
        if (!note.actions.includes('Sign in again')) return undefined;
        process.env[TEST_TOKEN_ENV] = TOKEN;
        return 'Sign in again';
      };
      assert.equal(await deploy('staging'), undefined, 'the expired session stops the first attempt');
      const offer = prompter.notes[0];
      assert.equal(offer.severity, 'error');
      assert.match(
        offer.message,
        /^Cannot send via github: 127\.0\.0\.1:\d+ rejected the sign-in \(401 Bad credentials\)\. Sign in to GitHub again\. Nothing was sent; "deploy" is kept: Resend runs it again\.$/,
      );
      assert.deepEqual(offer.actions, ['Sign in again', 'Resend']);
      const rejected = gh.requests.slice(requestsBefore).filter((r) => r.status === 401);
      assert.ok(
        rejected.some((r) => r.path.startsWith(`/repos/${REPO}/pulls?`)),
        'the PR lookup met the expired token',
      );
      assert.ok(
        rejected.every((r) => r.method === 'GET'),
        'nothing was posted with it',
      );

      // After the sign-in the command starts over: preview, then one post and the answer.
      const done = await waitFor(
        () => api.chatops.history.all().find((h) => h.text === `.deploy to staging` && h.status === 'success'),
        'the resent deploy to succeed',
        30_000,
      );
      assert.equal(prompter.asked[0].value, `.deploy to staging`);
      assert.equal(done.replies.at(-1)!.text, `✅ Deployed ${BRANCH} to staging`);
      assert.deepEqual(comments(pr).filter((c) => c.body === `.deploy to staging`).length, 1);
      assert.equal(posts().length, postsBefore + 1, 'posted once, and only with the new session');
      assert.ok(posts().every((r) => r.authorized));
    } finally {
      process.env[TEST_TOKEN_ENV] = TOKEN;
      prompter.click = () => undefined;
    }
  });
});
