import * as assert from 'node:assert/strict';
import { formatResourceId, resourceIdOf, resourceKey, versionlessKey } from '../../../src/core/manifests/resourceId';

describe('resourceId', () => {
  it('keys keep the group-version and leave the namespace empty for cluster-scoped objects', () => {
    assert.equal(resourceKey({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'web' }), 'apps/v1/Deployment/shop/web');
    assert.equal(resourceKey({ apiVersion: 'v1', kind: 'Namespace', name: 'shop' }), 'v1/Namespace//shop');
  });

  it('versionless keys drop only the version', () => {
    assert.equal(versionlessKey({ apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', namespace: 'a', name: 'b' }), 'autoscaling/HorizontalPodAutoscaler/a/b');
    assert.equal(versionlessKey({ apiVersion: 'v1', kind: 'Service', namespace: 'a', name: 'b' }), '/Service/a/b');
  });

  it('formats for display', () => {
    assert.equal(formatResourceId({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'web' }), 'Deployment shop/web');
    assert.equal(formatResourceId({ apiVersion: 'v1', kind: 'Namespace', name: 'shop' }), 'Namespace shop');
  });

  it('reads identity from objects and rejects non-resources', () => {
    assert.deepEqual(resourceIdOf({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: '' } }), { apiVersion: 'v1', kind: 'ConfigMap', name: 'c' });
    assert.equal(resourceIdOf({ kind: 'ConfigMap', metadata: {} }), undefined);
    assert.equal(resourceIdOf({ metadata: { name: 'x' } }), undefined);
    assert.equal(resourceIdOf('text'), undefined);
  });
});
