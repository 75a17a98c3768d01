import * as assert from 'node:assert/strict';
import { isClusterScoped, isKnownKind, isQuantityField, listMapKeys, schemaListType } from '../../../src/core/drift/fieldSchema';
import table from '../../../src/core/drift/fieldSchema.generated.json';

describe('fieldSchema (generated from the Kubernetes 1.36 OpenAPI and the Argo CD / Flux CRDs)', () => {
  it('finds merge keys through shared fragments', () => {
    assert.deepEqual(listMapKeys('apps/v1', 'Deployment', ['spec', 'template', 'spec', 'containers']), ['name']);
    assert.deepEqual(listMapKeys('apps/v1', 'Deployment', ['spec', 'template', 'spec', 'containers', '0', 'ports']), ['containerPort', 'protocol']);
    assert.deepEqual(listMapKeys('apps/v1', 'StatefulSet', ['spec', 'template', 'spec', 'initContainers', '*', 'env']), ['name']);
    assert.deepEqual(listMapKeys('batch/v1', 'CronJob', ['spec', 'jobTemplate', 'spec', 'template', 'spec', 'volumes']), ['name']);
    assert.deepEqual(listMapKeys('v1', 'Pod', ['spec', 'containers', '1', 'volumeMounts']), ['mountPath']);
    assert.deepEqual(listMapKeys('v1', 'Service', ['spec', 'ports']), ['port', 'protocol']);
  });

  it('falls back to the known version of the same group and kind', () => {
    assert.deepEqual(listMapKeys('apps/v1beta2', 'Deployment', ['spec', 'template', 'spec', 'containers']), ['name']);
  });

  it('types the other lists of known kinds as atomic or set, and knows nothing of unknown kinds', () => {
    assert.deepEqual(schemaListType('apps/v1', 'Deployment', ['spec', 'template', 'spec', 'containers', '0', 'args']), { type: 'atomic' });
    assert.deepEqual(schemaListType('apps/v1', 'Deployment', ['spec', 'template', 'spec', 'tolerations']), { type: 'atomic' });
    assert.deepEqual(schemaListType('rbac.authorization.k8s.io/v1', 'ClusterRoleBinding', ['subjects']), { type: 'atomic' });
    assert.deepEqual(schemaListType('rbac.authorization.k8s.io/v1', 'ClusterRole', ['rules']), { type: 'atomic' });
    assert.deepEqual(schemaListType('autoscaling/v2', 'HorizontalPodAutoscaler', ['spec', 'metrics']), { type: 'atomic' });
    assert.deepEqual(schemaListType('helm.toolkit.fluxcd.io/v2', 'HelmRelease', ['spec', 'valuesFrom']), { type: 'atomic' });
    assert.deepEqual(schemaListType('v1', 'ConfigMap', ['metadata', 'finalizers']), { type: 'set' });
    assert.deepEqual(schemaListType('flowcontrol.apiserver.k8s.io/v1', 'FlowSchema', ['spec', 'rules', '0', 'resourceRules', '0', 'verbs']), { type: 'set' });
    assert.equal(schemaListType('example.com/v1', 'Widget', ['spec', 'items']), undefined);
    assert.equal(isKnownKind('v1', 'ConfigMap'), true);
    assert.equal(isKnownKind('example.com/v1', 'Widget'), false);
  });

  it('knows resource.Quantity fields by schema, not by field name', () => {
    assert.equal(isQuantityField('apps/v1', 'Deployment', ['spec', 'template', 'spec', 'containers', '0', 'resources', 'limits', 'cpu']), true);
    assert.equal(isQuantityField('apps/v1', 'Deployment', ['spec', 'template', 'spec', 'containers', '0', 'resources', 'requests', 'ephemeral-storage']), true);
    assert.equal(isQuantityField('v1', 'Pod', ['spec', 'containers', '0', 'resources', 'limits', 'nvidia.com/gpu']), true);
    assert.equal(isQuantityField('autoscaling/v2', 'HorizontalPodAutoscaler', ['spec', 'metrics', '0', 'pods', 'target', 'averageValue']), true);
    assert.equal(isQuantityField('v1', 'ResourceQuota', ['spec', 'hard', 'requests.memory']), true);
    assert.equal(isQuantityField('apps/v1', 'StatefulSet', ['spec', 'volumeClaimTemplates', '0', 'spec', 'resources', 'requests', 'storage']), true);
    assert.equal(isQuantityField('v1', 'ConfigMap', ['data', 'limits']), false);
    assert.equal(isQuantityField('apps/v1', 'Deployment', ['spec', 'template', 'spec', 'containers', '0', 'resources']), false);
    assert.equal(isQuantityField('example.com/v1', 'Widget', ['spec', 'resources', 'limits', 'cpu']), false);
  });

  it('knows cluster-scoped kinds from the API paths', () => {
    for (const [apiVersion, kind] of [
      ['v1', 'Namespace'],
      ['rbac.authorization.k8s.io/v1', 'ClusterRole'],
      ['rbac.authorization.k8s.io/v1', 'ClusterRoleBinding'],
      ['apiextensions.k8s.io/v1', 'CustomResourceDefinition'],
      ['storage.k8s.io/v1', 'StorageClass'],
    ]) {
      assert.equal(isClusterScoped(apiVersion, kind), true, kind);
    }
    assert.equal(isClusterScoped('rbac.authorization.k8s.io/v1', 'RoleBinding'), false);
    assert.equal(isClusterScoped('v1', 'ConfigMap'), false);
  });

  it('the generated table stays small and every fragment reference resolves', () => {
    const text = JSON.stringify(table);
    assert.ok(text.length < 20_000, `${text.length} bytes`);
    const t = table as { kinds: Record<string, string>; fragments: Record<string, Record<string, unknown>> };
    for (const fragment of Object.values(t.kinds)) assert.ok(fragment === '' || t.fragments[fragment], fragment);
    for (const entries of Object.values(t.fragments)) {
      for (const value of Object.values(entries)) {
        if (typeof value === 'string' && value.startsWith('@')) assert.ok(t.fragments[value.slice(1)], value);
        else assert.ok(value === 'set' || value === 'quantity' || (Array.isArray(value) && value.length > 0), JSON.stringify(value));
      }
    }
  });
});
