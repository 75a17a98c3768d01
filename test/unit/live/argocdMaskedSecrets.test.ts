import * as assert from 'node:assert/strict';
import { maskedSecretPaths } from '../../../src/core/live/argocdMaskedSecrets';

describe('Argo CD masked Secret values', () => {
  it('marks each masked data key under data and stringData', () => {
    const secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { password: '++++++++', token: '++++++++++++', plain: 'cGxhaW4=' } };
    assert.deepEqual(maskedSecretPaths(secret), ['/data/password', '/stringData/password', '/data/token', '/stringData/token']);
  });

  it('marks nothing on other kinds, short plus runs or Secrets without data', () => {
    assert.deepEqual(maskedSecretPaths({ apiVersion: 'v1', kind: 'ConfigMap', data: { a: '++++++++' } }), []);
    assert.deepEqual(maskedSecretPaths({ apiVersion: 'v1', kind: 'Secret', data: { a: '++++' } }), []);
    assert.deepEqual(maskedSecretPaths({ apiVersion: 'v1', kind: 'Secret', type: 'Opaque' }), []);
    assert.deepEqual(maskedSecretPaths(null), []);
  });
});
