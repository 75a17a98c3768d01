import * as assert from 'node:assert/strict';
import { diffObjects, type DiffOptions } from '../../../src/core/drift/compare';

const DEPLOYMENT: DiffOptions = { kind: 'Deployment', apiVersion: 'apps/v1', ignore: [] };

function deployment(containers: unknown[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'shop' },
    spec: { replicas: 2, template: { spec: { containers } }, ...extra },
  };
}

describe('diffObjects', () => {
  it('finds nothing when live only adds defaults, status and server metadata', () => {
    const desired = deployment([{ name: 'web', image: 'web:1' }]);
    const live = deployment([{ name: 'web', image: 'web:1', imagePullPolicy: 'IfNotPresent', terminationMessagePath: '/dev/termination-log' }], {
      progressDeadlineSeconds: 600,
    });
    Object.assign(live.metadata as object, { uid: 'u', resourceVersion: '1', generation: 4, creationTimestamp: 'now', managedFields: [{}] });
    live.status = { replicas: 2 };
    assert.deepEqual(diffObjects(desired, live, DEPLOYMENT), []);
  });

  it('does not compare status or server metadata even when the manifest sets them', () => {
    const desired = { ...deployment([]), status: { replicas: 9 }, metadata: { name: 'web', uid: 'x', resourceVersion: '1' } };
    const live = { ...deployment([]), status: { replicas: 1 }, metadata: { name: 'web', uid: 'y', resourceVersion: '2' } };
    assert.deepEqual(diffObjects(desired, live, DEPLOYMENT), []);
  });

  it('reports changed scalars with JSON pointers into the desired document', () => {
    const drifts = diffObjects(deployment([{ name: 'web', image: 'web:2' }]), deployment([{ name: 'web', image: 'web:1' }], { replicas: 5 }), DEPLOYMENT);
    assert.deepEqual(drifts, [
      { path: '/spec/replicas', desired: 2, live: 5, reason: 'changed' },
      { path: '/spec/template/spec/containers/0/image', desired: 'web:2', live: 'web:1', reason: 'changed' },
    ]);
  });

  it('does not treat a sidecar its injector recorded as drift, but an unexplained extra container is', () => {
    const desired = deployment([{ name: 'web', image: 'web:1' }]);
    const containers = [
      { name: 'istio-proxy', image: 'istio/proxyv2' },
      { name: 'web', image: 'web:1' },
    ];
    const injected = deployment(containers);
    (injected.spec as { template: Record<string, unknown> }).template.metadata = { annotations: { 'sidecar.istio.io/status': '{"containers":["istio-proxy"]}' } };
    assert.deepEqual(diffObjects(desired, injected, DEPLOYMENT), []);
    assert.deepEqual(diffObjects(desired, deployment(containers), DEPLOYMENT), [
      { path: '/spec/template/spec/containers', desired: undefined, live: [{ name: 'istio-proxy', image: 'istio/proxyv2' }], reason: 'extra' },
    ]);
  });

  it('does not treat reordered containers as drift, but finds the real change', () => {
    const desired = deployment([
      { name: 'a', image: 'a:1' },
      { name: 'b', image: 'b:1' },
    ]);
    const live = deployment([
      { name: 'b', image: 'b:2' },
      { name: 'a', image: 'a:1' },
    ]);
    assert.deepEqual(diffObjects(desired, live, DEPLOYMENT), [{ path: '/spec/template/spec/containers/1/image', desired: 'b:1', live: 'b:2', reason: 'changed' }]);
  });

  it('reports a container missing from live as one missing item', () => {
    const drifts = diffObjects(deployment([{ name: 'web' }, { name: 'log' }]), deployment([{ name: 'web' }]), DEPLOYMENT);
    assert.deepEqual(drifts, [{ path: '/spec/template/spec/containers/1', desired: { name: 'log' }, live: undefined, reason: 'missing' }]);
  });

  it('matches ports by containerPort+protocol, defaulting protocol to TCP', () => {
    const desired = deployment([{ name: 'web', ports: [{ containerPort: 53, protocol: 'UDP', name: 'dns-udp' }, { containerPort: 53, name: 'dns-tcp' }] }]);
    const live = deployment([
      {
        name: 'web',
        ports: [
          { containerPort: 53, protocol: 'TCP', name: 'dns-tcp' },
          { containerPort: 53, protocol: 'UDP', name: 'dns' },
        ],
      },
    ]);
    assert.deepEqual(diffObjects(desired, live, DEPLOYMENT), [
      { path: '/spec/template/spec/containers/0/ports/0/name', desired: 'dns-udp', live: 'dns', reason: 'changed' },
    ]);
  });

  it('matches env entries by name; an extra live entry is drift', () => {
    const desired = deployment([{ name: 'web', env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }] }]);
    const live = deployment([{ name: 'web', env: [{ name: 'B', value: '2' }, { name: 'A', value: 'x' }, { name: 'ADDED', value: 'y' }] }]);
    assert.deepEqual(diffObjects(desired, live, DEPLOYMENT).map((d) => [d.path, d.live, d.reason]), [
      ['/spec/template/spec/containers/0/env/0/value', 'x', 'changed'],
      ['/spec/template/spec/containers/0/env', [{ name: 'ADDED', value: 'y' }], 'extra'],
    ]);
  });

  it('compares resource quantities by value', () => {
    const desired = deployment([{ name: 'web', resources: { requests: { cpu: 0.5, memory: '1Gi' }, limits: { cpu: 1, memory: '2Gi' } } }]);
    const live = deployment([{ name: 'web', resources: { requests: { cpu: '500m', memory: '1024Mi' }, limits: { cpu: '1', memory: '2G' } } }]);
    assert.deepEqual(diffObjects(desired, live, DEPLOYMENT).map((d) => d.path), ['/spec/template/spec/containers/0/resources/limits/memory']);
  });

  it('keeps other scalars strict: 80 is not "80" outside quantities', () => {
    const svc = (targetPort: unknown) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: [{ port: 80, targetPort }] } });
    const drifts = diffObjects(svc('8080'), svc(8080), { kind: 'Service', apiVersion: 'v1', ignore: [] });
    assert.deepEqual(drifts, [{ path: '/spec/ports/0/targetPort', desired: '8080', live: 8080, reason: 'changed' }]);
  });

  it('treats desired null as unset', () => {
    const desired = deployment([{ name: 'web', image: null }], { strategy: null });
    const live = deployment([{ name: 'web', image: 'web:1' }], { strategy: { type: 'Recreate' } });
    assert.deepEqual(diffObjects(desired, live, DEPLOYMENT), []);
  });

  it('reports missing leaves individually when a whole map is absent live, and skips empty lists/maps', () => {
    const desired = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', labels: { a: '1', b: '2' }, annotations: {} }, data: { x: 'y' }, binaryData: {} };
    const live = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { x: 'y' } };
    assert.deepEqual(diffObjects(desired, live, { kind: 'ConfigMap', apiVersion: 'v1', ignore: [] }), [
      { path: '/metadata/labels/a', desired: '1', live: undefined, reason: 'missing' },
      { path: '/metadata/labels/b', desired: '2', live: undefined, reason: 'missing' },
    ]);
  });

  it('applies ignore rules by kind, path, index, * and item name', () => {
    const desired = deployment([{ name: 'web', image: 'web:2', args: ['--a'] }, { name: 'log', image: 'log:2' }]);
    const live = deployment([{ name: 'web', image: 'web:1', args: ['--b'] }, { name: 'log', image: 'log:1' }], { replicas: 7 });
    const diff = (ignore: DiffOptions['ignore']) => diffObjects(desired, live, { ...DEPLOYMENT, ignore }).map((d) => d.path);
    assert.deepEqual(diff([]), ['/spec/replicas', '/spec/template/spec/containers/0/image', '/spec/template/spec/containers/0/args', '/spec/template/spec/containers/1/image']);
    assert.deepEqual(diff([{ kind: 'Deployment', path: 'spec.replicas' }, { path: 'spec.template.spec.containers.*.image' }]), ['/spec/template/spec/containers/0/args']);
    assert.deepEqual(diff([{ kind: 'StatefulSet', path: 'spec.replicas' }, { path: 'spec.template.spec.containers.1' }, { path: 'spec.template.spec.containers.web.args' }]), [
      '/spec/replicas',
      '/spec/template/spec/containers/0/image',
    ]);
  });

  it('ignores an annotation whose key contains dots via the escaped path', () => {
    const desired = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', annotations: { 'example.com/owner': 'a', keep: 'x' } } };
    const live = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', annotations: { 'example.com/owner': 'b', keep: 'y' } } };
    const drifts = diffObjects(desired, live, { kind: 'ConfigMap', apiVersion: 'v1', ignore: [{ path: 'metadata.annotations.example\\.com/owner' }] });
    assert.deepEqual(drifts.map((d) => d.path), ['/metadata/annotations/keep']);
  });

  it('compares atomic lists whole: scalar lists as values, object lists item by item and by length', () => {
    const desired = deployment([{ name: 'web', args: ['--port', '80'] }], { template: { spec: { tolerations: [{ key: 'a', operator: 'Exists' }] } } });
    const sameLength = deployment([], { template: { spec: { tolerations: [{ key: 'a', operator: 'Equal', effect: 'NoSchedule' }] } } });
    assert.deepEqual(diffObjects(desired, sameLength, DEPLOYMENT).map((d) => [d.path, d.live]), [['/spec/template/spec/tolerations/0/operator', 'Equal']]);
    const longer = deployment([], { template: { spec: { tolerations: [{ key: 'a', operator: 'Exists' }, { key: 'added' }] } } });
    assert.deepEqual(diffObjects(desired, longer, DEPLOYMENT).map((d) => [d.path, d.live]), [['/spec/template/spec/tolerations', [{ key: 'a', operator: 'Exists' }, { key: 'added' }]]]);
    const args = diffObjects(deployment([{ name: 'web', args: ['a', 'b'] }]), deployment([{ name: 'web', args: ['a', 'b', 'c'] }]), DEPLOYMENT);
    assert.deepEqual(args, [{ path: '/spec/template/spec/containers/0/args', desired: ['a', 'b'], live: ['a', 'b', 'c'], reason: 'changed' }]);
  });

  it('matches lists of named items by name for unknown kinds (CRDs)', () => {
    const desired = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, spec: { parts: [{ name: 'a', size: 1 }, { name: 'b', size: 2 }] } };
    const live = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, spec: { parts: [{ name: 'b', size: 2 }, { name: 'a', size: 3 }] } };
    assert.deepEqual(diffObjects(desired, live, { kind: 'Widget', apiVersion: 'example.com/v1', ignore: [] }).map((d) => [d.path, d.live]), [['/spec/parts/0/size', 3]]);
  });

  it('reports a type change at the field', () => {
    const drifts = diffObjects({ kind: 'X', spec: { a: { b: 1 } } }, { kind: 'X', spec: { a: 'text' } }, { kind: 'X', apiVersion: 'v1', ignore: [] });
    assert.deepEqual(drifts, [{ path: '/spec/a', desired: { b: 1 }, live: 'text', reason: 'changed' }]);
  });

  it('skips only the fields a provider marks hidden; an unmarked plus run is an ordinary value', () => {
    const secret: DiffOptions = { kind: 'Secret', apiVersion: 'v1', ignore: [] };
    const desired = { kind: 'Secret', data: { a: 'YQ==', b: 'Yg==' }, stringData: { c: 'see' } };
    const live = { kind: 'Secret', data: { a: '++++++++', b: '++++++++', c: '++++++++' } };
    const hidden = new Set(['/data/a', '/stringData/c']);
    assert.deepEqual(diffObjects(desired, live, { ...secret, hidden }).map((d) => d.path), ['/data/b']);
    // A snapshot or kubectl object is never marked: its values are what the cluster holds.
    assert.deepEqual(diffObjects(desired, live, secret).map((d) => d.path), ['/data/a', '/data/b', '/stringData/c']);
  });

  it('compares keys JavaScript objects inherit like any key', () => {
    const cm = (data: Record<string, string>) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', labels: JSON.parse('{"toString":"t"}') as object }, data: JSON.parse(JSON.stringify(data)) as object });
    const opts: DiffOptions = { kind: 'ConfigMap', apiVersion: 'v1', ignore: [] };
    assert.deepEqual(diffObjects(cm(JSON.parse('{"constructor":"a","__proto__":"p","hasOwnProperty":"h"}')), cm({}), opts).map((d) => [d.path, d.reason]), [
      ['/data/constructor', 'missing'],
      ['/data/__proto__', 'missing'],
      ['/data/hasOwnProperty', 'missing'],
    ]);
    assert.deepEqual(diffObjects(cm(JSON.parse('{"constructor":"a"}')), cm(JSON.parse('{"constructor":"a"}')), opts), []);
  });

  it('treats metadata.finalizers as a set: order is no drift, a value missing live is', () => {
    const obj = (finalizers: string[]) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', finalizers } });
    const opts: DiffOptions = { kind: 'ConfigMap', apiVersion: 'v1', ignore: [] };
    assert.deepEqual(diffObjects(obj(['a', 'b']), obj(['b', 'a']), opts), []);
    assert.deepEqual(diffObjects(obj(['a', 'b']), obj(['b']), opts).map((d) => [d.path, d.reason]), [['/metadata/finalizers/0', 'missing']]);
    assert.deepEqual(diffObjects(obj(['a']), obj(['a', 'x']), opts).map((d) => [d.path, d.live, d.reason]), [['/metadata/finalizers', ['x'], 'extra']]);
  });

  it('compares quantities by value only where the schema types them resource.Quantity', () => {
    const hpa = (averageValue: unknown) => ({ apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', spec: { metrics: [{ type: 'Pods', pods: { target: { type: 'AverageValue', averageValue } } }] } });
    assert.deepEqual(diffObjects(hpa(0.5), hpa('500m'), { kind: 'HorizontalPodAutoscaler', apiVersion: 'autoscaling/v2', ignore: [] }), []);
    const cm = (limits: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', data: { limits } });
    assert.deepEqual(diffObjects(cm('1000m'), cm('1'), { kind: 'ConfigMap', apiVersion: 'v1', ignore: [] }).map((d) => d.path), ['/data/limits']);
    const crd = (cpu: unknown) => ({ apiVersion: 'example.com/v1', kind: 'Widget', spec: { resources: { limits: { cpu } } } });
    assert.deepEqual(diffObjects(crd('1000m'), crd('1'), { kind: 'Widget', apiVersion: 'example.com/v1', ignore: [] }).map((d) => d.path), ['/spec/resources/limits/cpu']);
  });

  it('reports a reordered ordered list (initContainers) once, and not a reordered keyed one', () => {
    const init = (names: string[]) => deployment([], { template: { spec: { containers: [{ name: 'app' }], initContainers: names.map((name) => ({ name, image: `${name}:1` })) } } });
    assert.deepEqual(diffObjects(init(['a', 'b']), init(['b', 'a']), DEPLOYMENT).map((d) => [d.path, d.reason]), [['/spec/template/spec/initContainers', 'changed']]);
    assert.deepEqual(diffObjects(init(['a', 'b']), init(['a', 'b']), DEPLOYMENT), []);
  });

  it('does not report an extra item a controller owns (managedFields of a manager other than the agent and people)', () => {
    const desired = deployment([{ name: 'web', image: 'web:1' }]);
    const live = deployment([{ name: 'web', image: 'web:1' }, { name: 'agent', image: 'vendor/agent:2' }]);
    const owned = (manager: string) => ({ ...live, metadata: { name: 'web', namespace: 'shop', managedFields: [{ manager, operation: 'Update', fieldsType: 'FieldsV1', fieldsV1: { 'f:spec': { 'f:template': { 'f:spec': { 'f:containers': { 'k:{"name":"agent"}': { '.': {} } } } } } } }] } });
    assert.deepEqual(diffObjects(desired, owned('vendor-injector'), DEPLOYMENT), []);
    for (const person of ['kubectl-edit', 'kubectl-patch', 'Mozilla']) assert.equal(diffObjects(desired, owned(person), DEPLOYMENT).length, 1, person);
    assert.equal(diffObjects(desired, owned('argocd-controller'), DEPLOYMENT).length, 1, 'the agent applied it and Git no longer has it');
  });
});
