import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { YouOpsTestHandles } from '../../src/extension';
import { COMMAND_ENV, FLUX_ENV, KUBECTL_ENV, MARKERS, TRAP_SUBJECT } from '../host/untrustedWorkspace';
import { activateExtension, allRefreshed, environmentMessages, waitForState, workspaceRoot } from '../suite/helpers';

/** The demo's environments are kustomizations (a namespace each): kustomize runs the repository's configuration. */
const NOT_RENDERED =
  "Not rendered: kustomize runs with the repository's files and may fetch remote bases, so an untrusted workspace shows the raw files; trust the workspace to render";

describe('Environments in an untrusted folder: files are read, no process runs', () => {
  let api: YouOpsTestHandles;
  let root: string;
  const ran = (marker: string) => fs.existsSync(path.join(root, marker));
  const envItem = (env: string) => api.tree.getTreeItem(api.tree.getChildren().find((n) => n.type === 'environment' && n.env === env)!);
  const envMessages = (env: string) => environmentMessages(api, env);

  before(async () => {
    api = await activateExtension();
    await waitForState(api, allRefreshed);
    root = workspaceRoot();
  });

  it('compares dev, staging and prod with their exported snapshots as in a trusted folder, their kustomizations read as written', () => {
    // The REVISION files are read too (files only): the folder's extra commit puts dev one behind main.
    assert.match(String(envItem('dev').description), /^⚠ not rendered · runs [0-9a-f]{7} — 1 commit behind main · 5 in sync/);
    assert.match(String(envItem('staging').description), /1 missing/);
    assert.match(String(envItem('prod').description), /3 drifted/);
    assert.equal(api.store.environment('prod')!.state!.drift.status, 'Drifted');
    assert.deepEqual(envMessages('prod'), [NOT_RENDERED]);
  });

  it('renders no kustomization: the view says why, and its row offers to manage Workspace Trust', () => {
    const prod = api.store.environment('prod')!.state!;
    assert.equal(prod.rendering?.status, 'notRendered');
    assert.ok(
      prod.drift.resources.every((r) => !r.resource?.rendered),
      'a resource was rendered',
    );
    const row = api.tree.getChildren(api.tree.getChildren().find((n) => n.type === 'environment' && n.env === 'prod')!).find((n) => n.type === 'message')!;
    assert.deepEqual(api.tree.getTreeItem(row).command, { title: 'Not rendered', command: 'workbench.trust.manage', arguments: [] });
    assert.ok(api.environmentLog.recent().includes(`[warn] prod: ${prod.rendering.reason}`), api.environmentLog.recent().join('\n'));
  });

  it('refuses the command, kubectl and flux live sources with the reason in the tree, and no program ran', async () => {
    // A second refresh: refusing must hold on every evaluation, not just the first.
    await api.store.refresh();
    await waitForState(api, allRefreshed);
    assert.deepEqual(envMessages(COMMAND_ENV), [
      NOT_RENDERED,
      'Live state unavailable: the command live source runs a process: trust this workspace to use it',
    ]);
    assert.ok(
      api.environmentLog
        .recent()
        .includes(`[error] ${COMMAND_ENV}: live state unavailable (command): the command live source runs a process: trust this workspace to use it`),
      api.environmentLog.recent().join('\n'),
    );
    assert.deepEqual(envMessages(KUBECTL_ENV), [
      NOT_RENDERED,
      'Live state unavailable: the kubectl live source runs a process: trust this workspace to use it',
    ]);
    assert.deepEqual(envMessages(FLUX_ENV), [NOT_RENDERED, 'Live state unavailable: the flux live source runs kubectl: trust this workspace to use it']);
    assert.equal(api.store.environment(COMMAND_ENV)!.state!.drift.status, 'Error');
    assert.equal(api.store.environment(KUBECTL_ENV)!.state!.drift.status, 'Error');
    assert.equal(api.store.environment(FLUX_ENV)!.state!.drift.status, 'Error');
    assert.equal(vscode.workspace.getConfiguration('youops').get('kubectl.path'), path.join(root, 'traps', 'kubectl'), 'kubectl would be the trap script');
    assert.equal(ran(MARKERS.command), false, 'the command live source ran');
    assert.equal(ran(MARKERS.kubectl), false, 'kubectl ran');
  });

  it('shows Git history without running the programs the folder’s own .git/config names', async () => {
    const history = api.store.environment('staging')!.state!.history;
    assert.equal(history[0].subject, TRAP_SUBJECT, 'the signed commit is in staging’s history');
    assert.equal(ran(MARKERS.gpg), false, 'git log ran gpg.program (log.showSignature)');

    await vscode.commands.executeCommand('youops.showCommit', { env: 'staging', hash: history[0].hash });
    const text = vscode.window.activeTextEditor!.document.getText();
    assert.match(text, /\+# live state also read by cluster-command and cluster-kubectl/);
    assert.equal(ran(MARKERS.textconv), false, 'git show ran the textconv driver');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('(control) the traps do fire when git or the scripts are run directly', () => {
    execFileSync('git', ['log', '-n1', '--format=%H', '--', 'envs/staging'], { cwd: root, stdio: 'ignore' });
    execFileSync('git', ['show', '--format=%H', 'HEAD', '--', 'envs/staging'], { cwd: root, stdio: 'ignore' });
    execFileSync('sh', ['traps/export-live.sh'], { cwd: root });
    execFileSync(path.join(root, 'traps', 'kubectl'), ['version'], { cwd: root });
    for (const marker of Object.values(MARKERS)) assert.equal(ran(marker), true, `${marker} was not written`);
    for (const marker of Object.values(MARKERS)) fs.rmSync(path.join(root, marker));
  });
});
