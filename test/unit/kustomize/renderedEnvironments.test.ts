import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../../../src/cli/main';
import { KUSTOMIZE_PATH_ENV } from '../../../src/cli/cliEvaluationContext';
import { parseConfigText } from '../../../src/core/config/loadConfig';
import type { YouOpsConfig } from '../../../src/core/config/types';
import { desiredValueSource, fileDrift } from '../../../src/core/environments/driftSources';
import type { EnvironmentState } from '../../../src/core/environments/environmentState';
import { evaluateEnvironment, type EvaluationContext } from '../../../src/core/environments/evaluateEnvironment';
import { KustomizeRenderer } from '../../../src/core/kustomize/kustomizeRenderer';
import { writeTrapScript } from '../../host/trapScript';
import { copyFixture, describeSource, liveSnapshotOf, requireKustomizeV5, SHOP_CONFIG, SHOP_FIXTURE, write, writeShopLive } from './kustomizeFixture';

/**
 * The new-user scenario: a base with staging and prod overlays, a cluster that holds
 * exactly the rendering except three values in prod (replicas, the image tag, a generator
 * literal). Live state is the real `kubectl kustomize` output with server fields added.
 */
describe('rendered environments: drift against what the agent applies (real kubectl kustomize)', function () {
  this.timeout(60_000);
  let root: string;
  let config: YouOpsConfig;
  const ctx = (over: Partial<EvaluationContext> = {}): EvaluationContext => ({ rootDir: root, trusted: true, renderer: new KustomizeRenderer(), ...over });
  const evaluate = (name: string, c: EvaluationContext = ctx()) => evaluateEnvironment(config.environments.find((e) => e.name === name)!, config, c);
  const rel = (f: string) => path.relative(root, f);

  before(requireKustomizeV5);
  beforeEach(() => {
    root = copyFixture(SHOP_FIXTURE);
    write(root, 'youops.yaml', SHOP_CONFIG);
    config = parseConfigText(SHOP_CONFIG).config!;
    writeShopLive(root, (o) => {
      if (o.kind === 'Deployment') {
        o.spec.replicas = 2;
        o.spec.template.spec.containers[0].image = 'ghcr.io/acme/web:1.1.0';
      }
      if (o.kind === 'ConfigMap') o.data.LOG_LEVEL = 'info';
    });
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('staging, identical to its rendering, is in sync: no false drift, the generated ConfigMap is desired, not Extra', async () => {
    const s = await evaluate('staging');
    assert.equal(s.rendering?.status, 'rendered');
    assert.equal(s.drift.status, 'InSync', JSON.stringify(s.drift.resources.filter((r) => r.status !== 'InSync').map((r) => [r.key, r.status, r.fields])));
    assert.deepEqual(s.drift.counts, { InSync: 3, Drifted: 0, Missing: 0, Extra: 0, Unknown: 0, Error: 0 });
  });

  it('prod shows exactly the three drifted values, each at the line that sets its desired value', async () => {
    const s = await evaluate('prod');
    assert.equal(s.drift.status, 'Drifted');
    assert.deepEqual(s.drift.counts, { InSync: 1, Drifted: 2, Missing: 0, Extra: 0, Unknown: 0, Error: 0 });
    const drifted = s.drift.resources.flatMap((r) => r.fields.map((f) => [r.id.kind, f.path, f.desired, f.live, ...describeSource(root, desiredValueSource(r, f))]));
    assert.deepEqual(drifted, [
      ['ConfigMap', '/data/LOG_LEVEL', 'warn', 'info', 'overlays/prod/kustomization.yaml:40 generator configMapGenerator[settings].literals[0]', 'base/kustomization.yaml:9 generator configMapGenerator[settings].literals[0]'],
      ['Deployment', '/spec/replicas', 3, 2, 'overlays/prod/kustomization.yaml:17 replicas replicas[web].count', 'base/deployment.yaml:8 resource'],
      ['Deployment', '/spec/template/spec/containers/0/image', 'ghcr.io/acme/web:1.2.0', 'ghcr.io/acme/web:1.1.0', 'overlays/prod/kustomization.yaml:10 images images[ghcr.io/acme/web].newTag', 'base/deployment.yaml:22 resource'],
    ]);
    // The resource keeps its origin: the base document; the field keeps its base line for the base file's surfaces.
    const web = s.drift.resources.find((r) => r.id.kind === 'Deployment')!;
    assert.equal(rel(web.resource!.file), 'base/deployment.yaml');
    assert.equal(web.fields[0].location?.keyRange.start.line, 7);
  });

  it('drift --format json gives each field the file and line that sets it, what it overrides, and the origin of the resource', async () => {
    const { code, out } = await cli('drift', 'prod', '--format', 'json', '--cwd', root);
    assert.equal(code, 1);
    const env = JSON.parse(out).environments[0];
    assert.deepEqual(env.rendering, { status: 'rendered', tool: 'kubectl kustomize', overlays: [{ kustomization: 'overlays/prod/kustomization.yaml', durationMs: env.rendering.overlays[0].durationMs, cached: false }] });
    const web = env.resources.find((r: { kind: string }) => r.kind === 'Deployment');
    assert.deepEqual({ ...web, drift: undefined }, { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop-prod', name: 'eu-web', file: 'base/deployment.yaml', line: 1, status: 'Drifted', drift: undefined });
    assert.deepEqual(web.drift, [
      { path: 'spec.replicas', desired: 3, live: 2, reason: 'changed', file: 'overlays/prod/kustomization.yaml', line: 17, setBy: 'replicas', entry: 'replicas[web].count', overrides: { file: 'base/deployment.yaml', line: 8, value: 1 } },
      {
        path: 'spec.template.spec.containers[name=web].image',
        desired: 'ghcr.io/acme/web:1.2.0',
        live: 'ghcr.io/acme/web:1.1.0',
        reason: 'changed',
        file: 'overlays/prod/kustomization.yaml',
        line: 10,
        setBy: 'images',
        entry: 'images[ghcr.io/acme/web].newTag',
        overrides: { file: 'base/deployment.yaml', line: 22, value: 'ghcr.io/acme/web:1.0.0' },
      },
    ]);
    const text = await cli('drift', 'prod', '--cwd', root);
    assert.match(text.out, /^ {4}overlays\/prod\/kustomization\.yaml:17 {2}spec\.replicas: desired 3, live 2 \(overrides 1 at base\/deployment\.yaml:8\)$/m);
  });

  it('a base shared by both environments shows each one; a patch file and kustomization.yaml show the values they set', async () => {
    const states: EnvironmentState[] = await Promise.all([evaluate('staging'), evaluate('prod')]);
    const base = fileDrift(states, path.join(root, 'base/deployment.yaml'));
    assert.deepEqual(
      base.map((e) => [e.environment, e.resources.map((r) => [r.id.name, r.status, r.range.start.line]), e.fields.map((f) => [f.label, f.range.start.line, f.setHere, ...describeSource(root, f.source).slice(0, 1)])]),
      [
        ['staging', [['web', 'InSync', 0]], []],
        [
          'prod',
          [['eu-web', 'Drifted', 0]],
          [
            ['spec.replicas', 7, false, 'overlays/prod/kustomization.yaml:17 replicas replicas[web].count'],
            ['spec.template.spec.containers[name=web].image', 21, false, 'overlays/prod/kustomization.yaml:10 images images[ghcr.io/acme/web].newTag'],
          ],
        ],
      ],
    );
    const kustomization = fileDrift(states, path.join(root, 'overlays/prod/kustomization.yaml'));
    assert.deepEqual(
      kustomization.map((e) => [e.environment, e.fields.map((f) => [f.id.kind, f.label, f.range.start.line, f.setHere])]),
      [['prod', [['ConfigMap', 'data.LOG_LEVEL', 39, true], ['Deployment', 'spec.replicas', 16, true], ['Deployment', 'spec.template.spec.containers[name=web].image', 9, true]]]],
    );
    // The patch file sets no drifted value: nothing to show there; drift it and it shows on its line.
    assert.deepEqual(fileDrift(states, path.join(root, 'overlays/prod/deployment-patch.yaml')), []);
    const live = JSON.parse(fs.readFileSync(path.join(root, 'live/prod/export.json'), 'utf8'));
    live.items.find((o: { kind: string }) => o.kind === 'Deployment').spec.template.spec.containers[0].resources.limits.memory = '256Mi';
    write(root, 'live/prod/export.json', JSON.stringify(live));
    const patched = fileDrift([await evaluate('prod')], path.join(root, 'overlays/prod/deployment-patch.yaml'));
    assert.deepEqual(patched.map((e) => e.fields.map((f) => [f.label, f.desired, f.live, f.range.start.line, f.setHere])), [
      [['spec.template.spec.containers[name=web].resources.limits.memory', '512Mi', '256Mi', 11, true]],
    ]);
  });

  it('an untrusted workspace renders nothing: the raw files, and the reason', async () => {
    const marker = path.join(root, 'ran');
    const trap = writeTrapScript(path.join(root, 'bin/kustomize'), marker);
    const s = await evaluate('prod', ctx({ trusted: false, kustomizePath: trap, kubectlPath: trap }));
    assert.equal(s.rendering?.status, 'notRendered');
    assert.match(s.rendering!.reason!, /kustomize runs with the repository's files and may fetch remote bases/);
    assert.equal(fs.existsSync(marker), false, 'kustomize ran in an untrusted workspace');
    // Raw reading: the base documents as written, no overlay applied.
    assert.deepEqual(s.drift.resources.filter((r) => r.resource).map((r) => [r.id.kind, r.id.name, r.resource!.rendered === undefined]), [
      ['Deployment', 'web', true],
      ['Service', 'web', true],
    ]);
  });

  it('without kustomize: one clear message, and the raw files with a visible "not rendered" warning', async () => {
    const s = await evaluate('staging', ctx({ kustomizePath: path.join(root, 'no/such/kustomize') }));
    assert.equal(s.rendering?.status, 'notRendered');
    assert.match(s.rendering!.reason!, /not found \(install kubectl ≥ 1\.27 \(kustomize v5 is built in\) or kustomize v5, or set youops\.kustomize\.path\)/);
    assert.ok(s.drift.resources.some((r) => r.resource && !r.resource.rendered));
    const text = await cli('drift', 'staging', '--cwd', root, { [KUSTOMIZE_PATH_ENV]: path.join(root, 'no/such/kustomize') });
    assert.equal(text.out.split('\n').filter((l) => /warning: not rendered/.test(l)).length, 1);
  });

  it('a kustomize error fails the environment with the message on the line it names, never a false drift', async () => {
    fs.writeFileSync(path.join(root, 'overlays/prod/kustomization.yaml'), fs.readFileSync(path.join(root, 'overlays/prod/kustomization.yaml'), 'utf8').replace('path: deployment-patch.yaml', 'path: deploy-patch.yaml'));
    const s = await evaluate('prod');
    assert.equal(s.rendering?.status, 'failed');
    assert.equal(s.drift.status, 'Error');
    assert.match(s.drift.error!, /kustomize could not render overlays\/prod: .*deploy-patch\.yaml/);
    const e = s.manifestErrors.find((m) => m.severity === 'error')!;
    assert.deepEqual([rel(e.file), e.range?.start.line], ['overlays/prod/kustomization.yaml', 22]);
    assert.ok(s.drift.resources.every((r) => r.status === 'Unknown'));
  });

  it('youops render prints each rendered object with its origin, in a form kubectl reads back as is', async () => {
    const { code, out } = await cli('render', '--env', 'prod', '--cwd', root);
    assert.equal(code, 0);
    assert.deepEqual(out.split('\n').filter((l) => l.startsWith('# Source:')), [
      '# Source: base/kustomization.yaml:7 (rendered from overlays/prod/kustomization.yaml)',
      '# Source: base/service.yaml:1 (rendered from overlays/prod/kustomization.yaml)',
      '# Source: base/deployment.yaml:1 (rendered from overlays/prod/kustomization.yaml)',
    ]);
    assert.match(out, /prometheus\.io\/scrape: "true"/);
    assert.doesNotMatch(out, /config\.kubernetes\.io/);
    const json = JSON.parse((await cli('render', '--env', 'staging', '--format', 'json', '--cwd', root)).out);
    assert.deepEqual(json.environments[0].resources.map((r: Record<string, unknown>) => [r.resource, r.file, r.line, r.origin]), [
      [`ConfigMap shop-staging/${json.environments[0].resources[0].object.metadata.name}`, 'base/kustomization.yaml', 7, 'generator'],
      ['Service shop-staging/web', 'base/service.yaml', 1, 'resource'],
      ['Deployment shop-staging/web', 'base/deployment.yaml', 1, 'resource'],
    ]);
  });

  it('youops render --untrusted runs no kustomize: the raw files, with the reason as a warning', async () => {
    const { code, out } = await cli('render', '--env', 'prod', '--format', 'json', '--untrusted', '--cwd', root);
    assert.equal(code, 0);
    const env = JSON.parse(out).environments[0];
    assert.equal(env.rendering.status, 'notRendered');
    assert.match(env.rendering.reason, /untrusted workspace shows the raw files/);
    assert.ok(env.resources.length > 0 && env.resources.every((r: { origin: string }) => r.origin === 'resource'));
    assert.ok(!env.resources.some((r: { object: { metadata: { name: string } } }) => /^settings-/.test(r.object.metadata.name)), 'no generated ConfigMap: kustomize did not run');
  });
});

async function cli(...argv: Array<string | NodeJS.ProcessEnv>): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const env = argv.find((a): a is NodeJS.ProcessEnv => typeof a === 'object');
  const saved = { ...process.env };
  Object.assign(process.env, env ?? {});
  try {
    const code = await runCli(argv.filter((a): a is string => typeof a === 'string'), { out: (t) => (out += t + '\n'), err: (t) => (err += t + '\n') });
    return { code, out, err };
  } finally {
    for (const k of Object.keys(env ?? {})) if (!(k in saved)) delete process.env[k];
  }
}
