import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseConfigText } from '../../../src/core/config/loadConfig';
import type { YouOpsConfig } from '../../../src/core/config/types';
import { applyPromotion } from '../../../src/core/gitops/applyPromotion';
import { planPromotion, type PromotionChange } from '../../../src/core/gitops/promotionPlan';
import { runPromotion } from '../../../src/core/gitops/runPromotion';
import { createGitFixture, type GitFixture } from '../gitops/gitFixture';
import { promotionShopFiles, requireKustomizeV5 } from './kustomizeFixture';

const CONFIG = [
  'version: 1',
  'environments:',
  '  - name: dev',
  '    manifests: overlays/dev',
  '  - name: staging',
  '    manifests: overlays/staging',
  '    promotesFrom: dev',
  '  - name: prod',
  '    manifests: overlays/prod',
  '    promotesFrom: staging',
  '',
].join('\n');

/**
 * The promotion fixture with a dev overlay that takes the base as it is: the proxy's
 * imagePullPolicy, which prod takes from the base and staging overrides in its own patch, can
 * reach prod only by editing the base dev also renders, or not at all.
 */
function tree(): Record<string, string> {
  return {
    ...promotionShopFiles(CONFIG),
    'overlays/dev/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nnamespace: shop-dev\nresources:\n  - ../../base\n',
  };
}

const PULL_POLICY = 'Deployment web: spec.template.spec.containers[name=proxy].imagePullPolicy';

describe('promote into a value a shared base sets: said, asked, never edited silently (real git, bare origin, real kubectl kustomize)', function () {
  this.timeout(90_000);
  let fx: GitFixture;
  let config: YouOpsConfig;
  const render = { trusted: true };
  const read = (rel: string): string => fs.readFileSync(path.join(fx.clone, rel), 'utf8');

  before(requireKustomizeV5);
  beforeEach(() => {
    fx = createGitFixture(tree());
    config = parseConfigText(CONFIG).config!;
  });
  afterEach(() => fx.dispose());

  it('plans the edit in the base but blocks it, naming every other reader and whether its rendering changes', async () => {
    const plan = await planPromotion({ config, rootDir: fx.clone, to: 'prod', render });
    const change = plan.changes.find((c) => c.label === PULL_POLICY)!;
    assert.equal(change.blocked, 'base/deployment.yaml is also part of dev, staging; promote it through an overlay of prod instead');
    // dev renders the base's value; staging sets its own over it.
    assert.deepEqual(change.shared, {
      file: path.join(fx.clone, 'base/deployment.yaml'),
      readers: [
        { environment: 'dev', changes: true },
        { environment: 'staging', changes: false },
      ],
    });
    assert.equal(plan.rootDir, fx.clone);
    assert.throws(() => applyPromotion(plan, [change.id]), /cannot be promoted: base\/deployment\.yaml is also part of dev, staging/);
    const [edited] = applyPromotion(plan, [change.id], { editShared: true });
    assert.equal(edited.file, path.join(fx.clone, 'base/deployment.yaml'));
    assert.equal(edited.after, read('base/deployment.yaml').replace('imagePullPolicy: IfNotPresent', 'imagePullPolicy: Always'));
    // Values set in prod's own overlay are not shared.
    assert.equal(plan.changes.find((c) => c.label.endsWith('containers[name=web].image'))!.shared, undefined);
  });

  const promote = async (answer: 'edit' | 'skip' | undefined, pick: (c: PromotionChange) => boolean) => {
    const asked: PromotionChange[][] = [];
    const outcome = await runPromotion({
      config,
      configRootDir: fx.clone,
      to: 'prod',
      render,
      select: async (plan) => plan.changes.filter(pick).map((c) => c.id),
      confirmShared: async (changes) => (asked.push(changes), answer),
      confirm: async () => true,
      pullRequests: async () => ({}),
    });
    return { outcome, asked };
  };

  it('asked and agreed: the base is edited, and kustomize renders prod with the promoted value', async () => {
    const { outcome, asked } = await promote('edit', (c) => c.label === PULL_POLICY);
    assert.deepEqual(
      asked.map((cs) => cs.map((c) => c.label)),
      [[PULL_POLICY]],
    );
    assert.ok(outcome.status === 'published');
    assert.deepEqual(outcome.files, ['base/deployment.yaml']);
    assert.equal(
      fx.originFile(outcome.published.branch, 'base/deployment.yaml'),
      read('base/deployment.yaml').replace('imagePullPolicy: IfNotPresent', 'imagePullPolicy: Always'),
    );
  });

  it('asked and skipped: the other values go, the base is untouched; cancelled: nothing is pushed', async () => {
    const image = (c: PromotionChange) => c.label === PULL_POLICY || c.label.endsWith('containers[name=web].image');
    const skipped = await promote('skip', image);
    assert.equal(skipped.asked.length, 1);
    assert.ok(skipped.outcome.status === 'published');
    assert.deepEqual(skipped.outcome.files, ['overlays/prod/kustomization.yaml']);
    const branches = fx.git(fx.bare, 'branch', '--list');
    const cancelled = await promote(undefined, image);
    assert.deepEqual(cancelled.outcome, { status: 'cancelled' });
    assert.equal(fx.git(fx.bare, 'branch', '--list'), branches);
  });

  it('a shared value that is the only difference is still asked about; with nobody to ask there is nothing to promote', async () => {
    fx.dispose();
    const base =
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: ghcr.io/acme/web:1.0.0\n          imagePullPolicy: IfNotPresent\n';
    const overlay = (ns: string, patch = '') =>
      `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nnamespace: ${ns}\nresources:\n  - ../../base\n${patch}`;
    const alwaysPull =
      'patches:\n  - patch: |-\n      apiVersion: apps/v1\n      kind: Deployment\n      metadata:\n        name: web\n      spec:\n        template:\n          spec:\n            containers:\n              - name: web\n                imagePullPolicy: Always\n';
    const small =
      'version: 1\nenvironments:\n  - name: staging\n    manifests: overlays/staging\n  - name: prod\n    manifests: overlays/prod\n    promotesFrom: staging\n';
    fx = createGitFixture({
      'youops.yaml': small,
      'base/kustomization.yaml': 'resources:\n  - deployment.yaml\n',
      'base/deployment.yaml': base,
      'overlays/staging/kustomization.yaml': overlay('shop-staging', alwaysPull),
      'overlays/prod/kustomization.yaml': overlay('shop-prod'),
    });
    config = parseConfigText(small).config!;
    const run = (confirmShared?: () => Promise<'edit'>) =>
      runPromotion({
        config,
        configRootDir: fx.clone,
        to: 'prod',
        render,
        select: async (plan) => plan.changes.map((c) => c.id),
        ...(confirmShared ? { confirmShared } : {}),
        confirm: async () => true,
        pullRequests: async () => ({}),
      });
    await assert.rejects(run(), /nothing prod can take from staging by editing its files: .*base\/deployment\.yaml is also part of staging/);
    let asked = 0;
    const outcome = await run(async () => (asked++, 'edit'));
    assert.equal(asked, 1);
    assert.ok(outcome.status === 'published');
    assert.equal(fx.originFile(outcome.published.branch, 'base/deployment.yaml'), base.replace('IfNotPresent', 'Always'));
  });
});
