import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { YouOpsTestHandles } from '../../src/extension';
import type { CommitWhereabouts } from '../../src/core/revision/whereIsCommit';
import type { TreeNode } from '../../src/vscode/shared/tree/treeNodes';
import { git } from '../host/bareOrigin';
import { RecordingUi } from './fixtures/recordingUi';
import { activateExtension, allRefreshed, waitFor, waitForState, workspaceRoot } from './helpers';

type Node<T extends TreeNode['type']> = Extract<TreeNode, { type: T }>;

/**
 * The demo's snapshots come with the REVISION files CI exports (test/host/workspace.ts): dev
 * runs the tip of main, staging and prod the commit before it — prod's promotion is merged,
 * not deployed yet.
 */
describe('the deployed revision: environment rows, History marks, status bar, "Where is this commit?" (real extension host, demo snapshots with REVISION files)', () => {
  let api: YouOpsTestHandles;
  let head = '';
  let previous = '';
  const short = (hash: string) => hash.slice(0, 7);

  const environment = (env: string) => api.tree.getChildren().find((n) => n.type === 'environment' && n.env === env)!;
  const historyOf = (env: string) => api.tree.getChildren(environment(env)).find((n): n is Node<'history'> => n.type === 'history')!;
  const commitRow = (env: string, subject: string) => {
    const node = api.tree.getChildren(historyOf(env)).find((n): n is Node<'commit'> => n.type === 'commit' && n.commit.subject === subject);
    assert.ok(node, `${env} History has "${subject}"`);
    return { node, item: api.tree.getTreeItem(node) };
  };
  const iconId = (item: vscode.TreeItem) => (item.iconPath as vscode.ThemeIcon).id;

  before(async () => {
    api = await activateExtension();
    await waitForState(api, allRefreshed);
    head = git(workspaceRoot(), 'rev-parse', 'HEAD').trim();
    previous = git(workspaceRoot(), 'rev-parse', 'HEAD~1').trim();
  });

  afterEach(async () => {
    api.answerWith(undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('says on each environment row which commit runs and how far behind main it is', () => {
    const rows = ['dev', 'staging', 'prod'].map((env) => api.tree.getTreeItem(environment(env)));
    assert.deepEqual(
      rows.map((r) => String(r.description).split(' · ')[0]),
      [`runs ${short(head)} ✓ latest`, `runs ${short(previous)} — 1 commit behind main`, `runs ${short(previous)} — 1 commit behind main`],
    );
    assert.match(String(rows[2].description), /— 1 commit behind main · 3 drifted · 1 extra/, 'the drift follows the revision');
    assert.match((rows[2].tooltip as vscode.MarkdownString).value, /Deployed: runs [0-9a-f]{7} — 1 commit behind main \(REVISION of the snapshot\)/);
    assert.equal(api.store.environment('prod')?.state?.revision?.deployed.text, `main@sha1:${previous}`);
  });

  it('marks the deployed commit and the commits not deployed yet in History', () => {
    const prodHistory = api.tree.getTreeItem(historyOf('prod'));
    assert.match(String(prodHistory.description), /^1 not deployed yet · last: prod: promote shop from staging/);
    const promotion = commitRow('prod', 'prod: promote shop from staging').item;
    assert.match(String(promotion.description), new RegExp(`^not deployed yet · ${short(head)} · `));
    assert.equal(iconId(promotion), 'circle-large-outline');
    assert.match(String(promotion.tooltip), new RegExp(`not deployed to prod yet \\(it runs ${short(previous)}\\)`));

    const staging = commitRow('staging', 'staging: first deployment of shop').item;
    assert.match(String(staging.description), new RegExp(`^deployed · ${short(previous)} · `));
    assert.equal(iconId(staging), 'rocket');
    assert.doesNotMatch(String(api.tree.getTreeItem(historyOf('staging')).description), /not deployed/);

    // dev runs a commit that did not touch envs/dev: the newest commit it includes is what runs there.
    const dev = commitRow('dev', 'Add dev environment and youops.yaml').item;
    assert.match(String(dev.description), new RegExp(`^deployed \\(in ${short(head)}\\) · `));
    assert.equal(iconId(dev), 'rocket');
  });

  it('shows the revision of the current file’s environment in the status bar', async () => {
    await vscode.window.showTextDocument(vscode.Uri.file(path.join(workspaceRoot(), 'envs', 'prod', 'web.yaml')));
    const text = await waitFor(() => (/^\S+ prod\b/.test(api.statusBar.text) ? api.statusBar.text : undefined), 'the status bar on prod');
    assert.equal(text, `$(warning) prod: 3 drifted · 1 extra · $(git-commit) ${short(previous)} ↓1`);
    assert.match(String(api.statusBar.tooltip), new RegExp(`runs ${short(previous)} — 1 commit behind main \\(REVISION of the snapshot\\)`));
    await vscode.window.showTextDocument(vscode.Uri.file(path.join(workspaceRoot(), 'envs', 'dev', 'web.yaml')));
    await waitFor(() => api.statusBar.text === `$(pass) dev · $(git-commit) ${short(head)} ✓`, `dev's revision in the status bar (is: ${api.statusBar.text})`);
  });

  it('answers "Where is this commit?" for a History entry, a hash and HEAD, per environment', async () => {
    const ui = new RecordingUi((q) => (q.placeHolder === 'Where is which commit?' ? 'HEAD' : undefined));
    api.answerWith(ui);
    const { node } = commitRow('prod', 'prod: promote shop from staging');
    // The History row's context action passes the row itself.
    const fromRow = await vscode.commands.executeCommand<CommitWhereabouts>('youops.whereIsCommit', node);
    assert.equal(fromRow.commit, head);
    assert.deepEqual(
      fromRow.environments.map((p) => [p.env, p.placement, p.behind]),
      [
        ['dev', 'deployed', undefined],
        ['staging', 'pending', 1],
        ['prod', 'pending', 1],
      ],
    );
    const answer = ui.questions.at(-1)!;
    assert.equal(answer.title, `Where is ${short(head)} "prod: promote shop from staging"?`);
    assert.deepEqual(
      answer.items!.map((i) => `${i.label} — ${i.description}`),
      [
        `$(pass) dev — deployed (runs ${short(head)})`,
        `$(clock) staging — pending — 1 commit behind (runs ${short(previous)})`,
        `$(clock) prod — pending — 1 commit behind (runs ${short(previous)})`,
      ],
    );

    const older = await vscode.commands.executeCommand<CommitWhereabouts>('youops.whereIsCommit', { env: 'staging', hash: previous });
    assert.deepEqual(
      older.environments.map((p) => p.placement),
      ['deployed', 'deployed', 'deployed'],
    );

    ui.reset();
    const fromPalette = await vscode.commands.executeCommand<CommitWhereabouts>('youops.whereIsCommit');
    assert.equal(fromPalette.commit, head);
    const offered = ui.questions[0].options ?? [];
    assert.equal(offered[0], 'HEAD');
    assert.ok(offered.includes('prod: promote shop from staging') && offered.includes('staging: first deployment of shop'), offered.join(' | '));
    assert.equal(offered.at(-1), 'Enter a commit hash, branch or tag…');

    ui.reset();
    assert.equal(await vscode.commands.executeCommand('youops.whereIsCommit', 'deadbeef'), undefined);
    assert.deepEqual(
      ui.notes.map((n) => `${n.severity}: ${n.message}`),
      ['error: no commit "deadbeef" in the local repository (fetch, or check the hash)'],
    );
  });
});
