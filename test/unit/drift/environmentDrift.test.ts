import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { computeEnvironmentDrift } from '../../../src/core/drift/environmentDrift';
import { LiveStateError, type LiveState } from '../../../src/core/live/provider';
import { SnapshotProvider } from '../../../src/core/live/snapshotProvider';
import { loadManifests } from '../../../src/core/manifests/loadManifests';
import { parseManifestText } from '../../../src/core/manifests/parseManifestText';
import { resourceIdOf, resourceKey } from '../../../src/core/manifests/resourceId';

const FIXTURE = path.resolve(__dirname, '../../../../test/fixtures/drift');

function liveState(objects: unknown[], complete = true): LiveState {
  return {
    objects: objects.map((object) => {
      const id = resourceIdOf(object)!;
      return { id, key: resourceKey(id), object };
    }),
    complete,
    fetchedAt: new Date(0),
  };
}

const DESIRED = parseManifestText(
  `apiVersion: v1
kind: ConfigMap
metadata:
  name: a
  namespace: shop
data:
  k: v
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: b
  namespace: shop
data:
  k: v
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: c
  namespace: shop
`,
  '/abs/cm.yaml',
).resources;

const cm = (name: string, data: Record<string, string> = {}, namespace = 'shop', extra: Record<string, unknown> = {}) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace, ...extra },
  data,
});

