import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { YouOpsTestHandles } from '../../src/extension';
import type { FakeGitHubServer } from '../fake-servers/fakeGitHubServer';
import { bareOriginOf, git } from '../host/bareOrigin';
import { stopFakeGitHub, useFakeGitHub } from './fixtures/fakeGitHub';
import { recordingGitOpsUi } from './fixtures/recordingUi';
import { refreshedDemo, waitFor } from './helpers';

const TOKEN = 'gitops-session-token';

/** Answers every GitOps question like a person would, and records what was asked and shown. */
function scriptedPrompter(answers: { confirm?: boolean; pick?: Record<string, string> } = {}) {
  return recordingGitOpsUi({
    confirm: answers.confirm ?? true,
    pickOne: (items, title) => {
      const key = Object.keys(answers.pick ?? {}).find((k) => title.includes(k));
      return key ? items.find((i) => i.label.includes(answers.pick![key])) : undefined;
    },
  });
}

describe('GitOps promote and rollback (extension host, demo repo with a bare origin, fake GitHub on 127.0.0.1)', () => {
  let api: YouOpsTestHandles;
  let gh: FakeGitHubServer;
  let bare: string;
  let root: string;
  let startHead: string;

  before(async () => {
    ({ api, root, startHead } = await refreshedDemo());
    // The demo's origin: a bare repo on disk standing in for github.com/acme/shop.
    bare = bareOriginOf(root);
    gh = await useFakeGitHub(TOKEN, { repos: [{ owner: 'acme', name: 'shop' }] });
  });

  after(async () => {
    api.answerWith(undefined);
    await stopFakeGitHub(gh);
    git(root, 'reset', '-q', '--hard', startHead);
    git(root, 'push', '-q', '--force', 'origin', 'main');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('promotes staging → prod from the tree: image preselected, patch shown, protected confirm, PR opened, workspace untouched', async () => {
    const ui = scriptedPrompter();
    api.answerWith(ui.prompter);
    const prodWeb = path.join(root, 'envs/prod/web.yaml');
    const before = fs.readFileSync(prodWeb, 'utf8');

    await vscode.commands.executeCommand('youops.promote', { type: 'environment', env: 'prod' });
    const outcome = await api.gitops.lastOutcome();

    assert.ok(outcome?.status === 'published', `outcome: ${JSON.stringify(outcome)}; notes: ${ui.notes.join(' / ')}`);
    assert.match(ui.asked[0], /^pickMany: Promote staging → prod: which values\? \[.*x Deployment web: spec\.template\.spec\.containers\[name=web\]\.image/);
    assert.match(ui.asked[0], /  Deployment web: spec\.replicas/);
    assert.equal(ui.asked[1], 'patch: Promote staging → prod');
    assert.equal(ui.asked[2], 'confirm: prod is protected. Open a pull request that changes it?');
    assert.match(ui.patches[0], /-          image: ghcr\.io\/acme\/shop-web:1\.4\.1\n\+          image: ghcr\.io\/acme\/shop-web:1\.4\.2\n/);

    const branch = outcome.published.branch;
    assert.equal(git(bare, 'show', `${branch}:envs/prod/web.yaml`), before.replace('shop-web:1.4.1', 'shop-web:1.4.2'));
    assert.equal(fs.readFileSync(prodWeb, 'utf8'), before);
    assert.equal(git(root, 'status', '--porcelain'), '');
    const pr = gh.repo('acme/shop').issues.find((i) => i.pull?.head === branch);
    assert.ok(pr);
    assert.deepEqual(pr.labels, ['youops', 'promotion', 'env:prod']);
    assert.match(ui.notes.at(-1) ?? '', new RegExp(`^info: Pull request #${pr.number} opened for ${branch.replace(/[.]/g, '\\.')} → main\\.$`));
  });

  it('Cancel while the pull request is being opened: the request is abandoned, the branch stays pushed, and the message says what was kept', async () => {
    const ui = scriptedPrompter();
    api.answerWith(ui.prompter);
    gh.delay({ match: /^POST \/repos\/acme\/shop\/pulls$/, ms: 10_000 });
    const running = vscode.commands.executeCommand('youops.promote', { type: 'environment', env: 'prod' });
    const progress = await waitFor(
      () => ui.prompter.progresses.find((p) => p.messages.some((m) => m.startsWith('opening the pull request'))),
      'the pull-request step',
      30_000,
    );
    await waitFor(() => gh.requests.find((r) => r.method === 'POST' && r.path === '/repos/acme/shop/pulls' && r.status === 0), 'the POST in flight');
    const started = Date.now();
    progress.cancel();
    await running;
    assert.ok(Date.now() - started < 5000, 'did not wait for GitHub');
    assert.equal(await api.gitops.lastOutcome(), undefined);
    assert.equal(progress.title, 'YouOps: Promote to prod');
    assert.equal(progress.cancellable, true);
    const branch = /^committing on (\S+)…$/.exec(progress.messages[0])![1];
    assert.deepEqual(progress.messages, [
      `committing on ${branch}…`,
      `pushing ${branch} to origin…`,
      'reaching GitHub (a sign-in may be asked)…',
      'opening the pull request in acme/shop…',
    ]);
    assert.equal(
      ui.notes.at(-1),
      `warning: Promote to prod: cancelled while opening the pull request: ${branch} is pushed, and GitHub may have opened the pull request already. The commit is kept on the local branch ${branch}.`,
    );
    assert.match(git(bare, 'show', `${branch}:envs/prod/web.yaml`), /shop-web:1\.4\.2/, 'the pushed branch is on origin');
    assert.equal(git(root, 'status', '--porcelain'), '');
  });

  it('offers "Promote to prod" as a code lens on a staging manifest; declining at the patch pushes nothing', async () => {
    const ui = scriptedPrompter({ confirm: false });
    api.answerWith(ui.prompter);
    const uri = vscode.Uri.file(path.join(root, 'envs/staging/web.yaml'));
    await vscode.window.showTextDocument(uri);
    const lenses = await waitFor(async () => {
      const all = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
      return all.filter((l) => l.command?.title === 'Promote to prod').length ? all : undefined;
    }, 'the Promote to prod lens');
    const lens = lenses.find((l) => l.command?.title === 'Promote to prod')!;
    assert.deepEqual(lens.command!.arguments, [{ from: 'staging', to: 'prod', resource: 'Deployment/web' }]);
    const branchesBefore = git(bare, 'branch', '--list');

    await vscode.commands.executeCommand(lens.command!.command, ...lens.command!.arguments!);
    const outcome = await api.gitops.lastOutcome();

    assert.deepEqual(outcome, { status: 'cancelled' });
    assert.equal(ui.asked.length, 3, ui.asked.join('\n'));
    assert.doesNotMatch(ui.asked[0], /Deployment api/);
    assert.equal(git(bare, 'branch', '--list'), branchesBefore);
    assert.equal(git(root, 'worktree', 'list', '--porcelain').match(/^worktree /gm)?.length, 1);
  });

  it('rolls prod back from a History commit by reverting it, as a PR', async () => {
    const prodApi = path.join(root, 'envs/prod/api.yaml');
    const original = fs.readFileSync(prodApi, 'utf8');
    fs.writeFileSync(prodApi, original.replace('# Orders and catalogue API.', '# Orders and catalogue API (owned by team checkout).'));
    git(root, 'commit', '-qam', 'prod: api owner note');
    git(root, 'push', '-q', 'origin', 'main');
    await vscode.commands.executeCommand('youops.refresh', { env: 'prod' });
    const commit = await waitFor(
      () => api.store.environment('prod')?.state?.history.find((c) => c.subject === 'prod: api owner note'),
      'the new prod commit in History',
    );
    const ui = scriptedPrompter({ pick: { 'Roll back prod': 'Revert' } });
    api.answerWith(ui.prompter);

    await vscode.commands.executeCommand('youops.rollback', { type: 'commit', env: 'prod', commit });
    const outcome = await api.gitops.lastOutcome();

    assert.ok(outcome?.status === 'published', ui.notes.join(' / '));
    assert.deepEqual(ui.asked, ['pickOne: Roll back prod', 'patch: Roll back prod', 'confirm: prod is protected. Open a pull request that rolls it back?']);
    assert.equal(git(bare, 'show', `${outcome.published.branch}:envs/prod/api.yaml`), original);
    const pr = gh.repo('acme/shop').issues.find((i) => i.pull?.head === outcome.published.branch);
    assert.equal(pr?.title, `Roll back prod: revert ${commit.shortHash} "prod: api owner note"`);
  });
});
