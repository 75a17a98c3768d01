import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../../../src/cli/main';
import { createGitFixture, type GitFixture } from '../gitops/gitFixture';
import { promotionShopFiles, requireKustomizeV5 } from './kustomizeFixture';

const CONFIG = 'version: 1\nenvironments:\n  - name: staging\n    manifests: overlays/staging\n  - name: prod\n    manifests: overlays/prod\n    promotesFrom: staging\n';

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => (out += t + '\n'), err: (t) => (err += t + '\n') });
  return { code, out, err };
}

/** Promote across overlays with real Git (a bare origin) and the real kubectl kustomize. */
describe('youops promote across kustomize overlays (real git, bare origin, real kubectl kustomize)', function () {
  this.timeout(90_000);
  let fx: GitFixture;
  const read = (rel: string): string => fs.readFileSync(path.join(fx.clone, rel), 'utf8');

  before(requireKustomizeV5);
  beforeEach(() => (fx = createGitFixture(promotionShopFiles(CONFIG))));
  afterEach(() => fx.dispose());

  it('by default promotes the image tag in prod\'s images: entry, not in the base both overlays share', async () => {
    const res = await cli('promote', '--to', 'prod', '--dry-run', '--cwd', fx.clone);
    assert.equal(res.code, 0, res.err);
    assert.equal(
      res.out,
      [
        'diff --git a/overlays/prod/kustomization.yaml b/overlays/prod/kustomization.yaml',
        '--- a/overlays/prod/kustomization.yaml',
        '+++ b/overlays/prod/kustomization.yaml',
        '@@ -7,7 +7,7 @@',
        '   - ../../components/monitoring',
        ' images:',
        '   - name: ghcr.io/acme/web',
        '-    newTag: 1.2.0',
        '+    newTag: 1.3.0',
        '   - name: envoyproxy/envoy',
        '     newName: mirror.acme.io/envoy',
        '   - name: ghcr.io/acme/migrate',
        '',
        '',
      ].join('\n'),
    );
    // A digest cannot take a tag: said, not guessed.
    assert.match(res.err, /skipped Deployment web: spec\.template\.spec\.initContainers\[name=migrate\]\.image: images\[ghcr\.io\/acme\/migrate\]\.digest cannot express "ghcr\.io\/acme\/migrate:1\.0\.0"/);
  });

  it('--all edits each value where prod sets it: a patch file, an inline patch of its region, its env file, its replicas entry; the shared base is skipped with the reason', async () => {
    const res = await cli('promote', '--to', 'prod', '--all', '--dry-run', '--format', 'json', '--cwd', fx.clone);
    assert.equal(res.code, 0, res.err);
    const json = JSON.parse(res.out) as { changes: Array<{ label: string; from: unknown; to: unknown; file: string; line: number }> };
    assert.deepEqual(
      json.changes.map((c) => [c.label, c.from, c.to, path.relative(fx.clone, c.file), c.line]),
      [
        ['ConfigMap settings: data.FEATURE_CHECKOUT', 'true', 'false', 'overlays/prod/checkout.env', 2],
        ['ConfigMap settings: data.LOG_LEVEL', 'info', 'warn', 'overlays/prod/kustomization.yaml', 40],
        ['Deployment web: spec.replicas', 1, 3, 'overlays/prod/kustomization.yaml', 17],
        ['Deployment web: spec.template.spec.containers[name=web].env[name=REGION].value', 'us-east-1', 'eu-west-1', 'region/eu/kustomization.yaml', 21],
        ['Deployment web: spec.template.spec.containers[name=web].image', 'ghcr.io/acme/web:1.3.0', 'ghcr.io/acme/web:1.2.0', 'overlays/prod/kustomization.yaml', 10],
        ['Deployment web: spec.template.spec.containers[name=web].resources.limits.memory', '640Mi', '512Mi', 'overlays/prod/deployment-patch.yaml', 12],
        ['Deployment web: spec.template.spec.containers[name=proxy].image', 'envoyproxy/envoy:v1.29.0', 'mirror.acme.io/envoy:v1.29.0', 'overlays/prod/kustomization.yaml', 12],
      ],
    );
    // Values prod takes from the base staging shares, or sets alone, are listed as skipped, with the reason.
    assert.match(
      res.err,
      /^youops: skipped Deployment web: spec\.template\.spec\.containers\[name=proxy\]\.imagePullPolicy: base\/deployment\.yaml is also part of staging; promote it through an overlay of prod instead$/m,
    );
    assert.match(res.err, /skipped Deployment web: spec\.template\.spec\.containers\[name=web\]\.args: only prod sets .* \(overlays\/prod\/kustomization\.yaml:34\)/);
  });

  it('pushes the promotion: only prod\'s overlay files change, byte for byte, and kustomize renders the promoted values', async () => {
    const before = Object.fromEntries(['base/deployment.yaml', 'base/kustomization.yaml', 'overlays/staging/kustomization.yaml'].map((f) => [f, read(f)]));
    const res = await cli('promote', '--to', 'prod', '--all', '--cwd', fx.clone);
    assert.equal(res.code, 0, res.err);
    const branch = /^pushed (youops\/promote-staging-to-prod-\d{8}-\d{6}) /m.exec(res.out)?.[1];
    assert.ok(branch, res.out);
    const changed = fx.git(fx.bare, 'diff', '--name-only', `main...${branch}`).trim().split('\n');
    assert.deepEqual(changed, ['overlays/prod/checkout.env', 'overlays/prod/deployment-patch.yaml', 'overlays/prod/kustomization.yaml', 'region/eu/kustomization.yaml']);
    const at = (f: string) => fx.originFile(branch, f);
    assert.equal(at('overlays/prod/checkout.env'), '# prod keeps the old checkout until the load test\nFEATURE_CHECKOUT=true\n');
    assert.equal(at('overlays/prod/deployment-patch.yaml'), read('overlays/prod/deployment-patch.yaml').replace('memory: 512Mi', 'memory: 640Mi'));
    assert.equal(at('region/eu/kustomization.yaml'), read('region/eu/kustomization.yaml').replace('value: eu-west-1', 'value: us-east-1'));
    assert.equal(
      at('overlays/prod/kustomization.yaml'),
      read('overlays/prod/kustomization.yaml')
        .replace('newTag: 1.2.0', 'newTag: 1.3.0')
        .replace('newName: mirror.acme.io/envoy', 'newName: envoyproxy/envoy')
        .replace('count: 3', 'count: 1')
        .replace('LOG_LEVEL=warn', 'LOG_LEVEL=info'),
    );
    for (const [f, text] of Object.entries(before)) assert.equal(at(f), text, `${f} changed`);
    assert.equal(fx.git(fx.clone, 'status', '--porcelain'), '', 'the checkout was written to');
  });
});
