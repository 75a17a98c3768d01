import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadConfigFile } from '../../../src/core/config/loadConfig';
import { applyPromotion } from '../../../src/core/gitops/applyPromotion';
import { planPromotion } from '../../../src/core/gitops/promotionPlan';
import { unifiedDiff } from '../../../src/core/gitops/unifiedDiff';
import { DEMO, writeFile } from './gitFixture';
import { NEW_RESOURCES, NEW_RESOURCES_PROMOTED } from './newResourceTree';

async function demoConfig(dir = DEMO) {
  const { config } = await loadConfigFile(path.join(dir, 'youops.yaml'));
  assert.ok(config);
  return config;
}

const OVERLAYS = {
  'youops.yaml': 'version: 1\nenvironments:\n  - name: staging\n    manifests: overlays/staging\n  - name: prod\n    manifests: overlays/prod\n    promotesFrom: staging\n',
  'base/kustomization.yaml': 'resources:\n  - web.yaml\n',
  'base/web.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: ghcr.io/acme/web:1.0.0\n',
  'overlays/staging/kustomization.yaml': 'resources:\n  - ../../base\nimages:\n  - name: ghcr.io/acme/web\n    newTag: 1.5.0\n',
  'overlays/prod/kustomization.yaml': '# prod overlay\nresources:\n  - ../../base\nimages:\n  - name: ghcr.io/acme/web\n    newTag: 1.4.0 # approved by CAB\n',
};

function tempTree(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'youops-plan-'));
  for (const [rel, text] of Object.entries(files)) writeFile(path.join(dir, rel), text);
  return dir;
}

