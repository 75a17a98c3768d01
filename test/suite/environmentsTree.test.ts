import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TreeNode } from '../../src/vscode/shared/tree/treeNodes';
import { activateExtension, allRefreshed, waitFor, waitForQuiet, waitForState, workspaceRoot } from './helpers';

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
    // The tree's words: staging, where only something is missing, is "out of sync", never "Drifted".
    assert.ok(lines.includes('[info] dev: in sync (snapshot) — 5 in sync'), lines.join('\n'));
    assert.ok(lines.includes('[warn] staging: out of sync (snapshot) — 1 missing · 4 in sync'), lines.join('\n'));
    assert.ok(lines.includes('[warn] prod: out of sync (snapshot) — 3 drifted · 1 extra · 2 in sync'), lines.join('\n'));
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

  it('moves "refreshed … ago" on while the view is visible, by the minute, re-rendering only the environment rows', async () => {
    const api = await activateExtension();
    await waitForState(api, allRefreshed);
    await vscode.commands.executeCommand('youops.environments.focus');
    await waitFor(() => api.treeView.visible || undefined, 'the view visible');
    // No refresh under way: what re-renders the row below is the tick, not a store change.
    await waitForQuiet(api, 2_000);
    const prodNode = api.tree.getChildren().find((n) => n.type === 'environment' && n.env === 'prod')!;
    const before = String(api.tree.getTreeItem(prodNode).description);
    assert.match(before, /refreshed (just now|\d+ min ago)$/);
    // Ten minutes later, by the tree's clock: the next tick re-renders the row, and only the row.
    api.tree.now = () => Date.now() + 10 * 60_000;
    try {
      const fired = await new Promise<TreeNode | undefined>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no tick within 12 s')), 12_000);
        const sub = api.tree.onDidChangeTreeData((n) => {
          if (n && n.type === 'environment' && n.env === 'prod') {
            clearTimeout(timer);
            sub.dispose();
            resolve(n ?? undefined);
          }
        });
      });
      assert.equal(fired, prodNode, 'the row itself, not the whole tree');
      assert.match(String(api.tree.getTreeItem(prodNode).description), /refreshed 1\d min ago$/);
    } finally {
      api.tree.now = Date.now;
    }
  });

  it('colours each resource row by its own status: an in-sync Service in a file with a drifted Deployment is not coloured', async () => {
    const api = await activateExtension();
    await waitForState(api, allRefreshed);
    const prod = api.tree.getChildren().find((n) => n.type === 'environment' && n.env === 'prod')!;
    const rows = api.tree
      .getChildren(prod)
      .filter((n) => n.type === 'kindGroup')
      .flatMap((g) => api.tree.getChildren(g))
      .filter((n): n is Extract<TreeNode, { type: 'resource' }> => n.type === 'resource');
    const row = (kind: string, name: string) => rows.find((r) => r.resource.id.kind === kind && r.resource.id.name === name)!;
    const colour = (n: Extract<TreeNode, { type: 'resource' }>) => {
      const uri = api.tree.getTreeItem(n).resourceUri!;
      const d = api.fileDecorations.provideFileDecoration(uri);
      return d?.color instanceof vscode.ThemeColor ? d.color.id : undefined;
    };
    const service = row('Service', 'web');
    const deployment = row('Deployment', 'web');
    assert.equal(service.resource.resource?.file, deployment.resource.resource?.file, 'both are declared in envs/prod/web.yaml');
    assert.equal(colour(service), undefined);
    assert.equal(colour(deployment), 'list.warningForeground');
    assert.equal(colour(row('Deployment', 'debug-shell')), 'list.warningForeground');
    // The file keeps its badge in the Explorer: it holds a drifted resource.
    const badge = api.fileDecorations.provideFileDecoration(vscode.Uri.file(deployment.resource.resource!.file));
    assert.ok(badge?.badge, 'the file is badged');
  });

  it('gives a live-only resource no manifest to reveal: its row shows the live object instead', async () => {
    const api = await activateExtension();
    await waitForState(api, allRefreshed);
    const extra = api.store.environment('prod')!.state!.drift.resources.find((r) => r.status === 'Extra')!;
    const prod = api.tree.getChildren().find((n) => n.type === 'environment' && n.env === 'prod')!;
    const node = api.tree
      .getChildren(prod)
      .filter((n) => n.type === 'kindGroup')
      .flatMap((g) => api.tree.getChildren(g))
      .find((n) => n.type === 'resource' && n.resource.key === extra.key)!;
    const item = api.tree.getTreeItem(node);
    assert.equal(item.contextValue, 'youops.resource.extra');
    assert.equal(item.command?.command, 'youops.showDrift');
    assert.match(String(item.tooltip), /live only: no manifest declares it/);
  });

  it('says the same status words in every place: an environment with only a missing resource is "out of sync", never "Drifted"', async () => {
    const api = await activateExtension();
    await waitForState(api, allRefreshed);
    const staging = api.tree.getChildren().find((n) => n.type === 'environment' && n.env === 'staging')!;
    const item = api.tree.getTreeItem(staging);
    const tooltip = (item.tooltip as vscode.MarkdownString).value;
    assert.match(tooltip, /^\*\*staging\*\* — out of sync \(1 missing · 4 in sync\)/);
    assert.match(String(item.description), /(^| · )1 missing · 4 in sync · /);
    assert.ok(!/Drifted/.test(tooltip + String(item.description)));
  });

  it('puts the full text in tooltips where rows and lenses are cut short', async () => {
    const api = await activateExtension();
    await waitForState(api, allRefreshed);
    const prod = api.tree.getChildren().find((n) => n.type === 'environment' && n.env === 'prod')!;
    const children = api.tree.getChildren(prod);
    const kind = api.tree.getTreeItem(children.find((n) => n.type === 'kindGroup' && n.kind === 'Deployment')!);
    assert.equal(kind.tooltip, `Deployment in prod: ${String(kind.description)}`);
    const history = api.tree.getTreeItem(children.find((n) => n.type === 'history')!);
    assert.match(String(history.tooltip), /^\d+ commits? touching prod's manifests\nlast: prod: promote shop from staging \([0-9a-f]{7,}\) — YouOps Demo, /);
    const web = api.store.environment('prod')!.state!.drift.resources.find((r) => r.id.kind === 'Deployment' && r.id.name === 'web')!;
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', vscode.Uri.file(web.resource!.file));
    const tips = lenses.filter((l) => l.range.start.line === 1).map((l) => `${l.command?.title} → ${l.command?.tooltip}`);
    assert.deepEqual(tips, [
      '⚠ 1 field drifted in prod → ⚠ 1 field drifted in prod: show Deployment web in the Environments view',
      'Show diff → Compare Deployment web in Git with its live state in prod',
      'Open ticket → Open an IssueOps ticket about Deployment web in prod, prefilled from here',
      'Send ChatOps command → Send a ChatOps command about Deployment web in prod, prefilled from here',
    ]);
  });

  it('shows an environment whose manifest does not parse, or whose live source fails (real kubectl, no such context), as Error with the message in the tooltip', async () => {
    const api = await activateExtension();
    await waitForState(api, allRefreshed);
    const root = workspaceRoot();
    const configFile = path.join(root, 'youops.yaml');
    const original = fs.readFileSync(configFile, 'utf8');
    const configMap = 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: flags, namespace: shop }\ndata: { beta: "on" }\n';
    // Plain files (no kustomization): what parses is compared, and it is in sync with the snapshot.
    fs.mkdirSync(path.join(root, 'scratch', 'live'), { recursive: true });
    fs.mkdirSync(path.join(root, 'scratch', 'manifests'), { recursive: true });
    fs.writeFileSync(path.join(root, 'scratch', 'manifests', 'flags.yaml'), configMap);
    fs.writeFileSync(path.join(root, 'scratch', 'manifests', 'broken.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [unclosed\n');
    fs.writeFileSync(path.join(root, 'scratch', 'live', 'flags.yaml'), configMap);
    try {
      fs.writeFileSync(
        configFile,
        original.replace(
          /\nenvironments:\n/,
          '\nenvironments:\n  - name: scratch\n    manifests: scratch/manifests\n    live: { snapshot: scratch/live }\n' +
            '  - name: nocluster\n    manifests: scratch/live\n    live: { kubectl: { context: youops-test-no-such-context } }\n',
        ),
      );
      await api.store.reload({ force: true });
      await waitForState(api, (s) => allRefreshed(s) && s.kind === 'ready' && s.environments.some((e) => e.name === 'scratch'));
      const state = api.store.environment('scratch')!.state!;
      assert.equal(state.drift.status, 'InSync', 'what was read is in sync: only the broken file makes it Error');
      const node = api.tree.getChildren().find((n) => n.type === 'environment' && n.env === 'scratch')!;
      const item = api.tree.getTreeItem(node);
      assert.equal(item.contextValue, 'youops.environment.error');
      assert.equal((item.iconPath as vscode.ThemeIcon).id, 'error');
      assert.match(String(item.description), /^manifest error: scratch\/manifests\/broken\.yaml:5: /);
      assert.match(tooltipText(item), /^scratch — error \(1 in sync\)\n/);
      assert.match(tooltipText(item), /\$\(error\) manifest error: scratch\/manifests\/broken\.yaml:5: /);
      const rows = api.tree
        .getChildren(node)
        .filter((n) => n.type === 'message')
        .map((n) => api.tree.getTreeItem(n));
      const row = rows.find((r) => String(r.label).startsWith('broken.yaml:5: '));
      assert.ok(row, rows.map((r) => r.label).join('\n'));
      assert.equal((row.iconPath as vscode.ThemeIcon).id, 'error');

      // kubectl could not get the live objects: the environment is Error with kubectl's reason.
      await waitForState(api, (s) => allRefreshed(s) && s.kind === 'ready' && api.store.environment('nocluster')?.state !== undefined);
      const failed = api.store.environment('nocluster')!.state!;
      assert.equal(failed.drift.status, 'Error');
      const failedItem = api.tree.getTreeItem(api.tree.getChildren().find((n) => n.type === 'environment' && n.env === 'nocluster')!);
      assert.equal(failedItem.contextValue, 'youops.environment.error');
      assert.equal((failedItem.iconPath as vscode.ThemeIcon).id, 'error');
      assert.match(tooltipText(failedItem), /^nocluster — error \(1 unknown\)\n/);
      assert.match(tooltipText(failedItem), /\$\(error\) kubectl get [^\n]*exited with code 1:\n.*(does not exist|was not found)/);
    } finally {
      fs.writeFileSync(configFile, original);
      fs.rmSync(path.join(root, 'scratch'), { recursive: true, force: true });
      await api.store.reload({ force: true });
      await waitForState(api, (s) => allRefreshed(s) && s.kind === 'ready' && !s.environments.some((e) => e.name === 'scratch' || e.name === 'nocluster'));
    }
  });
});

/** A tree item's Markdown tooltip as the person reads it (bold and escapes resolved). */
function tooltipText(item: vscode.TreeItem): string {
  return (item.tooltip as vscode.MarkdownString).value.replace(/\*\*/g, '').replace(/\\(.)/g, '$1');
}
