import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activateExtension, allRefreshed, waitFor, waitForState, workspaceRoot } from './helpers';

function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');
}

describe('drift in the editor (real extension host, demo workspace)', () => {
  let webYaml: vscode.Uri;

  before(async () => {
    const api = await activateExtension();
    await waitForState(api, allRefreshed);
    webYaml = vscode.Uri.file(path.join(workspaceRoot(), 'envs', 'prod', 'web.yaml'));
  });

  /** prod/web.yaml in an editor, and the line of its drifted `replicas: 3`. */
  const editReplicas = async () => {
    const doc = await vscode.workspace.openTextDocument(webYaml);
    const editor = await vscode.window.showTextDocument(doc);
    const line = doc
      .getText()
      .split('\n')
      .findIndex((l) => l.trim() === 'replicas: 3');
    return { doc, editor, line };
  };

  it('puts a status lens and actions above each resource of a manifest', async () => {
    const doc = await vscode.workspace.openTextDocument(webYaml);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', webYaml);
    const titles = lenses.map((l) => `${l.range.start.line}: ${l.command?.title}`);
    const serviceLine =
      doc
        .getText()
        .split('\n')
        .findIndex((l) => l === 'kind: Service') - 1;
    assert.ok(titles.includes('1: ⚠ 1 field drifted in prod'), titles.join('\n'));
    assert.ok(titles.includes('1: Show diff'));
    assert.ok(titles.includes('1: Open ticket'));
    assert.ok(titles.includes('1: Send ChatOps command'));
    assert.ok(titles.includes(`${serviceLine}: ✓ in sync with prod`), titles.join('\n'));
  });

  it('draws the live value after each drifted line of a visible manifest', async () => {
    const api = await activateExtension();
    const apiYaml = vscode.Uri.file(path.join(workspaceRoot(), 'envs', 'prod', 'api.yaml'));
    const doc = await vscode.workspace.openTextDocument(apiYaml);
    await vscode.window.showTextDocument(doc);
    const drawn = await waitFor(() => {
      const d = api.decorations.renderedFor(apiYaml.fsPath);
      return d.length >= 2 ? d : undefined;
    }, 'decorations on api.yaml');
    const byText = Object.fromEntries(drawn.map((d) => [d.text, doc.lineAt(d.line).text.trim()]));
    assert.deepEqual(byText, {
      '⚠ prod live: ghcr.io/acme/shop-api:2.2.1-hotfix': 'image: ghcr.io/acme/shop-api:2.2.0',
      '⚠ prod live: stripe': 'PAYMENT_PROVIDER: sandbox',
    });
    await vscode.workspace.getConfiguration('youops').update('drift.decorations', false, vscode.ConfigurationTarget.Global);
    try {
      await waitFor(() => (api.decorations.renderedFor(apiYaml.fsPath).length === 0 ? true : undefined), 'decorations off by setting');
    } finally {
      await vscode.workspace.getConfiguration('youops').update('drift.decorations', undefined, vscode.ConfigurationTarget.Global);
    }
    await waitFor(() => (api.decorations.renderedFor(apiYaml.fsPath).length === 2 ? true : undefined), 'decorations back');
  });

  it('hovers a drifted line with desired vs live and the actions', async () => {
    const doc = await vscode.workspace.openTextDocument(webYaml);
    const line = doc
      .getText()
      .split('\n')
      .findIndex((l) => l.trim() === 'replicas: 3');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', webYaml, new vscode.Position(line, 4));
    const text = hoverText(hovers);
    assert.match(text, /Drift in prod/);
    assert.match(text, /desired \(Git\): 3\nlive \(prod\):  2/);
    assert.match(text, /command:youops\.showDrift\?/);
    assert.match(text, /command:youops\.openTicket\?/);
    const quiet = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', webYaml, new vscode.Position(line + 1, 4));
    assert.doesNotMatch(hoverText(quiet), /Drift in/);
  });

  it('reveals the resource of a code lens in the Environments view', async () => {
    const api = await activateExtension();
    const web = api.store.environment('prod')!.state!.drift.resources.find((r) => r.id.kind === 'Deployment' && r.id.name === 'web')!;
    await vscode.commands.executeCommand('youops.revealInTree', { env: 'prod', key: web.key });
    const selected = await waitFor(() => (api.treeView.selection.length ? api.treeView.selection : undefined), 'the tree selection');
    assert.equal(selected.length, 1);
    assert.ok(selected[0].type === 'resource' && selected[0].resource.key === web.key && selected[0].env === 'prod');
    assert.ok(api.treeView.visible, 'the view is shown');
  });

  it('updates drift on the lines being typed, before the file is saved', async () => {
    const { doc, editor, line } = await editReplicas();
    const titles = async () =>
      (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', webYaml)).map((l) => l.command?.title);
    try {
      await editor.edit((e) => e.replace(doc.lineAt(line).range, doc.lineAt(line).text.replace('3', '2')));
      assert.ok(doc.isDirty);
      await waitFor(
        async () => ((await titles()).filter((t) => t === '✓ in sync with prod').length === 2 ? true : undefined),
        'both resources in sync while unsaved',
      );
      await editor.edit((e) => e.insert(new vscode.Position(0, 0), '# a comment that shifts every line\n'));
      await waitFor(async () => {
        const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', webYaml);
        return lenses.some((l) => l.range.start.line === 2 && l.command?.title === '✓ in sync with prod') ? true : undefined;
      }, 'lenses follow the inserted line');
    } finally {
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
    await waitFor(async () => ((await titles()).includes('⚠ 1 field drifted in prod') ? true : undefined), 'drift back after revert').catch(async (e) => {
      throw new Error(`${e.message}; dirty=${doc.isDirty}; lenses=${JSON.stringify(await titles())}`);
    });
    assert.equal(doc.isDirty, false);
  });

  it('labels the value of an unsaved edit "unsaved" in the hover, with the value Git has beside it', async () => {
    const { doc, editor, line } = await editReplicas();
    const hover = async () =>
      hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', webYaml, new vscode.Position(line, 4)));
    try {
      await editor.edit((e) => e.replace(doc.lineAt(line).range, doc.lineAt(line).text.replace('3', '4')));
      const text = await waitFor(async () => {
        const t = await hover();
        return /unsaved/.test(t) ? t : undefined;
      }, 'the hover of the unsaved value');
      assert.match(text, /unsaved: {6}4\nGit \(saved\): {2}3\nlive \(prod\): {2}2/);
      assert.doesNotMatch(text, /desired \(Git\)/);
    } finally {
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
    await waitFor(async () => (/desired \(Git\): 3/.test(await hover()) ? true : undefined), 'the saved hover back');
  });
});
