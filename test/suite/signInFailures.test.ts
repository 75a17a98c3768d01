import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { YouOpsTestHandles } from '../../src/extension';
import { TEST_TOKEN_ENV } from '../../src/vscode/shared/github/gitHubAuth';
import type { FakeGitHubServer } from '../fake-servers/fakeGitHubServer';
import { bareOriginOf, git } from '../host/bareOrigin';
import { stopFakeGitHub, useFakeGitHub } from './fixtures/fakeGitHub';
import { RecordingUi, type Note } from './fixtures/recordingUi';
import { refreshedDemo, waitFor } from './helpers';

const TOKEN = 'sign-in-after-cancel-token';
/** What VS Code's authentication rejects with when the person cancels its consent dialog. */
const CONSENT_DECLINED = 'User did not consent to login.';

type GetSession = typeof vscode.authentication.getSession;

/**
 * A person who cancels the GitHub sign-in: VS Code's own getSession rejects as its consent dialog
 * does on Cancel (the dialog is a modal no extension-host test can answer; the e2e suite clicks
 * it for real). Once `signIn()` is called, the next sign-in works: the fake GitHub's session.
 */
function cancellingSignIn() {
  const auth = vscode.authentication as { getSession: GetSession };
  const real = auth.getSession;
  delete process.env[TEST_TOKEN_ENV];
  const asked: Array<vscode.AuthenticationGetSessionOptions | undefined> = [];
  auth.getSession = (async (_provider: string, _scopes: readonly string[], options?: vscode.AuthenticationGetSessionOptions) => {
    asked.push(options);
    if (options?.silent) return undefined;
    throw new Error(CONSENT_DECLINED);
  }) as unknown as GetSession;
  return {
    asked,
    /** The person signs in this time (the fake GitHub's session, honoured for its loopback API only). */
    signIn: () => (process.env[TEST_TOKEN_ENV] = TOKEN),
    restore: () => {
      auth.getSession = real;
      delete process.env[TEST_TOKEN_ENV];
    },
  };
}

