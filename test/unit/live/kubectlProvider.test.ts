import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { computeEnvironmentDrift } from '../../../src/core/drift/environmentDrift';
import { KubectlProvider, kubectlTarget, type KubectlProviderOptions } from '../../../src/core/live/kubectlProvider';
import { LiveStateError } from '../../../src/core/live/provider';
import { parseManifestText } from '../../../src/core/manifests/parseManifestText';
import type { ManifestResource } from '../../../src/core/manifests/manifestResource';
import { freePort, useRealKubectl } from './realKubectl';

const clusterObjects = [
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } },
  { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' }, spec: { replicas: 2 } },
  { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'shop' }, data: { a: '1' } },
  { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'other' }, data: { a: 'other' } },
];

function desired(yaml: string): ManifestResource[] {
  return parseManifestText(yaml, '/repo/desired.yaml').resources;
}

function isLiveError(pattern: RegExp) {
  return (e: unknown): boolean => {
    assert.ok(e instanceof LiveStateError, `expected LiveStateError, got ${String(e)}`);
    assert.equal(e.provider, 'kubectl');
    assert.match(e.message, pattern);
    return true;
  };
}

describe('KubectlProvider (real kubectl)', function () {
  this.timeout(30_000);
  const kubectl = useRealKubectl('youops-kubectl-');

  function provider(options: Partial<KubectlProviderOptions>): KubectlProvider {
    return new KubectlProvider({ cwd: kubectl.dir, env: kubectl.env(), ...options });
  }

  it('fetches desired objects with one kubectl get per namespace; absent ones are not returned (fake Kubernetes API server on 127.0.0.1)', async () => {
    const server = await kubectl.start({ objects: clusterObjects });
    const kubeconfig = await server.writeKubeconfig(kubectl.dir);
    const resources = desired(`
apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: shop }
---
apiVersion: v1
kind: ConfigMap
metadata: { name: cfg, namespace: shop }
---
apiVersion: v1
kind: ConfigMap
metadata: { name: gone, namespace: shop }
---
apiVersion: v1
kind: ConfigMap
metadata: { name: cfg, namespace: other }
---
apiVersion: v1
kind: Namespace
metadata: { name: shop }
`);
    // A wrapper that logs each invocation, to count kubectl processes.
    const log = path.join(kubectl.dir, 'calls.log');
    const wrapper = path.join(kubectl.dir, 'kubectl-wrapper.sh');
    await fs.writeFile(wrapper, `#!/bin/sh\necho "$*" >> '${log}'\nexec kubectl "$@"\n`, { mode: 0o755 });
    const state = await provider({ kubectlPath: wrapper, kubeconfig: path.basename(kubeconfig) }).fetch({ resources }); // kubeconfig relative to cwd
    const calls = (await fs.readFile(log, 'utf8')).trim().split('\n');
    assert.equal(calls.length, 3, calls.join('\n')); // shop, other, and no namespace (the Namespace object)
    assert.match(calls[0], /--namespace=shop .*get --output=json --show-managed-fields --ignore-not-found -- Deployment\.v1\.apps\/web ConfigMap\/cfg ConfigMap\/gone$/);
    assert.deepEqual(state.objects.map((o) => o.key).sort(), ['apps/v1/Deployment/shop/web', 'v1/ConfigMap/other/cfg', 'v1/ConfigMap/shop/cfg', 'v1/Namespace//shop']);
    assert.equal(state.complete, false);
    const gets = server.requests.map((r) => r.replace('GET ', '').split('?')[0]);
    assert.ok(gets.includes('/api/v1/namespaces/shop/configmaps/gone'), gets.join('\n'));
    assert.ok(gets.includes('/api/v1/namespaces/other/configmaps/cfg'), gets.join('\n'));
    assert.ok(!server.requests.some((r) => /watch=/.test(r)), 'no watch requests');
  });

  it('keeps managedFields and last-applied-configuration, so drift sees a hand edit and a field Git removed (fake Kubernetes API server on 127.0.0.1)', async () => {
    const binding = {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: {
        name: 'cluster-admins',
        labels: { team: 'platform', retired: 'yes' },
        annotations: { 'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: 'cluster-admins', labels: { team: 'platform', retired: 'yes' } } }) },
        managedFields: [
          { manager: 'kubectl-client-side-apply', operation: 'Update', apiVersion: 'rbac.authorization.k8s.io/v1', fieldsType: 'FieldsV1', fieldsV1: { 'f:roleRef': {}, 'f:subjects': {} } },
          { manager: 'kubectl-edit', operation: 'Update', apiVersion: 'rbac.authorization.k8s.io/v1', fieldsType: 'FieldsV1', fieldsV1: { 'f:subjects': {} } },
        ],
      },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' },
      subjects: [
        { apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'platform-admins' },
        { apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'mallory@example.com' },
      ],
    };
    const server = await kubectl.start({
      objects: [binding],
      extraResources: [{ group: 'rbac.authorization.k8s.io', version: 'v1', kind: 'ClusterRoleBinding', plural: 'clusterrolebindings', namespaced: false }],
    });
    const kubeconfig = await server.writeKubeconfig(kubectl.dir);
    // kustomize's namespace: transformer wrote a namespace on a cluster-scoped object; the label `retired` left Git.
    const resources = desired(`
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: cluster-admins, namespace: shop, labels: { team: platform } }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin }
subjects:
  - { apiGroup: rbac.authorization.k8s.io, kind: Group, name: platform-admins }
`);
    const state = await provider({ kubeconfig }).fetch({ resources });
    const meta = (state.objects[0].object as { metadata: Record<string, unknown> }).metadata;
    assert.equal((meta.managedFields as unknown[]).length, 2, 'kubectl get --show-managed-fields keeps them');
    const drift = computeEnvironmentDrift(resources, state, { ignore: [] });
    assert.equal(drift.resources[0].status, 'Drifted');
    assert.deepEqual(drift.resources[0].fields.map((f) => [f.path, f.reason]), [
      ['/metadata/labels/retired', 'extra'],
      ['/subjects', 'changed'],
    ]);
  });

  it('uses the context, its namespace, or the configured namespace for resources that name none (fake Kubernetes API server on 127.0.0.1)', async () => {
    const server = await kubectl.start({ objects: clusterObjects });
    const kubeconfig = await server.writeKubeconfig(kubectl.dir, { context: 'staging', namespace: 'other' });
    const resources = desired('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\n');
    const fromContext = await provider({ kubeconfig, context: 'staging' }).fetch({ resources });
    assert.deepEqual((fromContext.objects[0].object as { data: unknown }).data, { a: 'other' });
    const fromConfig = await provider({ kubeconfig, context: 'staging', namespace: 'shop' }).fetch({ resources });
    assert.deepEqual((fromConfig.objects[0].object as { data: unknown }).data, { a: '1' });
  });

  it('treats kinds the server does not know (CRD not installed) as missing, still fetching the rest (fake Kubernetes API server on 127.0.0.1)', async () => {
    const server = await kubectl.start({ objects: clusterObjects });
    const kubeconfig = await server.writeKubeconfig(kubectl.dir);
    const resources = desired(`
apiVersion: example.com/v1
kind: Widget
metadata: { name: w, namespace: shop }
---
apiVersion: v1
kind: ConfigMap
metadata: { name: cfg, namespace: shop }
`);
    const state = await provider({ kubeconfig }).fetch({ resources });
    assert.deepEqual(state.objects.map((o) => o.key), ['v1/ConfigMap/shop/cfg']);
  });

  it('reports a wrong context with kubectl’s stderr (fake Kubernetes API server on 127.0.0.1)', async () => {
    const server = await kubectl.start({ objects: clusterObjects });
    const kubeconfig = await server.writeKubeconfig(kubectl.dir);
    await assert.rejects(provider({ kubeconfig, context: 'nope' }).fetch({ resources: desired('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg, namespace: shop}\n') }), isLiveError(/exited with code 1:\n.*context "nope" does not exist/));
  });

  it('times out against a server that does not answer (fake Kubernetes API server on 127.0.0.1)', async () => {
    const server = await kubectl.start({ objects: clusterObjects, delayMs: 20_000 });
    const kubeconfig = await server.writeKubeconfig(kubectl.dir);
    const started = Date.now();
    await assert.rejects(provider({ kubeconfig, timeoutMs: 1_000 }).fetch({ resources: desired('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg, namespace: shop}\n') }), isLiveError(/kubectl get \(1 object, namespace shop\)/));
    assert.ok(Date.now() - started < 15_000, `took ${Date.now() - started}ms`);
  });

  it('reports an unreachable cluster with kubectl’s stderr', async () => {
    const port = await freePort();
    const kubeconfig = path.join(kubectl.dir, 'kubeconfig');
    await fs.writeFile(kubeconfig, `apiVersion: v1\nkind: Config\nclusters: [{name: c, cluster: {server: "http://127.0.0.1:${port}"}}]\ncontexts: [{name: c, context: {cluster: c, user: u}}]\ncurrent-context: c\nusers: [{name: u, user: {}}]\n`);
    await assert.rejects(provider({ kubeconfig, timeoutMs: 5_000 }).fetch({ resources: desired('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg, namespace: shop}\n') }), isLiveError(/refused/));
  });

  it('says so when kubectl is not installed, and runs nothing for an empty environment', async () => {
    const missing = provider({ kubectlPath: path.join(kubectl.dir, 'no-such-kubectl') });
    await assert.rejects(missing.fetch({ resources: desired('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg}\n') }), isLiveError(/kubectl not found at ".*no-such-kubectl" \(install kubectl or set youops.kubectl.path\)/));
    assert.deepEqual((await missing.fetch({ resources: [] })).objects, []);
  });

  it('names targets fully qualified so CRD kinds are unambiguous', () => {
    assert.equal(kubectlTarget({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }), 'Deployment.v1.apps/web');
    assert.equal(kubectlTarget({ apiVersion: 'v1', kind: 'ConfigMap', name: 'cfg' }), 'ConfigMap/cfg');
  });
});
