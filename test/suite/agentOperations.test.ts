import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as yaml from 'js-yaml';
import * as vscode from 'vscode';
import type { YouOpsTestHandles } from '../../src/extension';
import type { OperationOutcome } from '../../src/core/operations/operationOutcome';
import type { TreeNode } from '../../src/vscode/shared/tree/treeNodes';
import { startFakeArgoCdServer, type FakeArgoCdServer } from '../fake-servers/fakeArgoCdServer';
import { FLUX_RESOURCES, fakeFluxController, fluxGitRepository, fluxKustomization } from '../fake-servers/fakeFlux';
import { startFakeKubeApiServer, type FakeKubeApiServer, type StoredObject } from '../fake-servers/fakeKubeApiServer';
import { git } from '../host/bareOrigin';
import { keepDemoConfig } from './fixtures/demoConfig';
import { RecordingUi, type Question } from './fixtures/recordingUi';
import { activateExtension, allRefreshed, waitFor, waitForState, workspaceRoot } from './helpers';

/**
 * Two environments added to the demo: `edge` (protected), applied by a Flux Kustomization on a
 * fake Kubernetes API server that real kubectl talks to, whose fake kustomize-controller answers
 * reconcile requests as Flux does; and `edge-argo`, an Argo CD application on a fake Argo CD API.
 * Both deploy envs/staging; their agents applied the commit before main's tip.
 */
