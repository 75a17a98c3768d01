import * as assert from 'node:assert/strict';
import { IncrementalManifestParser } from '../../../src/core/manifests/incrementalManifestParser';
import { splitDocuments } from '../../../src/core/text/splitYamlDocuments';
import { parseManifestText } from '../../../src/core/manifests/parseManifestText';

const doc = (name: string, replicas: number) => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\nspec:\n  replicas: ${replicas}\n`;

function snapshot(r: ReturnType<typeof parseManifestText>) {
  return {
    resources: r.resources.map((x) => ({ key: x.key, docIndex: x.docIndex, range: x.range, object: x.object, fields: [...x.fields] })),
    errors: r.errors,
  };
}

describe('IncrementalManifestParser', () => {
  it('splits at column-0 document markers only', () => {
    const text = `a: 1\n---\nb: |\n  ---\n  x\n--- # c\nc: 3\n`;
    assert.deepEqual(splitDocuments(text).map((c) => c.startLine), [0, 1, 5]);
    assert.equal(splitDocuments(text).map((c) => c.text).join(''), text);
  });

  it('gives exactly what a full parse gives, after in-line edits, inserted lines and removed documents', () => {
    const parser = new IncrementalManifestParser();
    let text = [doc('a', 1), doc('b', 2), doc('c', 3)].join('---\n');
    const steps = [
      (t: string) => t,
      (t: string) => t.replace('replicas: 2', 'replicas: 7'),
      (t: string) => t.replace('metadata:\n  name: a', 'metadata:\n  labels: { x: y }\n  name: a'),
      (t: string) => t.replace(`---\n${doc('b', 7)}`, ''),
      (t: string) => t + '---\nkind: [broken\n',
      (t: string) => `# header\n${t}`,
    ];
    for (const step of steps) {
      text = step(text);
      assert.deepEqual(snapshot(parser.parse(text, '/f.yaml')), snapshot(parseManifestText(text, '/f.yaml')));
    }
  });

  it('reuses the unchanged documents (same objects) after an in-line edit', () => {
    const parser = new IncrementalManifestParser();
    const text = [doc('a', 1), doc('b', 2), doc('c', 3)].join('---\n');
    const before = parser.parse(text, '/f.yaml');
    const after = parser.parse(text.replace('replicas: 2', 'replicas: 5'), '/f.yaml');
    assert.equal(after.resources[0], before.resources[0]);
    assert.notEqual(after.resources[1], before.resources[1]);
    assert.equal(after.resources[2], before.resources[2]);
  });
});
