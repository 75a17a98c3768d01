import * as assert from 'node:assert/strict';
import { kustomizeImageEdit, readKustomizeImages } from '../../../src/core/gitops/kustomizeImages';
import { parseImage } from '../../../src/core/manifests/imageReference';
import { applyTextEdits } from '../../../src/core/gitops/textEdits';

const KUSTOMIZATION = `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
  - ../../base
images:
  # the release train sets these
  - name: ghcr.io/acme/web
    newTag: "1.4.1"   # prod
  - name: ghcr.io/acme/api
    newName: registry.local/api
`;

const set = (text: string, name: string, field: 'newTag' | 'newName' | 'digest', value: string) => applyTextEdits(text, [kustomizeImageEdit(text, name, field, value)]);

describe('kustomize images: overrides (gitops/kustomizeImages)', () => {
  it('reads the entries', () => {
    assert.deepEqual(readKustomizeImages(KUSTOMIZATION), [
      { name: 'ghcr.io/acme/web', newTag: '1.4.1' },
      { name: 'ghcr.io/acme/api', newName: 'registry.local/api' },
    ]);
  });

  it('edits newTag in place, keeping its quotes and comment', () => {
    assert.equal(set(KUSTOMIZATION, 'ghcr.io/acme/web', 'newTag', '1.4.2'), KUSTOMIZATION.replace('"1.4.1"', '"1.4.2"'));
  });

  it('adds a missing field to its entry, a missing entry to the list, a missing images: to the file', () => {
    assert.equal(set(KUSTOMIZATION, 'ghcr.io/acme/api', 'newTag', '2.0.0'), KUSTOMIZATION + '    newTag: 2.0.0\n');
    assert.equal(set(KUSTOMIZATION, 'ghcr.io/acme/worker', 'newTag', '0.9.4'), KUSTOMIZATION + '  - name: ghcr.io/acme/worker\n    newTag: 0.9.4\n');
    const bare = 'resources:\n  - a.yaml';
    assert.equal(set(bare, 'web', 'newTag', '1.0.0'), 'resources:\n  - a.yaml\nimages:\n  - name: web\n    newTag: 1.0.0\n');
    assert.deepEqual(readKustomizeImages(set(bare, 'web', 'newTag', '1.0.0')), [{ name: 'web', newTag: '1.0.0' }]);
  });

  it('splits image references with registry ports, tags and digests', () => {
    assert.deepEqual(parseImage('localhost:5000/acme/web:1.2'), { repo: 'localhost:5000/acme/web', tag: '1.2' });
    assert.deepEqual(parseImage('acme/web@sha256:abc'), { repo: 'acme/web', digest: 'sha256:abc' });
    assert.deepEqual(parseImage('web'), { repo: 'web' });
  });
});