describe('Flux and Argo CD agents in the Environments view: state, revision and operations (real kubectl, fake Kubernetes API server with Flux CRDs and fake Argo CD on 127.0.0.1)', () => {
  const config = keepDemoConfig();
  let api: YouOpsTestHandles;
  let kube: FakeKubeApiServer;
  let argo: FakeArgoCdServer;
  let tmp = '';
  let head = '';
  let previous = '';
  const asked: Question[] = [];
  let confirmWith: string | undefined = 'yes';
  const ui = new RecordingUi((q) => {
    asked.push(q);
    if (q.kind === 'confirm') return confirmWith === 'yes' ? true : false;
    if (q.kind === 'input' && q.title.startsWith('Argo CD token')) return 'argo-test-token';
    if (q.kind === 'pick' && q.placeHolder === 'Run which operation?') return 'sync-shop';
    return undefined;
  });
  const short = (hash: string) => hash.slice(0, 7);

  const environment = (env: string) => api.tree.getChildren().find((n) => n.type === 'environment' && n.env === env)!;
  const agentRow = (env: string) => {
    const node = api.tree.getChildren(environment(env)).find((n): n is Extract<TreeNode, { type: 'agent' }> => n.type === 'agent');
    return node && api.tree.getTreeItem(node);
  };
  const envDescription = (env: string) => String(api.tree.getTreeItem(environment(env)).description);
  const iconId = (item: vscode.TreeItem | undefined) => (item?.iconPath as vscode.ThemeIcon | undefined)?.id;
  const auditLines = () => (fs.existsSync(api.services.audit.file) ? fs.readFileSync(api.services.audit.file, 'utf8').trim().split('\n') : []);
  const refreshed = (env: string, ok: (description: string) => boolean) =>
    waitForState(api, (s) => allRefreshed(s) && ok(envDescription(env)), 30_000).then(() => envDescription(env));

  before(async function () {
    this.timeout(120_000);
    api = await activateExtension();
    const root = workspaceRoot();
    head = git(root, 'rev-parse', 'HEAD').trim();
    previous = git(root, 'rev-parse', 'HEAD~1').trim();
    // The cluster holds what staging's snapshot shows; the Kustomization's inventory lists it all.
    const exported = yaml.load(fs.readFileSync(path.join(root, '.youops', 'live', 'staging', 'shop.yaml'), 'utf8')) as { items: StoredObject[] };
    const inventory = exported.items.map((o) => ({ apiVersion: o.apiVersion, kind: o.kind, name: o.metadata.name, namespace: o.metadata.namespace }));
    kube = await startFakeKubeApiServer({
      objects: [
        ...exported.items,
        fluxKustomization({ name: 'shop-edge', revision: `main@sha1:${previous}`, inventory }),
        fluxGitRepository('flux-system', `main@sha1:${previous}`),
      ],
      extraResources: FLUX_RESOURCES,
      // Long enough for a poll (every 2 s, as `flux reconcile`) to see the controller at work.
      onWrite: fakeFluxController(() => ({ outcome: 'ready', revision: `main@sha1:${head}`, delayMs: 2_500 })),
    });
    argo = await startFakeArgoCdServer({
      token: 'argo-test-token',
      apps: [{ name: 'shop', revision: previous, resources: [], syncOutcome: { phase: 'Succeeded', revision: head, delayMs: 500 } }],
    });
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'youops-agent-ops-'));
    const kubeconfig = await kube.writeKubeconfig(tmp, { context: 'kind-edge' });
    const edge = [
      '  - name: edge',
      '    manifests: envs/staging',
      '    protected: true',
      '    live:',
      `      flux: { kustomization: shop-edge, kubeconfig: "${kubeconfig}" }`,
      '  - name: edge-argo',
      '    manifests: envs/staging',
      '    live:',
      `      argocd: { server: "${argo.url}", app: shop }`,
      '',
    ].join('\n');
    const text = config
      .original()
      .replace(/\ndrift:/, `\n${edge}\ndrift:`)
      .replace('operations:\n  promote: gitops\n', 'operations:\n  promote: gitops\n  sync-shop: argocd:sync\n');
    fs.writeFileSync(config.file(), text);
    await api.store.reload({ force: true });
    await waitForState(api, (s) => allRefreshed(s) && s.kind === 'ready' && s.environments.some((e) => e.name === 'edge-argo' && e.state), 60_000);
    api.answerWith(ui);
  });

  beforeEach(() => {
    ui.reset();
    asked.length = 0;
    confirmWith = 'yes';
  });

  after(async () => {
    api.answerWith(undefined);
    await kube?.close();
    await argo?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('shows the Flux Kustomization’s own state and the revision it applied beside the drift', () => {
    assert.equal(api.store.environment('edge')?.state?.drift.error, undefined);
    assert.match(envDescription('edge'), new RegExp(`^runs ${short(previous)} — 1 commit behind main · `));
    assert.match(String(api.tree.getTreeItem(environment('edge')).contextValue), /^youops\.environment\.\w+\.protected\.flux$/);
    const row = agentRow('edge')!;
    assert.equal(row.label, 'Kustomization flux-system/shop-edge');
    assert.equal(row.description, `Ready · applied main@sha1:${short(previous)}`);
    assert.equal(row.contextValue, 'youops.agent.flux.ready');
    assert.equal(iconId(row), 'pass');
    // The inventory is complete: staging's manifest absent from the cluster is Missing here too.
    assert.equal(api.store.environment('edge')?.state?.drift.counts.Missing, api.store.environment('staging')?.state?.drift.counts.Missing);
    assert.equal(agentRow('staging'), undefined, 'a snapshot has no agent row');
  });

  it('reconciles from the agent row: asks on the protected environment, shows progress until the controller answers, audits it, then runs the new commit', async () => {
    const auditBefore = auditLines().length;
    const running = vscode.commands.executeCommand<OperationOutcome>('youops.flux.reconcile', { type: 'agent', env: 'edge' });
    // While the controller works the row says so.
    const during = await waitFor(() => (iconId(agentRow('edge')) === 'sync~spin' ? agentRow('edge') : undefined), 'the agent row while reconciling', 20_000);
    assert.match(String(during.description), /^Reconcile Kustomization flux-system\/shop-edge…/);
    const outcome = await running;
    assert.equal(outcome.status, 'success', outcome.message);
    assert.equal(outcome.message, `Kustomization flux-system/shop-edge reconciled: applied main@sha1:${short(head)}`);
    const confirm = asked.find((q) => q.kind === 'confirm')!;
    assert.equal(confirm.title, 'Reconcile Kustomization flux-system/shop-edge? edge is protected.');
    assert.deepEqual(confirm.actions, ['Reconcile']);
    assert.match(confirm.detail!, /^Same as: flux reconcile kustomization shop-edge --namespace flux-system/);
    assert.equal(kube.patches.length, 1);
    assert.ok(Object.hasOwn((kube.patches[0].body as { metadata: { annotations: object } }).metadata.annotations, 'reconcile.fluxcd.io/requestedAt'));
    const records = auditLines()
      .slice(auditBefore)
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.deepEqual(
      records.map((r) => [r.type, r.via ?? r.status]),
      [
        ['send', 'flux'],
        ['result', 'success'],
      ],
    );
    assert.equal(records[0].text, 'flux reconcile kustomization shop-edge --namespace flux-system');
    await waitFor(() => ui.notes.length > 0, 'the outcome notification');
    assert.deepEqual(ui.notes, [{ severity: 'info', message: `✓ ${outcome.message}`, actions: ['Show Audit Log'] }]);
    const after = await refreshed('edge', (d) => d.startsWith(`runs ${short(head)}`));
    assert.match(after, new RegExp(`^runs ${short(head)} ✓ latest · `));
    assert.equal(agentRow('edge')!.description, `Ready · applied main@sha1:${short(head)}`);
  });

  it('sends nothing when the question on the protected environment is declined', async () => {
    confirmWith = 'no';
    const patches = kube.patches.length;
    const audit = auditLines().length;
    const outcome = await vscode.commands.executeCommand<OperationOutcome>('youops.flux.resume', { type: 'agent', env: 'edge' });
    assert.deepEqual([outcome.status, outcome.delivery], ['cancelled', 'not-sent']);
    assert.equal(kube.patches.length, patches);
    assert.equal(auditLines().length, audit);
    assert.deepEqual(ui.notes, [], 'a declined question needs no notification');
  });

  it('suspends and resumes from the palette: a suspended Kustomization is shown as such', async () => {
    // edge is the only Flux environment: the palette command needs no question about which.
    const suspended = await vscode.commands.executeCommand<OperationOutcome>('youops.flux.suspend');
    assert.equal(suspended.status, 'success', suspended.message);
    assert.deepEqual(kube.object('Kustomization', 'shop-edge', 'flux-system')?.spec?.suspend, true);
    assert.match(await refreshed('edge', (d) => d.includes('⏸ suspended')), /⏸ suspended/);
    const row = agentRow('edge')!;
    assert.match(String(row.description), /^Suspended · applied main@sha1:/);
    assert.equal(row.contextValue, 'youops.agent.flux.suspended');
    assert.equal(iconId(row), 'debug-pause');

    const resumed = await vscode.commands.executeCommand<OperationOutcome>('youops.flux.resume');
    assert.equal(resumed.status, 'success', resumed.message);
    await refreshed('edge', (d) => !d.includes('suspended'));
    assert.equal(agentRow('edge')!.contextValue, 'youops.agent.flux.ready');
    assert.deepEqual(
      asked.filter((q) => q.kind === 'pick'),
      [],
    );
  });

  it('runs youops.yaml’s Argo CD sync from Run Operation, in youops.yaml’s order, and offers the token when Argo CD wants one', async () => {
    // No token yet: the application cannot be read, nor synced.
    assert.match(String(api.store.environment('edge-argo')?.state?.drift.error), /needs a token \(HTTP 401\): none is set/);
    assert.equal(agentRow('edge-argo'), undefined);
    const noToken = await vscode.commands.executeCommand<OperationOutcome>('youops.runOperation', { type: 'environment', env: 'edge-argo' });
    assert.deepEqual(asked[0].options, ['promote', 'sync-shop', 'rollback', 'restart', 'access']);
    assert.deepEqual([noToken.status, noToken.delivery], ['error', 'not-sent']);
    assert.match(noToken.message, /needs a token \(HTTP 401\): none is set/);
    await waitFor(() => ui.notes.length > 0, 'the outcome notification');
    assert.deepEqual(ui.notes[0].actions, ['Show Audit Log', 'Set Argo CD Token']);

    await vscode.commands.executeCommand('youops.argocd.setToken');
    assert.match(await refreshed('edge-argo', (d) => d.startsWith('runs ')), new RegExp(`^runs ${short(previous)} — 1 commit behind main · `));
    assert.match(String(agentRow('edge-argo')!.description), /^Synced · Healthy/);
    assert.equal(agentRow('edge-argo')!.contextValue, 'youops.agent.argocd');
    ui.reset();
    const synced = await vscode.commands.executeCommand<OperationOutcome>('youops.runOperation', { type: 'environment', env: 'edge-argo' });
    assert.equal(synced.status, 'success', synced.message);
    assert.match(synced.message, new RegExp(`^Argo CD application shop synced to ${short(head)}`));
    assert.ok(
      argo.requests.some((r) => r.method === 'POST' && r.path.startsWith('/api/v1/applications/shop/sync') && r.authorization === 'Bearer argo-test-token'),
    );
    assert.match(await refreshed('edge-argo', (d) => d.startsWith(`runs ${short(head)}`)), / ✓ latest · /);
    const send = auditLines()
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((r) => r.type === 'send')
      .at(-1)!;
    assert.deepEqual([send.via, send.command, send.text], ['argocd', 'sync-shop', 'argocd app sync shop']);
  });
});
