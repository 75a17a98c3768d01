import * as assert from 'node:assert/strict';
import { FluxKubectl } from '../../../src/core/flux/fluxKubectl';
import { runFluxAction, type FluxActionRequest } from '../../../src/core/flux/fluxOperations';
import type { FluxObjectStatus } from '../../../src/core/agent/agentStatus';
import type { ReconcileBehaviour } from '../../fake-servers/fakeFlux';
import { FLUX_RESOURCES, fakeFluxController, fluxGitRepository, fluxKustomization } from '../../fake-servers/fakeFlux';
import { useRealKubectl } from '../live/realKubectl';

const OLD = 'main@sha1:1111111111111111111111111111111111111111';
const NEW = 'main@sha1:2222222222222222222222222222222222222222';
const PROD = { kind: 'Kustomization' as const, name: 'prod', namespace: 'flux-system' };

describe('Flux operations: reconcile, suspend, resume (real kubectl, fake Kubernetes API server with a fake Flux controller on 127.0.0.1)', function () {
  this.timeout(30_000);
  const kubectl = useRealKubectl('youops-fluxop-');

  async function setup(behaviour: ReconcileBehaviour | ((kind: string) => ReconcileBehaviour), objects = [fluxKustomization({ name: 'prod', revision: OLD, inventory: [] }), fluxGitRepository('flux-system', OLD)]) {
    const pick = typeof behaviour === 'function' ? behaviour : () => behaviour;
    const server = await kubectl.start({ objects, extraResources: FLUX_RESOURCES, onWrite: fakeFluxController((o) => pick(o.kind)) });
    const kubeconfig = await server.writeKubeconfig(kubectl.dir, { context: 'kind-prod' });
    const flux = new FluxKubectl({ kubeconfig, cwd: kubectl.dir, env: kubectl.env() });
    const progress: string[] = [];
    const run = (request: Partial<FluxActionRequest>) =>
      runFluxAction(flux, { object: PROD, action: 'reconcile', pollMs: 100, timeoutMs: 10_000, onProgress: (p) => progress.push(p.message), ...request });
    return { server, run, progress };
  }

  it('reconciles as `flux reconcile` does: annotates requestedAt, waits for lastHandledReconcileAt, reports the applied revision', async () => {
    // Long enough for a poll to see the controller at work even on a busy machine.
    const { server, run, progress } = await setup({ outcome: 'ready', revision: NEW, delayMs: 2_500 });
    const now = new Date('2025-06-01T12:00:00.123Z');
    const outcome = await run({ now: () => now });
    assert.equal(outcome.status, 'success', outcome.message);
    assert.equal(outcome.message, 'Kustomization flux-system/prod reconciled: applied main@sha1:2222222');
    assert.equal(outcome.delivery, 'sent');
    assert.equal((outcome.agent as FluxObjectStatus).lastHandledReconcileAt, now.toISOString());
    // kubectl annotate sends a JSON merge patch of the annotation, with Flux's field manager.
    assert.equal(server.patches.length, 1);
    assert.equal(server.patches[0].path, '/apis/kustomize.toolkit.fluxcd.io/v1/namespaces/flux-system/kustomizations/prod');
    assert.equal(server.patches[0].contentType, 'application/merge-patch+json');
    assert.deepEqual(server.patches[0].body, { metadata: { annotations: { 'reconcile.fluxcd.io/requestedAt': now.toISOString() } } });
    assert.ok(server.requests.some((r) => r.startsWith('PATCH ') && r.includes('fieldManager=flux-client-side-apply')), server.requests.join('\n'));
    assert.equal(server.object('Kustomization', 'prod')?.metadata.annotations?.['reconcile.fluxcd.io/requestedAt'], now.toISOString());
    assert.ok(progress.some((m) => /^Waiting for kustomize-controller: Reconciling/.test(m)), progress.join('\n'));
    assert.deepEqual(outcome.steps, progress);
  });

  it('reconciles the source first with withSource, as `--with-source`', async () => {
    const { server, run } = await setup({ outcome: 'ready', revision: NEW });
    const outcome = await run({ withSource: true });
    assert.equal(outcome.status, 'success', outcome.message);
    assert.deepEqual(server.patches.map((p) => p.path), [
      '/apis/source.toolkit.fluxcd.io/v1/namespaces/flux-system/gitrepositories/flux-system',
      '/apis/kustomize.toolkit.fluxcd.io/v1/namespaces/flux-system/kustomizations/prod',
    ]);
    assert.ok(outcome.steps.some((s) => /Requested a reconciliation of GitRepository flux-system\/flux-system/.test(s)), outcome.steps.join('\n'));
  });

  it('stops at a failing source and reports a failed reconciliation with the controller’s message', async () => {
    const failingSource = await setup((kind) => (kind === 'GitRepository' ? { outcome: 'fail', message: "failed to checkout and determine revision: unable to clone 'https://github.com/acme/fleet': authentication required" } : { outcome: 'ready', revision: NEW }));
    const source = await failingSource.run({ withSource: true });
    assert.equal(source.status, 'failure');
    assert.match(source.message, /^source GitRepository flux-system\/flux-system reconciliation failed: failed to checkout .*authentication required$/);
    assert.equal(failingSource.server.patches.length, 1, 'the Kustomization is not asked after its source failed');
  });

  it('reports a failed build as failure', async () => {
    const { run } = await setup({ outcome: 'fail', revision: NEW, message: "kustomize build failed: accumulating resources: accumulation err='accumulating resources from 'apps': evalsymlink failure'" });
    const outcome = await run({});
    assert.equal(outcome.status, 'failure');
    assert.match(outcome.message, /^Kustomization flux-system\/prod reconciliation failed: kustomize build failed: accumulating resources/);
    assert.equal((outcome.agent as FluxObjectStatus).lastAppliedRevision, OLD, 'a failed build applies nothing');
  });

  it('times out with a clear outcome when no controller handles the request', async () => {
    const { run } = await setup({ outcome: 'ignore' });
    const started = Date.now();
    const outcome = await run({ timeoutMs: 1_000 });
    assert.equal(outcome.status, 'timeout');
    assert.equal(outcome.delivery, 'sent');
    assert.match(outcome.message, /^Kustomization flux-system\/prod: kustomize-controller has not picked up the request after 1s \(Ready: Applied revision: main@sha1:1{40}\) — is the controller running\?$/);
    assert.ok(Date.now() - started < 8_000);
  });

  it('suspends with spec.suspend: true, refuses to reconcile a suspended object, and resumes with a reconciliation', async () => {
    const { server, run } = await setup({ outcome: 'ready', revision: NEW });
    const suspended = await run({ action: 'suspend' });
    assert.equal(suspended.status, 'success', suspended.message);
    assert.equal(suspended.message, 'Kustomization flux-system/prod suspended: Flux will not apply changes until it is resumed');
    assert.deepEqual(server.patches[0].body, { spec: { suspend: true } });
    assert.equal(server.object('Kustomization', 'prod')?.metadata.generation, 2, 'a spec change is a new generation');
    assert.equal((suspended.agent as FluxObjectStatus).state, 'Suspended');

    const refused = await run({});
    assert.equal(refused.status, 'error');
    assert.equal(refused.delivery, 'not-sent');
    assert.equal(refused.message, 'Kustomization flux-system/prod is suspended: resume it to reconcile');
    assert.equal(server.patches.length, 1);

    assert.equal((await run({ action: 'suspend' })).message, 'Kustomization flux-system/prod was already suspended');
    assert.equal(server.patches.length, 1);

    const resumed = await run({ action: 'resume' });
    assert.equal(resumed.status, 'success', resumed.message);
    assert.equal(resumed.message, 'Kustomization flux-system/prod resumed and reconciled: applied main@sha1:2222222');
    const patch = server.patches[1].body as { spec: unknown; metadata: { annotations: Record<string, string> } };
    assert.deepEqual(patch.spec, { suspend: false });
    assert.ok(patch.metadata.annotations['reconcile.fluxcd.io/requestedAt']);
    assert.equal((resumed.agent as FluxObjectStatus).observedGeneration, 3);
  });

  it('sends nothing when Flux is not installed, and says so', async () => {
    const server = await kubectl.start({ objects: [] });
    const kubeconfig = await server.writeKubeconfig(kubectl.dir, { context: 'kind-prod' });
    const outcome = await runFluxAction(new FluxKubectl({ kubeconfig, cwd: kubectl.dir, env: kubectl.env() }), { object: PROD, action: 'reconcile' });
    assert.equal(outcome.status, 'error');
    assert.equal(outcome.delivery, 'not-sent');
    assert.match(outcome.message, /^Flux is not installed in context kind-prod/);
    assert.ok(!server.requests.some((r) => r.startsWith('PATCH')));
  });
});
