import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { findSchemasDir } from '../../../src/core/validation/schemaStore';

const dir = path.join(findSchemasDir(), 'generated');
const read = (f: string) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'));

describe('validation: generated schemas (scripts/generate-schemas.mjs)', () => {
  const index = read('index.json') as { kinds: Record<string, { file: string; def: string }> };

  it('covers the Kubernetes 1.36 top-level kinds and the Argo CD and Flux resources', () => {
    const kinds = Object.keys(index.kinds);
    assert.equal(kinds.filter((k) => index.kinds[k].file === 'kubernetes').length, 99);
    for (const k of ['v1/Pod', 'apps/v1/Deployment', 'batch/v1/CronJob', 'networking.k8s.io/v1/Ingress', 'apiextensions.k8s.io/v1/CustomResourceDefinition']) assert.ok(kinds.includes(k), k);
    for (const k of [
      'argoproj.io/v1alpha1/Application',
      'argoproj.io/v1alpha1/ApplicationSet',
      'argoproj.io/v1alpha1/AppProject',
      'kustomize.toolkit.fluxcd.io/v1/Kustomization',
      'helm.toolkit.fluxcd.io/v2/HelmRelease',
      'source.toolkit.fluxcd.io/v1/GitRepository',
      'source.toolkit.fluxcd.io/v1/HelmRepository',
      'source.toolkit.fluxcd.io/v1/OCIRepository',
    ]) {
      assert.ok(kinds.includes(k), k);
    }
    assert.ok(!kinds.some((k) => k.endsWith('List')));
  });

  it('follows the strict conventions: fixed apiVersion/kind, closed objects, int-or-string, quantities, nullable optionals', () => {
    const k8s = read('kubernetes.json').definitions;
    const deploy = k8s['io.k8s.api.apps.v1.Deployment'];
    assert.deepEqual(deploy.properties.apiVersion, { enum: ['apps/v1'] });
    assert.deepEqual(deploy.properties.kind, { enum: ['Deployment'] });
    assert.deepEqual(deploy.required, ['apiVersion', 'kind']);
    assert.equal(deploy.additionalProperties, false);
    assert.deepEqual(k8s['io.k8s.apimachinery.pkg.util.intstr.IntOrString'].type, ['integer', 'string', 'null']);
    assert.deepEqual(k8s['io.k8s.apimachinery.pkg.api.resource.Quantity'].type, ['string', 'number', 'null']);
    assert.deepEqual(k8s['io.k8s.api.apps.v1.DeploymentSpec'].properties.replicas, { type: ['integer', 'null'] });
    // required $ref use: null is forbidden again
    assert.deepEqual(k8s['io.k8s.api.apps.v1.DeploymentSpec'].properties.template, { $ref: '#/definitions/io.k8s.api.core.v1.PodTemplateSpec', type: 'object' });
    assert.ok(!/"description":"/.test(JSON.stringify(k8s)), 'descriptions live in descriptions/');
  });

  it('keeps x-kubernetes-preserve-unknown-fields objects open in CRDs and checks their metadata', () => {
    const app = read('argocd-application.json').definitions['argoproj.io.v1alpha1.Application'];
    assert.deepEqual(app.properties.metadata, { $ref: '#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta' });
    const text = JSON.stringify(read('argocd-application.json'));
    assert.ok(text.includes('"valuesObject":{"type":["object","null"]}'), 'helm.valuesObject stays open');
  });

  it('stays small: a few MB in total, descriptions separate', () => {
    let total = 0;
    for (const f of [...fs.readdirSync(dir).filter((f) => f.endsWith('.json')), ...fs.readdirSync(path.join(dir, 'descriptions')).map((f) => `descriptions/${f}`)]) {
      total += fs.statSync(path.join(dir, f)).size;
    }
    assert.ok(total < 3 * 1024 * 1024, `${total} bytes`);
  });
});
