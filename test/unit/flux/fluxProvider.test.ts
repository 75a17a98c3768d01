import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { describeAgentStatus, type FluxObjectStatus } from '../../../src/core/agent/agentStatus';
import { computeEnvironmentDrift } from '../../../src/core/drift/environmentDrift';
import { FluxProvider, type FluxProviderOptions } from '../../../src/core/live/fluxProvider';
import { LiveStateError } from '../../../src/core/live/provider';
import { parseManifestText } from '../../../src/core/manifests/parseManifestText';
import type { ManifestResource } from '../../../src/core/manifests/manifestResource';
import { FLUX_RESOURCES, fluxHelmRelease, fluxKustomization } from '../../fake-servers/fakeFlux';
import { useRealKubectl } from '../live/realKubectl';

const SHA = 'a1afe267b54f38b46b487f6e938a6fd508278c07';

const cluster = [
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } },
  { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' }, spec: { replicas: 2 } },
  { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'shop' }, data: { LEVEL: 'debug' } },
  { apiVersion: 'v1', kind: 'Service', metadata: { name: 'legacy', namespace: 'shop' }, spec: { ports: [{ port: 80 }] } },
  { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db', namespace: 'shop' }, data: { password: 'cw==' } },
];

const inventory = [
  { apiVersion: 'v1', kind: 'Namespace', name: 'shop' },
  { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', namespace: 'shop' },
  { apiVersion: 'v1', kind: 'ConfigMap', name: 'cfg', namespace: 'shop' },
  { apiVersion: 'v1', kind: 'Service', name: 'legacy', namespace: 'shop' },
];

const DESIRED = `
apiVersion: v1
kind: Namespace
metadata: { name: shop }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: shop }
spec: { replicas: 2 }
---
apiVersion: v1
kind: ConfigMap
metadata: { name: cfg, namespace: shop }
data: { LEVEL: info }
---
apiVersion: v1
kind: ConfigMap
metadata: { name: new-cfg, namespace: shop }
data: { a: "1" }
`;

function desired(yaml: string): ManifestResource[] {
  return parseManifestText(yaml, '/repo/envs/prod/all.yaml').resources;
}

function isFluxError(pattern: RegExp) {
  return (e: unknown): boolean => {
    assert.ok(e instanceof LiveStateError, `expected LiveStateError, got ${String(e)}`);
    assert.equal(e.provider, 'flux');
    assert.match(e.message, pattern);
    return true;
  };
}

describe('FluxProvider (real kubectl, fake Kubernetes API server with Flux CRDs on 127.0.0.1)', function () {
  this.timeout(30_000);
  const kubectl = useRealKubectl('youops-flux-');

  async function provider(objects: unknown[], options: Partial<FluxProviderOptions> & { serve?: boolean; forbidden?: string[] } = {}): Promise<{ flux: FluxProvider; server: Awaited<ReturnType<typeof kubectl.start>>; calls: () => Promise<string[]> }> {
    const { serve = true, forbidden, ...rest } = options;
    const server = await kubectl.start({ objects, extraResources: serve ? FLUX_RESOURCES : [], forbidden });
    const kubeconfig = await server.writeKubeconfig(kubectl.dir, { context: 'kind-prod' });
    // A wrapper that logs each invocation, to count kubectl processes.
    const log = path.join(kubectl.dir, 'calls.log');
    const wrapper = path.join(kubectl.dir, 'kubectl-wrapper.sh');
    await fs.writeFile(wrapper, `#!/bin/sh\necho "$*" >> '${log}'\nexec kubectl "$@"\n`, { mode: 0o755 });
    const flux = new FluxProvider({ kubectlPath: wrapper, kubeconfig, cwd: kubectl.dir, env: kubectl.env(), object: { kind: 'Kustomization', name: 'prod', namespace: 'flux-system' }, ...rest });
    return { flux, server, calls: async () => (await fs.readFile(log, 'utf8')).trim().split('\n') };
  }

  it('reads the Kustomization’s Ready state and revision, and its inventory per kind as the live objects: complete, so Extra and Missing are known', async () => {
    const ks = fluxKustomization({ name: 'prod', revision: `main@sha1:${SHA}`, inventory });
    const { flux, server, calls } = await provider([...cluster, ks]);
    const state = await flux.fetch({ resources: desired(DESIRED) });
    const agent = state.agent as FluxObjectStatus;
    assert.equal(agent.state, 'Ready');
    assert.equal(describeAgentStatus(agent), 'Ready · applied main@sha1:a1afe26');
    assert.deepEqual(state.revision, { text: `main@sha1:${SHA}`, ref: 'main', commit: SHA, from: 'Kustomization flux-system/prod' });
    assert.equal(state.complete, true);
    // One get of the Kustomization, then one per kind and namespace of the inventory.
    const log = await calls();
    assert.equal(log.length, 5, log.join('\n'));
    assert.match(log[0], /--namespace=flux-system get --output=json -- Kustomization\.kustomize\.toolkit\.fluxcd\.io\/prod$/);
    assert.ok(log.some((l) => /--namespace=shop get --output=json --show-managed-fields --ignore-not-found -- Deployment\.v1\.apps\/web$/.test(l)), log.join('\n'));
    assert.ok(log.some((l) => / get --output=json --show-managed-fields --ignore-not-found -- Namespace\/shop$/.test(l) && !l.includes('--namespace=')), log.join('\n'));
    assert.ok(!server.requests.some((r) => /secrets/.test(r)), 'only inventory objects are fetched');

    const drift = computeEnvironmentDrift(desired(DESIRED), state, []);
    const byName = Object.fromEntries(drift.resources.map((r) => [`${r.id.kind}/${r.id.name}`, r.status]));
    assert.deepEqual(byName, { 'Namespace/shop': 'InSync', 'Deployment/web': 'InSync', 'ConfigMap/cfg': 'Drifted', 'ConfigMap/new-cfg': 'Missing', 'Service/legacy': 'Extra' });
  });

  it('keeps the managedFields of inventory objects, so a field Git removed that kustomize-controller applied is drift', async () => {
    // As kustomize-controller applies (server-side, field manager "kustomize-controller"): the label `retired` was in Git.
    const web = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: {
        name: 'web',
        namespace: 'shop',
        labels: { app: 'web', retired: 'yes' },
        managedFields: [{ manager: 'kustomize-controller', operation: 'Apply', apiVersion: 'apps/v1', fieldsType: 'FieldsV1', fieldsV1: { 'f:metadata': { 'f:labels': { 'f:app': {}, 'f:retired': {} } }, 'f:spec': { 'f:replicas': {} } } }],
      },
      spec: { replicas: 2 },
    };
    const ks = fluxKustomization({ name: 'prod', revision: `main@sha1:${SHA}`, inventory: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', namespace: 'shop' }] });
    const { flux } = await provider([web, ks]);
    const resources = desired('apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web, namespace: shop, labels: { app: web } }\nspec: { replicas: 2 }\n');
    const state = await flux.fetch({ resources });
    const meta = (state.objects[0].object as { metadata: Record<string, unknown> }).metadata;
    assert.equal((meta.managedFields as unknown[]).length, 1, 'kubectl get --show-managed-fields keeps them');
    const drift = computeEnvironmentDrift(resources, state, { ignore: [] });
    assert.equal(drift.resources[0].status, 'Drifted');
    assert.deepEqual(drift.resources[0].fields.map((f) => [f.path, f.reason]), [['/metadata/labels/retired', 'extra']]);
  });

  it('says "Flux is not installed in context X" when the cluster serves no Kustomization kind', async () => {
    const { flux } = await provider(cluster, { serve: false });
    await assert.rejects(flux.fetch({ resources: desired(DESIRED) }), isFluxError(/^Flux is not installed in context kind-prod: the cluster serves no Kustomization\.kustomize\.toolkit\.fluxcd\.io/));
    const named = await provider(cluster, { serve: false, context: 'kind-prod' });
    await assert.rejects(named.flux.deployedRevision(), isFluxError(/^Flux is not installed in context kind-prod/));
  });

  it('names a missing Kustomization and its namespace', async () => {
    const { flux } = await provider([...cluster, fluxKustomization({ name: 'staging', revision: `main@sha1:${SHA}`, inventory })]);
    await assert.rejects(flux.fetch({ resources: [] }), isFluxError(/^Kustomization flux-system\/prod not found in context kind-prod$/));
  });

  it('makes an inventory entry kubectl cannot get that resource’s Error and still evaluates the rest', async () => {
    const withSecret = [...inventory, { apiVersion: 'v1', kind: 'Secret', name: 'db', namespace: 'shop' }, { apiVersion: 'example.com/v1', kind: 'Widget', name: 'w', namespace: 'shop' }];
    const { flux } = await provider([...cluster, fluxKustomization({ name: 'prod', revision: `main@sha1:${SHA}`, inventory: withSecret })], { forbidden: ['secrets'] });
    const resources = desired(DESIRED + '---\napiVersion: v1\nkind: Secret\nmetadata: { name: db, namespace: shop }\ndata: { password: cw== }\n');
    const state = await flux.fetch({ resources });
    assert.deepEqual(state.unreadable?.map((u) => u.key), ['v1/Secret/shop/db', 'example.com/v1/Widget/shop/w']);
    assert.match(state.unreadable![0].message, /^kubectl cannot get Secret shop\/db: Error from server \(Forbidden\): secrets "db" is forbidden/);
    assert.match(state.unreadable![1].message, /^kubectl cannot get Widget shop\/w: the server doesn't have a resource type "Widget" \(its CRD is not installed\)/);
    const drift = computeEnvironmentDrift(resources, state, []);
    const secret = drift.resources.find((r) => r.id.kind === 'Secret')!;
    assert.equal(secret.status, 'Error');
    assert.match(secret.error!, /forbidden/);
    assert.equal(drift.resources.find((r) => r.id.kind === 'Widget')?.status, 'Error', 'an unreadable entry without a manifest is listed, not dropped');
    assert.equal(drift.resources.find((r) => r.id.name === 'web')?.status, 'InSync');
    assert.equal(drift.counts.Error, 2);
    assert.equal(drift.status, 'Drifted'); // cfg drifted, new-cfg missing, legacy extra
    assert.equal(drift.error, undefined, 'the environment itself is evaluated');
  });

  it('shows a suspended, a failing and a stalled Kustomization as such', async () => {
    const objects = [
      fluxKustomization({ name: 'prod', revision: `main@sha1:${SHA}`, suspend: true, inventory }),
      fluxKustomization({ name: 'broken', revision: `main@sha1:${SHA}`, ready: 'False', reason: 'BuildFailed', message: "kustomize build failed: accumulating resources: accumulation err='accumulating resources from 'apps': no such file'", inventory }),
      fluxKustomization({ name: 'stuck', ready: 'False', reason: 'ArtifactFailed', stalled: { reason: 'InvalidPath', message: 'kustomization path not found: stat /tmp/kustomization-1464362706/invalid: no such file or directory' } }),
    ];
    const { flux } = await provider([...cluster, ...objects]);
    const suspended = (await flux.fetch({ resources: [] })).agent as FluxObjectStatus;
    assert.equal(suspended.suspended, true);
    assert.equal(describeAgentStatus(suspended), 'Suspended · applied main@sha1:a1afe26');
    const broken = await new FluxProvider({ ...flux['options'], object: { kind: 'Kustomization', name: 'broken', namespace: 'flux-system' } }).fetch({ resources: [] });
    assert.equal(describeAgentStatus(broken.agent!), "Not ready: kustomize build failed: accumulating resources: accumulation err='accumulating resources from 'apps': no such file'");
    const stuck = await new FluxProvider({ ...flux['options'], object: { kind: 'Kustomization', name: 'stuck', namespace: 'flux-system' } }).fetch({ resources: [] });
    assert.equal(describeAgentStatus(stuck.agent!), 'Stalled: kustomization path not found: stat /tmp/kustomization-1464362706/invalid: no such file or directory');
    assert.equal(stuck.revision, undefined, 'never applied: no deployed revision');
    assert.equal(stuck.complete, false, 'no inventory: only the desired objects are fetched');
  });

  it('reads a HelmRelease: its own object and the desired ones, the deployed chart, a commit only for Git charts built per revision', async () => {
    const hr = fluxHelmRelease({ name: 'podinfo', namespace: 'shop', chart: 'podinfo', version: '6.5.3' });
    const gitHr = fluxHelmRelease({ name: 'api', namespace: 'shop', chart: 'api', version: '1.2.0+a1afe267b54f', fromGit: true });
    const { flux } = await provider([...cluster, hr, gitHr], { object: { kind: 'HelmRelease', name: 'podinfo', namespace: 'shop' } });
    const resources = desired(`
apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata: { name: podinfo, namespace: shop }
spec: { interval: 15m }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: shop }
spec: { replicas: 2 }
`);
    const state = await flux.fetch({ resources });
    assert.equal(describeAgentStatus(state.agent!), 'Ready · applied podinfo@6.5.3');
    assert.deepEqual(state.revision, { text: 'podinfo@6.5.3', from: 'HelmRelease shop/podinfo' });
    assert.equal(state.complete, false);
    assert.deepEqual(state.objects.map((o) => o.key).sort(), ['apps/v1/Deployment/shop/web', 'helm.toolkit.fluxcd.io/v2/HelmRelease/shop/podinfo']);
    const drift = computeEnvironmentDrift(resources, state, []);
    assert.deepEqual(drift.resources.map((r) => r.status), ['InSync', 'InSync']);
    const api = await new FluxProvider({ ...flux['options'], object: { kind: 'HelmRelease', name: 'api', namespace: 'shop' } }).deployedRevision();
    assert.deepEqual(api, { text: 'api@1.2.0+a1afe267b54f', from: 'HelmRelease shop/api', commit: 'a1afe267b54f' });
  });

  it('reads only the Kustomization for the deployed revision', async () => {
    const { flux, calls } = await provider([...cluster, fluxKustomization({ name: 'prod', revision: `main@sha1:${SHA}`, inventory })]);
    assert.equal((await flux.deployedRevision())?.commit, SHA);
    assert.equal((await calls()).length, 1);
  });
});
