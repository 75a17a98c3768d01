import * as assert from 'node:assert/strict';
import { normalizeLiveForDiff, toYaml } from '../../../src/core/drift/normalize';

const desired = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', labels: { app: 'web' } },
  spec: {
    replicas: 2,
    template: {
      spec: {
        containers: [
          { name: 'web', image: 'web:1', resources: { limits: { cpu: 1 } } },
          { name: 'log', image: 'log:1' },
        ],
      },
    },
  },
};

const live = {
  status: { replicas: 2 },
  spec: {
    template: {
      metadata: { annotations: { 'sidecar.istio.io/status': '{"containers":["istio-proxy"]}' } },
      spec: {
        dnsPolicy: 'ClusterFirst',
        containers: [
          { image: 'log:1', name: 'log' },
          { name: 'istio-proxy', image: 'istio' },
          { resources: { limits: { cpu: '1000m' } }, image: 'web:2', name: 'web', imagePullPolicy: 'Always' },
        ],
      },
    },
    replicas: 2,
  },
  metadata: {
    uid: 'u',
    managedFields: [{}],
    annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{}' },
    labels: { app: 'web' },
    name: 'web',
  },
  kind: 'Deployment',
  apiVersion: 'apps/v1',
};

describe('normalizeLiveForDiff', () => {
  it('strips server fields, keeps what the manifest sets, in its order, with equal quantities as written', () => {
    const out = normalizeLiveForDiff(desired, live);
    assert.deepEqual(out, {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', labels: { app: 'web' } },
      spec: {
        replicas: 2,
        template: {
          spec: {
            containers: [
              { name: 'web', image: 'web:2', resources: { limits: { cpu: 1 } } },
              { name: 'log', image: 'log:1' },
            ],
          },
        },
      },
    });
    assert.deepEqual(Object.keys(out as object), ['apiVersion', 'kind', 'metadata', 'spec']);
  });

  it('can keep live-only fields after the manifest ones, still without server fields', () => {
    const out = normalizeLiveForDiff(desired, live, { keepLiveOnlyFields: true }) as typeof live;
    assert.equal(out.status, undefined);
    assert.deepEqual(Object.keys(out.metadata), ['name', 'labels']);
    assert.deepEqual(out.spec.template.spec.containers.map((c) => c.name), ['web', 'log', 'istio-proxy']);
    assert.deepEqual(Object.keys(out.spec.template.spec.containers[0]), ['name', 'image', 'resources', 'imagePullPolicy']);
    assert.equal(out.spec.template.spec.dnsPolicy, 'ClusterFirst');
  });

  it('writes YAML without folding long lines', () => {
    const text = toYaml({ a: 'x'.repeat(200), b: [1, 2] });
    assert.equal(text, `a: ${'x'.repeat(200)}\nb:\n  - 1\n  - 2\n`);
  });
});
