import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { YouOpsTestHandles } from '../../src/extension';
import type { WorkspaceState } from '../../src/vscode/shared/store/workspaceState';
import { bareOriginOf, git } from '../host/bareOrigin';
import { addCatalogOverlays, CATALOG, CATALOG_PROD, CATALOG_STAGING } from '../host/catalogOverlays';
import { RecordingUi, ScriptedUi, type Question } from './fixtures/recordingUi';
import { activateExtension, allRefreshed, environmentMessages, waitFor, waitForQuiet, waitForState, workspaceRoot } from './helpers';

const withCatalog = (s: WorkspaceState) => allRefreshed(s) && s.kind === 'ready' && s.environments.some((e) => e.name === CATALOG_PROD);

function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');
}

/**
 * The demo workspace plus a catalog app as kustomize overlays (a base both render, patches,
 * `images:`, a merged generator), rendered by the real `kubectl kustomize` in the real extension
 * host; prod's cluster drifts on a value its patch sets and on one only the base sets.
 */
describe('kustomize overlays in the editor (real extension host, real kubectl kustomize, demo repo + catalog overlays)', function () {
  this.timeout(120_000);
  let api: YouOpsTestHandles;
  let root: string;
  let startHead: string;
  const uri = (rel: string) => vscode.Uri.file(path.join(root, rel));
  const lineOf = (rel: string, text: string) =>
    fs
      .readFileSync(path.join(root, rel), 'utf8')
      .split('\n')
      .findIndex((l) => l.trim() === text);
  const lenses = async (rel: string) =>
    (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri(rel))).map(
      (l) => `${l.range.start.line}: ${l.command?.title}`,
    );
  const hover = async (rel: string, line: number) =>
    hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri(rel), new vscode.Position(line, 6)));
  const messages = (env: string) => environmentMessages(api, env);

  before(async () => {
    api = await activateExtension();
    await waitForState(api, allRefreshed);
    root = workspaceRoot();
    startHead = git(root, 'rev-parse', 'HEAD').trim();
    addCatalogOverlays(root);
    await waitForState(api, withCatalog, 60_000);
    await waitForQuiet(api);
  });

  after(async () => {
    api.answerWith(undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    git(root, 'reset', '-q', '--hard', startHead);
    git(root, 'push', '-q', '--force', 'origin', 'main');
    git(root, 'clean', '-fdq', '--', 'apps', '.youops/live');
    await waitForState(api, (s) => allRefreshed(s) && s.kind === 'ready' && s.config.environments.length === 3, 60_000);
    await waitForQuiet(api);
  });

  it('renders both overlays: staging in sync, prod drifted on the two values its cluster changed', () => {
    const prod = api.store.environment(CATALOG_PROD)!.state!;
    assert.equal(prod.rendering?.status, 'rendered', prod.rendering?.reason);
    const catalog = prod.drift.resources.find((r) => r.id.kind === 'Deployment')!;
    assert.deepEqual(
      catalog.fields.map((f) => [f.path, f.desired, f.live]),
      [
        ['/spec/replicas', 3, 2],
        ['/spec/template/spec/terminationGracePeriodSeconds', 30, 60],
      ],
    );
    assert.equal(api.store.environment(CATALOG_STAGING)!.state!.drift.status, 'InSync');
  });

  it('a base both overlays render shows each environment: one lens for both, a hover naming where prod sets the value, its live values', async () => {
    const doc = await vscode.workspace.openTextDocument(uri(CATALOG.base));
    await vscode.window.showTextDocument(doc);
    const titles = await lenses(CATALOG.base);
    assert.ok(titles.includes(`1: ⚠ ${CATALOG_PROD}: 2 drifted · ✓ ${CATALOG_STAGING}`), titles.join('\n'));
    assert.ok(titles.includes(`1: Show diff (${CATALOG_PROD})`), titles.join('\n'));
    assert.ok(!titles.includes(`1: Show diff (${CATALOG_STAGING})`), 'in sync: no diff worth a lens when several environments share the line');
    assert.ok(titles.includes(`1: Promote to ${CATALOG_PROD}`), titles.join('\n'));

    const replicas = lineOf(CATALOG.base, 'replicas: 1');
    const text = await hover(CATALOG.base, replicas);
    assert.match(text, new RegExp(`Drift in ${CATALOG_PROD}\\*\\* — \`Deployment catalog\` \`spec\\.replicas\``));
    assert.match(text, new RegExp(`desired \\(Git\\): 3\\nlive \\(${CATALOG_PROD}\\):  2`));
    const link = /Set by \[apps\/catalog\/overlays\/prod\/deployment-patch\.yaml:7\]\(command:youops\.revealResource\?([^)]+)\)/.exec(text);
    assert.ok(link, text);
    const grace = lineOf(CATALOG.base, 'terminationGracePeriodSeconds: 30');
    assert.doesNotMatch(await hover(CATALOG.base, grace), /Set by/, 'the base sets it: nothing overrides this line');

    const drawn = await waitFor(() => {
      const d = api.decorations.renderedFor(uri(CATALOG.base).fsPath);
      return d.length === 2 ? d : undefined;
    }, 'decorations on the base');
    assert.deepEqual(drawn, [
      { line: replicas, text: `⚠ ${CATALOG_PROD} live: 2 · set by apps/catalog/overlays/prod/deployment-patch.yaml:7` },
      { line: grace, text: `⚠ ${CATALOG_PROD} live: 60` },
    ]);

    // The link goes where the value is set: prod's patch, on its line.
    const [ref] = JSON.parse(decodeURIComponent(link[1])) as unknown[];
    await vscode.commands.executeCommand('youops.revealResource', ref);
    const editor = await waitFor(
      () => (vscode.window.activeTextEditor?.document.uri.fsPath === uri(CATALOG.prodPatch).fsPath ? vscode.window.activeTextEditor : undefined),
      'the patch opened',
    );
    assert.equal(editor.selection.start.line, lineOf(CATALOG.prodPatch, 'replicas: 3'));
  });

  it('a patch file shows the drifted value it sets: the live value on its line, a lens, a hover with what it overrides', async () => {
    const doc = await vscode.workspace.openTextDocument(uri(CATALOG.prodPatch));
    await vscode.window.showTextDocument(doc);
    const line = lineOf(CATALOG.prodPatch, 'replicas: 3');
    const drawn = await waitFor(() => {
      const d = api.decorations.renderedFor(doc.uri.fsPath);
      return d.length ? d : undefined;
    }, 'decorations on the patch');
    assert.deepEqual(drawn, [{ line, text: `⚠ ${CATALOG_PROD} live: 2` }]);
    const titles = await lenses(CATALOG.prodPatch);
    assert.deepEqual(titles, [`${line}: ⚠ Deployment catalog: spec.replicas drifted in ${CATALOG_PROD}`, `${line}: Show diff`]);
    const text = await hover(CATALOG.prodPatch, line);
    assert.match(text, new RegExp(`Drift in ${CATALOG_PROD}`));
    assert.match(text, /Overrides `1` at apps\/catalog\/base\/deployment\.yaml:10\./);
    assert.doesNotMatch(text, /Set by/);
    // The staging patch sets a value that is in sync: nothing to show.
    await vscode.workspace.openTextDocument(uri(CATALOG.stagingPatch));
    assert.deepEqual(await lenses(CATALOG.stagingPatch), []);
    // A patch is a partial object: no "missing required field selector" (the CLI's verdict, `youops validate`).
    const findings = await waitFor(() => api.validation.diagnostics.findings.get(doc.uri.toString()), 'the patch validated');
    assert.deepEqual(findings, []);
  });

  it('an unsaved edit of the base is drifted as each overlay renders it, before it is saved', async () => {
    const doc = await vscode.workspace.openTextDocument(uri(CATALOG.base));
    const editor = await vscode.window.showTextDocument(doc);
    const line = lineOf(CATALOG.base, 'replicas: 1');
    try {
      // staging takes its replicas from the base; prod's patch sets its own.
      await editor.edit((e) => e.replace(doc.lineAt(line).range, '  replicas: 2'));
      await waitFor(
        async () => ((await lenses(CATALOG.base)).includes(`1: ⚠ ${CATALOG_STAGING}: 1 drifted · ⚠ ${CATALOG_PROD}: 2 drifted`) ? true : undefined),
        'staging drifted by the unsaved base',
      );
    } finally {
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
    await waitFor(
      async () => ((await lenses(CATALOG.base)).includes(`1: ⚠ ${CATALOG_PROD}: 2 drifted · ✓ ${CATALOG_STAGING}`) ? true : undefined),
      'back after revert',
    );
  });

  describe('promote across the overlays (bare origin)', () => {
    let bare: string;
    let ui: ScriptedUi;
    before(() => {
      // The demo's origin: a bare repo on disk standing in for github.com/acme/shop. Promotions start from origin's main: it gets the overlays.
      bare = bareOriginOf(root);
      git(root, 'push', '-q', 'origin', 'main');
    });
    beforeEach(() => {
      ui = new ScriptedUi();
      api.answerWith(ui);
    });

    const pickImageAndPullPolicy = (q: Question) => {
      const items = q.items!;
      const shared = items.find((i) => i.label.endsWith('imagePullPolicy'))!;
      assert.match(String(shared.description), /^\$\(warning\) apps\/catalog\/base\/deployment\.yaml:23, shared with catalog-staging$/);
      assert.match(String(shared.detail), / · asks before editing the shared file$/);
      assert.ok(!shared.picked, 'a value in a shared base is never preselected');
      return [items.find((i) => i.label.endsWith('.image'))!, shared];
    };

    it('asks before editing the base catalog-staging shares; "promote the others" edits only the overlay', async () => {
      ui.script(pickImageAndPullPolicy, 'Promote the Others Only', false);
      await vscode.commands.executeCommand('youops.promote', { type: 'environment', env: CATALOG_PROD });
      assert.deepEqual(await api.gitops.lastOutcome(), { status: 'cancelled' }, ui.notes.map((n) => n.message).join('\n'));
      const [, question, patch] = ui.asked;
      assert.equal(question.kind, 'confirm');
      assert.equal(
        question.title,
        `Deployment catalog: spec.template.spec.containers[name=catalog].imagePullPolicy is set in deployment.yaml, which ${CATALOG_PROD} shares with ${CATALOG_STAGING}.`,
      );
      assert.match(question.detail!, new RegExp(`^${CATALOG_STAGING} sets its own value over it, so today only ${CATALOG_PROD}'s rendering changes\\.\\n`));
      assert.match(question.detail!, new RegExp(`To change ${CATALOG_PROD} alone, set the value in a patch of ${CATALOG_PROD}'s overlay instead\\.$`));
      assert.deepEqual(question.actions, ['Edit the Shared Base', 'Promote the Others Only']);
      assert.equal(patch.kind, 'patch');
      // Only prod's overlay: the image tag where prod's images: entry sets it.
      assert.deepEqual(
        ui.patches[0].split('\n').filter((l) => /^(\+\+\+|---|[-+] )/.test(l)),
        [`--- a/${CATALOG.prodKustomization}`, `+++ b/${CATALOG.prodKustomization}`, '-    newTag: 1.2.0', '+    newTag: 1.3.0'],
      );
    });

    it('agreed: the shared base is edited too, and kustomize renders prod with both values before anything is committed', async () => {
      ui.script(pickImageAndPullPolicy, 'Edit the Shared Base', false);
      await vscode.commands.executeCommand('youops.promote', { type: 'environment', env: CATALOG_PROD });
      assert.deepEqual(await api.gitops.lastOutcome(), { status: 'cancelled' }, ui.notes.map((n) => n.message).join('\n'));
      assert.deepEqual(
        ui.asked.map((q) => q.kind),
        ['pickMany', 'confirm', 'patch', 'confirm'],
      );
      assert.match(ui.patches[0], /^-          imagePullPolicy: IfNotPresent\n\+          imagePullPolicy: Always$/m);
      assert.match(ui.patches[0], /^\+    newTag: 1\.3\.0$/m);
      assert.equal(git(root, 'status', '--porcelain'), '', 'the working tree is not touched');
    });

    it('cancelled at the question: no patch, nothing pushed', async () => {
      const branches = git(bare, 'branch', '--list');
      ui.script(pickImageAndPullPolicy, undefined);
      await vscode.commands.executeCommand('youops.promote', { type: 'environment', env: CATALOG_PROD });
      assert.deepEqual(await api.gitops.lastOutcome(), { status: 'cancelled' }, ui.notes.map((n) => n.message).join('\n'));
      assert.equal(ui.patches.length, 0);
      assert.equal(git(bare, 'branch', '--list'), branches);
    });
  });

  it('a kustomize error is a problem on the kustomization.yaml line it names, and prod says it is not rendered', async () => {
    const file = path.join(root, CATALOG.prodKustomization);
    const original = fs.readFileSync(file, 'utf8');
    try {
      fs.writeFileSync(file, original.replace('path: deployment-patch.yaml', 'path: deploy-patch.yaml'));
      await vscode.commands.executeCommand('youops.refresh', { env: CATALOG_PROD });
      const problems = await waitFor(() => {
        const d = vscode.languages.getDiagnostics(vscode.Uri.file(file)).filter((x) => x.source === 'kustomize');
        return d.length ? d : undefined;
      }, 'the kustomize problem');
      assert.equal(problems.length, 1);
      assert.equal(problems[0].severity, vscode.DiagnosticSeverity.Error);
      assert.equal(problems[0].range.start.line, lineOf(CATALOG.prodKustomization, '- path: deploy-patch.yaml'));
      assert.match(problems[0].message, /deploy-patch\.yaml.* \(catalog-prod\)$/);
      assert.equal(api.store.environment(CATALOG_PROD)!.state!.drift.status, 'Error');
      assert.match(messages(CATALOG_PROD)[0], /^Not rendered: kustomize could not render apps\/catalog\/overlays\/prod: .*deploy-patch\.yaml/);
    } finally {
      fs.writeFileSync(file, original);
      await vscode.commands.executeCommand('youops.refresh', { env: CATALOG_PROD });
    }
    await waitFor(() => (vscode.languages.getDiagnostics(vscode.Uri.file(file)).some((x) => x.source === 'kustomize') ? undefined : true), 'the problem gone');
    assert.equal(api.store.environment(CATALOG_PROD)!.state!.rendering?.status, 'rendered');
  });

  it('without kustomize: one message with what to do, every overlay marked "not rendered" and read as written', async () => {
    const recording = new RecordingUi();
    api.answerWith(recording);
    const settings = vscode.workspace.getConfiguration('youops');
    const missing = path.join(root, 'no', 'kustomize');
    try {
      await settings.update('kustomize.path', missing, vscode.ConfigurationTarget.Global);
      await waitForState(api, (s) => withCatalog(s) && api.store.environment(CATALOG_PROD)?.state?.rendering?.status === 'notRendered', 60_000);
      await waitForState(api, allRefreshed);
      await waitForQuiet(api);
      const notices = recording.notes.filter((n) => /cannot render kustomizations/.test(n.message));
      assert.equal(notices.length, 1, JSON.stringify(recording.notes));
      assert.equal(
        notices[0].message,
        `YouOps cannot render kustomizations: ${missing} not found (install kubectl ≥ 1.27 (kustomize v5 is built in) or kustomize v5, or set youops.kustomize.path). Until then the environments compare their files as written ("not rendered").`,
      );
      assert.deepEqual(notices[0].actions, ['Open Settings']);
      const row = api.tree.getTreeItem(api.tree.getChildren().find((n) => n.type === 'environment' && n.env === CATALOG_PROD)!);
      assert.match(String(row.description), /^⚠ not rendered · /);
      assert.match(messages(CATALOG_PROD)[0], /^Not rendered: .*no\/kustomize not found .*; showing the raw files$/);
      // As written: the base's replicas, not prod's patch.
      const catalog = api.store.environment(CATALOG_PROD)!.state!.drift.resources.find((r) => r.id.kind === 'Deployment')!;
      assert.equal(catalog.resource!.rendered, undefined);
    } finally {
      await settings.update('kustomize.path', undefined, vscode.ConfigurationTarget.Global);
      api.answerWith(undefined);
    }
    await waitForState(api, (s) => withCatalog(s) && api.store.environment(CATALOG_PROD)?.state?.rendering?.status === 'rendered', 60_000);
    await waitForQuiet(api);
  });
});
