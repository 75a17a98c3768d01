import * as assert from 'node:assert/strict';
import { parseInventoryId, readFluxInventory } from '../../../src/core/flux/fluxInventory';
import { parseRevision } from '../../../src/core/revision/deployedRevision';
import { readFluxStatus } from '../../../src/core/flux/fluxStatus';
import { describeAgentStatus } from '../../../src/core/agent/agentStatus';

describe('Flux inventory, revisions and status, as Flux writes them', () => {
  it('parses inventory ids: <namespace>_<name>_<group>_<kind> with the version in v (kustomize-controller docs, cli-utils ObjMetadata)', () => {
    // The example of kustomize-controller's docs/spec/v1/kustomizations.md, "Inventory".
    const inv = readFluxInventory({
      status: {
        inventory: {
          entries: [
            { id: 'default_podinfo__Service', v: 'v1' },
            { id: 'default_podinfo_apps_Deployment', v: 'v1' },
            { id: 'default_podinfo_autoscaling_HorizontalPodAutoscaler', v: 'v2' },
            { id: '_shop__Namespace', v: 'v1' },
            { id: '_system__controller__manager_rbac.authorization.k8s.io_ClusterRole', v: 'v1' },
            { id: 'broken', v: 'v1' },
          ],
        },
      },
    });
    assert.deepEqual(inv?.entries, [
      { apiVersion: 'v1', kind: 'Service', namespace: 'default', name: 'podinfo' },
      { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'default', name: 'podinfo' },
      { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', namespace: 'default', name: 'podinfo' },
      { apiVersion: 'v1', kind: 'Namespace', name: 'shop' },
      { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', name: 'system:controller:manager' },
    ]);
    assert.deepEqual(inv?.invalid, ['broken']);
    assert.equal(readFluxInventory({ status: {} }), undefined);
    assert.equal(parseInventoryId('a_b_c', 'v1'), undefined);
  });

  it('reads every revision form the agents write', () => {
    const sha = 'a1afe267b54f38b46b487f6e938a6fd508278c07';
    assert.deepEqual(parseRevision(`main@sha1:${sha}`, 'x'), { text: `main@sha1:${sha}`, from: 'x', ref: 'main', commit: sha });
    assert.deepEqual(parseRevision(`v1.0.1@sha1:${sha}`, 'x'), { text: `v1.0.1@sha1:${sha}`, from: 'x', ref: 'v1.0.1', commit: sha });
    assert.deepEqual(parseRevision(`sha1:${sha}`, 'x'), { text: `sha1:${sha}`, from: 'x', commit: sha });
    assert.deepEqual(parseRevision(`master/${sha}`, 'x'), { text: `master/${sha}`, from: 'x', ref: 'master', commit: sha }); // Flux < 2.0
    assert.deepEqual(parseRevision(`${sha.toUpperCase()}\n`, 'x'), { text: sha.toUpperCase(), from: 'x', commit: sha }); // git rev-parse, Argo CD
    const oci = 'latest@sha256:0cc9a8446c95009ef382f5eade883a67c257f77d50f84e78ecef2aac9428d1e5';
    assert.equal(parseRevision(oci, 'x')?.commit, undefined, 'an OCI digest is no commit');
    assert.deepEqual(parseRevision('6.5.3', 'x'), { text: '6.5.3', from: 'x' });
    assert.equal(parseRevision('  ', 'x'), undefined);
  });

  it('prefers an OCI Kustomization’s origin revision, and treats Ready=True on an older generation as reconciling', () => {
    const sha = 'a1afe267b54f38b46b487f6e938a6fd508278c07';
    const ks = {
      metadata: { name: 'apps', namespace: 'flux-system', generation: 3 },
      spec: { sourceRef: { kind: 'OCIRepository', name: 'apps' } },
      status: {
        observedGeneration: 2,
        conditions: [{ type: 'Ready', status: 'True', reason: 'ReconciliationSucceeded', message: 'Applied revision: latest@sha256:0cc9' }],
        lastAppliedRevision: 'latest@sha256:0cc9a8446c95009ef382f5eade883a67c257f77d50f84e78ecef2aac9428d1e5',
        lastAppliedOriginRevision: `main@sha1:${sha}`,
      },
    };
    const status = readFluxStatus(ks, 'Kustomization');
    assert.equal(status.state, 'Reconciling');
    assert.deepEqual(status.source, { kind: 'OCIRepository', name: 'apps', namespace: 'flux-system' });
    assert.match(describeAgentStatus(status), /^Reconciling: Applied revision: latest@sha256:0cc9 · applied latest@sha256:0cc9a84$/);
  });
});
