import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { YouOpsTestHandles } from '../../src/extension';
import type { FakeGitHubServer } from '../fake-servers/fakeGitHubServer';
import { bareOriginOf, git } from '../host/bareOrigin';
import { stopFakeGitHub, useFakeGitHub } from '../suite/fixtures/fakeGitHub';
import { recordingGitOpsUi } from '../suite/fixtures/recordingUi';
import { activateExtension, allRefreshed, waitForState, workspaceRoot } from '../suite/helpers';

const TOKEN = 'untrusted-gitops-token';

/** Says yes to everything, so only Workspace Trust can stop a push; records what was asked and shown. */
const yesToEverything = () => recordingGitOpsUi({ pickOne: (items) => items[0], confirm: true });

describe('GitOps in an untrusted folder: promote only shows the patch, rollback refuses', () => {
  let api: YouOpsTestHandles;
  let gh: FakeGitHubServer;
  let bare: string;
  let root: string;
  /** Everything a push could change: the bare origin's refs. */
  const originRefs = () => git(bare, 'for-each-ref', '--format=%(refname) %(objectname)');

  before(async () => {
    api = await activateExtension();
    await waitForState(api, allRefreshed);
    root = workspaceRoot();
    // The demo's origin: a bare repo on disk standing in for github.com/acme/shop.
    bare = bareOriginOf(root);
    gh = await useFakeGitHub(TOKEN, { repos: [{ owner: 'acme', name: 'shop' }] });
  });

  after(async () => {
    api.answerWith(undefined);
    await stopFakeGitHub(gh);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('promote staging → prod shows the exact patch and says why, but commits, pushes and opens nothing', async () => {
    const ui = yesToEverything();
    api.answerWith(ui.prompter);
    const refsBefore = originRefs();
    const headBefore = git(root, 'rev-parse', 'HEAD');
    const prodWeb = path.join(root, 'envs/prod/web.yaml');
    const before = fs.readFileSync(prodWeb, 'utf8');

    await vscode.commands.executeCommand('youops.promote', { type: 'environment', env: 'prod' });
    const outcome = await api.gitops.lastOutcome();

    assert.equal(outcome, undefined);
    assert.deepEqual(ui.asked.slice(1), ['patch: Promote staging → prod (preview)'], 'no confirmation to push was even asked');
    assert.match(ui.asked[0], /^pickMany: Promote staging → prod: which values\?/);
    assert.match(ui.patches[0], /-          image: ghcr\.io\/acme\/shop-web:1\.4\.1\n\+          image: ghcr\.io\/acme\/shop-web:1\.4\.2\n/);
    assert.deepEqual(ui.notes, [
      'info: This workspace is not trusted: YouOps only shows the patch. Trust the workspace to commit, push and open the pull request.',
    ]);
    assert.equal(originRefs(), refsBefore, 'the bare origin changed');
    assert.equal(git(root, 'rev-parse', 'HEAD'), headBefore);
    assert.equal(git(root, 'branch', '--list').trim(), '* main');
    assert.equal(git(root, 'worktree', 'list', '--porcelain').match(/^worktree /gm)?.length, 1);
    assert.equal(fs.readFileSync(prodWeb, 'utf8'), before);
    assert.deepEqual(gh.requests, []);
  });

  it('rollback from a History commit refuses before asking anything', async () => {
    const ui = yesToEverything();
    api.answerWith(ui.prompter);
    const refsBefore = originRefs();
    const commit = api.store.environment('prod')!.state!.history[0];
    assert.ok(commit, 'prod has History');

    await vscode.commands.executeCommand('youops.rollback', { type: 'commit', env: 'prod', commit });
    const outcome = await api.gitops.lastOutcome();

    assert.equal(outcome, undefined);
    assert.deepEqual(ui.asked, []);
    assert.deepEqual(ui.notes, [
      'error: This workspace is not trusted: YouOps runs no Git command and pushes nothing from it. Trust the workspace to roll back.',
    ]);
    assert.equal(originRefs(), refsBefore);
    assert.deepEqual(gh.requests, []);
  });
});
