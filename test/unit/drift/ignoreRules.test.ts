import * as assert from 'node:assert/strict';
import { IgnoreMatcher, parseIgnorePath } from '../../../src/core/drift/ignoreRules';

describe('ignoreRules', () => {
  it('splits on unescaped dots only', () => {
    assert.deepEqual(parseIgnorePath('spec.replicas'), ['spec', 'replicas']);
    assert.deepEqual(parseIgnorePath('metadata.annotations.kubectl\\.kubernetes\\.io/last-applied-configuration'), [
      'metadata',
      'annotations',
      'kubectl.kubernetes.io/last-applied-configuration',
    ]);
  });

  it('matches by kind, prefix, index, * and list item name', () => {
    const m = new IgnoreMatcher(
      [
        { kind: 'Deployment', path: 'spec.replicas' },
        { path: 'spec.template.spec.containers.*.image' },
        { path: 'spec.template.spec.containers.sidecar.env' },
        { path: 'spec.ports.1' },
      ],
      'Deployment',
    );
    const none = (n: number) => new Array<undefined>(n).fill(undefined);
    assert.equal(m.ignores(['spec', 'replicas'], none(2)), true);
    assert.equal(m.ignores(['spec', 'template', 'spec', 'containers', '3', 'image'], none(6)), true);
    assert.equal(m.ignores(['spec', 'template', 'spec', 'containers', '3', 'name'], none(6)), false);
    assert.equal(m.ignores(['spec', 'template', 'spec', 'containers', '1', 'env', '0', 'value'], [undefined, undefined, undefined, undefined, 'sidecar', undefined, 'X', undefined]), true);
    assert.equal(m.ignores(['spec', 'ports', '1', 'port'], none(4)), true);
    assert.equal(m.ignores(['spec', 'ports', '0', 'port'], none(4)), false);
    assert.equal(new IgnoreMatcher([{ kind: 'StatefulSet', path: 'spec.replicas' }], 'Deployment').ignores(['spec', 'replicas'], none(2)), false);
  });
});
