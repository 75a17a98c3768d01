import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadManifests } from '../../../src/core/manifests/loadManifests';

const FIXTURE = path.resolve(__dirname, '../../../../test/fixtures/drift');

function cm(name: string): string {
  return `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n`;
}

describe('loadManifests', () => {
  let root: string;

  beforeEach(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'youops-manifests-'));
  });
  afterEach(async () => {
    await fs.rm(root, { recursive: true, force: true });
  });

  async function write(rel: string, text: string): Promise<void> {
    await fs.mkdir(path.dirname(path.join(root, rel)), { recursive: true });
    await fs.writeFile(path.join(root, rel), text);
  }

  it('scans folders recursively for .yaml, .yml and .json, with absolute paths', async () => {
    await write('envs/dev/a.yaml', cm('a'));
    await write('envs/dev/sub/b.yml', cm('b'));
    await write('envs/dev/c.json', JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } }));
    await write('envs/dev/notes.txt', cm('ignored'));
    await write('envs/dev/.hidden/d.yaml', cm('hidden'));
    const { resources, errors } = await loadManifests(root, ['envs/dev']);
    assert.deepEqual(errors, []);
    assert.deepEqual(resources.map((r) => r.id.name).sort(), ['a', 'b', 'c']);
    for (const r of resources) assert.ok(path.isAbsolute(r.file) && r.file.startsWith(root));
  });

  it('accepts single files and globs, loading each file once', async () => {
    await write('envs/dev/app.yaml', cm('dev'));
    await write('envs/prod/app.yaml', cm('prod'));
    await write('envs/prod/deep/x/extra.yaml', cm('extra'));
    const { resources } = await loadManifests(root, ['envs/*/app.yaml', 'envs/prod/app.yaml', 'envs/prod/**/*.yaml']);
    assert.deepEqual(resources.map((r) => r.id.name), ['dev', 'prod', 'extra']);
  });

  it('reports a missing path and a glob matching nothing', async () => {
    const { resources, errors } = await loadManifests(root, ['nope', 'none/*.yaml']);
    assert.equal(resources.length, 0);
    assert.deepEqual(errors.map((e) => e.severity), ['error', 'info']);
    assert.match(errors[0].message, /"nope" does not exist/);
  });

  it('follows a kustomization instead of scanning the folder (fixture)', async () => {
    const { resources, errors } = await loadManifests(FIXTURE, ['manifests']);
    assert.deepEqual(resources.map((r) => r.key), [
      'v1/Namespace//shop',
      'apps/v1/Deployment/shop/web',
      'v1/Service/shop/web',
      'apps/v1/Deployment/shop/worker',
      'v1/ConfigMap/shop/web-config',
    ]);
    assert.ok(!resources.some((r) => r.id.name === 'not-listed'));
    assert.equal(errors.length, 1);
    assert.equal(errors[0].severity, 'info');
    assert.match(errors[0].message, /remote kustomize resource "https:\/\/github.com\/acme/);
  });

  it('follows kustomize bases in sibling folders and reports missing entries', async () => {
    await write('base/kustomization.yaml', 'resources:\n  - deploy.yaml\n');
    await write('base/deploy.yaml', cm('from-base'));
    await write('overlays/prod/kustomization.yml', 'resources:\n  - ../../base\n  - extra.yaml\n  - gone.yaml\npatches:\n  - path: patch.yaml\n');
    await write('overlays/prod/extra.yaml', cm('extra'));
    await write('overlays/prod/patch.yaml', 'not: a resource\n');
    const { resources, errors } = await loadManifests(root, ['overlays/prod']);
    assert.deepEqual(resources.map((r) => r.id.name), ['from-base', 'extra']);
    assert.equal(errors.length, 1);
    assert.match(errors[0].message, /"gone.yaml" does not exist/);
  });

  it('does not loop on kustomization cycles', async () => {
    await write('a/kustomization.yaml', 'resources:\n  - ../b\n  - a.yaml\n');
    await write('a/a.yaml', cm('a'));
    await write('b/kustomization.yaml', 'resources:\n  - ../a\n');
    const { resources } = await loadManifests(root, ['a']);
    assert.deepEqual(resources.map((r) => r.id.name), ['a']);
  });

  it('skips Helm charts with an informational error instead of crashing', async () => {
    await write('envs/dev/chart/Chart.yaml', 'apiVersion: v2\nname: shop\nversion: 1.0.0\n');
    await write('envs/dev/chart/templates/deploy.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n{{- if .Values.x }}\n{{ end }}\n');
    await write('envs/dev/plain.yaml', cm('plain'));
    const { resources, errors } = await loadManifests(root, ['envs/dev']);
    assert.deepEqual(resources.map((r) => r.id.name), ['plain']);
    assert.equal(errors.length, 1);
    assert.equal(errors[0].severity, 'info');
    assert.match(errors[0].message, /Helm chart/);
  });

  it('skips files over 5 MB with an error', async () => {
    await write('big/huge.yaml', cm('huge') + `data:\n  blob: "${'x'.repeat(5 * 1024 * 1024)}"\n`);
    await write('big/small.yaml', cm('small'));
    const { resources, errors } = await loadManifests(root, ['big']);
    assert.deepEqual(resources.map((r) => r.id.name), ['small']);
    assert.equal(errors.length, 1);
    assert.match(errors[0].message, /over the 5 MB limit/);
    assert.equal(errors[0].file, path.join(root, 'big/huge.yaml'));
  });
});
