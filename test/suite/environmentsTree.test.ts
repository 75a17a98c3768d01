import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TreeNode } from '../../src/vscode/shared/tree/treeNodes';
import { activateExtension, allRefreshed, waitForState } from './helpers';

describe('Environments tree (real extension host, demo workspace)', () => {
  it('lists dev, staging and prod with their sync status against the snapshots', async () => {
    const api = await activateExtension();
    await waitForState(api, allRefreshed);
    const roots = api.tree.getChildren();
    const items = roots.map((n) => api.tree.getTreeItem(n));
    assert.deepEqual(
      items.map((i) => i.label),
      ['dev', 'staging', 'prod'],
    );
    const prod = items[2];
    assert.match(String(prod.description), /3 drifted/);
    assert.match(String(prod.description), /1 extra/);
    assert.match(String(prod.contextValue), /^youops\.environment\.drifted\.protected$/);
    assert.match(String(items[0].description), /^runs [0-9a-f]{7} ✓ latest · 5 in sync/);
    assert.match(String(items[1].description), /1 missing/);
  });

  it('writes each evaluation to the YouOps Environments log', async () => {
    const api = await activateExtension();
    await waitForState(api, allRefreshed);
    const lines = api.environmentLog.recent();
    assert.ok(lines.includes('[info] dev: InSync (snapshot) — 5 InSync'), lines.join('\n'));
    assert.ok(lines.includes('[warn] staging: Drifted (snapshot) — 4 InSync, 1 Missing'), lines.join('\n'));
    assert.ok(lines.includes('[warn] prod: Drifted (snapshot) — 2 InSync, 3 Drifted, 1 Extra'), lines.join('\n'));
  });

  it('shows prod → Deployment → web with the drifted replicas field and its line', async () => {
    const api = await activateExtension();
    await waitForState(api, allRefreshed);
    const prod = api.tree.getChildren().find((n) => n.type === 'environment' && n.env === 'prod')!;
    const children = api.tree.getChildren(prod);
    const deployments = children.find((n) => n.type === 'kindGroup' && n.kind === 'Deployment') as Extract<TreeNode, { type: 'kindGroup' }>;
    assert.ok(deployments, 'a Deployment group');
    const web = api.tree.getChildren(deployments).find((n) => n.type === 'resource' && n.resource.id.name === 'web') as Extract<TreeNode, { type: 'resource' }>;
    assert.equal(web.resource.status, 'Drifted');
    const fields = api.tree.getChildren(web).map((n) => api.tree.getTreeItem(n));
    assert.deepEqual(
      fields.map((f) => f.label),
      ['spec.replicas'],
      'memory 0.5Gi = 512Mi and the injected sidecar are not drift',
    );
    assert.equal(fields[0].description, 'desired 3 · live 2');
    const loc = web.resource.fields[0].location!;
    const doc = await vscode.workspace.openTextDocument(web.resource.resource!.file);
    assert.equal(doc.lineAt(loc.keyRange.start.line).text.trim(), 'replicas: 3');
    const history = children.find((n) => n.type === 'history');
    assert.ok(history && history.type === 'history' && history.commits.length >= 1, 'prod has Git history');
  });

  it('reveals a drifted field in its manifest from the tree', async () => {
    const api = await activateExtension();
    await waitForState(api, allRefreshed);
    const prod = api.store.environment('prod')!.state!;
    const api2 = prod.drift.resources.find((r) => r.id.kind === 'Deployment' && r.id.name === 'api')!;
    await vscode.commands.executeCommand('youops.revealResource', { env: 'prod', key: api2.key, path: api2.fields[0].path });
    const editor = vscode.window.activeTextEditor!;
    assert.ok(editor.document.uri.fsPath.endsWith('envs/prod/api.yaml'));
    assert.match(editor.document.lineAt(editor.selection.start.line).text, /image: ghcr\.io\/acme\/shop-api:2\.2\.0/);
  });

  it('opens a diff of Git vs live for a drifted resource', async () => {
    const api = await activateExtension();
    await waitForState(api, allRefreshed);
    const web = api.store.environment('prod')!.state!.drift.resources.find((r) => r.id.kind === 'Deployment' && r.id.name === 'web')!;
    await vscode.commands.executeCommand('youops.showDrift', { env: 'prod', key: web.key });
    const live = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'youops-live');
    assert.ok(live, 'the live document is open');
    assert.match(live.getText(), /replicas: 2/);
    assert.doesNotMatch(live.getText(), /managedFields|resourceVersion/, 'server-managed fields are stripped');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
