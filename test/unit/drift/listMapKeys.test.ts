import * as assert from 'node:assert/strict';
import { listMapKeys } from '../../../src/core/drift/listMapKeys';
import table from '../../../src/core/drift/listMapKeys.generated.json';

describe('listMapKeys', () => {
  it('finds merge keys through shared fragments', () => {
    assert.deepEqual(listMapKeys('apps/v1', 'Deployment', ['spec', 'template', 'spec', 'containers']), ['name']);
    assert.deepEqual(listMapKeys('apps/v1', 'Deployment', ['spec', 'template', 'spec', 'containers', '0', 'ports']), ['containerPort', 'protocol']);
    assert.deepEqual(listMapKeys('apps/v1', 'StatefulSet', ['spec', 'template', 'spec', 'initContainers', '*', 'env']), ['name']);
    assert.deepEqual(listMapKeys('batch/v1', 'CronJob', ['spec', 'jobTemplate', 'spec', 'template', 'spec', 'volumes']), ['name']);
    assert.deepEqual(listMapKeys('v1', 'Pod', ['spec', 'containers', '1', 'volumeMounts']), ['mountPath']);
    assert.deepEqual(listMapKeys('v1', 'Service', ['spec', 'ports']), ['port', 'protocol']);
  });

  it('falls back to the known version of the same group and kind', () => {
    assert.deepEqual(listMapKeys('apps/v1beta2', 'Deployment', ['spec', 'template', 'spec', 'containers']), ['name']);
  });

  it('returns undefined for unkeyed lists, unknown paths and unknown kinds', () => {
    assert.equal(listMapKeys('apps/v1', 'Deployment', ['spec', 'template', 'spec', 'containers', '0', 'args']), undefined);
    assert.equal(listMapKeys('apps/v1', 'Deployment', ['spec', 'template', 'spec', 'tolerations']), undefined);
    assert.equal(listMapKeys('apps/v1', 'Deployment', ['spec', 'template']), undefined);
    assert.equal(listMapKeys('example.com/v1', 'Widget', ['spec', 'items']), undefined);
  });

  it('the generated table stays small and every fragment reference resolves', () => {
    const text = JSON.stringify(table);
    assert.ok(text.length < 20_000, `${text.length} bytes`);
    const t = table as { kinds: Record<string, string>; fragments: Record<string, Record<string, unknown>> };
    for (const fragment of Object.values(t.kinds)) assert.ok(t.fragments[fragment], fragment);
    for (const entries of Object.values(t.fragments)) {
      for (const value of Object.values(entries)) {
        if (typeof value === 'string') assert.ok(t.fragments[value.slice(1)], value);
        else assert.ok(Array.isArray(value) && value.length > 0);
      }
    }
  });
});
