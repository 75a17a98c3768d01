import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { KustomizeRenderer } from '../../../src/core/kustomize/kustomizeRenderer';
import { kustomizeTool } from '../../../src/core/kustomize/kustomizeTool';
import { KustomizeError } from '../../../src/core/kustomize/runKustomize';
import { copyFixture, requireKustomizeV5, SHOP_FIXTURE, write } from './kustomizeFixture';

describe('kustomize rendering: bad input becomes diagnostics on the lines kustomize names (real kubectl kustomize)', function () {
  this.timeout(60_000);
  let root: string;
  const render = (dir: string, over: { kustomizePath?: string; timeoutMs?: number } = {}) =>
    new KustomizeRenderer().render({ tool: kustomizeTool(over.kustomizePath), dir: path.join(root, dir), rootDir: root, timeoutMs: over.timeoutMs });
  const edit = (rel: string, from: string, to: string): void => {
    const file = path.join(root, rel);
    const text = fs.readFileSync(file, 'utf8');
    assert.ok(text.includes(from), `${rel} has no ${from}`);
    fs.writeFileSync(file, text.replace(from, to));
  };
  const firstError = async (dir: string) => {
    const r = await render(dir);
    assert.ok(r.failure, 'the render did not fail');
    const e = r.errors.find((x) => x.severity === 'error');
    assert.ok(e, JSON.stringify(r.errors));
    return { where: `${path.relative(root, e.file)}:${(e.range?.start.line ?? -1) + 1}`, message: e.message };
  };

  before(requireKustomizeV5);
  beforeEach(() => {
    root = copyFixture(SHOP_FIXTURE);
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('a missing patch file: on its patches entry', async () => {
    edit('overlays/prod/kustomization.yaml', 'path: deployment-patch.yaml', 'path: deploy-patch.yaml');
    const e = await firstError('overlays/prod');
    assert.equal(e.where, 'overlays/prod/kustomization.yaml:23');
    assert.match(e.message, /^kustomize: trouble configuring builtin PatchTransformer with config: `path: deploy-patch\.yaml`: failed to get the patch file from path\(deploy-patch\.yaml\): no such file or directory$/);
  });

  it('a missing base folder: on its resources entry, in the kustomization that lists it', async () => {
    edit('region/eu/kustomization.yaml', '- ../../base', '- ../../bases');
    const e = await firstError('overlays/prod');
    assert.equal(e.where, 'region/eu/kustomization.yaml:4');
    assert.match(e.message, /bases/);
  });

  it('a strategic-merge patch that matches no resource: on the patch entry', async () => {
    edit('overlays/prod/deployment-patch.yaml', 'name: web', 'name: webb');
    const e = await firstError('overlays/prod');
    assert.equal(e.where, 'overlays/prod/kustomization.yaml:23');
    assert.match(e.message, /no resource matches strategic merge patch "Deployment\.v1\.apps\/webb/);
  });

  it('a JSON 6902 op on a path the object lacks: on the op in the patch file', async () => {
    edit('overlays/prod/service-ops.yaml', '/spec/ports/0/port', '/spec/portz/0/port');
    const e = await firstError('overlays/prod');
    assert.equal(e.where, 'overlays/prod/service-ops.yaml:2');
  });

  it('a field kustomize does not know: on that key', async () => {
    edit('overlays/staging/kustomization.yaml', '    newTag: 1.3.0', '    newTag: 1.3.0\n    newTagg: 1.3.1');
    const e = await firstError('overlays/staging');
    assert.equal(e.where, 'overlays/staging/kustomization.yaml:9');
    assert.match(e.message, /unknown field "newTagg"/);
  });

  it('a kustomization that is not YAML: on the YAML error, before kustomize runs', async () => {
    edit('overlays/staging/kustomization.yaml', '  - name: ghcr.io/acme/web\n', '  - name: ghcr.io/acme/web\n   bad: indent\n');
    const r = await render('overlays/staging');
    assert.ok(r.failure);
    assert.equal(path.relative(root, r.errors[0].file), 'overlays/staging/kustomization.yaml');
    assert.equal(r.errors[0].range?.start.line, 7);
  });

  it('kustomize older than v4 (kubectl 1.20, as in Debian 12) is unavailable, with the fix', async () => {
    // Prints what kubectl 1.20's kustomize v2.0.3 prints for a buildMetadata field, and fails as it does.
    const old = path.join(root, 'bin/kustomize');
    write(root, 'bin/kustomize', '#!/bin/sh\necho \'Error: json: unknown field "buildMetadata"\' >&2\nexit 1\n');
    fs.chmodSync(old, 0o755);
    await assert.rejects(render('overlays/staging', { kustomizePath: old }), (e: unknown) => {
      assert.ok(e instanceof KustomizeError);
      assert.equal(e.kind, 'unavailable');
      assert.match(e.message, /too old to trace origins \(install kubectl ≥ 1\.27/);
      return true;
    });
  });

  it('a render that hangs is stopped at the timeout with its whole process group, saying what it waited on', async () => {
    // A kustomize stand-in that hangs like one stuck fetching a remote base, with a child of its own.
    const pidFile = path.join(root, 'child.pid');
    const hang = path.join(root, 'bin/kustomize');
    write(root, 'bin/kustomize', `#!/bin/sh\nsleep 60 &\necho $! > '${pidFile}'\nwait\n`);
    fs.chmodSync(hang, 0o755);
    edit('overlays/staging/kustomization.yaml', '  - ../../base\n', '  - ../../base\n  - https://github.com/acme/shared-config//monitoring?ref=v1.4.0\n');
    const started = Date.now();
    const r = await render('overlays/staging', { kustomizePath: hang, timeoutMs: 1500 });
    assert.ok(Date.now() - started < 10_000);
    assert.equal(r.failure?.kind, 'timeout');
    assert.equal(
      r.failure?.message,
      'kustomize build overlays/staging did not finish within 1500ms (it was still fetching https://github.com/acme/shared-config//monitoring?ref=v1.4.0); stopped it',
    );
    const pid = Number(fs.readFileSync(pidFile, 'utf8'));
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(isRunning(pid), false, 'the hanging child outlived the timeout');
  });
});

/** Gone, or a zombie nobody reaps yet (killed: only its exit status is left). */
function isRunning(pid: number): boolean {
  try {
    return !/^State:\s+Z/m.test(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return false;
  }
}
