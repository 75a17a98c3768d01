import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { KustomizeRenderer, type OverlayRendering } from '../../../src/core/kustomize/kustomizeRenderer';
import { kustomizeTool } from '../../../src/core/kustomize/kustomizeTool';
import { readKustomizeTree } from '../../../src/core/kustomize/kustomizeTree';
import { renderedResources } from '../../../src/core/kustomize/renderOverlay';
import { runKustomize } from '../../../src/core/kustomize/runKustomize';
import type { ManifestResource } from '../../../src/core/manifests/manifestResource';
import { copyFixture, describeSource, requireKustomizeV5, SHOP_FIXTURE, write } from './kustomizeFixture';

/*
 * The fixture follows the layout of kustomize's own examples/helloWorld (a base and per-environment
 * overlays) and examples/components.md (a Component in the prod overlay), with a region layer between
 * base and prod (base → region/eu → overlays/prod) as multi-cluster GitOps repositories nest them.
 * Every case the issue lists has a field here, rendered by the real `kubectl kustomize`.
 */
describe('kustomize rendering: every rendered value traced to the line that sets it (real kubectl kustomize)', function () {
  this.timeout(60_000);
  let root: string;
  let prod: OverlayRendering;
  let staging: OverlayRendering;
  const renderer = new KustomizeRenderer();
  const render = (overlay: string) => renderer.render({ tool: kustomizeTool(), dir: path.join(root, overlay), rootDir: root });
  const find = (r: OverlayRendering, kind: string): ManifestResource => {
    const found = r.resources.find((x) => x.id.kind === kind);
    assert.ok(found, `no ${kind} in ${r.resources.map((x) => x.key).join(', ')}`);
    return found;
  };
  const trace = (res: ManifestResource, pointer: string) => describeSource(root, res.rendered!.sourceOf(pointer));
  /** Every object's origin and layers, and the source chain of each of its values. */
  const everything = (resources: ManifestResource[]) =>
    resources.map((r) => {
      const values: string[] = [];
      const walk = (v: unknown, p: string): void => {
        if (v !== null && typeof v === 'object') for (const [k, c] of Object.entries(v)) walk(c, `${p}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`);
        else values.push(`${p} ← ${trace(r, p).join(' < ')}`);
      };
      walk(r.object, '');
      return { key: r.key, file: path.relative(root, r.file), line: r.range.start.line, layers: r.rendered!.layers.map((f) => path.relative(root, f)), fields: [...r.fields.entries()], values };
    });

  before(async () => {
    requireKustomizeV5();
    root = copyFixture(SHOP_FIXTURE);
    [prod, staging] = await Promise.all([render('overlays/prod'), render('overlays/staging')]);
    assert.equal(prod.failure, undefined);
    assert.equal(staging.failure, undefined);
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it('renders what kustomize renders, without the build annotations, each object at its origin', () => {
    assert.deepEqual(
      prod.resources.map((r) => [r.id.kind, r.id.namespace, r.id.name.replace(/-[a-z0-9]{10}$/, '-<hash>'), path.relative(root, r.file), r.range.start.line + 1]),
      [
        ['ConfigMap', 'shop-prod', 'eu-settings-<hash>', 'base/kustomization.yaml', 7],
        ['Service', 'shop-prod', 'eu-web', 'base/service.yaml', 1],
        ['Deployment', 'shop-prod', 'eu-web', 'base/deployment.yaml', 1],
      ],
    );
    for (const r of [...prod.resources, ...staging.resources]) {
      const annotations = (r.object as { metadata: { annotations?: Record<string, string> } }).metadata.annotations ?? {};
      assert.deepEqual(Object.keys(annotations).filter((k) => k.includes('config.kubernetes.io')), [], `${r.key} keeps a build annotation`);
    }
    // Nested overlays: the Deployment went through base → region/eu → the monitoring component → prod.
    assert.deepEqual(find(prod, 'Deployment').rendered!.layers.map((f) => path.relative(root, f)), [
      'base/kustomization.yaml',
      'region/eu/kustomization.yaml',
      'components/monitoring/kustomization.yaml',
      'overlays/prod/kustomization.yaml',
    ]);
  });

  it('images: newTag, newName and digest each point at their own line, over the base image', () => {
    const d = find(prod, 'Deployment');
    assert.deepEqual(trace(d, '/spec/template/spec/containers/0/image'), ['overlays/prod/kustomization.yaml:10 images images[ghcr.io/acme/web].newTag', 'base/deployment.yaml:22 resource']);
    assert.deepEqual(trace(d, '/spec/template/spec/containers/1/image'), ['overlays/prod/kustomization.yaml:12 images images[envoyproxy/envoy].newName', 'base/deployment.yaml:29 resource']);
    assert.deepEqual(trace(d, '/spec/template/spec/initContainers/0/image'), ['overlays/prod/kustomization.yaml:14 images images[ghcr.io/acme/migrate].digest', 'base/deployment.yaml:19 resource']);
    const s = d.rendered!.sourceOf('/spec/template/spec/containers/0/image')!;
    assert.equal(s.value, '1.2.0');
    assert.equal(s.overrides?.value, 'ghcr.io/acme/web:1.0.0');
    assert.deepEqual(trace(find(staging, 'Deployment'), '/spec/template/spec/containers/0/image'), ['overlays/staging/kustomization.yaml:8 images images[ghcr.io/acme/web].newTag', 'base/deployment.yaml:22 resource']);
  });

  it('replicas: the count line of the replicas entry overrides the base', () => {
    const d = find(prod, 'Deployment');
    assert.deepEqual(trace(d, '/spec/replicas'), ['overlays/prod/kustomization.yaml:17 replicas replicas[web].count', 'base/deployment.yaml:8 resource']);
    assert.equal(d.rendered!.sourceOf('/spec/replicas')!.overrides!.value, 1);
    assert.deepEqual(trace(find(staging, 'Deployment'), '/spec/replicas'), ['base/deployment.yaml:8 resource']);
  });

  it('strategic-merge patches: a patch file, an inline patch in a nested overlay, a component patch selected by target', () => {
    const d = find(prod, 'Deployment');
    assert.deepEqual(trace(d, '/spec/template/spec/containers/0/resources/limits/memory'), ['overlays/prod/deployment-patch.yaml:12 patch patches[0]']);
    // Inline `patch: |-` lines map to the kustomization's own lines.
    assert.deepEqual(trace(d, '/spec/template/spec/containers/0/env/0/value'), ['region/eu/kustomization.yaml:21 patch patches[0]']);
    // The component's patch names `any`: with a target, its own name selects nothing.
    assert.deepEqual(trace(d, '/metadata/annotations/prometheus.io~1scrape'), ['components/monitoring/kustomization.yaml:12 patch patches[0]']);
  });

  it('JSON 6902 patches: an inline op selected by labelSelector, a file of ops selected by kind and name', () => {
    const d = find(prod, 'Deployment');
    assert.deepEqual(trace(d, '/spec/template/spec/containers/0/args/0'), ['overlays/prod/kustomization.yaml:35 patch patches[2] op 0']);
    const svc = find(prod, 'Service');
    assert.deepEqual(trace(svc, '/spec/ports/0/port'), ['overlays/prod/service-ops.yaml:3 patch patches[1] op 0', 'base/service.yaml:9 resource']);
    // The renumbered port's neighbour still comes from the base line.
    assert.deepEqual(trace(svc, '/spec/ports/0/targetPort'), ['base/service.yaml:10 resource']);
  });

  it('namespace, namePrefix and hash-suffixed references keep to the lines that set them', () => {
    const d = find(prod, 'Deployment');
    assert.deepEqual(trace(d, '/metadata/namespace'), ['overlays/prod/kustomization.yaml:3 namespace namespace']);
    assert.equal(d.id.name, 'eu-web');
    assert.deepEqual(trace(d, '/metadata/name'), ['base/deployment.yaml:4 resource']);
    assert.match(String((d.object as any).spec.template.spec.containers[0].envFrom[0].configMapRef.name), /^eu-settings-[a-z0-9]{10}$/);
    assert.deepEqual(trace(d, '/spec/template/spec/containers/0/envFrom/0/configMapRef/name'), ['base/deployment.yaml:27 resource']);
  });

  it('labels with and without selectors, commonLabels and commonAnnotations (from a component)', () => {
    const d = find(prod, 'Deployment');
    for (const p of ['/metadata/labels/env', '/spec/selector/matchLabels/env', '/spec/template/metadata/labels/env']) {
      assert.deepEqual(trace(d, p), ['overlays/prod/kustomization.yaml:20 labels labels[0].env'], p);
    }
    assert.deepEqual(trace(d, '/spec/selector/matchLabels/region'), ['region/eu/kustomization.yaml:7 labels commonLabels.region']);
    assert.deepEqual(trace(find(prod, 'Service'), '/spec/selector/env'), ['overlays/prod/kustomization.yaml:20 labels labels[0].env']);
    assert.deepEqual(trace(d, '/metadata/annotations/team'), ['components/monitoring/kustomization.yaml:14 annotations commonAnnotations.team']);
    const s = find(staging, 'Deployment');
    assert.deepEqual(trace(s, '/metadata/labels/env'), ['overlays/staging/kustomization.yaml:11 labels labels[0].env']);
    // Without includeSelectors, kustomize leaves the selector alone: nothing to trace.
    assert.equal(s.rendered!.sourceOf('/spec/selector/matchLabels/env'), undefined);
  });

  it('configMapGenerator: hash-suffixed name at the generator, behavior: merge from a literal and from an env file', () => {
    const cm = find(prod, 'ConfigMap');
    assert.match(cm.id.name, /^eu-settings-[a-z0-9]{10}$/);
    assert.deepEqual(trace(cm, '/metadata/name'), ['base/kustomization.yaml:7 generator configMapGenerator[settings]']);
    assert.deepEqual(trace(cm, '/data/LOG_LEVEL'), [
      'overlays/prod/kustomization.yaml:40 generator configMapGenerator[settings].literals[0]',
      'base/kustomization.yaml:9 generator configMapGenerator[settings].literals[0]',
    ]);
    assert.deepEqual(trace(cm, '/data/FEATURE_CHECKOUT'), ['base/kustomization.yaml:10 generator configMapGenerator[settings].literals[1]']);
    const s = find(staging, 'ConfigMap');
    assert.deepEqual(trace(s, '/data/FEATURE_CHECKOUT'), [
      'overlays/staging/settings.env:2 generator configMapGenerator[settings].envs[settings.env]',
      'base/kustomization.yaml:10 generator configMapGenerator[settings].literals[1]',
    ]);
    // The generated object's own lines are the generator's: editor surfaces place its drift there.
    assert.deepEqual(cm.fields.get('/data/FEATURE_CHECKOUT')?.keyRange.start.line, 9);
  });

  it('a secretGenerator value points at its env-file line and never carries the secret', async () => {
    write(root, 'secrets/kustomization.yaml', 'secretGenerator:\n  - name: db\n    envs:\n      - db.env\n');
    write(root, 'secrets/db.env', 'USER=app\nPASSWORD=s3cr3t\n');
    const r = await render('secrets');
    const secret = find(r, 'Secret');
    const s = secret.rendered!.sourceOf('/data/PASSWORD')!;
    assert.deepEqual(describeSource(root, s), ['secrets/db.env:2 generator secretGenerator[db].envs[db.env]']);
    assert.equal('value' in s, false);
    assert.doesNotMatch(JSON.stringify(s), /s3cr3t/);
  });

  it('origins read off the kustomization tree agree with kustomize\'s own origin and transformer annotations, value for value', async () => {
    for (const [overlay, fast] of [['overlays/prod', prod], ['overlays/staging', staging]] as const) {
      const dir = path.join(root, overlay);
      const tree = (await readKustomizeTree(dir))!;
      const out = await runKustomize({ tool: kustomizeTool(), dir, label: overlay, annotate: true });
      assert.match(out.yaml, /config\.kubernetes\.io\/origin/);
      const annotated = renderedResources(out.yaml, tree, out.wrapperDir);
      assert.deepEqual(annotated.unresolved, []);
      assert.deepEqual(everything(annotated.resources), everything(fast.resources), overlay);
    }
  });

  it('an object the tree cannot place (renamed by a patch) is placed by kustomize\'s annotations', async () => {
    write(root, 'renamed/kustomization.yaml', 'resources:\n  - ../base\npatches:\n  - target: {kind: Deployment, name: web}\n    options: {allowNameChange: true}\n    patch: |-\n      - op: replace\n        path: /metadata/name\n        value: storefront\n');
    const r = await render('renamed');
    const d = find(r, 'Deployment');
    assert.equal(d.id.name, 'storefront');
    assert.deepEqual([path.relative(root, d.file), d.range.start.line], ['base/deployment.yaml', 0]);
    assert.deepEqual(trace(d, '/spec/replicas'), ['base/deployment.yaml:8 resource']);
  });

  it('warns on the line kustomize warns about (commonLabels is deprecated)', () => {
    const w = prod.errors.find((e) => e.severity === 'info' && /commonLabels/.test(e.message));
    assert.ok(w, JSON.stringify(prod.errors));
    assert.equal(path.relative(root, w.file), 'region/eu/kustomization.yaml');
    assert.equal(w.range?.start.line, 5);
  });
});