describe('computeEnvironmentDrift', () => {
  it('classifies InSync, Drifted, Missing and Extra, with field locations', () => {
    const drift = computeEnvironmentDrift(DESIRED, liveState([cm('a', { k: 'v' }), cm('b', { k: 'changed' }), cm('extra')]), []);
    assert.deepEqual(
      drift.resources.map((r) => [r.key, r.status]),
      [
        ['v1/ConfigMap/shop/a', 'InSync'],
        ['v1/ConfigMap/shop/b', 'Drifted'],
        ['v1/ConfigMap/shop/c', 'Missing'],
        ['v1/ConfigMap/shop/extra', 'Extra'],
      ],
    );
    assert.equal(drift.status, 'Drifted');
    assert.deepEqual(drift.counts, { InSync: 1, Drifted: 1, Missing: 1, Extra: 1, Unknown: 0, Error: 0 });
    assert.deepEqual(drift.refreshedAt, new Date(0));
    const [field] = drift.resources[1].fields;
    assert.equal(field.path, '/data/k');
    assert.equal(field.live, 'changed');
    assert.equal(field.location?.valueRange.start.line, 14);
    assert.equal(drift.resources[3].resource, undefined);
    assert.deepEqual(drift.resources[3].live, cm('extra'));
  });

  it('is InSync when everything matches', () => {
    const drift = computeEnvironmentDrift(DESIRED.slice(0, 1), liveState([cm('a', { k: 'v' })]), []);
    assert.equal(drift.status, 'InSync');
    assert.equal(drift.error, undefined);
  });

  it('reports no Extra for incomplete live state, other namespaces, owned or generated objects', () => {
    const owned = cm('owned', {}, 'shop', { ownerReferences: [{ kind: 'Deployment', name: 'x' }] });
    const objects = [cm('a', { k: 'v' }), cm('other', {}, 'kube-system'), owned, cm('kube-root-ca.crt')];
    assert.deepEqual(computeEnvironmentDrift(DESIRED.slice(0, 1), liveState(objects), []).counts.Extra, 0);
    assert.deepEqual(computeEnvironmentDrift(DESIRED.slice(0, 1), liveState([...objects, cm('x')], false), []).counts.Extra, 0);
  });

  it('matches a desired resource without namespace to a unique live one in any namespace', () => {
    const [noNs] = parseManifestText('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: solo\ndata:\n  k: v\n', 'f').resources;
    const drift = computeEnvironmentDrift([noNs], liveState([cm('solo', { k: 'v' }, 'team-a')]), []);
    assert.equal(drift.resources[0].status, 'InSync');
    const ambiguous = computeEnvironmentDrift([noNs], liveState([cm('solo', { k: 'v' }, 'team-a'), cm('solo', { k: 'v' }, 'team-b')]), []);
    assert.equal(ambiguous.resources[0].status, 'Missing');
  });

  it('matches across API versions of the same group', () => {
    // Not `namespace: n`: kubectl reads a plain `n` as the boolean false (YAML 1.1).
    const [hpa] = parseManifestText('apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: h\n  namespace: apps\nspec:\n  maxReplicas: 3\n', 'f').resources;
    const live = { apiVersion: 'autoscaling/v1', kind: 'HorizontalPodAutoscaler', metadata: { name: 'h', namespace: 'apps' }, spec: { maxReplicas: 3 } };
    assert.equal(computeEnvironmentDrift([hpa], liveState([live]), []).resources[0].status, 'InSync');
  });

  it('is Error with the reason when the provider failed, Unknown without a live source', () => {
    const failed = computeEnvironmentDrift(DESIRED, new LiveStateError('command', 'boom'), []);
    assert.equal(failed.status, 'Error');
    assert.equal(failed.error, 'boom');
    assert.ok(failed.resources.every((r) => r.status === 'Unknown'));
    const none = computeEnvironmentDrift(DESIRED, undefined, []);
    assert.equal(none.status, 'Unknown');
    assert.equal(none.counts.Unknown, 3);
  });

  it('applies ignore rules', () => {
    const drift = computeEnvironmentDrift(DESIRED.slice(0, 2), liveState([cm('a', { k: 'v' }), cm('b', { k: 'changed' })]), [{ kind: 'ConfigMap', path: 'data.k' }]);
    assert.equal(drift.status, 'InSync');
  });

  it('finds exactly the drift the fixture documents (kustomization + kubectl List snapshot)', async () => {
    const { resources } = await loadManifests(FIXTURE, ['manifests']);
    const live = await new SnapshotProvider(path.join(FIXTURE, 'live')).fetch({ resources });
    const drift = computeEnvironmentDrift(resources, live, []);
    assert.deepEqual(
      drift.resources.map((r) => [r.key, r.status]),
      [
        ['v1/Namespace//shop', 'InSync'],
        ['apps/v1/Deployment/shop/web', 'Drifted'],
        ['v1/Service/shop/web', 'InSync'],
        ['apps/v1/Deployment/shop/worker', 'Missing'],
        ['v1/ConfigMap/shop/web-config', 'Drifted'],
        ['v1/ConfigMap/shop/legacy-flags', 'Extra'],
      ],
    );
    const web = drift.resources[1];
    assert.deepEqual(
      web.fields.map((f) => [f.path, f.desired, f.live, f.location?.valueRange.start.line]),
      [
        ['/spec/template/spec/containers/0/image', 'shop/web:1.4.2', 'shop/web:1.4.1', 20],
        ['/spec/template/spec/containers/0/env/0/value', 'info', 'debug', 26],
      ],
    );
    assert.equal(web.resource?.file, path.join(FIXTURE, 'manifests/web.yaml'));
    assert.deepEqual(drift.resources[4].fields.map((f) => [f.path, f.live]), [['/data/FEATURE_CHECKOUT', 'false']]);
  });

  it('matches a cluster-scoped object whose manifest names a namespace, and scopes Extra by what the server holds', () => {
    const desired = parseManifestText(
      'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: reader\n  namespace: shop\nrules: []\n',
      '/abs/role.yaml',
    ).resources;
    const role = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'reader' } };
    const other = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'hand-made' } };
    const drift = computeEnvironmentDrift(desired, liveState([role, other]), []);
    assert.deepEqual(drift.resources.map((r) => [r.key, r.status]), [
      ['rbac.authorization.k8s.io/v1/ClusterRole/shop/reader', 'InSync'],
      ['rbac.authorization.k8s.io/v1/ClusterRole//hand-made', 'Extra'],
    ]);
  });

  it('reports a resource holding unrendered {{ }} values as Unknown with the reason, not Drifted', () => {
    const desired = parseManifestText('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  namespace: shop\ndata:\n  k: "{{ .Values.k }}"\n  other: x\n', '/abs/cm.yaml').resources;
    const drift = computeEnvironmentDrift(desired, liveState([cm('a', { k: 'v', other: 'changed' })]), []);
    assert.equal(drift.resources[0].status, 'Unknown');
    assert.equal(drift.resources[0].reason, "not rendered (Helm/template) — use Argo CD's rendering or render first");
    assert.deepEqual(drift.resources[0].fields, []);
    assert.equal(drift.status, 'InSync');
  });

  it('uses the configured field managers to tell what the agent applied', () => {
    const desired = parseManifestText('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  namespace: shop\ndata:\n  k: v\n', '/abs/cm.yaml').resources;
    const managedFields = [{ manager: 'shop-deployer', operation: 'Apply', fieldsType: 'FieldsV1', fieldsV1: { 'f:data': { 'f:k': {}, 'f:gone': {} } } }];
    const live = liveState([cm('a', { k: 'v', gone: 'still here' }, 'shop', { managedFields })]);
    assert.equal(computeEnvironmentDrift(desired, live, { ignore: [] }).resources[0].status, 'InSync');
    const own = computeEnvironmentDrift(desired, live, { ignore: [], fieldManagers: ['shop-deployer'] }).resources[0];
    assert.deepEqual(own.fields.map((f) => [f.path, f.reason, f.live]), [['/data/gone', 'extra', 'still here']]);
  });
});
