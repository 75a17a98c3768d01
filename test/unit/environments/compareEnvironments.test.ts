import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { compareEnvironments } from '../../../src/core/environments/compareEnvironments';
import { computeEnvironmentDrift } from '../../../src/core/drift/environmentDrift';
import type { EnvironmentState } from '../../../src/core/environments/environmentState';
import { loadManifests } from '../../../src/core/manifests/loadManifests';
import { parseManifestText } from '../../../src/core/manifests/parseManifestText';

const DEMO = path.resolve(__dirname, '../../../../examples/demo');

function web(ns: string, opts: { replicas: number; image: string; sidecar?: boolean; extraEnv?: boolean; memory?: string }): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: ${ns}
spec:
  replicas: ${opts.replicas}
  template:
    spec:
      containers:${opts.sidecar ? '\n        - name: proxy\n          image: envoy:1' : ''}
        - name: web
          image: ${opts.image}
          resources:
            limits:
              memory: ${opts.memory ?? '1Gi'}${opts.extraEnv ? '\n          env:\n            - name: DEBUG\n              value: "1"' : ''}
`;
}

describe('compareEnvironments', () => {
  it('pairs resources by kind and name across namespaces and reports differing fields with locations in both files', () => {
    const staging = parseManifestText(web('shop-staging', { replicas: 2, image: 'web:1.5', extraEnv: true, memory: '1024Mi' }), '/repo/envs/staging/web.yaml').resources;
    const prod = parseManifestText(web('shop-prod', { replicas: 4, image: 'web:1.4', sidecar: true }), '/repo/envs/prod/web.yaml').resources;
    const result = compareEnvironments(staging, prod);
    assert.equal(result.resources.length, 1);
    const [r] = result.resources;
    assert.equal(r.status, 'Different');
    const byPath = new Map(r.fields.map((f) => [f.path, f]));
    // namespace differs by design; 1024Mi = 1Gi by value: neither is reported
    assert.deepEqual([...byPath.keys()].sort(), [
      'spec.replicas',
      'spec.template.spec.containers[name=proxy]',
      'spec.template.spec.containers[name=web].env',
      'spec.template.spec.containers[name=web].image',
    ]);

    const image = byPath.get('spec.template.spec.containers[name=web].image')!;
    assert.deepEqual([image.from, image.to], ['web:1.5', 'web:1.4']);
    // containers are matched by name: index 0 in staging, 1 in prod (after the sidecar)
    assert.equal(image.fromPointer, '/spec/template/spec/containers/0/image');
    assert.equal(image.toPointer, '/spec/template/spec/containers/1/image');
    assert.equal(image.fromSource?.file, '/repo/envs/staging/web.yaml');
    assert.equal(image.fromSource?.range.start.line, 11); // 0-based
    assert.equal(image.toSource?.file, '/repo/envs/prod/web.yaml');
    assert.equal(image.toSource?.range.start.line, 13);
    assert.equal(image.toSource?.ancestor, false);

    // set only in staging: prod's location is the nearest parent present there (the container item)
    const env = byPath.get('spec.template.spec.containers[name=web].env')!;
    assert.equal(env.to, undefined);
    assert.equal(env.toPointer, undefined);
    assert.equal(env.toSource?.ancestor, true);
    assert.equal(env.toSource?.range.start.line, 12);

    // set only in prod
    const sidecar = byPath.get('spec.template.spec.containers[name=proxy]')!;
    assert.equal(sidecar.from, undefined);
    assert.deepEqual(sidecar.to, { name: 'proxy', image: 'envoy:1' });
    assert.equal(sidecar.toSource?.range.start.line, 10);
    assert.equal(sidecar.fromSource?.ancestor, true);
  });

  it('lists resources present on one side only, and identical ones as Same', () => {
    const cm = (name: string, ns: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: ${ns}\ndata:\n  a: "1"\n`;
    const a = parseManifestText([cm('shared', 'a'), cm('only-a', 'a')].join('---\n'), '/a.yaml').resources;
    const b = parseManifestText([cm('shared', 'b'), cm('only-b', 'b')].join('---\n'), '/b.yaml').resources;
    const result = compareEnvironments({ name: 'a', resources: a }, { name: 'b', resources: b });
    assert.deepEqual([result.from, result.to], ['a', 'b']);
    assert.deepEqual(
      result.resources.map((r) => [r.name, r.status]),
      [['shared', 'Same'], ['only-a', 'OnlyInFrom'], ['only-b', 'OnlyInTo']],
    );
  });

  it('honours drift.ignore rules', () => {
    const a = parseManifestText(web('x', { replicas: 1, image: 'web:1' }), '/a.yaml').resources;
    const b = parseManifestText(web('y', { replicas: 3, image: 'web:1' }), '/b.yaml').resources;
    assert.equal(compareEnvironments(a, b, { ignore: [{ kind: 'Deployment', path: 'spec.replicas' }] }).resources[0].status, 'Same');
  });

  it('compares the demo staging and prod environment states (image tags, replicas, config values)', async () => {
    const state = async (name: string): Promise<EnvironmentState> => {
      const { resources } = await loadManifests(DEMO, [`envs/${name}`]);
      return { config: { name, manifests: [`envs/${name}`], protected: false }, drift: computeEnvironmentDrift(resources, undefined, []), manifestErrors: [], history: [] };
    };
    const result = compareEnvironments(await state('staging'), await state('prod'));
    assert.deepEqual([result.from, result.to], ['staging', 'prod']);
    const different = result.resources.filter((r) => r.status === 'Different');
    assert.ok(different.length > 0);
    const paths = different.flatMap((r) => r.fields.map((f) => `${r.kind}/${r.name}:${f.path}`));
    assert.ok(paths.some((p) => p.endsWith('.image')), paths.join('\n'));
    for (const f of different.flatMap((r) => r.fields)) {
      assert.ok(f.fromSource?.file.includes(`${path.sep}staging${path.sep}`) && f.toSource?.file.includes(`${path.sep}prod${path.sep}`));
      assert.notEqual(f.path, 'metadata.namespace');
    }
  });

  it('compares keys JavaScript objects inherit (constructor, toString) like any key', () => {
    const cm = (ns: string, value: string) => parseManifestText(`apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: words\n  namespace: ${ns}\ndata:\n  constructor: ${value}\n`, `/repo/${ns}.yaml`).resources;
    const toString = parseManifestText('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: words\n  namespace: b\ndata:\n  toString: t\n', '/repo/b.yaml').resources;
    const changed = compareEnvironments(cm('a', 'old'), cm('b', 'new')).resources[0];
    assert.deepEqual(changed.fields.map((f) => [f.path, f.from, f.to, f.toPointer]), [['data.constructor', 'old', 'new', '/data/constructor']]);
    const onlyOne = compareEnvironments(cm('a', 'x'), toString).resources[0];
    assert.deepEqual(onlyOne.fields.map((f) => [f.path, f.from, f.to, f.toPointer]).sort(), [
      ['data.constructor', 'x', undefined, undefined],
      ['data.toString', undefined, 't', '/data/toString'],
    ]);
  });
});
