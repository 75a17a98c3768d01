import * as assert from 'node:assert/strict';
import { describeAt, descriptionFor, hoverAt } from '../../../src/core/validation/descriptions';

describe('validation: descriptions for hovers', () => {
  it('finds descriptions of Kubernetes fields through $refs, lists and maps', () => {
    assert.match(descriptionFor('apps/v1', 'Deployment', '/spec/replicas') ?? '', /^Number of desired pods/);
    assert.match(descriptionFor('apps/v1', 'Deployment', '/spec/template/spec/containers/0/image') ?? '', /^Container image name/);
    assert.match(descriptionFor('v1', 'Pod', '/metadata/labels') ?? '', /^Map of string keys and values/);
    assert.match(descriptionFor('apps/v1', 'Deployment', '/spec') ?? '', /^Specification of the desired behavior of the Deployment/);
    assert.equal(descriptionFor('apps/v1', 'Deployment', '/spec/nope'), undefined);
    assert.equal(descriptionFor('example.com/v1', 'Widget', '/spec'), undefined);
  });

  it('finds descriptions of CRD and hand-written schema fields', () => {
    assert.match(descriptionFor('argoproj.io/v1alpha1', 'Application', '/spec/source/repoURL') ?? '', /RepoURL is the URL/);
    assert.match(descriptionFor('helm.toolkit.fluxcd.io/v2', 'HelmRelease', '/spec/interval') ?? '', /Interval at which to reconcile/);
    assert.deepEqual(describeAt('builtin:kustomization', '/images/0/newTag'), { description: 'Replacement tag.', type: 'string | number' });
  });

  it('hovers a key (or its value) of a multi-document file with its path, type and description', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  replicas: 2\n';
    const onKey = hoverAt(text, { line: 8, character: 4 });
    assert.deepEqual(onKey?.range, { start: { line: 8, character: 2 }, end: { line: 8, character: 10 } });
    assert.equal(onKey?.pointer, '/spec/replicas');
    assert.match(onKey?.markdown ?? '', /^\*\*spec\.replicas\*\* `integer`\n\nNumber of desired pods/);
    assert.equal(hoverAt(text, { line: 8, character: 13 })?.pointer, '/spec/replicas');
    assert.equal(hoverAt('a: 1\n', { line: 0, character: 0 }), undefined);
  });

  it('hovers by file pattern (kustomization.yaml)', () => {
    const hover = hoverAt('namespace: dev\n', { line: 0, character: 2 }, { fileName: '/r/kustomization.yaml' });
    assert.match(hover?.markdown ?? '', /Sets the namespace of every resource/);
  });
});