describe('a cancelled GitHub sign-in says what happened, keeps what was entered, and offers Sign in / Resend (real extension host, fake GitHub on 127.0.0.1)', function () {
  this.timeout(90_000);
  let api: YouOpsTestHandles;
  let gh: FakeGitHubServer;
  let signIn: ReturnType<typeof cancellingSignIn>;
  let root: string;
  let startHead: string;

  before(async () => {
    ({ api, root, startHead } = await refreshedDemo());
    gh = await useFakeGitHub(TOKEN, {
      repos: [
        { owner: 'acme', name: 'shop-ops' },
        { owner: 'acme', name: 'shop' },
      ],
    });
  });

  beforeEach(() => {
    signIn = cancellingSignIn();
  });

  afterEach(async () => {
    signIn.restore();
    api.answerWith(undefined);
    for (const d of api.issueops.drafts.all()) await api.issueops.drafts.delete(d.id);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  after(async () => {
    await stopFakeGitHub(gh);
    git(root, 'reset', '-q', '--hard', startHead);
  });

  const webRef = () => {
    const web = api.store.environment('prod')!.state!.drift.resources.find((r) => r.id.kind === 'Deployment' && r.id.name === 'web')!;
    return { env: 'prod', key: web.key };
  };
  const noteMatching = (ui: RecordingUi, re: RegExp) => waitFor(() => ui.notes.find((n) => re.test(n.message)), `a notification matching ${re}`);

  it('a ticket: "not sent: the GitHub sign-in was cancelled", kept as a draft; Sign in to GitHub then creates it', async () => {
    let clicked = false;
    const ui = new RecordingUi(
      (q) => {
        if (q.kind === 'pick' && q.title.startsWith('Open IssueOps ticket')) return 'Deploy request';
        if (q.kind === 'pickMany') return q.items;
        if (q.kind === 'pick' && q.title === 'Deploy request → acme/shop-ops') return q.items!.find((i) => /Create issue/.test(i.label));
        return undefined;
      },
      (note: Note) => {
        if (clicked || !note.actions.includes('Sign in to GitHub')) return undefined;
        clicked = true;
        signIn.signIn();
        return 'Sign in to GitHub';
      },
    );
    api.answerWith(ui);

    await vscode.commands.executeCommand('youops.openTicket', webRef());

    const failed = await noteMatching(ui, /not sent/);
    assert.deepEqual(failed, {
      severity: 'error',
      message:
        'Ticket "[deploy] web to prod" not sent: The GitHub sign-in was cancelled. It is kept as a draft: Resend sends it again ("YouOps: Resend Ticket Draft…" lists every draft).',
      actions: ['Sign in to GitHub', 'Resend', 'Edit Draft'],
    });
    assert.ok(
      signIn.asked.some((o) => o?.createIfNone),
      'VS Code was asked to sign in',
    );
    const created = await noteMatching(ui, /^Created: #\d+ \[deploy\] web to prod$/);
    assert.ok(created, 'signing in sent the kept draft');
    assert.equal(gh.repo('acme/shop-ops').issues.filter((i) => i.title === '[deploy] web to prod').length, 1);
    assert.deepEqual(api.issueops.drafts.all(), []);
  });

  it('a ChatOps command over GitHub comments: "Nothing was sent", the command is kept, Sign in to GitHub and Resend', async () => {
    const ui = new RecordingUi();
    api.answerWith(ui);
    const entry = await vscode.commands.executeCommand('youops.sendChatOpsCommand', { command: 'deploy', context: { env: 'dev' } });
    assert.equal(entry, undefined);
    const note = await noteMatching(ui, /^Cannot send via github/);
    assert.deepEqual(note, {
      severity: 'error',
      message: 'Cannot send via github: The GitHub sign-in was cancelled. Nothing was sent; "deploy" is kept: Resend runs it again.',
      actions: ['Sign in to GitHub', 'Resend'],
    });
    assert.equal(gh.requests.filter((r) => r.method === 'POST' && /comments$/.test(r.path)).length, 0);
  });

  it('Promote: the branch is pushed first, and the result says the pull request is not open yet, with Sign in, the compare page and the branch name', async () => {
    const bare = bareOriginOf(root);
    let pushed: Note | undefined;
    const ui = new RecordingUi(
      (q) => (q.kind === 'pickMany' ? q.items!.filter((i) => i.picked) : q.kind === 'confirm' ? true : undefined),
      (note) => {
        if (!/^Pushed /.test(note.message) || pushed) return undefined;
        pushed = note;
        signIn.signIn();
        return 'Sign in to GitHub';
      },
    );
    api.answerWith(ui);

    await vscode.commands.executeCommand('youops.promote', { type: 'environment', env: 'prod' });
    const outcome = await api.gitops.lastOutcome();

    assert.ok(outcome?.status === 'published', ui.notes.map((n) => n.message).join('\n'));
    const branch = outcome.published.branch;
    assert.equal(
      pushed?.message,
      `Pushed ${branch} to origin, but the pull request is not open yet: the GitHub sign-in was cancelled. Sign in to GitHub to open it, or open it on the compare page.`,
    );
    assert.deepEqual(pushed?.actions, ['Sign in to GitHub', 'Open Compare Page', 'Copy Branch Name']);
    assert.match(git(bare, 'show', `${branch}:envs/prod/web.yaml`), /image: ghcr\.io\/acme\/shop-web:1\.4\.2/, 'pushed before GitHub was asked');
    // Signing in from the notification opens the pull request on the pushed branch.
    const opened = await noteMatching(ui, /^Pull request #\d+ opened for /);
    assert.match(opened.message, new RegExp(`opened for ${branch.replace(/[.]/g, '\\.')} → main\\.$`));
    assert.ok(gh.repo('acme/shop').issues.some((i) => i.pull?.head === branch));
    assert.equal(git(root, 'status', '--porcelain'), '');
    assert.ok(path.isAbsolute(bare));
  });
});