describe('promotion plan (gitops/planPromotion)', () => {
  it('lists what differs between staging and prod in the demo, image tags preselected, env-specific values not', async () => {
    const plan = await planPromotion({ config: await demoConfig(), rootDir: DEMO, to: 'prod' });
    assert.equal(plan.from, 'staging');
    const byLabel = Object.fromEntries(plan.changes.map((c) => [c.label, c]));
    assert.deepEqual(Object.keys(byLabel).sort(), [
      'Deployment api: spec.replicas',
      'Deployment web: spec.replicas',
      'Deployment web: spec.template.spec.containers[name=web].image',
      'Deployment web: spec.template.spec.containers[name=web].resources.limits.memory',
    ]);
    const image = byLabel['Deployment web: spec.template.spec.containers[name=web].image'];
    assert.equal(image.suggested, true);
    assert.equal(image.from, 'ghcr.io/acme/shop-web:1.4.2');
    assert.equal(image.to, 'ghcr.io/acme/shop-web:1.4.1');
    assert.equal(image.file, path.join(DEMO, 'envs/prod/web.yaml'));
    assert.equal(image.line, 21);
    assert.equal(byLabel['Deployment web: spec.replicas'].suggested, false);
  });

  it('limits the plan to one resource with kind/name', async () => {
    const plan = await planPromotion({ config: await demoConfig(), rootDir: DEMO, to: 'prod', resource: 'deployment/api' });
    assert.deepEqual(plan.changes.map((c) => c.label), ['Deployment api: spec.replicas']);
    await assert.rejects(planPromotion({ config: await demoConfig(), rootDir: DEMO, to: 'prod', resource: 'deployment/nope' }), /no resource deployment\/nope/);
  });

  it('produces a patch git apply accepts and that yields exactly the edited file', async () => {
    const plan = await planPromotion({ config: await demoConfig(), rootDir: DEMO, to: 'prod' });
    const [file] = applyPromotion(plan, plan.changes.filter((c) => c.suggested).map((c) => c.id));
    assert.equal(file.after, file.before?.replace('shop-web:1.4.1', 'shop-web:1.4.2'));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'youops-apply-'));
    try {
      writeFile(path.join(dir, 'envs/prod/web.yaml'), file.before ?? '');
      fs.writeFileSync(path.join(dir, 'p.patch'), unifiedDiff('envs/prod/web.yaml', file.before, file.after));
      execFileSync('git', ['apply', 'p.patch'], { cwd: dir });
      assert.equal(fs.readFileSync(path.join(dir, 'envs/prod/web.yaml'), 'utf8'), file.after);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('promotes a kustomize image override in the target overlay, not in the shared base', async () => {
    const dir = tempTree(OVERLAYS);
    try {
      const config = await demoConfig(dir);
      const plan = await planPromotion({ config, rootDir: dir, to: 'prod' });
      assert.deepEqual(plan.changes.map((c) => [c.label, c.from, c.to, path.relative(dir, c.file)]), [['images ghcr.io/acme/web: newTag', '1.5.0', '1.4.0', 'overlays/prod/kustomization.yaml']]);
      const [file] = applyPromotion(plan, [plan.changes[0].id]);
      assert.equal(file.after, OVERLAYS['overlays/prod/kustomization.yaml'].replace('newTag: 1.4.0 #', 'newTag: 1.5.0 #'));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('blocks values in files another environment reads, generated files and templated values, with the reason', async () => {
    const shared = {
      'youops.yaml': 'version: 1\nenvironments:\n  - name: dev\n    manifests: base\n  - name: staging\n    manifests: staging\n  - name: prod\n    manifests: [prod, base]\n    promotesFrom: staging\n',
      'base/api.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: api\nspec:\n  type: ClusterIP\n',
      'staging/api.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: api\nspec:\n  type: NodePort\n',
      'staging/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: flags\ndata:\n  A: "on"\n',
      'prod/cm.yaml': '# Code generated by flagctl. DO NOT EDIT.\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: flags\ndata:\n  A: "off"\n',
      'staging/web.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  annotations:\n    tag: "{{ .Values.tag }}"\n',
      'prod/web.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  annotations:\n    tag: "1.0"\n',
    };
    const dir = tempTree(shared);
    try {
      const plan = await planPromotion({ config: await demoConfig(dir), rootDir: dir, to: 'prod' });
      const reasons = Object.fromEntries(plan.changes.map((c) => [c.label, c.blocked]));
      assert.match(reasons['ConfigMap flags: data.A'] ?? '', /cm\.yaml is generated/);
      assert.match(reasons['Service api: spec.type'] ?? '', /api\.yaml is also part of dev; promote it through an overlay/);
      assert.match(reasons['Service web: metadata.annotations.tag'] ?? '', /template expression/);
      assert.throws(() => applyPromotion(plan, plan.changes.map((c) => c.id)), /cannot be promoted/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  describe('resources only the source has', () => {
    let dir: string;
    beforeEach(() => (dir = tempTree(NEW_RESOURCES)));
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('lists each as a change that adds it, not preselected, saying where it goes and what happens to its namespace', async () => {
      const plan = await planPromotion({ config: await demoConfig(dir), rootDir: dir, to: 'prod' });
      const added = plan.changes.filter((c) => c.adds);
      assert.deepEqual(
        added.map((c) => [c.label, path.relative(dir, c.file), c.suggested, c.line, c.blocked]),
        [
          ['Service web-metrics: new in prod, appended to web.yaml; namespace shop-staging → shop-prod', 'envs/prod/web.yaml', false, 8, undefined],
          ['Deployment cache: new in prod, new file cache.yaml; namespace shop-staging → shop-prod', 'envs/prod/cache.yaml', false, 0, undefined],
          ['Service cache: new in prod, new file cache.yaml; namespace shop-staging → shop-prod', 'envs/prod/cache.yaml', false, 0, undefined],
          ["ServiceMonitor shop: new in prod, new file monitor.yaml; namespace monitoring kept: no resource in it exists in both environments to show prod's", 'envs/prod/monitor.yaml', false, 0, undefined],
        ],
      );
      assert.deepEqual(added.map((c) => c.to), [undefined, undefined, undefined, undefined]);
      assert.deepEqual([...plan.newFiles].map((f) => path.relative(dir, f)).sort(), ['envs/prod/cache.yaml', 'envs/prod/monitor.yaml']);
    });

    it('copies the documents byte for byte with the namespace rewritten, and lists new files in the kustomization in place', async () => {
      const plan = await planPromotion({ config: await demoConfig(dir), rootDir: dir, to: 'prod' });
      const files = applyPromotion(plan, plan.changes.filter((c) => c.adds).map((c) => c.id));
      assert.deepEqual(Object.fromEntries(files.map((f) => [path.relative(dir, f.file), f.after])), NEW_RESOURCES_PROMOTED);
      assert.deepEqual(files.map((f) => [path.relative(dir, f.file), f.before === undefined]), [
        ['envs/prod/web.yaml', false],
        ['envs/prod/cache.yaml', true],
        ['envs/prod/kustomization.yaml', false],
        ['envs/prod/monitor.yaml', true],
      ]);
    });

    it('creates the new file from the chosen document only', async () => {
      const plan = await planPromotion({ config: await demoConfig(dir), rootDir: dir, to: 'prod' });
      const service = plan.changes.find((c) => c.label.startsWith('Service cache:'))!;
      const [cache, kustomization] = applyPromotion(plan, [service.id]);
      assert.equal(cache.after, '---\napiVersion: v1\nkind: Service\nmetadata:\n  name: cache\n  namespace: shop-prod\nspec:\n  ports:\n    - port: 6379\n');
      assert.equal(kustomization.after, NEW_RESOURCES['envs/prod/kustomization.yaml'].replace('# the storefront\n', '# the storefront\n  - cache.yaml\n'));
    });

    it('with --resource, still reads the namespace mapping off all the other resources', async () => {
      const plan = await planPromotion({ config: await demoConfig(dir), rootDir: dir, to: 'prod', resource: 'deployment/cache' });
      assert.deepEqual(plan.changes.map((c) => c.label), ['Deployment cache: new in prod, new file cache.yaml; namespace shop-staging → shop-prod']);
    });

    it('keeps a namespace the other resources map inconsistently, and says so', async () => {
      fs.writeFileSync(path.join(dir, 'envs/staging/api.yaml'), 'apiVersion: v1\nkind: Service\nmetadata:\n  name: api\n  namespace: shop-staging\n');
      fs.writeFileSync(path.join(dir, 'envs/prod/api.yaml'), 'apiVersion: v1\nkind: Service\nmetadata:\n  name: api\n  namespace: shop-live\n');
      fs.appendFileSync(path.join(dir, 'envs/staging/kustomization.yaml'), '  - api.yaml\n');
      writeFile(path.join(dir, 'envs/prod/kustomization.yaml'), 'resources:\n  - web.yaml\n  - api.yaml\n');
      const plan = await planPromotion({ config: await demoConfig(dir), rootDir: dir, to: 'prod', resource: 'deployment/cache' });
      const [cache] = plan.changes;
      assert.equal(cache.label, 'Deployment cache: new in prod, new file cache.yaml; namespace shop-staging kept: its other resources are in shop-live, shop-prod in prod');
      const [file] = applyPromotion(plan, [cache.id]);
      assert.equal(file.after, NEW_RESOURCES['envs/staging/cache.yaml'].split('---\n')[0]);
    });

    it('blocks a resource whose file exists in the target folder without the target reading it', async () => {
      writeFile(path.join(dir, 'envs/prod/monitor.yaml'), '# not deployed yet\n');
      const plan = await planPromotion({ config: await demoConfig(dir), rootDir: dir, to: 'prod', resource: 'servicemonitor/shop' });
      assert.equal(plan.changes[0].blocked, "monitor.yaml exists in prod's folder but prod does not read it; add ServiceMonitor shop by hand");
    });
  });
});
