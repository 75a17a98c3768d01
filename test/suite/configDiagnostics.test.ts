import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { keepDemoConfig } from './fixtures/demoConfig';
import { activateExtension, waitFor, waitForState } from './helpers';

describe('youops.yaml problems (real extension host)', () => {
  const config = keepDemoConfig();

  it('puts an unknown field on its exact line, offers the right name, and the tree says so', async () => {
    const [file, original] = [config.file(), config.original()];
    const api = await activateExtension();
    const broken = original.replace('    promotesFrom: staging', '    promoteFrom: staging');
    assert.notEqual(broken, original);
    fs.writeFileSync(file, broken);
    const expectedLine = broken.split('\n').findIndex((l) => l.includes('promoteFrom'));

    const diags = await waitFor(() => {
      const d = vscode.languages.getDiagnostics(vscode.Uri.file(file)).filter((x) => x.source === 'youops');
      return d.length ? d : undefined;
    }, 'a youops diagnostic');
    assert.equal(diags.length, 1);
    assert.equal(diags[0].range.start.line, expectedLine);
    assert.equal(diags[0].range.start.character, 4);
    assert.equal(diags[0].severity, vscode.DiagnosticSeverity.Error);
    assert.match(diags[0].message, /unknown field "promoteFrom" — did you mean "promotesFrom"\?/);

    const state = await waitForState(api, (s) => s.kind === 'invalid');
    assert.equal(state.kind, 'invalid');
    const [message] = api.tree.getChildren();
    const item = api.tree.getTreeItem(message);
    assert.equal(item.label, 'youops.yaml has 1 error');
    assert.match(String(item.description), /promoteFrom/);
  });

  it('reports broken YAML with its position instead of crashing, and recovers when fixed', async () => {
    const [file, original] = [config.file(), config.original()];
    const api = await activateExtension();
    fs.writeFileSync(file, original.replace('environments:\n', 'environments:\n  - name: [unclosed\n'));
    const diags = await waitFor(() => {
      const d = vscode.languages.getDiagnostics(vscode.Uri.file(file)).filter((x) => x.source === 'youops' && /YAML/.test(x.message));
      return d.length ? d : undefined;
    }, 'a YAML syntax diagnostic');
    assert.ok(diags[0].range.start.line >= 4, `syntax error positioned in the file (line ${diags[0].range.start.line})`);

    fs.writeFileSync(file, original);
    await waitForState(api, (s) => s.kind === 'ready');
    await waitFor(() => (vscode.languages.getDiagnostics(vscode.Uri.file(file)).some((x) => x.source === 'youops') ? undefined : true), 'diagnostics to clear');
  });

  it('checks youops.yaml while it is typed, before any save, and clears when the edit is undone', async () => {
    const file = config.file();
    const api = await activateExtension();
    await waitForState(api, (s) => s.kind === 'ready');
    const doc = await vscode.workspace.openTextDocument(file);
    const editor = await vscode.window.showTextDocument(doc);
    const line = doc
      .getText()
      .split('\n')
      .findIndex((l) => l === '    promotesFrom: staging');
    assert.ok(line > 0);
    const youops = () => vscode.languages.getDiagnostics(doc.uri).filter((x) => x.source === 'youops');
    try {
      await editor.edit((e) => e.replace(new vscode.Range(line, 4, line, 16), 'promoteFrom'));
      const diags = await waitFor(() => (youops().length ? youops() : undefined), 'a diagnostic on the unsaved buffer');
      assert.ok(doc.isDirty, 'nothing was saved');
      assert.equal(diags[0].range.start.line, line);
      assert.match(diags[0].message, /unknown field "promoteFrom" — did you mean "promotesFrom"\?/);
      assert.equal(api.store.state.kind, 'ready', 'the environments still come from the saved file');
    } finally {
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
    await waitFor(() => (youops().length === 0 ? true : undefined), 'the diagnostic gone with the edit');
    assert.equal(doc.isDirty, false);
  });

  it('keeps the last valid environments under the error when a typo is saved, and the view says so', async () => {
    const [file, original] = [config.file(), config.original()];
    const api = await activateExtension();
    await waitForState(api, (s) => s.kind === 'ready' && s.environments.every((e) => e.state && !e.refreshing));
    fs.writeFileSync(file, original.replace('    promotesFrom: staging', '    promoteFrom: staging'));
    const state = await waitForState(api, (s) => s.kind === 'invalid');
    assert.ok(state.kind === 'invalid' && state.lastGood, 'the last valid state is kept');

    const rows = api.tree.getChildren();
    const items = rows.map((n) => api.tree.getTreeItem(n));
    assert.deepEqual(
      items.map((i) => i.label),
      ['youops.yaml has 1 error', 'dev', 'staging', 'prod'],
    );
    assert.match(String(items[0].description), /^line \d+: environments\[2\]: unknown field "promoteFrom".* — showing the last valid version below$/);
    assert.match(String(items[3].description), /3 drifted · 1 extra · 2 in sync/);
    assert.equal(items[3].id, 'env/prod', 'the same row id as before, so VS Code keeps its expansion');
    assert.equal(api.treeView.message, 'youops.yaml has errors (see the Problems panel): the environments below are from its last valid version.');
    const prodChildren = api.tree.getChildren(rows[3]).map((n) => String(api.tree.getTreeItem(n).label));
    assert.ok(prodChildren.includes('Deployment'), prodChildren.join(', '));

    fs.writeFileSync(file, original);
    await waitForState(api, (s) => s.kind === 'ready');
    assert.equal(api.treeView.message, undefined);
  });
});
