import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activateExtension, allRefreshed, waitForQuiet, waitForState, workspaceRoot } from './helpers';

describe('auto refresh and history (real extension host, demo workspace)', () => {
  it('refreshes prod when a prod manifest is saved: fixing replicas brings web in sync', async () => {
    const api = await activateExtension();
    await waitForState(api, allRefreshed);
    const uri = vscode.Uri.file(path.join(workspaceRoot(), 'envs', 'prod', 'web.yaml'));
    const doc = await vscode.workspace.openTextDocument(uri);
    const line = doc
      .getText()
      .split('\n')
      .findIndex((l) => l.trim() === 'replicas: 3');
    const edit = new vscode.WorkspaceEdit();
    const original = doc.lineAt(line).text;
    edit.replace(uri, doc.lineAt(line).range, original.replace('3', '2'));
    await vscode.workspace.applyEdit(edit);
    try {
      await doc.save();
      const webInSync = (s: typeof api.store.state) =>
        s.kind === 'ready' &&
        s.environments.find((e) => e.name === 'prod')?.state?.drift.resources.find((r) => r.id.kind === 'Deployment' && r.id.name === 'web')?.status ===
          'InSync';
      await waitForState(api, webInSync);
    } finally {
      const undo = new vscode.WorkspaceEdit();
      undo.replace(uri, doc.lineAt(line).range, original);
      await vscode.workspace.applyEdit(undo);
      await doc.save();
    }
    await waitForState(api, (s) => s.kind === 'ready' && s.environments.find((e) => e.name === 'prod')?.state?.drift.counts.Drifted === 3);
    await waitForQuiet(api);
  });

  it('opens a commit of the History node as a patch of that environment only', async () => {
    const api = await activateExtension();
    await waitForState(api, allRefreshed);
    const history = api.store.environment('staging')!.state!.history;
    assert.equal(history[0].subject, 'staging: first deployment of shop');
    await vscode.commands.executeCommand('youops.showCommit', { env: 'staging', hash: history[0].hash });
    const editor = vscode.window.activeTextEditor!;
    assert.equal(editor.document.languageId, 'diff');
    const text = editor.document.getText();
    assert.match(text, /staging: first deployment of shop/);
    assert.match(text, /envs\/staging\/web\.yaml/);
    assert.doesNotMatch(text, /envs\/prod\//);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
