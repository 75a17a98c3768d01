import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseConfigText } from '../../../src/core/config/loadConfig';
import { desiredValueSource } from '../../../src/core/environments/driftSources';
import { evaluateEnvironment } from '../../../src/core/environments/evaluateEnvironment';
import { KustomizeRenderer } from '../../../src/core/kustomize/kustomizeRenderer';
import { startFakeArgoCdServer, type FakeArgoCdServer } from '../../fake-servers/fakeArgoCdServer';
import { copyFixture, describeSource, liveSnapshotOf, requireKustomizeV5, SHOP_FIXTURE } from './kustomizeFixture';

/**
 * `desired: argocd` compares Argo CD's own rendering (targetState) with live state: here the
 * prod overlay as Argo CD's kustomize renders it (the real `kubectl kustomize` output, with the
 * tracking label Argo CD adds), plus an object from a Helm chart no workspace file holds. The
 * Argo CD API is a loopback server speaking its managed-resources shape (no real Argo CD runs here).
 */
describe('desired: argocd — Argo CD targetState as desired state, mapped back to workspace lines (fake Argo CD API on loopback)', function () {
  this.timeout(60_000);
  let root: string;
  let argo: FakeArgoCdServer;

  before(requireKustomizeV5);
  beforeEach(async () => {
    root = copyFixture(SHOP_FIXTURE);
    const track = (o: Record<string, any>) => {
      o.metadata.labels = { ...o.metadata.labels, 'app.kubernetes.io/instance': 'shop-prod' };
    };
    const targets = JSON.parse(liveSnapshotOf(path.join(root, 'overlays/prod'), track)).items.map((o: Record<string, any>) => {
      delete o.metadata.uid;
      delete o.metadata.resourceVersion;
      delete o.metadata.creationTimestamp;
      delete o.status;
      return o;
    });
    const lives = JSON.parse(
      liveSnapshotOf(path.join(root, 'overlays/prod'), (o) => {
        track(o);
        if (o.kind === 'Deployment') o.spec.replicas = 2;
      }),
    ).items;
    const chart = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'redis-config', namespace: 'shop-prod', labels: { 'helm.sh/chart': 'redis-19.0.1' } }, data: { maxmemory: '256mb' } };
    argo = await startFakeArgoCdServer({
      apps: [
        {
          name: 'shop-prod',
          sync: 'OutOfSync',
          resources: [
            ...targets.map((t: Record<string, any>, i: number) => ({ target: t, live: lives[i] })),
            { target: chart, live: { ...chart, data: { maxmemory: '512mb' } } },
            { target: { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'migrate', namespace: 'shop-prod' }, spec: { template: { spec: { containers: [] } } } }, live: null },
          ],
        },
      ],
    });
  });
  afterEach(async () => {
    await argo.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('reports drift of Argo CD\'s rendering, each workspace object at the line that sets it, Helm objects without a file', async () => {
    const text = `version: 1\nenvironments:\n  - name: prod\n    manifests: overlays/prod\n    live:\n      argocd: { server: "${argo.url}", app: shop-prod, desired: argocd }\n`;
    const parsed = parseConfigText(text);
    assert.deepEqual(parsed.problems, []);
    const config = parsed.config!;
    const s = await evaluateEnvironment(config.environments[0], config, { rootDir: root, trusted: true, renderer: new KustomizeRenderer() });
    assert.equal(s.rendering?.tool, 'Argo CD');
    assert.deepEqual(
      s.drift.resources.map((r) => [r.status, r.id.kind, r.id.name.replace(/-[a-z0-9]{10}$/, '-<hash>'), r.resource ? (r.resource.file ? path.relative(root, r.resource.file) : '(no file)') : null]),
      [
        ['InSync', 'ConfigMap', 'eu-settings-<hash>', 'base/kustomization.yaml'],
        ['InSync', 'Service', 'eu-web', 'base/service.yaml'],
        ['Drifted', 'Deployment', 'eu-web', 'base/deployment.yaml'],
        ['Drifted', 'ConfigMap', 'redis-config', '(no file)'],
        ['Missing', 'Job', 'migrate', '(no file)'],
      ],
    );
    const deployment = s.drift.resources[2];
    assert.deepEqual(
      deployment.fields.map((f) => [f.path, f.desired, f.live, ...describeSource(root, desiredValueSource(deployment, f))]),
      [['/spec/replicas', 3, 2, 'overlays/prod/kustomization.yaml:17 replicas replicas[web].count', 'base/deployment.yaml:8 resource']],
    );
    const chart = s.drift.resources[3];
    assert.deepEqual(chart.fields.map((f) => [f.path, f.desired, f.live]), [['/data/maxmemory', '256mb', '512mb']]);
  });
});
