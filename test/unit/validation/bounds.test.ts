import * as assert from 'node:assert/strict';
import { diagnosticsOf } from './helpers';

/** A CRD whose openAPIV3Schema levels alias the level below three times: 3^30 paths through a recursive schema. */
function aliasedCrd(levels: number): string {
  const lines = [
    'apiVersion: apiextensions.k8s.io/v1',
    'kind: CustomResourceDefinition',
    'metadata: {name: widgets.example.com}',
    'spec:',
    '  group: example.com',
    '  names: {kind: Widget, plural: widgets}',
    '  scope: Namespaced',
    '  versions:',
    '  - name: v1',
    '    served: true',
    '    storage: true',
    '    schema:',
    '      openAPIV3Schema:',
    '        type: object',
    '        properties:',
    '          l0: &l0 {type: string}',
  ];
  for (let i = 1; i <= levels; i++) lines.push(`          l${i}: &l${i} {type: object, properties: {a: *l${i - 1}, b: *l${i - 1}, c: *l${i - 1}}}`);
  return lines.join('\n') + '\n';
}

describe('bounded work: validation time linear in the input', () => {
  it('an alias graph under a recursive schema (CRD openAPIV3Schema) ends in an error within a second', async () => {
    const text = aliasedCrd(30);
    assert.ok(text.length < 3000, `${text.length} bytes`);
    const t0 = Date.now();
    const diags = await diagnosticsOf(text);
    assert.ok(Date.now() - t0 < 1000, `${Date.now() - t0} ms`);
    assert.equal(diags.length, 1);
    assert.equal(diags[0].severity, 'error');
    assert.match(diags[0].message, /alias/i);
  });

  it('a few aliases that do not multiply the document are validated as usual', async () => {
    const diags = await diagnosticsOf(aliasedCrd(3));
    assert.deepEqual(diags, []);
  });

  it('an alias cycle is an error, not a hang or a stack overflow', async () => {
    const diags = await diagnosticsOf('apiVersion: v1\nkind: ConfigMap\nmetadata: &m {name: a, labels: {x: *m}}\n');
    assert.equal(diags.length, 1);
    assert.match(diags[0].message, /contains itself/);
  });

  it('deep nesting ends in a positioned "nested too deeply" error, never "Maximum call stack size exceeded"', async () => {
    for (const depth of [1500, 5000, 50_000]) {
      const text = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  labels: ${'['.repeat(depth)}${']'.repeat(depth)}\n`;
      const t0 = Date.now();
      const diags = await diagnosticsOf(text);
      assert.ok(Date.now() - t0 < 5000, `${depth}: ${Date.now() - t0} ms`); // linear, not a hang (100 KB of brackets at 50,000)
      assert.equal(diags.length, 1, JSON.stringify(diags));
      assert.match(diags[0].message, /nested too deeply/);
      assert.doesNotMatch(diags[0].message, /call stack/);
      assert.equal(diags[0].range.start.line, 4);
    }
  });
});
