import * as assert from 'node:assert/strict';
import { diagnosticsOf, summary } from './helpers';

// YAML 1.1 as kubectl reads it (sigs.k8s.io/yaml on go-yaml v2): yes/no/on/off/y/n are booleans, `<<` merges.
describe('YAML 1.1 as kubectl reads it', () => {
  it('yes/on are booleans where a boolean is expected (no false positive)', async () => {
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata: {name: tuning}\nspec:\n  hostNetwork: yes\n  containers:\n    - name: c\n      image: alpine\n      securityContext:\n        readOnlyRootFilesystem: on\n        privileged: Off\n';
    assert.deepEqual(await diagnosticsOf(pod), []);
  });

  it('a YAML 1.1 boolean in a string field is an error that says why and how to quote it, with the quick fix', async () => {
    const cm = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: flags}\ndata:\n  ENABLE_CACHE: yes\n  MODE: "on"\n';
    const diags = await diagnosticsOf(cm);
    assert.deepEqual(summary(diags), [[4, 'data.ENABLE_CACHE: expected string, got boolean true — YAML 1.1, as kubectl reads it, takes yes for a boolean; quote it: "yes"']]);
    assert.deepEqual(diags[0].data, { title: 'Quote the value', replacement: '"yes"' });
    const env = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: c\n      image: alpine\n      env:\n        - name: FEATURE\n          value: on\n';
    assert.deepEqual(summary(await diagnosticsOf(env)), [
      [9, 'spec.containers[0].env[0].value: expected string, got boolean true — YAML 1.1, as kubectl reads it, takes on for a boolean; quote it: "on"'],
    ]);
  });

  it('merge keys are resolved, not an unknown field "<<"', async () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: merged\n  labels: &common {team: shop, tier: web}\n  annotations:\n    <<: *common\n    owner: ops\n';
    assert.deepEqual(await diagnosticsOf(text), []);
  });
});
