import * as assert from 'node:assert/strict';
import { counterpartPointer } from '../../../src/core/drift/counterpartPointer';
import { fieldPathLabel } from '../../../src/core/environments/fieldPathLabel';

const pod = {
  spec: {
    containers: [
      { name: 'web', image: 'a', ports: [{ containerPort: 80, protocol: 'TCP' }], args: ['--x'] },
      { name: 'proxy', image: 'b' },
    ],
  },
  metadata: { annotations: { 'example.com/a.b': 'x' } },
};

describe('fieldPathLabel', () => {
  it('names keyed list items by their merge keys and keeps indexes for the rest', () => {
    assert.equal(fieldPathLabel('/spec/containers/1/image', pod, 'v1', 'Pod'), 'spec.containers[name=proxy].image');
    assert.equal(fieldPathLabel('/spec/containers/0/ports/0/containerPort', pod, 'v1', 'Pod'), 'spec.containers[name=web].ports[containerPort=80,protocol=TCP].containerPort');
    assert.equal(fieldPathLabel('/spec/containers/0/args/0', pod, 'v1', 'Pod'), 'spec.containers[name=web].args[0]');
  });

  it('quotes keys that are not plain identifiers', () => {
    assert.equal(fieldPathLabel('/metadata/annotations/example.com~1a.b', pod, 'v1', 'Pod'), 'metadata.annotations["example.com/a.b"]');
  });
});

describe('counterpartPointer', () => {
  const reordered = { spec: { containers: [{ name: 'proxy', image: 'b' }, { name: 'web', image: 'c' }] } };

  it('follows keyed list items by key into the other document', () => {
    assert.equal(counterpartPointer('/spec/containers/0/image', pod, reordered, 'v1', 'Pod'), '/spec/containers/1/image');
  });

  it('is undefined when the field or item is absent there', () => {
    assert.equal(counterpartPointer('/spec/containers/0/ports', pod, reordered, 'v1', 'Pod'), undefined);
    assert.equal(counterpartPointer('/metadata/annotations', pod, reordered, 'v1', 'Pod'), undefined);
  });
});
