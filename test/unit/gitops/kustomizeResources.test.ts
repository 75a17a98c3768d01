import * as assert from 'node:assert/strict';
import { GitOpsError } from '../../../src/core/gitops/gitOpsError';
import { kustomizationResourceEdit } from '../../../src/core/gitops/kustomizeResources';
import { applyTextEdits } from '../../../src/core/gitops/textEdits';

function add(text: string, entry: string): string {
  const edit = kustomizationResourceEdit(text, entry);
  return edit ? applyTextEdits(text, [edit]) : text;
}

describe('listing a new file in a kustomization (gitops/kustomizationResourceEdit)', () => {
  it('appends to a block list after its last item, lined up and quoted like it, comments untouched', () => {
    const text = '# overlay\nresources:\n    - web.yaml # storefront\n    - "api.yaml"\n\n# images below\nimages: []\n';
    assert.equal(add(text, 'cache.yaml'), text.replace('    - "api.yaml"\n', '    - "api.yaml"\n    - "cache.yaml"\n'));
    const noFinalNewline = 'resources:\n- web.yaml';
    assert.equal(add(noFinalNewline, 'cache.yaml'), 'resources:\n- web.yaml\n- cache.yaml\n');
  });

  it('adds to a flow list before its bracket, and fills an empty one', () => {
    assert.equal(add('resources: [web.yaml, api.yaml] # all\n', 'cache.yaml'), 'resources: [web.yaml, api.yaml, cache.yaml] # all\n');
    assert.equal(add('resources: []\n', 'cache.yaml'), 'resources: [cache.yaml]\n');
  });

  it('adds resources: when the file has none, and nothing when the entry is listed', () => {
    assert.equal(add('namePrefix: prod-', 'cache.yaml'), 'namePrefix: prod-\nresources:\n  - cache.yaml\n');
    assert.equal(kustomizationResourceEdit('resources:\n  - cache.yaml\n', 'cache.yaml'), undefined);
  });

  it('refuses resources: that is not a list, and a file that does not parse', () => {
    for (const text of ['resources: web.yaml\n', 'resources: [\n']) {
      assert.throws(() => kustomizationResourceEdit(text, 'cache.yaml'), (e: unknown) => e instanceof GitOpsError && e.kind === 'notEditable');
    }
  });
});
