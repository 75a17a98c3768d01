import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { KustomizeRenderer } from '../../../src/core/kustomize/kustomizeRenderer';
import { kustomizeTool } from '../../../src/core/kustomize/kustomizeTool';
import { copyFixture, requireKustomizeV5, SHOP_FIXTURE, write } from './kustomizeFixture';

describe('kustomize rendering: one render per change of the files kustomize reads (real kubectl kustomize)', function () {
  this.timeout(60_000);
  let root: string;
  let calls: string;
  let renderer: KustomizeRenderer;
  let kubectl: string;
  const render = (overlay: string) => renderer.render({ tool: kustomizeTool(undefined, kubectl), dir: path.join(root, overlay), rootDir: root });
  const count = (): number => (fs.existsSync(calls) ? fs.readFileSync(calls, 'utf8').split('\n').filter(Boolean).length : 0);
  const bump = async (rel: string, from: string, to: string): Promise<void> => {
    const file = path.join(root, rel);
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(from, to));
    // Some file systems keep whole-second times: make sure the change is visible as one.
    const later = new Date(Date.now() + 2000);
    fs.utimesSync(file, later, later);
  };

  before(requireKustomizeV5);
  beforeEach(() => {
    root = copyFixture(SHOP_FIXTURE);
    calls = path.join(root, 'calls.log');
    const real = execFileSync('sh', ['-c', 'command -v kubectl'], { encoding: 'utf8' }).trim();
    // The real kubectl, behind a script that counts its runs.
    kubectl = path.join(root, 'bin/kubectl');
    write(root, 'bin/kubectl', `#!/bin/sh\necho "$*" >> '${calls}'\nexec '${real}' "$@"\n`);
    fs.chmodSync(kubectl, 0o755);
    renderer = new KustomizeRenderer();
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('a caller joining a render another one cancels gets a render of its own, not the cancellation', async () => {
    const abort = new AbortController();
    const tool = kustomizeTool(undefined, kubectl);
    const first = renderer.render({ tool, dir: path.join(root, 'overlays/prod'), rootDir: root, signal: abort.signal });
    const second = renderer.render({ tool, dir: path.join(root, 'overlays/prod'), rootDir: root });
    setTimeout(() => abort.abort(), 20);
    assert.equal((await first).failure?.kind, 'cancelled');
    const joined = await second;
    assert.equal(joined.failure, undefined, joined.failure?.message);
    assert.ok(joined.resources.some((r) => r.id.kind === 'Deployment'));
  });

  it('reuses the render while no input changed, and renders again when a patch, an env file or a base changes', async () => {
    const first = await render('overlays/prod');
    assert.equal(first.cached, false);
    assert.equal(count(), 1);
    const inputs = first.inputs.map((f) => path.relative(root, f)).filter((f) => fs.existsSync(path.join(root, f)));
    assert.deepEqual(inputs.sort(), [
      'base/deployment.yaml',
      'base/kustomization.yaml',
      'base/service.yaml',
      'components/monitoring/kustomization.yaml',
      'overlays/prod/deployment-patch.yaml',
      'overlays/prod/kustomization.yaml',
      'overlays/prod/service-ops.yaml',
      'region/eu/kustomization.yaml',
    ]);

    const warm = await render('overlays/prod');
    assert.equal(warm.cached, true);
    assert.equal(warm.durationMs, 0);
    assert.equal(count(), 1, 'a refresh with nothing changed ran kustomize');
    assert.strictEqual(warm.resources, first.resources, 'the traced resources are reused as they are');

    // A file kustomize does not read changes nothing.
    write(root, 'overlays/prod/NOTES.md', 'not an input\n');
    await render('overlays/prod');
    assert.equal(count(), 1);

    await bump('overlays/prod/deployment-patch.yaml', 'memory: 512Mi', 'memory: 768Mi');
    const patched = await render('overlays/prod');
    assert.equal(patched.cached, false);
    assert.equal(count(), 2);
    const web = patched.resources.find((r) => r.id.kind === 'Deployment')!;
    assert.equal((web.object as any).spec.template.spec.containers[0].resources.limits.memory, '768Mi');

    await bump('base/service.yaml', 'targetPort: 8080', 'targetPort: 8081');
    await render('overlays/prod');
    assert.equal(count(), 3);

    await render('overlays/staging');
    await bump('overlays/staging/settings.env', 'FEATURE_CHECKOUT=true', 'FEATURE_CHECKOUT=false');
    const staging = await render('overlays/staging');
    assert.equal(count(), 5);
    assert.equal((staging.resources.find((r) => r.id.kind === 'ConfigMap')!.object as any).data.FEATURE_CHECKOUT, 'false');
  });

  it('a kustomization.yml appearing beside the overlay is an input too', async () => {
    write(root, 'solo/kustomization.yml', 'resources:\n  - cm.yaml\n');
    write(root, 'solo/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n');
    await render('solo');
    write(root, 'solo/kustomization.yaml', 'resources:\n  - cm.yaml\nnamespace: x\n');
    const r = await render('solo');
    assert.equal(r.cached, false);
    assert.equal(count(), 2);
  });

  it('environments sharing an overlay at the same moment share one kustomize process', async () => {
    const [a, b] = await Promise.all([render('overlays/prod'), render('overlays/prod')]);
    assert.equal(count(), 1);
    assert.strictEqual(a.resources, b.resources);
  });
});
