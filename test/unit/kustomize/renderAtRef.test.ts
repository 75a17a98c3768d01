import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseConfigText } from '../../../src/core/config/loadConfig';
import { desiredValueSource } from '../../../src/core/environments/driftSources';
import { evaluateEnvironment } from '../../../src/core/environments/evaluateEnvironment';
import { KustomizeRenderer } from '../../../src/core/kustomize/kustomizeRenderer';
import { copyFixture, describeSource, requireKustomizeV5, SHOP_FIXTURE } from './kustomizeFixture';

/** Overlays at another Git ref (a gitRef live source, an environment's branch) rendered like the working tree (real git, real kubectl kustomize). */
describe('kustomize rendering at a Git ref (real git repository, real kubectl kustomize)', function () {
  this.timeout(60_000);
  let root: string;
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const setTag = (tag: string) => {
    const file = path.join(root, 'overlays/prod/kustomization.yaml');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/newTag: [0-9.]+(\n  - name: envoyproxy)/, `newTag: ${tag}$1`));
  };
  const evaluate = async (yaml: string, trusted = true) => {
    const config = parseConfigText(yaml).config!;
    return evaluateEnvironment(config.environments[0], config, { rootDir: root, trusted, renderer: new KustomizeRenderer() });
  };

  before(requireKustomizeV5);
  beforeEach(() => {
    root = copyFixture(SHOP_FIXTURE, 'youops-kustomize-ref-');
    git('init', '-q', '-b', 'main');
    git('add', '-A');
    git('commit', '-qm', 'prod at 1.2.0');
    git('tag', 'deployed/prod');
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('a gitRef live source renders the overlay at the tag: only the promoted image differs, at its line', async () => {
    setTag('1.4.0');
    const s = await evaluate('version: 1\nenvironments:\n  - name: prod\n    manifests: overlays/prod\n    live:\n      gitRef: { ref: deployed/prod }\n');
    assert.equal(s.rendering?.status, 'rendered');
    assert.deepEqual(s.drift.counts, { InSync: 2, Drifted: 1, Missing: 0, Extra: 0, Unknown: 0, Error: 0 });
    const web = s.drift.resources.find((r) => r.status === 'Drifted')!;
    assert.deepEqual(
      web.fields.map((f) => [f.path, f.desired, f.live, ...describeSource(root, desiredValueSource(web, f))]),
      [['/spec/template/spec/containers/0/image', 'ghcr.io/acme/web:1.4.0', 'ghcr.io/acme/web:1.2.0', 'overlays/prod/kustomization.yaml:10 images images[ghcr.io/acme/web].newTag', 'base/deployment.yaml:22 resource']],
    );
  });

  it('an environment whose desired state is on its own branch is rendered from that branch, with working-tree paths', async () => {
    git('checkout', '-q', '-b', 'env/prod');
    setTag('1.5.0');
    git('commit', '-qam', 'prod at 1.5.0');
    git('checkout', '-q', 'main');
    const s = await evaluate('version: 1\nenvironments:\n  - name: prod\n    manifests: overlays/prod\n    branch: env/prod\n');
    assert.equal(s.rendering?.status, 'rendered');
    assert.equal(s.desiredRef?.branch, 'env/prod');
    const web = s.drift.resources.find((r) => r.id.kind === 'Deployment')!;
    assert.equal((web.resource!.object as any).spec.template.spec.containers[0].image, 'ghcr.io/acme/web:1.5.0');
    assert.equal(web.resource!.file, path.join(root, 'base/deployment.yaml'));
    assert.deepEqual(describeSource(root, web.resource!.rendered!.sourceOf('/spec/template/spec/containers/0/image')), [
      'overlays/prod/kustomization.yaml:10 images images[ghcr.io/acme/web].newTag',
      'base/deployment.yaml:22 resource',
    ]);
    // Nothing of the copy kustomize read is left behind, and the working tree is untouched.
    assert.equal(git('status', '--porcelain'), '');
  });
});
