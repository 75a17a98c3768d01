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

  it('shows on the live side exactly the live-only fields that are drift: a label the agent applied, an extra list item', () => {
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', labels: { a: '1' } }, data: { k: 'v' } };
    const applied = { ...cm, metadata: { name: 'c', labels: { a: '1', gone: 'x' } } };
    const liveCm = { ...applied, metadata: { ...applied.metadata, uid: 'u', annotations: { 'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify(applied), note: 'live only' } } };
    assert.deepEqual(normalizeLiveForDiff(cm, liveCm), { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', labels: { a: '1', gone: 'x' } }, data: { k: 'v' } });

    const binding = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'b' }, subjects: [{ kind: 'User', name: 'ann' }] };
    const liveBinding = { ...binding, subjects: [{ kind: 'User', name: 'ann' }, { kind: 'User', name: 'mallory' }] };
    assert.deepEqual((normalizeLiveForDiff(binding, liveBinding) as typeof binding).subjects, liveBinding.subjects);
  });

  it('keeps keys JavaScript objects inherit as ordinary own keys (constructor, __proto__)', () => {
    const d = JSON.parse('{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"},"data":{"constructor":"a","__proto__":"b"}}') as Record<string, unknown>;
    const l = JSON.parse('{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"},"data":{"constructor":"x","__proto__":"b"}}') as Record<string, unknown>;
    const out = normalizeLiveForDiff(d, l) as { data: Record<string, unknown> };
    assert.deepEqual(Object.keys(out.data), ['constructor', '__proto__']);
    assert.equal(out.data.constructor, 'x');
    assert.equal(Object.getPrototypeOf(out.data), Object.prototype);
    assert.equal(toYaml(out.data), 'constructor: x\n__proto__: b\n');
  });
});
