import * as assert from 'node:assert/strict';
import { DocumentValidator } from '../../../src/core/validation/documentValidator';
import { SchemaStore, type CompiledSchema, type SchemaId } from '../../../src/core/validation/schemaStore';

/** Counts validator runs to prove unchanged documents are not validated again. */
class CountingStore extends SchemaStore {
  runs = 0;
  override getSync(id: SchemaId): CompiledSchema | undefined {
    const c = super.getSync(id);
    if (!c?.validate) return c;
    const inner = c.validate;
    const counted = Object.assign((data: unknown) => {
      this.runs++;
      const ok = inner(data);
      counted.errors = inner.errors;
      return ok;
    }, inner);
    return { ...c, validate: counted as typeof inner };
  }
}

const doc = (name: string, extra = '') => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n${extra}`;

describe('validation: DocumentValidator (editor)', () => {
  it('re-validates only the document that changed and shifts reused results to their new lines', async () => {
    const store = new CountingStore();
    const validator = new DocumentValidator(store);
    const v1 = [doc('a'), doc('b', 'bogus: 1\n'), doc('c')].join('---\n');
    const first = await validator.validate('file:///a.yaml', v1);
    assert.equal(store.runs, 3); // one validation per document: the broken one's positions are read lazily, not by a second pass
    assert.deepEqual(first.diagnostics.map((d) => d.range.start.line), [9]);

    store.runs = 0;
    const v2 = [doc('a', 'data: {x: z}\nbinaryData: {}\n'), doc('b', 'bogus: 1\n'), doc('c')].join('---\n');
    const second = await validator.validate('file:///a.yaml', v2);
    assert.equal(store.runs, 1); // only the edited first document
    assert.deepEqual(second.diagnostics.map((d) => d.range.start.line), [11]);

    store.runs = 0;
    assert.equal(await validator.validate('file:///a.yaml', v2), second); // same text hash: same result object
    assert.equal(store.runs, 0);
  });

  it('drops cached results when options change', async () => {
    const validator = new DocumentValidator(new SchemaStore());
    const text = 'apiVersion: example.com/v1\nkind: Widget\n';
    assert.equal((await validator.validate('u', text)).diagnostics[0].severity, 'information');
    assert.equal((await validator.validate('u', text, { unknownKindSeverity: 'error' })).diagnostics[0].severity, 'error');
  });

  it('stops when cancelled', async () => {
    const validator = new DocumentValidator(new SchemaStore());
    const text = Array.from({ length: 50 }, (_, i) => doc(`n${i}`)).join('---\n');
    const result = await validator.validate('u', text, { token: { isCancellationRequested: true } });
    assert.equal(result.cancelled, true);
    assert.equal(result.documents, 0);
    const full = await validator.validate('u', text);
    assert.equal(full.cancelled, undefined);
    assert.equal(full.documents, 50);
  });
});
