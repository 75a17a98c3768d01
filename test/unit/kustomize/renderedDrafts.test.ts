import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseConfigText } from '../../../src/core/config/loadConfig';
import type { YouOpsConfig } from '../../../src/core/config/types';
import { draftDrift } from '../../../src/core/environments/draftDrift';
import { driftByFile } from '../../../src/core/environments/driftSources';
import type { EnvironmentState } from '../../../src/core/environments/environmentState';
import { evaluateEnvironment } from '../../../src/core/environments/evaluateEnvironment';
import { KustomizeRenderer } from '../../../src/core/kustomize/kustomizeRenderer';
import { parseManifestText } from '../../../src/core/manifests/parseManifestText';
import { copyFixture, liveSnapshotOf, requireKustomizeV5, SHOP_CONFIG, SHOP_FIXTURE, write, writeShopLive } from './kustomizeFixture';

/**
 * What the editor shows of rendered environments: the per-file index of a refresh (one pass over
 * every environment) and the drift of a base being edited before it is saved, as the overlays
 * render it. Cluster state: the real `kubectl kustomize` output, prod's replicas and a value only
 * the base sets (terminationGracePeriodSeconds) changed.
 */
describe('rendered environments in the editor: the per-file index and unsaved base edits (real kubectl kustomize)', function () {
  this.timeout(60_000);
  let root: string;
  let config: YouOpsConfig;
  let states: EnvironmentState[];
  const base = () => path.join(root, 'base/deployment.yaml');
  const baseText = () => fs.readFileSync(base(), 'utf8');
  const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle));

  before(requireKustomizeV5);
  beforeEach(async () => {
    root = copyFixture(SHOP_FIXTURE);
    // A value only the base sets, for the cluster to drift from.
    write(root, 'base/deployment.yaml', baseText().replace('    spec:\n      initContainers:', '    spec:\n      terminationGracePeriodSeconds: 30\n      initContainers:'));
    config = parseConfigText(SHOP_CONFIG).config!;
    writeShopLive(root, (o) => {
      if (o.kind === 'Deployment') {
        o.spec.replicas = 2;
        o.spec.template.spec.terminationGracePeriodSeconds = 60;
      }
    });
    const renderer = new KustomizeRenderer();
    states = await Promise.all(config.environments.map((e) => evaluateEnvironment(e, config, { rootDir: root, trusted: true, renderer })));
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  const draft = (text: string) =>
    draftDrift(
      base(),
      parseManifestText(text, base()).resources,
      states.map((s) => ({ name: s.config.name, state: s })),
      config.drift,
    );

  it('indexes every file once: the shared base per environment, the kustomization line prod sets, the base line it overrides', () => {
    const index = driftByFile(states.map((s) => ({ environment: s.config.name, resources: s.drift.resources })));
    const baseEntries = index.get(base())!;
    assert.deepEqual(
      baseEntries.map((e) => [e.environment, e.resources.map((r) => [r.id.name, r.status, r.drift.fields.length]), e.fields.map((f) => [f.label, f.range.start.line + 1, f.setHere])]),
      [
        ['staging', [['web', 'InSync', 0]], []],
        ['prod', [['eu-web', 'Drifted', 2]], [['spec.replicas', 8, false], ['spec.template.spec.terminationGracePeriodSeconds', 17, true]]],
      ],
    );
    const kustomization = index.get(path.join(root, 'overlays/prod/kustomization.yaml'))!;
    assert.deepEqual(
      kustomization.map((e) => [e.environment, e.fields.map((f) => [f.label, f.desired, f.live, f.range.start.line + 1, f.valueRange?.start.line, f.setHere])]),
      [['prod', [['spec.replicas', 3, 2, 17, 16, true]]]],
    );
  });

  it('an unsaved base edit is rendered through the overlays: staging drifts on the replicas it takes from the base, prod keeps its own', () => {
    const text = baseText().replace('replicas: 1', 'replicas: 2');
    const items = draft(text);
    const byEnv = Object.fromEntries(items.map((i) => [i.env, i.resource]));
    assert.deepEqual(Object.keys(byEnv).sort(), ['prod', 'staging']);
    assert.equal(byEnv.staging.status, 'Drifted');
    assert.deepEqual(byEnv.staging.fields.map((f) => [f.path, f.desired, f.live, f.location?.keyRange.start.line]), [['/spec/replicas', 2, 1, lineOf(text, 'replicas: 2')]]);
    // Rendered, not raw: prod's name prefix, namespace and replicas entry still apply.
    assert.equal(byEnv.prod.key, states[1].drift.resources.find((r) => r.id.kind === 'Deployment')!.key);
    assert.deepEqual(
      byEnv.prod.fields.map((f) => [f.path, f.desired, f.live]),
      states[1].drift.resources.find((r) => r.id.kind === 'Deployment')!.fields.map((f) => [f.path, f.desired, f.live]),
    );
  });

  it('edits a value every overlay overrides: no new drift; a comment that shifts the lines moves every position', () => {
    const text = '# edited\n' + baseText().replace('ghcr.io/acme/web:1.0.0', 'ghcr.io/acme/web:0.9.0');
    const items = draft(text);
    assert.equal(items.find((i) => i.env === 'staging')!.resource.status, 'InSync');
    const prod = items.find((i) => i.env === 'prod')!.resource;
    assert.equal(prod.resource!.range.start.line, 1);
    const replicas = prod.fields.find((f) => f.path === '/spec/replicas')!;
    assert.equal(replicas.location?.keyRange.start.line, lineOf(text, 'replicas: 1'));
    // The trace of the draft: set by prod's kustomization, overriding the base line where the draft has it.
    const source = prod.resource!.rendered!.sourceOf('/spec/replicas')!;
    assert.deepEqual([path.relative(root, source.file), source.range.start.line + 1], ['overlays/prod/kustomization.yaml', 17]);
    assert.deepEqual([path.relative(root, source.overrides!.file), source.overrides!.range.start.line, source.overrides!.value], ['base/deployment.yaml', lineOf(text, 'replicas: 1'), 1]);
  });

  it('a field the draft adds to the base reaches every environment that does not override it; one it removes is gone', () => {
    const added = baseText().replace('          ports:\n            - containerPort: 8080\n', '          ports:\n            - containerPort: 8080\n          workingDir: /srv\n');
    const items = draft(added);
    for (const env of ['staging', 'prod']) {
      const r = items.find((i) => i.env === env)!.resource;
      assert.ok(
        r.fields.some((f) => f.path === '/spec/template/spec/containers/0/workingDir' && f.desired === '/srv' && f.live === undefined),
        `${env}: ${JSON.stringify(r.fields.map((f) => f.path))}`,
      );
    }
    const removed = baseText().replace('      terminationGracePeriodSeconds: 30\n', '');
    const prod = draft(removed).find((i) => i.env === 'prod')!.resource;
    assert.deepEqual(prod.fields.map((f) => f.path), ['/spec/replicas']);
  });
});
