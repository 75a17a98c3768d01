import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../../../src/cli/main';
import { KustomizePatchFiles } from '../../../src/core/kustomize/patchFiles';
import { validateText } from '../../../src/core/validation/validateText';
import { copyFixture, requireKustomizeV5, SHOP_FIXTURE, write } from './kustomizeFixture';

describe('validation follows the rendering: patch files are partial objects', function () {
  this.timeout(60_000);
  let root: string;
  beforeEach(() => {
    root = copyFixture(SHOP_FIXTURE);
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('knows which files kustomizations use as patches (patches: path, legacy patchesStrategicMerge), from any folder below them', async () => {
    write(root, 'legacy/kustomization.yaml', 'resources:\n  - ../base\npatchesStrategicMerge:\n  - patches/replicas.yaml\n');
    write(root, 'legacy/patches/replicas.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 5\n');
    const files = new KustomizePatchFiles();
    const is = (rel: string) => files.isPatch(path.join(root, rel));
    assert.equal(await is('overlays/prod/deployment-patch.yaml'), true);
    assert.equal(await is('overlays/prod/service-ops.yaml'), true);
    assert.equal(await is('legacy/patches/replicas.yaml'), true);
    assert.equal(await is('base/deployment.yaml'), false);
    assert.equal(await is('overlays/staging/settings.env'), false);
  });

  it('a replicas patch has no "missing required field"; an unknown field and a wrong type are still errors', async () => {
    // The shape of kustomize's examples/helloWorld production patch: a Deployment with only spec.replicas.
    const patch = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 10\n';
    const whole = await validateText(patch, { fileName: path.join(root, 'overlays/prod/replicas.yaml') });
    assert.deepEqual(whole.diagnostics.map((d) => d.code), ['required', 'required'], 'as a whole object it lacks selector and template');
    const partial = await validateText(patch, { fileName: path.join(root, 'overlays/prod/replicas.yaml'), partialObject: true });
    assert.deepEqual(partial.diagnostics, []);
    const wrong = await validateText(patch.replace('replicas: 10', 'replicaz: 10\n  paused: maybe'), { fileName: 'p.yaml', partialObject: true });
    assert.deepEqual(wrong.diagnostics.map((d) => [d.range.start.line, d.code, d.message]), [
      [5, 'unknown-field', 'spec: unknown field "replicaz" — did you mean "replicas"?'],
      [6, 'type', 'spec.paused: expected boolean, got string "maybe"'],
    ]);
    // Strategic-merge directives are kustomize's, not unknown fields.
    const directive = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      $setElementOrder/containers:\n        - name: web\n      containers:\n        - name: proxy\n          $patch: delete\n';
    assert.deepEqual((await validateText(directive, { fileName: 'p.yaml', partialObject: true })).diagnostics, []);
  });

  it('youops validate checks the patch files of a real overlay tree as partial objects: the fixture is clean', async () => {
    let out = '';
    const code = await runCli(['validate', '--cwd', root], { out: (t) => (out += t + '\n'), err: (t) => (out += t + '\n') });
    assert.equal(code, 0, out);
    write(root, 'overlays/prod/deployment-patch.yaml', fs.readFileSync(path.join(root, 'overlays/prod/deployment-patch.yaml'), 'utf8').replace('resources:', 'resourcez:'));
    out = '';
    assert.equal(await runCli(['validate', 'overlays/prod', '--cwd', root], { out: (t) => (out += t + '\n'), err: (t) => (out += t + '\n') }), 1);
    assert.match(out, /overlays\/prod\/deployment-patch\.yaml:10:\d+: error: .*unknown field "resourcez"/);
    assert.doesNotMatch(out, /required/);
  });

  it('a plain string under patches: is what kustomize v5 rejects: the error says so, with the fix (real kubectl kustomize)', async () => {
    requireKustomizeV5();
    write(root, 'overlays/legacy/kustomization.yaml', 'resources:\n  - ../../base\npatches:\n  - replicas.yaml\n');
    write(root, 'overlays/legacy/replicas.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n');
    assert.throws(
      () => execFileSync('kubectl', ['kustomize', path.join(root, 'overlays/legacy')], { stdio: ['ignore', 'pipe', 'pipe'] }),
      (e: { stderr: Buffer }) => /cannot unmarshal string into Go struct field Kustomization\.patches of type types\.Patch/.test(e.stderr.toString()),
    );
    const text = fs.readFileSync(path.join(root, 'overlays/legacy/kustomization.yaml'), 'utf8');
    const r = await validateText(text, { fileName: path.join(root, 'overlays/legacy/kustomization.yaml') });
    assert.deepEqual(
      r.diagnostics.map((d) => [d.range.start.line, d.severity, d.message, d.data]),
      [
        [
          3,
          'error',
          'patches[0]: kustomize v5 reads each patches entry as a map and rejects a plain file name; write "path: replicas.yaml" (plain names are the legacy patchesStrategicMerge form)',
          { title: 'Change to "path: replicas.yaml"', replacement: 'path: replicas.yaml' },
        ],
      ],
    );
    // The fix, applied, is what kustomize takes.
    const d = r.diagnostics[0];
    const lines = text.split('\n');
    lines[d.range.start.line] = lines[d.range.start.line].slice(0, d.range.start.character) + d.data!.replacement + lines[d.range.start.line].slice(d.range.end.character);
    write(root, 'overlays/legacy/kustomization.yaml', lines.join('\n'));
    assert.match(execFileSync('kubectl', ['kustomize', path.join(root, 'overlays/legacy')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }), /replicas: 2/);
  });
});
