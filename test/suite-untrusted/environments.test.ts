import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { YouOpsTestHandles } from '../../src/extension';
import { COMMAND_ENV, FLUX_ENV, KUBECTL_ENV, MARKERS, TRAP_SUBJECT } from '../host/untrustedWorkspace';
import { activateExtension, allRefreshed, waitForState, workspaceRoot } from '../suite/helpers';

describe('Environments in an untrusted folder: files are read, no process runs', () => {
  let api: YouOpsTestHandles;
  let root: string;
  const ran = (marker: string) => fs.existsSync(path.join(root, marker));
  const envItem = (env: string) => api.tree.getTreeItem(api.tree.getChildren().find((n) => n.type === 'environment' && n.env === env)!);
  const envMessages = (env: string) =>
    api.tree
      .getChildren(api.tree.getChildren().find((n) => n.type === 'environment' && n.env === env)!)
      .filter((n) => n.type === 'message')
      .map((n) => api.tree.getTreeItem(n))
      .map((i) => `${i.label}: ${i.description}`);

  before(async () => {
    api = await activateExtension();
    await waitForState(api, allRefreshed);
    root = workspaceRoot();
  });

  it('compares dev, staging and prod with their exported snapshots as in a trusted folder', () => {
    // The REVISION files are read too (files only): the folder's extra commit puts dev one behind main.
    assert.match(String(envItem('dev').description), /^runs [0-9a-f]{7} — 1 commit behind main · 5 in sync/);
    assert.match(String(envItem('staging').description), /1 missing/);
    assert.match(String(envItem('prod').description), /3 drifted/);
    assert.equal(api.store.environment('prod')!.state!.drift.status, 'Drifted');
    assert.deepEqual(envMessages('prod'), []);
  });

  it('refuses the command, kubectl and flux live sources with the reason in the tree, and no program ran', async () => {
    // A second refresh: refusing must hold on every evaluation, not just the first.
    await api.store.refresh();
    await waitForState(api, allRefreshed);
    assert.deepEqual(envMessages(COMMAND_ENV), ['Live state unavailable: the command live source runs a process: trust this workspace to use it']);
    assert.ok(
      api.environmentLog
        .recent()
        .includes(`[error] ${COMMAND_ENV}: live state unavailable (command): the command live source runs a process: trust this workspace to use it`),
      api.environmentLog.recent().join('\n'),
    );
    assert.deepEqual(envMessages(KUBECTL_ENV), ['Live state unavailable: the kubectl live source runs a process: trust this workspace to use it']);
    assert.deepEqual(envMessages(FLUX_ENV), ['Live state unavailable: the flux live source runs kubectl: trust this workspace to use it']);
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
